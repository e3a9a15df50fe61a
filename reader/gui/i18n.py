"""The UI language: Lectern's and Qt's translators, and the default QLocale (dates, numbers).

`install_translators(app, language)` runs at start-up and again whenever the
preference changes (no restart).  Installing a translator makes Qt send
`QEvent.LanguageChange` to every widget, which re-set their texts in
`changeEvent`; models are not widgets, so their owners call `retranslate()`.

Sources are `resources/translations/lectern_<lang>.ts`; the `.qm` files are
built from them (`make qm`, and the PyInstaller spec) and never committed.
Qt's own `qtbase_<lang>.qm` is loaded too, so standard buttons, key names and
file dialogs speak the same language.

Contexts: lupdate files a string under the class whose body holds the `tr()`
call, and PySide6's `self.tr()` looks it up under the object's own class
first.  For a plural (`self.tr("%n posts", "", n)`) it stops there, because
the untranslated result ("3 posts") differs from the source and looks like a
hit: so a `tr()` belongs in the class of the object it is called on, never in
a mixin (the window's commands are parts it composes, each a QObject with its
own context: `ReadingCommands`, `ArticleCommands`, `LiveRefresh`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from .resources import resources_dir

__all__ = ["LANGUAGES", "install_translators", "remove_translators", "system_language", "translations_dir",
           "qt_translations_dir", "current_language"]

LANGUAGES = ("en", "zh_CN", "zh_TW")  # what the UI can speak; "" in the preference means the system's
SOURCE_LANGUAGE = "en"  # the language of the strings in the code: no translator needed

_log = logging.getLogger(__name__)
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def translations_dir() -> Path:
    return resources_dir() / "translations"


def qt_translations_dir() -> Path:
    """Where Qt's own catalogues (qtbase_*.qm) are: the wheel's, the bundle's, or a system Qt's."""
    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if any(path.glob("qtbase_*.qm")):
        return path
    import PySide6  # a bundle whose Qt prefix points elsewhere: look next to the package

    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


def _language_of(locale: QLocale) -> str:
    """The UI language for one locale, or "" when Lectern does not speak it."""
    if locale.language() == QLocale.Language.Chinese:
        script = locale.script()
        if script == QLocale.Script.TraditionalHanScript:
            return "zh_TW"
        if script == QLocale.Script.SimplifiedHanScript:
            return "zh_CN"
        traditional = (QLocale.Country.Taiwan, QLocale.Country.HongKong, QLocale.Country.Macao)
        return "zh_TW" if locale.territory() in traditional else "zh_CN"
    if locale.language() == QLocale.Language.English:
        return "en"
    return ""


def system_language(locale: QLocale | None = None) -> str:
    """What "" (the system's language) means: the first of the user's UI languages Lectern speaks
    (zh_TW for Traditional Chinese: Taiwan, Hong Kong, Macao, Hant; zh_CN for other Chinese),
    else English."""
    locale = QLocale.system() if locale is None else locale
    for tag in locale.uiLanguages() or [locale.name()]:
        language = _language_of(QLocale(tag))
        if language:
            return language
    return SOURCE_LANGUAGE


def _format_locale(requested: str, language: str) -> QLocale:
    """The locale dates and numbers follow.  The system's own when the reader kept the system's
    language, or chose the one the system already speaks (so en_GB keeps day/month, zh_HK its
    order); else the chosen language's usual locale (en -> en_US, zh_CN, zh_TW)."""
    system = QLocale.system()
    if not requested or _language_of(system) == language:
        return system
    return QLocale(language)


def remove_translators(app: QCoreApplication | None = None) -> None:
    """Take out the translators installed here and go back to the system locale for formats."""
    global _current
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(QLocale.system())
    _current = SOURCE_LANGUAGE


def install_translators(app: QCoreApplication, language: str) -> str:
    """Speak `language` ("" = the system's, "en", "zh_CN", "zh_TW"); returns the language used.

    Replaces the translators installed by an earlier call, loads Lectern's catalogue and
    Qt's (standard buttons, key names), and makes QLocale() format dates for that language.
    A catalogue that is missing is logged, not fatal: the UI stays in English.
    """
    global _current
    if language and language not in LANGUAGES:
        raise ValueError(f"language must be '' or one of {LANGUAGES}, not {language!r}")
    chosen = language or system_language()
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    QLocale.setDefault(_format_locale(language, chosen))
    if chosen == SOURCE_LANGUAGE:  # the strings are English; only their plural forms ("1 post") come from a catalogue
        translator = QTranslator(app)
        if translator.load(str(translations_dir() / "lectern_en.qm")):
            _installed.append(translator)
            app.installTranslator(translator)
        else:
            _log.warning("translation missing or unreadable: lectern_en.qm (run `make qm`)")
            translator.deleteLater()
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    else:
        for path in (qt_translations_dir() / f"qtbase_{chosen}.qm", translations_dir() / f"lectern_{chosen}.qm"):
            translator = QTranslator(app)
            if path.is_file() and translator.load(str(path)):
                _installed.append(translator)
            else:
                _log.warning("translation missing or unreadable: %s (run `make qm`)", path)
                translator.deleteLater()
        # The translator installed last is asked first: Lectern's, then Qt's.
        for translator in _installed:
            app.installTranslator(translator)
    _current = chosen
    return chosen


def current_language() -> str:
    """The language the last `install_translators` chose ("en" before any call)."""
    return _current

