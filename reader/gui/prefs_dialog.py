"""The Preferences dialog (Ctrl+,): every change is stored and applied at once.

Each control writes its preference through the typed settings wrapper and
emits `changed(key)`; the main window applies it live (theme, typography,
images, language; the network settings of git archives), so the dialog has no
OK/Cancel: Close is enough.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFontComboBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from reader.core import gitsync

from .appearance import default_reading_family
from .settings import (IMAGE_POLICIES, LANGUAGES, MARK_READ_POLICIES, MAX_AUTO_UPDATE_HOURS, PROXY_MODES, THEMES,
                       Settings)

__all__ = ["PreferencesDialog", "LANGUAGE_NAMES"]

# Each language by its own name, as language menus do.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}


class PreferencesDialog(QDialog):
    changed = Signal(str)  # the preference key that changed

    def __init__(self, settings: Settings, archive: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.archive = archive  # the open archive's root, for its own images policy
        self.theme = QComboBox(self)
        self.font_family = QFontComboBox(self)
        self.font_default = QPushButton(self)
        self.font_size = QSpinBox(self)
        self.line_height = QSpinBox(self)
        self.paragraph_spacing = QDoubleSpinBox(self)
        self.text_width = QSpinBox(self)
        self.mark_read = QComboBox(self)
        self.images = QComboBox(self)
        self.image_override = QComboBox(self)
        self.language = QComboBox(self)
        self.language_note = QLabel(self)
        self.proxy_mode = QComboBox(self)
        self.proxy_url = QLineEdit(self)
        self.proxy_note = QLabel(self)
        self.auto_update = QSpinBox(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._groups: list[QGroupBox] = [QGroupBox(self) for _ in range(4)]
        self._forms: list[QFormLayout] = []
        self._setup_ui()
        self._load()
        self._connect_signals()

    # --- building -----------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        self.font_family.setFontFilters(QFontComboBox.FontFilter.ScalableFonts)
        self.font_size.setRange(6, 48)
        self.line_height.setRange(100, 300)
        self.line_height.setSingleStep(10)
        self.line_height.setSuffix(" %")
        self.paragraph_spacing.setRange(0.0, 4.0)
        self.paragraph_spacing.setSingleStep(0.1)
        self.paragraph_spacing.setDecimals(1)
        self.text_width.setRange(0, 200)
        self.text_width.setSingleStep(5)
        self.language_note.setWordWrap(True)
        self.proxy_note.setWordWrap(True)
        self.proxy_note.setObjectName("proxy-note")
        self.proxy_url.setPlaceholderText("http://proxy.example.com:8080")
        self.proxy_url.setClearButtonEnabled(True)
        self.auto_update.setRange(0, MAX_AUTO_UPDATE_HOURS)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_family, 1)
        font_row.addWidget(self.font_default)
        rows = [
            [(self.theme, None), (None, font_row), (self.font_size, None), (self.line_height, None),
             (self.paragraph_spacing, None), (self.text_width, None)],
            [(self.mark_read, None), (self.images, None), (self.image_override, None)],
            [(self.language, None), (self.language_note, None)],
            [(self.proxy_mode, None), (self.proxy_url, None), (self.proxy_note, None), (self.auto_update, None)],
        ]
        layout = QVBoxLayout(self)
        for group, group_rows in zip(self._groups, rows):
            form = QFormLayout(group)
            for widget, sub in group_rows:
                form.addRow(QLabel(group), widget if widget is not None else sub)
            self._forms.append(form)
            layout.addWidget(group)
        layout.addWidget(self.buttons)
        self.image_override.setEnabled(self.archive is not None)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        titles = (self.tr("Reading"), self.tr("Behaviour"), self.tr("Language"), self.tr("Network"))
        labels = ((self.tr("&Theme:"), self.tr("&Font:"), self.tr("Font &size:"), self.tr("&Line height:"),
                   self.tr("&Paragraph spacing:"), self.tr("Text &width:")),
                  (self.tr("&Mark posts read:"), self.tr("&Remote images:"), self.tr("For &this archive:")),
                  (self.tr("&User interface:"), ""),
                  (self.tr("Pro&xy:"), self.tr("Proxy &address:"), "", self.tr("Update &git archives:")))
        for group, form, title, texts in zip(self._groups, self._forms, titles, labels):
            group.setTitle(title)
            for row, text in enumerate(texts):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                assert isinstance(label, QLabel)
                label.setText(text)
                buddy = field.widget() or field.layout().itemAt(0).widget()
                label.setBuddy(buddy)
                buddy.setAccessibleName(text.replace("&", "").rstrip(":："))
        self._fill(self.theme, THEMES, (self.tr("Follow the system"), self.tr("Light"), self.tr("Dark"),
                                        self.tr("Sepia")))
        self._fill(self.mark_read, MARK_READ_POLICIES, (self.tr("As soon as they are opened"),
                                                        self.tr("After two seconds"), self.tr("Never automatically")))
        self._fill(self.images, IMAGE_POLICIES, (self.tr("Never load"), self.tr("Ask for each post"),
                                                 self.tr("Always load")))
        self._fill(self.image_override, ("", "always", "never"),
                   (self.tr("Use the setting above"), self.tr("Always load"), self.tr("Never load")))
        self._fill(self.language, LANGUAGES, (self.tr("System language"), *LANGUAGE_NAMES.values()))
        self.font_default.setText(self.tr("Default"))
        self.font_default.setToolTip(self.tr("Use the platform's reading font (%1)").replace(
            "%1", default_reading_family()))
        self.font_size.setSuffix(self.tr(" pt"))
        self.paragraph_spacing.setSuffix(self.tr(" em"))
        self.text_width.setSuffix(self.tr(" characters"))
        self.text_width.setSpecialValueText(self.tr("No limit"))
        self.text_width.setToolTip(self.tr("The widest line, in Chinese characters (about twice as many Latin "
                                           "letters); the text is centred in the pane."))
        self.language_note.setText(self.tr("Menus and dialogs change at once."))
        self._fill(self.proxy_mode, PROXY_MODES, (self.tr("No proxy"), self.tr("From the environment (HTTPS_PROXY)"),
                                                  self.tr("This proxy")))
        self.auto_update.setSpecialValueText(self.tr("Only when I ask"))
        self.auto_update.setPrefix(self.tr("every "))
        self.auto_update.setSuffix(self.tr(" h"))
        self.auto_update.setToolTip(self.tr("Lectern connects only to add or update a git archive: when you ask, "
                                            "or every so many hours if you choose it here."))
        self._show_proxy_problem()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @staticmethod
    def _fill(combo: QComboBox, values: tuple[str, ...], texts: tuple[str, ...]) -> None:
        """(Re)fill a combo: texts shown, values as item data; keeps the chosen value."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for value, text in zip(values, texts):
            combo.addItem(text, value)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _load(self) -> None:
        prefs = self.settings.prefs
        for combo, value in ((self.theme, prefs.theme), (self.mark_read, prefs.mark_read),
                             (self.images, prefs.images), (self.language, prefs.language),
                             (self.image_override, prefs.image_override(self.archive) if self.archive else "")):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.font_family.setCurrentFont(QFont(prefs.font_family or default_reading_family()))
        self.font_size.setValue(prefs.font_size)
        self.line_height.setValue(prefs.line_height)
        self.paragraph_spacing.setValue(prefs.paragraph_spacing)
        self.text_width.setValue(prefs.text_width)
        self.proxy_mode.setCurrentIndex(max(0, self.proxy_mode.findData(prefs.proxy_mode)))
        self.proxy_url.setText(prefs.proxy_url)
        self.auto_update.setValue(prefs.auto_update_hours)

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.theme.currentIndexChanged.connect(lambda _i: self._store("theme", self.theme.currentData()))
        self.mark_read.currentIndexChanged.connect(lambda _i: self._store("mark_read", self.mark_read.currentData()))
        self.images.currentIndexChanged.connect(lambda _i: self._store("images", self.images.currentData()))
        self.image_override.currentIndexChanged.connect(self._on_image_override_changed)
        self.language.currentIndexChanged.connect(lambda _i: self._store("language", self.language.currentData()))
        self.font_family.currentFontChanged.connect(self._on_font_family_changed)
        self.font_default.clicked.connect(lambda: self.font_family.setCurrentFont(QFont(default_reading_family())))
        self.font_size.valueChanged.connect(lambda v: self._store("font_size", v))
        self.line_height.valueChanged.connect(lambda v: self._store("line_height", v))
        self.paragraph_spacing.valueChanged.connect(lambda v: self._store("paragraph_spacing", v))
        self.text_width.valueChanged.connect(lambda v: self._store("text_width", v))
        self.proxy_mode.currentIndexChanged.connect(self._on_proxy_changed)
        self.proxy_url.textChanged.connect(self._on_proxy_changed)
        self.auto_update.valueChanged.connect(lambda v: self._store("auto_update_hours", v))

    # --- storing --------------------------------------------------------------------------------

    def _store(self, key: str, value: object) -> None:
        setattr(self.settings.prefs, key, value)
        self.changed.emit(key)

    def _on_proxy_changed(self, *_args: object) -> None:
        self.settings.prefs.proxy_mode = self.proxy_mode.currentData() or "none"
        self.settings.prefs.proxy_url = self.proxy_url.text()
        self._show_proxy_problem()
        self.changed.emit("proxy")

    def _show_proxy_problem(self) -> None:
        """Say at once when the proxy cannot be used (SOCKS, a malformed address), not at the next update."""
        mode = self.proxy_mode.currentData() or "none"
        self.proxy_url.setEnabled(mode == "url")
        proxy = gitsync.Proxy(mode, self.proxy_url.text())
        problem = proxy.problem("https://example.com/")
        if problem and mode == "url" and not self.proxy_url.text().strip():
            problem = self.tr("Enter the proxy's address, like http://proxy.example.com:8080.")
        elif problem and "socks" in proxy.resolved("https://example.com/").lower():
            problem = self.tr("SOCKS proxies are not supported: use an HTTP proxy (http://host:port).")
        elif problem:
            problem = self.tr("This proxy address cannot be used: write it like http://host:port.")
        self.proxy_note.setText(problem or (self.tr("Used only to add and update git archives.")))
        self.proxy_note.setStyleSheet("color: #b00020;" if problem else "")

    def _on_font_family_changed(self, font: QFont) -> None:
        family = font.family()
        self._store("font_family", "" if family == default_reading_family() else family)

    def _on_image_override_changed(self, _index: int) -> None:
        if self.archive is not None:
            self.settings.prefs.set_image_override(self.archive, self.image_override.currentData())
            self.changed.emit("image_override")
