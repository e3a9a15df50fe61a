"""Git archives in the window: adding one by its URL, updating them, and what went wrong.

* **Add** (File › Add Archive from Git…, or a URL dropped on the window): the
  clone runs as a background task with its progress in the dialog (at most ten
  updates a second, `reader.core.gitsync`); Cancel stops it and nothing is left
  behind; once it is there the archive joins the library and its list shows
  as its posts are read.
* **Update** (Update Archive, Update All Archives, and every N hours when the
  reader turned that on in Preferences › Network): one archive at a time,
  fetched in the background; its index then picks up what changed and the
  status bar says how many posts are new.  Lectern never connects otherwise.
* **Failures** leave the archive readable as it was.  The message is on the
  archive's row in the tree (a warning icon, the reason as its tooltip) and in
  the status bar with Retry (and Fresh Copy when the local repository is
  damaged).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from reader.core import gitsync
from reader.core.gitlibrary import UpdateReport, archives_dir, download, fresh_copy, known_url, update_archive
from reader.core.identity import git_origin
from reader.core.library import LibraryArchive

from .git_dialog import AddGitDialog
from .settings import Settings
from .tasks import Runner, TaskContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .library_control import LibraryControl

__all__ = ["GitControl", "AUTO_CHECK_MS", "FAILURES"]

# What a failure of each kind (gitsync.GitSyncError.kind) says in the reader's language; %1 is the server.
# Other kinds show the core's own sentence.
FAILURES = {
    "dns": QT_TRANSLATE_NOOP("GitControl", "Could not find the server %1. Check the address and your connection."),
    "refused": QT_TRANSLATE_NOOP("GitControl", "%1 refused the connection. Check the address, or try again later."),
    "reset": QT_TRANSLATE_NOOP("GitControl", "The connection to %1 was broken. Try again."),
    "timeout": QT_TRANSLATE_NOOP("GitControl", "%1 did not answer in time. Check your connection (or proxy) and "
                                               "try again."),
    "auth": QT_TRANSLATE_NOOP("GitControl", "%1 asks for a user name and password: Lectern only reads public "
                                            "archives."),
    "not_found": QT_TRANSLATE_NOOP("GitControl", "%1 has no archive at this address."),
    "server": QT_TRANSLATE_NOOP("GitControl", "%1 had a problem of its own (a server error). Try again later."),
    "eof": QT_TRANSLATE_NOOP("GitControl", "The download from %1 was cut off before its end. Try again."),
    "tls": QT_TRANSLATE_NOOP("GitControl", "The secure connection to %1 could not be trusted (its certificate "
                                           "was refused)."),
    "disk_full": QT_TRANSLATE_NOOP("GitControl", "The disk is full: free some space and try again."),
    "damaged": QT_TRANSLATE_NOOP("GitControl", "The local copy of this archive is damaged. Download a fresh copy: "
                                               "your read and starred posts are kept."),
}

AUTO_CHECK_MS = 60_000  # how often the automatic update looks at the clock
_LAST_AUTO = "git_auto_updated_at"  # library value: when the automatic update last ran (seconds)


class GitControl(QObject):
    def __init__(self, window: QWidget, settings: Settings, runner: Runner, library: LibraryControl,
                 bar: QStatusBar, show_message: Callable[[str, int], None]) -> None:
        super().__init__(window)
        self.window, self.settings, self.runner, self.library = window, settings, runner, library
        self._show_message = show_message
        self.dialog: AddGitDialog | None = None
        self.cloning = False  # a clone is running (its dialog shows it)
        self._stop_clone = threading.Event()
        self._update: TaskContext | None = None
        self.updating: str | None = None  # the archive being fetched
        self.queue: list[str] = []
        self.errors: dict[str, UpdateReport] = {}  # archive id -> its last failed update (its message translated)
        self.details: dict[str, str] = {}  # archive id -> the failure as the core said it
        self.status = QWidget(window)
        self.status_text = QLabel(self.status)
        self.retry_button = QPushButton(self.status)
        self.fresh_button = QPushButton(self.status)
        self._setup_ui(bar)
        self._hide_status = QTimer(self)
        self._hide_status.setSingleShot(True)
        self._hide_status.timeout.connect(self.status.hide)
        self._auto = QTimer(self)
        self._auto.setInterval(AUTO_CHECK_MS)
        self._auto.timeout.connect(self._on_auto_tick)
        self._auto.start()
        library.menu.aboutToShow.connect(self._offer_in_menu)  # after the Library menu is filled

    def _setup_ui(self, bar: QStatusBar) -> None:
        layout = QHBoxLayout(self.status)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_text)
        for button in (self.retry_button, self.fresh_button):
            button.setFlat(True)
            layout.addWidget(button)
        self.retry_button.clicked.connect(self.retry)
        self.fresh_button.clicked.connect(self._on_fresh_clicked)
        self.status.hide()
        bar.addPermanentWidget(self.status)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.retry_button.setText(self.tr("Retry"))
        self.fresh_button.setText(self.tr("Fresh Copy"))
        self.fresh_button.setToolTip(self.tr("Download the archive again: its local copy is damaged. "
                                             "Your read and starred posts are kept."))

    # --- what is there -------------------------------------------------------------------------

    def proxy(self) -> gitsync.Proxy:
        prefs = self.settings.prefs
        return gitsync.Proxy(prefs.proxy_mode, prefs.proxy_url)

    def git_archives(self) -> list[LibraryArchive]:
        session = self.library.session
        return [a for a in session.archives if a.kind == "git"] if session is not None else []

    def _archive(self, archive_id: str) -> LibraryArchive | None:
        session = self.library.session
        return session.index.archive(archive_id) if session is not None else None

    def explain(self, kind: str, url: str, message: str) -> str:
        """A failure in the reader's language (the core's English sentence when there is no translation)."""
        text = FAILURES.get(kind)
        return self.tr(text).replace("%1", gitsync.host_of(url)) if text else message

    def busy(self) -> bool:
        return self.cloning or self.updating is not None

    # --- adding ----------------------------------------------------------------------------------

    def open_add_dialog(self) -> None:
        """File › Add Archive from Git…: the address from the clipboard when it holds one."""
        text = QApplication.clipboard().text().strip()
        self.add_dialog(text if gitsync.is_git_url(text) and not os.path.exists(text) else "")

    def add_dialog(self, url: str = "") -> AddGitDialog:
        """Open the dialog (a clone already running: show its dialog again)."""
        if self.dialog is not None:
            self.dialog.show()
            self.dialog.raise_()
            return self.dialog
        dialog = AddGitDialog(str(archives_dir()), url, self.window)
        dialog.requested.connect(self._on_clone_requested)
        dialog.cancel_requested.connect(self._on_cancel_clone)
        dialog.finished.connect(lambda _r, d=dialog: self._on_dialog_closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_closed(self, dialog: AddGitDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _on_clone_requested(self, url: str, name: str, full: bool, folder: str) -> None:
        dialog = self.dialog
        problem = self.proxy().problem(url)
        if problem:
            if dialog is not None:
                dialog.show_error(problem)
            return
        session = self.library.session
        known = known_url(session.library, url) if session is not None else None
        if known is not None:
            if dialog is not None:
                dialog.show_error(self.tr("“%1” is this archive, already in your library: update it instead.")
                                  .replace("%1", known.name))
            return
        gitsync.configure_tls()
        proxy = self.proxy()
        stop = self._stop_clone = threading.Event()  # Cancel, polled by the transfer's callbacks

        def work(ctx: TaskContext) -> gitsync.Fetched | gitsync.GitSyncError:
            try:
                return download(url, full=full, folder=folder, proxy=proxy, progress=ctx.partial,
                                cancel=lambda: stop.is_set() or ctx.cancelled())
            except gitsync.GitSyncError as exc:
                return exc

        self.cloning = True  # (before the task: a synchronous runner is done when `run` returns)
        self.runner.run(work, done=lambda result: self._on_cloned(result, name, url),
                        failed=lambda message, _d="": self._on_clone_failed(_reason(message)),
                        partial=self._on_clone_progress)

    def _on_clone_progress(self, transfer: object) -> None:
        if self.dialog is not None and isinstance(transfer, gitsync.Transfer):
            self.dialog.show_progress(transfer)

    def _on_cancel_clone(self) -> None:
        self._stop_clone.set()

    def _on_clone_failed(self, message: str, cancelled: bool = False) -> None:
        self.cloning = False
        dialog = self.dialog
        if dialog is not None:
            if cancelled:
                dialog.finish()
            else:
                dialog.show_error(message)

    def _on_cloned(self, fetched: gitsync.Fetched | gitsync.GitSyncError, name: str, url: str) -> None:
        if isinstance(fetched, gitsync.GitSyncError):
            self._on_clone_failed(self.explain(fetched.kind, url, str(fetched)), cancelled=fetched.kind == "cancelled")
            return
        self.cloning = False
        if self.dialog is not None:
            self.dialog.finish()
        if not self.library.open_path(fetched.path):  # no posts there: the refusal says so
            _remove_tree(fetched.path)
            return
        session = self.library.session
        archive = next((a for a in session.archives if os.path.realpath(a.path) == os.path.realpath(fetched.path)),
                       None) if session is not None else None
        if archive is not None and name:
            self.library.rename_archive(archive.id, name)
        self._show_message(self.tr("Added “%1”: %2 downloaded in %3 s.").replace(
            "%1", archive.name if archive is not None else fetched.url).replace("%2", gitsync.size_text(fetched.bytes))
            .replace("%3", f"{fetched.seconds:.1f}"), 8000)

    def _offer_in_menu(self) -> None:
        """A folder that is the reader's own git clone: offer to read it from a download Lectern
        updates instead (the same archive: its marks come along); the clone itself is left alone."""
        current = self.library.current_archive()
        archive = self._archive(current) if current else None
        if archive is None or archive.kind != "folder" or not archive.id.startswith("git:"):
            return
        found = git_origin(archive.path)
        if found is None or found[1] or not gitsync.is_git_url(found[0]):
            return
        action = self.library.menu.addAction(self.tr("Download “%1” from Its Git Address…").replace(
            "%1", archive.name.replace("&", "&&")))
        action.triggered.connect(lambda _c=False, url=found[0]: self.add_dialog(url))

    # --- updating --------------------------------------------------------------------------------

    def update_current(self) -> None:
        """Update the archive the reader is on (the only one, in a library of one)."""
        current = self.library.current_archive()
        archive = self._archive(current) if current else None
        if archive is None:
            gits = self.git_archives()
            if len(gits) != 1:
                self._show_message(self.tr("Select a git archive in the tree to update it."), 6000)
                return
            archive = gits[0]
        if archive.kind != "git":
            self._show_message(self.tr("“%1” is a folder: Lectern never changes it. Update it with git "
                                       "yourself; the window picks up what changed.").replace("%1", archive.name),
                               8000)
            return
        self.update([archive.id])

    def update_all(self) -> None:
        ids = [a.id for a in self.git_archives()]
        if not ids:
            self._show_message(self.tr("There is no git archive in the library: add one with File › Add "
                                       "Archive from Git…"), 8000)
            return
        self.update(ids)

    def update(self, ids: list[str]) -> None:
        """Queue these archives' updates (one at a time; an archive already waiting waits once)."""
        for ident in ids:
            if ident != self.updating and ident not in self.queue:
                self.queue.append(ident)
        if self.updating is None:
            self._next()

    def retry(self) -> None:
        self.update(list(self.errors))

    def _next(self) -> None:
        archive = None
        while self.queue and archive is None:
            archive = self._archive(self.queue.pop(0))
        if archive is None:
            self.updating = None
            return
        self.updating = archive.id
        proxy = self.proxy()
        problem = proxy.problem()
        if problem:
            self._on_updated(UpdateReport(archive.id, archive.name, error=problem, kind="proxy"))
            return
        gitsync.configure_tls()
        self._status(self.tr("Updating “%1”…").replace("%1", archive.name))

        def work(ctx: TaskContext) -> UpdateReport:
            return update_archive(archive, proxy=proxy, cancel=ctx.cancelled, index=False)

        self._update = self.runner.run(work, done=self._on_updated,
                                       failed=lambda message, _d="", a=archive: self._on_updated(
                                           UpdateReport(a.id, a.name, error=_reason(message), kind="other")))

    def _on_updated(self, report: UpdateReport) -> None:
        self._update = None
        if report.error:
            archive = self._archive(report.id)
            url = gitsync.origin_url(archive.path) if archive is not None and archive.kind == "git" else ""
            self.errors[report.id] = replace(report, error=self.explain(report.kind, url, report.error))
            self.details[report.id] = report.error  # the core's own sentence (the HTTP code, ...): in the tooltip
        else:
            self.errors.pop(report.id, None)
        self._show_alerts()
        session = self.library.session
        member = session.members.get(report.id) if session is not None else None
        if not report.error and member is not None and report.old_tip != report.new_tip:
            member.refreshed.connect(self._once_indexed(report, member))
            member.refresh()
        elif not report.error:
            self._status(self.tr("“%1” is up to date.").replace("%1", report.name), 6000)
        self.updating = None
        self._next()

    def _once_indexed(self, report: UpdateReport, member: QObject) -> Callable[[object], None]:
        """The status once the index has taken the update in: how many posts are new."""
        def shown(scan: object) -> None:
            try:
                member.refreshed.disconnect(shown)  # type: ignore[attr-defined]
            except (RuntimeError, TypeError):
                pass
            added = getattr(scan, "added", 0)
            moved, removed = getattr(scan, "moved", 0), getattr(scan, "removed", 0)
            if not report.old_tip:  # a fresh copy
                text = self.tr("“%1” was downloaded again: %n new post(s)", "", added)
            elif moved or removed:
                text = self.tr("“%1” updated: %n new post(s), %2 moved, %3 removed", "", added)
            else:
                text = self.tr("“%1” updated: %n new post(s)", "", added)
            self._status(text.replace("%1", report.name).replace("%2", str(moved)).replace("%3", str(removed)),
                         10000)
        return shown

    def _show_alerts(self) -> None:
        """The failures on their archives' rows and in the status bar."""
        session = self.library.session
        if session is not None:
            session.alerts = {i: r.error for i, r in self.errors.items()}  # (for the next time it is built)
            self.library.tree_pane.model.set_alerts(session.alerts)
        if self.errors:
            first = next(iter(self.errors.values()))
            text = (self.tr("Updating “%1” failed: %2").replace("%1", first.name).replace("%2", first.error)
                    if len(self.errors) == 1 else
                    self.tr("%n archive(s) could not be updated; “%1”: %2", "", len(self.errors))
                    .replace("%1", first.name).replace("%2", first.error))
            self.status_text.setText(text)
            self.status_text.setToolTip("\n".join(f"{r.name}: {r.error}\n    {self.details.get(i, '')}"
                                                  for i, r in self.errors.items()))
            self.retry_button.show()
            self.fresh_button.setVisible(any(r.fresh_clone for r in self.errors.values()))
            self._hide_status.stop()
            self.status.show()
        elif self.updating is None and not self.queue:
            self.status.hide()

    def _status(self, text: str, ms: int = 0) -> None:
        if self.errors:
            self._show_message(text, ms)
            return
        self.status_text.setText(text)
        self.status_text.setToolTip("")
        self.retry_button.hide()
        self.fresh_button.hide()
        self.status.show()
        self._hide_status.stop()
        if ms:  # a passing note: gone after `ms` unless something else is shown meanwhile
            self._hide_status.setInterval(ms)
            self._hide_status.start()

    def _on_fresh_clicked(self) -> None:
        damaged = [r for r in self.errors.values() if r.fresh_clone]
        if not damaged:
            return
        archive = self._archive(damaged[0].id)
        if archive is None:
            return
        proxy = self.proxy()
        self._status(self.tr("Downloading “%1” again…").replace("%1", archive.name))
        self.updating = archive.id

        self._update = self.runner.run(lambda ctx: fresh_copy(archive, proxy=proxy, cancel=ctx.cancelled),
                                       done=self._on_updated,
                                       failed=lambda message, _d="": self._on_updated(UpdateReport(
                                           archive.id, archive.name, error=_reason(message), kind="other")))

    # --- automatic updates, start and end ---------------------------------------------------------

    def _on_auto_tick(self) -> None:
        hours = self.settings.prefs.auto_update_hours
        session = self.library.session
        if not hours or session is None or self.busy() or not self.git_archives():
            return
        last = float(session.library.value(_LAST_AUTO) or 0)
        now = time.time()
        if now - last < hours * 3600:
            return
        session.library.set_value(_LAST_AUTO, str(now))
        self.update_all()

    def start(self) -> None:
        """A library opened: locks a killed fetch left, and folders a killed clone left, go (no network)."""
        paths = [Path(a.path) for a in self.git_archives()]
        if not paths:
            return
        parents = {p.parent for p in paths}

        def work(_ctx: TaskContext) -> list[str]:
            removed: list[str] = []
            for path in paths:
                if path.is_dir():
                    removed += gitsync.clean_stale(path)
            for parent in parents:
                removed += gitsync.clean_partials(parent)
            return removed

        self.runner.run(work, failed=lambda *_a: None)

    def close(self) -> None:
        self._auto.stop()
        self.queue.clear()
        self._stop_clone.set()
        if self._update is not None:
            self._update.cancel()


def _reason(message: str) -> str:
    """A task's failure ('GitSyncError: the reason') as the reason alone."""
    head, sep, rest = message.partition(": ")
    return rest if sep and head.isidentifier() else message


def _remove_tree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
