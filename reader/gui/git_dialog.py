"""File › Add Archive from Git…: the address, a name, how much history, where; then the clone's progress.

The dialog only asks and shows: `reader.gui.git_control` runs the clone and
feeds progress back (`show_progress`, `show_error`, `finish`).  Cancel during a
clone asks the control to stop it; the dialog stays until the clone has
cleaned up after itself, so that nothing is left behind.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from reader.core import gitsync

__all__ = ["AddGitDialog"]


class AddGitDialog(QDialog):
    requested = Signal(str, str, bool, str)  # url, name ('' for the default), whole history, folder
    cancel_requested = Signal()

    def __init__(self, folder: str, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add-git")
        self.folder = folder
        self.url = QLineEdit(url, self)
        self.name = QLineEdit(self)
        self.full = QCheckBox(self)
        self.folder_label = QLabel(folder, self)
        self.folder_button = QPushButton(self)
        self.note = QLabel(self)
        self.progress = QProgressBar(self)
        self.status = QLabel(self)
        self.error = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self._busy = False
        self._form = QFormLayout()
        self._setup_ui()
        self._connect_signals()

    # --- what the control calls -------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        """A clone is running: the fields are fixed, Cancel stops it."""
        self._busy = busy
        for widget in (self.url, self.name, self.full, self.folder_button, self.add_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.status.setVisible(busy)
        if busy:
            self.error.hide()
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Connecting…"))

    def show_progress(self, t: gitsync.Transfer) -> None:
        if t.total_objects:
            self.progress.setRange(0, t.total_objects)
            self.progress.setValue(t.objects)
        if t.phase == "resolving" and t.total_deltas:
            text = self.tr("Resolving %1 of %2 changes…").replace("%1", f"{t.deltas:,}").replace(
                "%2", f"{t.total_deltas:,}")
        elif t.phase in ("receiving", "done"):
            text = self.tr("Received %1 of %2 objects (%3)").replace("%1", f"{t.objects:,}").replace(
                "%2", f"{t.total_objects:,}").replace("%3", gitsync.size_text(t.bytes))
        else:
            text = self.tr("Connecting…")
        self.status.setText(text)

    def show_cancelling(self) -> None:
        self.status.setText(self.tr("Cancelling…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)

    def show_error(self, message: str) -> None:
        """The clone failed: say why, and let the reader change something and try again."""
        self.set_busy(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        self.error.setText(message)
        self.error.show()
        self.add_button.setText(self.tr("Try Again"))

    def finish(self) -> None:
        self._busy = False
        self.accept()

    # --- building -----------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.url.setMinimumWidth(420)
        self.url.setClearButtonEnabled(True)
        self.note.setWordWrap(True)
        self.error.setWordWrap(True)
        self.error.setObjectName("add-git-error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.progress.hide()
        self.status.hide()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        for field in (self.url, self.name, self.full):
            self._form.addRow(QLabel(self), field)
        self._form.addRow(QLabel(self), folder_row)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        for widget in (self.note, self.progress, self.status, self.error, self.buttons):
            layout.addWidget(widget)
        self.add_button.setDefault(True)
        self.url.setFocus()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add Archive from Git"))
        texts = (self.tr("Add&ress:"), self.tr("&Name:"), "", self.tr("Save in:"))
        for row, text in enumerate(texts):
            label = self._form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            assert isinstance(label, QLabel)
            label.setText(text)
            field = self._form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            buddy = field.widget() or field.layout().itemAt(0).widget()
            label.setBuddy(buddy)
            if text:
                buddy.setAccessibleName(text.replace("&", "").rstrip(":："))
        self.url.setPlaceholderText("https://github.com/owner/archive")
        self.name.setPlaceholderText(self.tr("the archive's own name"))
        self.full.setText(self.tr("Download the &whole history (much larger; the latest is enough to read)"))
        self.folder_button.setText(self.tr("&Change…"))
        self.note.setText(self.tr("Only the main branch is downloaded, and nothing is checked out: every post "
                                  "is read straight from git. Lectern connects only when you add or update."))
        if not self._busy and not self.error.isVisible():
            self.add_button.setText(self.tr("&Add"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.buttons.rejected.connect(self._on_cancel)
        self.folder_button.clicked.connect(self._on_folder_clicked)

    # --- slots --------------------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        url = self.url.text().strip()
        if not gitsync.is_git_url(url):
            self.show_error(self.tr("“%1” is not a git address. Paste the archive's address, like "
                                    "https://github.com/owner/archive").replace("%1", url) if url
                            else self.tr("Enter the archive's git address."))
            self.add_button.setText(self.tr("&Add"))
            return
        self.set_busy(True)
        self.requested.emit(url, self.name.text().strip(), self.full.isChecked(), self.folder)

    def _on_cancel(self) -> None:
        if self._busy:
            self.show_cancelling()
            self.cancel_requested.emit()  # the control closes the dialog once the clone is gone
        else:
            self.reject()

    def reject(self) -> None:  # Esc and the close button: cancel a running clone first
        if self._busy:
            self._on_cancel()
            return
        super().reject()

    def _on_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save Git Archives In"), self.folder)
        if folder:
            self.folder = folder
            self.folder_label.setText(folder)
