"""lectern-cli and git archives: ``library add URL`` (a clone, progress on stderr) and ``library update``.

Every line of JSON says, per archive, ``added``, ``moved``, ``removed``,
``changed``, ``bytes`` and ``seconds``, or ``error`` with its message; the
exit status is 1 when any archive failed.  Nothing here runs unless asked: no
other command connects anywhere.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from . import gitsync, paths
from .cli_base import CliError, emit
from .gitlibrary import UpdateReport, add_from_url, update_archive
from .library import Library, LibraryArchive, LibraryError

__all__ = ["run", "proxy_of"]


def proxy_of(value: str | None) -> gitsync.Proxy:
    """--proxy: none by default, 'env' for the environment's, else a proxy URL (checked here)."""
    if not value:
        return gitsync.Proxy()
    proxy = gitsync.Proxy("env") if value == "env" else gitsync.Proxy("url", value)
    problem = proxy.problem()
    if problem:
        raise CliError(f"--proxy {value}: {problem}", 2)
    return proxy


class _Progress:
    """Transfer progress on stderr, one line rewritten in place (a line each on a pipe, a few a second)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, t: gitsync.Transfer) -> None:
        now = time.monotonic()
        if not self.tty and t.phase != "done" and now - self.last < 2:
            return
        self.last = now
        total = f"/{t.total_objects:,}" if t.total_objects else ""
        line = f"{self.label}: {t.phase} {t.objects:,}{total} objects, {gitsync.size_text(t.bytes)}"
        sys.stderr.write(("\r" + line + "\x1b[K") if self.tty else line + "\n")
        if self.tty and t.phase == "done":
            sys.stderr.write("\n")
        sys.stderr.flush()


def run(action: str, args: argparse.Namespace) -> int:
    gitsync.configure_tls()
    proxy = proxy_of(getattr(args, "proxy", None))
    with Library(args.data_dir) as library:
        if action == "add":
            return _add(args, library, proxy)
        return _update(args, library, proxy)


def _add(args: argparse.Namespace, library: Library, proxy: gitsync.Proxy) -> int:
    url = args.path
    try:
        archive, fetched = add_from_url(library, url, name=args.name, full=args.full, folder=args.folder,
                                        proxy=proxy, progress=None if args.json else _Progress(url))
    except gitsync.GitSyncError as exc:
        raise CliError(f"{url}: {exc}") from None
    except LibraryError as exc:
        raise CliError(str(exc)) from None
    number = next((n for n, a in enumerate(library.archives(), 1) if a.id == archive.id), 0)
    data = {"added": {"number": number, "id": archive.id, "name": archive.name, "path": archive.path,
                      "kind": archive.kind, "url": fetched.url, "branch": fetched.branch, "tip": fetched.new_tip,
                      "shallow": fetched.shallow},
            "bytes": fetched.bytes, "seconds": round(fetched.seconds, 3)}
    history = "the last commit" if fetched.shallow else "the whole history"
    emit(args, data, f"added “{archive.name}” ({archive.id}): {history} of {fetched.branch}, "
                     f"{gitsync.size_text(fetched.bytes)} in {fetched.seconds:.1f} s, at {archive.path}")
    return 0


def _chosen(args: argparse.Namespace, library: Library) -> list[LibraryArchive]:
    if args.all and args.archives:
        raise CliError("library update: give archives or --all, not both", 2)
    if args.all:
        found = [a for a in library.archives() if a.kind == "git"]
        if not found:
            raise CliError("the library has no git archive: add one with `lectern-cli library add URL`")
        return found
    if not args.archives:
        raise CliError("library update: name the archives to update, or --all", 2)
    chosen = []
    for token in args.archives:
        a = library.find(token)
        if a is None:
            names = ", ".join(x.name for x in library.archives()) or "none"
            raise CliError(f"no archive “{token}” in the library (it has: {names})")
        chosen.append(a)
    return chosen


def _update(args: argparse.Namespace, library: Library, proxy: gitsync.Proxy) -> int:
    reports: list[UpdateReport] = []
    for a in _chosen(args, library):
        progress = None if args.json else _Progress(a.name)
        reports.append(update_archive(a, cache_dir=paths.cache_dir(args.cache_dir), proxy=proxy, progress=progress))
    data: dict[str, Any] = {"archives": [r.json() for r in reports]}
    emit(args, data, "\n".join(_line(r) for r in reports))
    return 1 if any(r.error for r in reports) else 0


def _line(r: UpdateReport) -> str:
    if r.error:
        return f"{r.name}: failed: {r.error}"
    if r.old_tip == r.new_tip:
        return f"{r.name}: up to date ({gitsync.size_text(r.bytes)}, {r.seconds:.1f} s)"
    return (f"{r.name}: {r.added} new, {r.moved} moved, {r.removed} removed, {r.changed} changed "
            f"({gitsync.size_text(r.bytes)}, {r.seconds:.1f} s)")
