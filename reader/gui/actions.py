"""Every command of the window: one `ActionId` enum and one table.

Menus, the shortcut cheat sheet and the tests all read `ACTIONS`; the main
window builds a QAction per entry and connects it to the handler named here
(a method of the window, or of one of its parts: "reading.next_unread").
Single-letter shortcuts never fire while a text field has focus: QLineEdit
claims printable keys before shortcuts see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["ActionId", "ActionSpec", "ACTIONS", "MENUS", "spec", "translate", "without_accelerator"]


class ActionId(Enum):
    OPEN_FOLDER = auto()
    ADD_GIT = auto()
    UPDATE_ARCHIVE = auto()
    UPDATE_ALL = auto()
    RESCAN = auto()
    SHOW_PROBLEMS = auto()
    PRINT = auto()
    EXPORT_PDF = auto()
    PREFERENCES = auto()
    QUIT = auto()
    NEXT_POST = auto()
    PREV_POST = auto()
    NEXT_UNREAD = auto()
    PREV_UNREAD = auto()
    FIRST_POST = auto()
    LAST_POST = auto()
    OPEN_POST = auto()
    BACK = auto()
    FORWARD = auto()
    FOCUS_TREE = auto()
    FOCUS_LIST = auto()
    FOCUS_ARTICLE = auto()
    FOCUS_SEARCH = auto()
    OPEN_ORIGINAL = auto()
    TOGGLE_STAR = auto()
    TOGGLE_READ = auto()
    COPY_LINK = auto()
    COPY_TEXT = auto()
    MARK_ALL_READ = auto()
    UNDO = auto()
    PAGE_DOWN = auto()
    PAGE_UP = auto()
    FIND = auto()
    FIND_NEXT = auto()
    FIND_PREV = auto()
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    ZOOM_RESET = auto()
    FULL_SCREEN = auto()
    FOCUS_MODE = auto()
    SCRIPT_AS_WRITTEN = auto()
    SCRIPT_SIMPLIFIED = auto()
    SCRIPT_TRADITIONAL = auto()
    CHEAT_SHEET = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    id: ActionId
    menu: str  # key of MENUS
    text: str  # untranslated (marked for lupdate in the context "actions"); shown through `translate`
    shortcuts: tuple[str, ...]  # QKeySequence strings, portable form
    handler: str  # the window's method ("rescan"), or a part's, dotted ("reading.next_unread": window.reading's)
    checkable: bool = False
    icon: str = ""  # resources/icons/<icon>.svg
    group: str = ""  # checkable actions sharing a group are exclusive (one checked)


MENUS: dict[str, str] = {
    "file": QT_TRANSLATE_NOOP("actions", "&File"),
    "go": QT_TRANSLATE_NOOP("actions", "&Go"),
    "post": QT_TRANSLATE_NOOP("actions", "&Post"),
    "view": QT_TRANSLATE_NOOP("actions", "&View"),
    "help": QT_TRANSLATE_NOOP("actions", "&Help"),
}

A = ActionId
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(A.OPEN_FOLDER, "file", QT_TRANSLATE_NOOP("actions", "Open Folder…"),
               ("Ctrl+O",), "library.open_folder_dialog", icon="open"),
    ActionSpec(A.ADD_GIT, "file", QT_TRANSLATE_NOOP("actions", "Add Archive from Git…"),
               ("Ctrl+Shift+O",), "git.open_add_dialog"),
    ActionSpec(A.UPDATE_ARCHIVE, "file", QT_TRANSLATE_NOOP("actions", "Update Archive"),
               ("Ctrl+U",), "git.update_current"),
    ActionSpec(A.UPDATE_ALL, "file", QT_TRANSLATE_NOOP("actions", "Update All Archives"),
               ("Ctrl+Shift+U",), "git.update_all"),
    ActionSpec(A.RESCAN, "file", QT_TRANSLATE_NOOP("actions", "Rescan Archive"),
               ("Ctrl+R", "F5"), "library.rescan", icon="rescan"),
    ActionSpec(A.SHOW_PROBLEMS, "file", QT_TRANSLATE_NOOP("actions", "Posts That Could Not Be Read…"),
               (), "show_problems"),
    ActionSpec(A.PRINT, "file", QT_TRANSLATE_NOOP("actions", "Print…"),
               ("Ctrl+P",), "article_commands.print_article"),
    ActionSpec(A.EXPORT_PDF, "file", QT_TRANSLATE_NOOP("actions", "Export as PDF…"),
               ("Ctrl+Shift+E",), "article_commands.export_pdf_dialog"),
    ActionSpec(A.PREFERENCES, "file", QT_TRANSLATE_NOOP("actions", "Preferences…"),
               ("Ctrl+,",), "article_commands.show_preferences"),
    ActionSpec(A.QUIT, "file", QT_TRANSLATE_NOOP("actions", "Quit"),
               ("Ctrl+Q",), "close"),
    ActionSpec(A.NEXT_POST, "go", QT_TRANSLATE_NOOP("actions", "Next Post"),
               ("J",), "reading.next_post"),
    ActionSpec(A.PREV_POST, "go", QT_TRANSLATE_NOOP("actions", "Previous Post"),
               ("K",), "reading.previous_post"),
    ActionSpec(A.NEXT_UNREAD, "go", QT_TRANSLATE_NOOP("actions", "Next Unread Post"),
               ("N",), "reading.next_unread"),
    ActionSpec(A.PREV_UNREAD, "go", QT_TRANSLATE_NOOP("actions", "Previous Unread Post"),
               ("P",), "reading.previous_unread"),
    ActionSpec(A.FIRST_POST, "go", QT_TRANSLATE_NOOP("actions", "First Post"),
               ("Home",), "reading.first_post"),
    ActionSpec(A.LAST_POST, "go", QT_TRANSLATE_NOOP("actions", "Last Post"),
               ("End",), "reading.last_post"),
    ActionSpec(A.OPEN_POST, "go", QT_TRANSLATE_NOOP("actions", "Open Selected Post"),
               ("Return", "Enter"), "reading.open_selected"),
    ActionSpec(A.BACK, "go", QT_TRANSLATE_NOOP("actions", "Back"),
               ("Alt+Left",), "reading.go_back", icon="back"),
    ActionSpec(A.FORWARD, "go", QT_TRANSLATE_NOOP("actions", "Forward"),
               ("Alt+Right",), "reading.go_forward", icon="forward"),
    ActionSpec(A.FOCUS_TREE, "go", QT_TRANSLATE_NOOP("actions", "Focus Tree"),
               ("Ctrl+1", "G, T"), "focus_tree"),
    ActionSpec(A.FOCUS_LIST, "go", QT_TRANSLATE_NOOP("actions", "Focus List"),
               ("Ctrl+2", "G, L"), "focus_list"),
    ActionSpec(A.FOCUS_ARTICLE, "go", QT_TRANSLATE_NOOP("actions", "Focus Article"),
               ("Ctrl+3", "G, A"), "focus_article"),
    ActionSpec(A.FOCUS_SEARCH, "go", QT_TRANSLATE_NOOP("actions", "Search"),
               ("/", "Ctrl+K"), "focus_search", icon="search"),
    ActionSpec(A.OPEN_ORIGINAL, "post", QT_TRANSLATE_NOOP("actions", "Open Original in Browser"),
               ("O",), "reading.open_original", icon="external"),
    ActionSpec(A.TOGGLE_STAR, "post", QT_TRANSLATE_NOOP("actions", "Star"),
               ("S",), "reading.toggle_star", checkable=True, icon="star"),
    ActionSpec(A.TOGGLE_READ, "post", QT_TRANSLATE_NOOP("actions", "Mark Read / Unread"),
               ("M",), "reading.toggle_read"),
    ActionSpec(A.COPY_LINK, "post", QT_TRANSLATE_NOOP("actions", "Copy Link to Original"),
               ("Ctrl+Shift+C", "Y"), "article_commands.copy_link"),
    ActionSpec(A.COPY_TEXT, "post", QT_TRANSLATE_NOOP("actions", "Copy Article as Plain Text"),
               ("Ctrl+Alt+C",), "article_commands.copy_text"),
    ActionSpec(A.MARK_ALL_READ, "post", QT_TRANSLATE_NOOP("actions", "Mark All in List Read"),
               ("Shift+A",), "reading.mark_all_read"),
    ActionSpec(A.UNDO, "post", QT_TRANSLATE_NOOP("actions", "Undo Mark All Read"),
               ("Ctrl+Z",), "reading.undo"),
    ActionSpec(A.PAGE_DOWN, "view", QT_TRANSLATE_NOOP("actions", "Page Down (Next Unread at End)"),
               ("Space",), "reading.page_down"),
    ActionSpec(A.PAGE_UP, "view", QT_TRANSLATE_NOOP("actions", "Page Up"),
               ("Shift+Space",), "reading.page_up"),
    ActionSpec(A.FIND, "view", QT_TRANSLATE_NOOP("actions", "Find in Article…"),
               ("Ctrl+F",), "article_commands.find"),
    ActionSpec(A.FIND_NEXT, "view", QT_TRANSLATE_NOOP("actions", "Find Next"),
               ("F3",), "article_commands.find_next"),
    ActionSpec(A.FIND_PREV, "view", QT_TRANSLATE_NOOP("actions", "Find Previous"),
               ("Shift+F3",), "article_commands.find_previous"),
    ActionSpec(A.ZOOM_IN, "view", QT_TRANSLATE_NOOP("actions", "Zoom In"),
               ("Ctrl+=", "Ctrl++"), "article_commands.zoom_in"),
    ActionSpec(A.ZOOM_OUT, "view", QT_TRANSLATE_NOOP("actions", "Zoom Out"),
               ("Ctrl+-",), "article_commands.zoom_out"),
    ActionSpec(A.ZOOM_RESET, "view", QT_TRANSLATE_NOOP("actions", "Actual Size"),
               ("Ctrl+0",), "article_commands.zoom_reset"),
    ActionSpec(A.FULL_SCREEN, "view", QT_TRANSLATE_NOOP("actions", "Full Screen"),
               ("F11",), "toggle_full_screen", checkable=True),
    ActionSpec(A.FOCUS_MODE, "view", QT_TRANSLATE_NOOP("actions", "Focus Mode (Article Only)"),
               ("F",), "toggle_focus_mode", checkable=True),
    ActionSpec(A.SCRIPT_AS_WRITTEN, "view", QT_TRANSLATE_NOOP("actions", "Chinese as Written"),
               (), "article_commands.show_script_as_written", checkable=True, group="script"),
    ActionSpec(A.SCRIPT_SIMPLIFIED, "view", QT_TRANSLATE_NOOP("actions", "Chinese in Simplified"),
               (), "article_commands.show_script_simplified", checkable=True, group="script"),
    ActionSpec(A.SCRIPT_TRADITIONAL, "view", QT_TRANSLATE_NOOP("actions", "Chinese in Traditional"),
               (), "article_commands.show_script_traditional", checkable=True, group="script"),
    ActionSpec(A.CHEAT_SHEET, "help", QT_TRANSLATE_NOOP("actions", "Keyboard Shortcuts"),
               ("?", "F1"), "show_cheat_sheet"),
    ActionSpec(A.ABOUT, "help", QT_TRANSLATE_NOOP("actions", "About Lectern"),
               (), "show_about"),
)

_BY_ID = {s.id: s for s in ACTIONS}


def spec(action_id: ActionId) -> ActionSpec:
    return _BY_ID[action_id]


def translate(text: str) -> str:
    """A menu title or action text of this table in the UI language (same context lupdate writes)."""
    return QCoreApplication.translate("actions", text)


_ACCELERATOR = re.compile(r"\s*\(&[^)]\)|&(?=[^&])")


def without_accelerator(text: str) -> str:
    """A translated menu text as a label: "&File" -> "File", "文件(&F)" -> "文件"."""
    return _ACCELERATOR.sub("", text).replace("&&", "&")
