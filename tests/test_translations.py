"""Translations: the .ts sources are complete and up to date, and the UI really speaks them.

(a) every entry of lectern_zh_CN.ts / lectern_zh_TW.ts is translated (no unfinished, obsolete or
vanished entry), keeps its placeholders and accelerator, and is written in its own script;
(b) the .ts files hold exactly what pyside6-lupdate extracts from reader/gui now (a new string
fails here, named, until `make ts` and a translation);
(c) with .qm files compiled from them, switching the language translates a real window's menus,
live and at start-up, and a string from each GUI module appears translated (PySide6's tr()
context must match the one lupdate writes, the window's composed parts included); English comes back;
(d) dates follow the language's locale.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QWidget

from gui_helpers import make_window

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
sys.path.insert(0, str(ROOT / "packaging"))
from packaging_info import QT_TRANSLATIONS_KEPT, TRANSLATION_LANGUAGES, pyside_tool  # noqa: E402

LANGUAGES = TRANSLATION_LANGUAGES
BAD_TYPES = {"unfinished", "obsolete", "vanished"}
PLACEHOLDER = re.compile(r"%(?:\d|n)")
ACCELERATOR = re.compile(r"&([^&\s])")
MENUS = {  # the menu bar, per language
    "en": ["&File", "&Go", "&Post", "&View", "&Help"],
    "zh_CN": ["文件(&F)", "转到(&G)", "文章(&P)", "查看(&V)", "帮助(&H)"],
    "zh_TW": ["檔案(&F)", "前往(&G)", "文章(&P)", "檢視(&V)", "說明(&H)"],
}


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", msg) for ctx in root.iter("context") for msg in ctx.iter("message")]


def _texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _where(context: str, message: ET.Element) -> str:
    return f"{context}: {message.findtext('source')!r}"


# --- (a) the .ts files are complete ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_file_is_complete(language):
    ts = TS_DIR / f"lectern_{language}.ts"
    root = ET.parse(ts).getroot()
    assert root.get("language") == language
    messages = _messages(ts)
    assert len(messages) > 100
    problems = []
    for context, message in messages:
        where = _where(context, message)
        source = message.findtext("source") or ""
        kind = message.find("translation").get("type")
        texts = _texts(message)
        if kind in BAD_TYPES:
            problems.append(f"{where} is {kind}")
        if not texts or not all(t.strip() for t in texts):
            problems.append(f"{where} has no translation")
        for text in texts:
            for placeholder in set(PLACEHOLDER.findall(source)):
                if placeholder not in text:
                    problems.append(f"{where}: {placeholder} missing in {text!r}")
            key = ACCELERATOR.search(source)
            if key and not ACCELERATOR.search(text):
                problems.append(f"{where}: accelerator &{key[1]} missing in {text!r}")
            if key and f"(&{key[1].upper()})" not in text and f"&{key[1]}" not in text:
                problems.append(f"{where}: accelerator should stay &{key[1].upper()} ({text!r})")
            if source.endswith("…") and not text.endswith("…"):
                problems.append(f"{where}: the ellipsis (a dialog follows) is lost in {text!r}")
    assert not problems, "\n".join(problems)


def test_each_file_is_in_its_own_script():
    """zh_CN in Simplified characters, zh_TW in Traditional (Taiwan forms): converting to the file's
    own script changes nothing."""
    opencc = pytest.importorskip("opencc")
    converters = {"zh_CN": opencc.OpenCC("t2s"), "zh_TW": opencc.OpenCC("s2tw")}
    problems = []
    for language in LANGUAGES:
        for context, message in _messages(TS_DIR / f"lectern_{language}.ts"):
            for text in _texts(message):
                converted = converters[language].convert(text)
                if converted != text:
                    problems.append(f"{language} {_where(context, message)}: {text!r} -> {converted!r}")
    assert not problems, "\n".join(problems)


def test_both_files_translate_the_same_strings():
    pairs = {lang: {(c, m.findtext("source")) for c, m in _messages(TS_DIR / f"lectern_{lang}.ts")}
             for lang in LANGUAGES}
    assert pairs["zh_CN"] == pairs["zh_TW"]


# --- (b) the .ts files are up to date with the code -------------------------------------------------


def _extracted(tmp_path: Path) -> set[tuple[str, str]]:
    ts = tmp_path / "extracted.ts"
    sources = sorted(str(p) for p in (ROOT / "reader" / "gui").glob("*.py"))
    result = subprocess.run([*pyside_tool("lupdate"), "-silent", *sources, "-ts", str(ts)],
                            check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return {(c, m.findtext("source") or "") for c, m in _messages(ts)}


def test_ts_files_are_up_to_date_with_the_source(tmp_path):
    extracted = _extracted(tmp_path)
    assert extracted, "pyside6-lupdate found no strings"
    for language in LANGUAGES:
        committed = {(c, m.findtext("source") or "") for c, m in _messages(TS_DIR / f"lectern_{language}.ts")}
        new = sorted(extracted - committed)
        gone = sorted(committed - extracted)
        assert not new, (f"not in lectern_{language}.ts (run `make ts`, then translate): "
                         + "; ".join(f"{c}: {s!r}" for c, s in new))
        assert not gone, (f"lectern_{language}.ts has strings no longer in the code (run `make ts`): "
                          + "; ".join(f"{c}: {s!r}" for c, s in gone))


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_every_marked_string_reaches_the_ts_files():
    """Every tr("…"), translate("Context", "…") and QT_TRANSLATE_NOOP("Context", "…") in the code is in
    the .ts files: lupdate silently skips some (a tr() inside an f-string), which then never translate."""
    committed = {m.findtext("source") for _c, m in _messages(TS_DIR / f"lectern_{LANGUAGES[0]}.ts")}
    missed = []
    for path in sorted((ROOT / "reader" / "gui").glob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if name == "tr" and call.args:
                source = _literal(call.args[0])
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(call.args) >= 2 and _literal(call.args[0]):
                source = _literal(call.args[1])
            else:
                continue
            if source is not None and source not in committed:
                missed.append(f"{path.name}:{call.lineno}: {source!r}")
    assert not missed, ("marked for translation but not in the .ts files (inside an f-string? write "
                        "`text = self.tr(...)` first, then `make ts`):\n" + "\n".join(missed))


def _gui_classes() -> dict[str, type]:
    import importlib
    import inspect

    classes: dict[str, type] = {}
    for path in sorted((ROOT / "reader" / "gui").glob("*.py")):
        module = importlib.import_module(f"reader.gui.{path.stem}")
        classes.update({name: cls for name, cls in inspect.getmembers(module, inspect.isclass)
                        if cls.__module__ == module.__name__})
    return classes


def test_every_context_is_one_that_tr_looks_up():
    """PySide6's self.tr() tries the class names of the object's MRO; lupdate names
    the context after the class the call is written in.  A context that is no class of reader.gui
    (tr() in a plain function: context "") would never be found at run time."""
    from PySide6.QtCore import QObject

    classes = _gui_classes()
    explicit = {"actions", "TreeModel", "ArticleView", "CheatSheet"}  # QCoreApplication.translate(context, ...)
    qobjects = [cls for cls in classes.values() if issubclass(cls, QObject)]
    for context in {c for c, _m in _messages(TS_DIR / f"lectern_{LANGUAGES[0]}.ts")}:
        if context in explicit:
            continue
        assert context, 'tr() outside a class: use QCoreApplication.translate("<Class>", ...)'
        cls = classes.get(context)
        assert cls is not None, f"context {context!r} is no class of reader.gui"
        assert any(cls in q.__mro__ for q in qobjects), f"{context} is in no QObject's MRO: its tr() is never called"


# --- (c) the UI speaks it -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The .qm files, compiled from the .ts now (never a stale build)."""
    out = tmp_path_factory.mktemp("qm")
    for language in LANGUAGES:
        ts = TS_DIR / f"lectern_{language}.ts"
        qm = out / f"lectern_{language}.qm"
        result = subprocess.run([*pyside_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
                                check=False, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0 and qm.is_file(), result.stderr
    return out


@pytest.fixture
def i18n(qapp, compiled, monkeypatch):
    from reader.gui import i18n as module

    monkeypatch.setattr(module, "translations_dir", lambda: compiled)
    yield module
    module.remove_translators(qapp)
    qapp.processEvents()


def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _settle(qtbot, window, language) -> None:
    """LanguageChange reaches the widgets through the event loop."""
    qtbot.waitUntil(lambda: _menu_titles(window)[:5] == MENUS[language], timeout=3000)


def test_switching_language_translates_the_menus_live(qtbot, qapp, i18n):
    window = make_window(qtbot)
    assert _menu_titles(window)[:5] == MENUS["en"]
    for language in ("zh_CN", "zh_TW", "en"):
        assert i18n.install_translators(qapp, language) == language
        _settle(qtbot, window, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_window_built_after_install_speaks_the_language(qtbot, qapp, i18n, language):
    i18n.install_translators(qapp, language)
    window = make_window(qtbot)
    assert _menu_titles(window)[:5] == MENUS[language]


def test_a_string_of_each_gui_module_is_translated(qtbot, qapp, i18n):
    """Runtime contexts: one string per module, through the code that shows it."""
    from reader.gui.dialogs import CheatSheet, ProblemsDialog, shortcut_text
    from reader.gui.list_model import Column

    i18n.install_translators(qapp, "zh_CN")
    window = make_window(qtbot)
    assert window.library.menu.title() == "文库(&L)"  # LibraryControl
    assert window.list_pane.model.headerData(Column.ARCHIVE, Qt.Orientation.Horizontal) == "文章库"
    assert window.status_posts.text() == "10 篇文章"  # a part's plural (LiveRefresh)
    tree = window.tree_pane.model
    assert tree.root.children[0].label == "全部文章"  # TreeModel (fixed entries)
    assert tree.headerData(0, Qt.Orientation.Horizontal) == "名称"
    assert window.list_pane.model.headerData(Column.TITLE, Qt.Orientation.Horizontal) == "标题"  # PostListModel
    assert window.list_pane.search.placeholderText() == "搜索（/）"  # ListPane
    assert window.tree_pane.filter.placeholderText() == "筛选标签、分类、作者"  # TreePane
    assert window.article_pane.load_once.text() == "仅本次加载"  # ArticlePane
    assert window.fetcher.tr("not an image") == "不是图片"  # ImageFetcher
    sheet = CheatSheet(window)
    qtbot.addWidget(sheet)
    assert sheet.windowTitle() == "键盘快捷键"  # CheatSheet
    assert sheet.table.topLevelItem(0).text(0) == "文件"  # menu title, accelerator dropped
    assert " 或 " in shortcut_text(("Ctrl+R", "F5"))
    problems = ProblemsDialog([], window)
    qtbot.addWidget(problems)
    assert problems.windowTitle() == "无法读取的文章"  # ProblemsDialog
    window.reading.last_post()
    window.reading.next_unread()  # ReadingCommands: a part of the window, its own context
    assert window.statusBar().currentMessage() == "此列表中没有更多未读文章"


def test_plural_strings_of_the_window_parts_are_translated(qtbot, qapp, i18n):
    i18n.install_translators(qapp, "zh_CN")
    window = make_window(qtbot)
    window.reading.mark_all_read()  # ReadingCommands, "%n"
    assert window.statusBar().currentMessage().startswith("已将 "), window.statusBar().currentMessage()


def test_dialogs_follow_a_live_switch(qtbot, qapp, i18n):
    from reader.gui.dialogs import CheatSheet

    window = make_window(qtbot)
    sheet = CheatSheet(window)
    qtbot.addWidget(sheet)
    sheet.show()
    i18n.install_translators(qapp, "zh_TW")
    qtbot.waitUntil(lambda: sheet.windowTitle() == "鍵盤快速鍵", timeout=3000)
    assert sheet.table.topLevelItem(0).text(0) == "檔案"
    tree = window.tree_pane.model
    tree.retranslate()
    assert tree.root.children[0].label == "所有文章"
    i18n.install_translators(qapp, "en")
    qtbot.waitUntil(lambda: sheet.windowTitle() == "Keyboard Shortcuts", timeout=3000)
    tree.retranslate()
    assert tree.root.children[0].label == "All posts"


def test_live_switch_keeps_the_tree_counts(qtbot, qapp, i18n):
    """The tree's counts are kept live by deltas: a switch relabels it (TreeModel.retranslate), it must
    not rebuild it from the counts of the last scan."""
    from reader.core.queries import Scope

    window = make_window(qtbot)
    window.reading.mark_all_read()
    tree = window.tree_pane.model
    unread = tree.node(tree.index_of_scope(Scope("unread")))
    assert unread.unread == 0
    i18n.install_translators(qapp, "zh_CN")
    _settle(qtbot, window, "zh_CN")
    unread = tree.node(tree.index_of_scope(Scope("unread")))
    assert unread.label == "未读"
    assert unread.unread == 0, "the language switch brought back the unread counts of the last scan"


def test_qt_own_catalogue_is_loaded_too(qapp, i18n):
    from PySide6.QtCore import QCoreApplication

    sample = ("QPlatformTheme", "Cancel")  # a tuple, so lupdate does not take it for ours
    i18n.install_translators(qapp, "zh_CN")
    assert QCoreApplication.translate(*sample) == "取消"
    i18n.install_translators(qapp, "zh_TW")
    assert QCoreApplication.translate(*sample) == "取消"
    i18n.install_translators(qapp, "en")
    assert QCoreApplication.translate(*sample) == "Cancel"


def test_qt_catalogues_kept_by_the_bundle_exist(qapp):
    from reader.gui.i18n import qt_translations_dir

    for name in QT_TRANSLATIONS_KEPT:
        assert (qt_translations_dir() / name).is_file(), name


@pytest.mark.parametrize(("tag", "expected"), [
    ("zh_CN", "zh_CN"), ("zh_SG", "zh_CN"), ("zh", "zh_CN"), ("zh_TW", "zh_TW"), ("zh_HK", "zh_TW"),
    ("zh_MO", "zh_TW"), ("zh-Hant", "zh_TW"), ("zh-Hans-HK", "zh_CN"), ("en_GB", "en"), ("de_DE", "en"),
    ("C", "en"),
])
def test_system_language(tag, expected):
    from reader.gui.i18n import system_language

    assert system_language(QLocale(tag)) == expected


def test_unknown_language_is_refused(qapp):
    from reader.gui.i18n import install_translators

    with pytest.raises(ValueError):
        install_translators(qapp, "fr")


# --- (d) dates ------------------------------------------------------------------------------------------


def test_long_dates_follow_the_language_short_ones_stay_iso(qapp, i18n):
    from reader.gui.list_model import format_date

    def both(iso):
        return (format_date(iso), format_date(iso, with_time=True), format_date(iso, long=True),
                format_date(iso, with_time=True, long=True))

    i18n.install_translators(qapp, "en")
    english = both("2025-06-20T08:05:00+08:00")
    i18n.install_translators(qapp, "zh_CN")
    chinese = both("2025-06-20T08:05:00+08:00")
    # The list's dates: the same unambiguous yyyy-MM-dd in every language (never "6/20/25").
    assert english[:2] == chinese[:2] == ("2025-06-20", "2025-06-20 08:05")  # the post's own time
    # The header's: the language's long date, with its four-digit year.
    assert chinese[2] == QLocale("zh_CN").toString(QDate(2025, 6, 20), QLocale.FormatType.LongFormat)
    assert chinese[2].startswith("2025年6月20日") and chinese[3].endswith("08:05")
    assert "June" in english[2] and "2025" in english[2] and "8:05" in english[3]  # en_US, or the system's en_GB


def test_dates_without_a_locale_stay_iso(qapp, i18n):
    from reader.gui.list_model import format_date

    QLocale.setDefault(QLocale.c())
    assert format_date("2025-06-20T08:05:00Z") == "2025-06-20"
    assert format_date("2025-06-20T08:05:00Z", with_time=True) == "2025-06-20 08:05"
    assert format_date("2025-06-20T08:05:00Z", with_time=True, long=True) == "2025-06-20 08:05"
    assert format_date("not a date") == "not a date"



def test_the_preferences_dialog_switches_the_language_live(qtbot, qapp, i18n):
    window = make_window(qtbot)
    window.article_commands.show_preferences()
    dialog = window.findChild(QWidget, "preferences")
    dialog.language.setCurrentIndex(dialog.language.findData("zh_TW"))
    assert window.settings.prefs.language == "zh_TW"
    _settle(qtbot, window, "zh_TW")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "偏好設定", timeout=3000)  # the dialog too
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    _settle(qtbot, window, "en")
