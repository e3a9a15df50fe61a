"""Every command of the window: one `ActionId` enum and one table.

Menus, the shortcut cheat sheet and the tests all read `ACTIONS`; the main
window builds a QAction per entry and connects it to the handler named here.
Single-letter shortcuts never fire while a text field has focus: QLineEdit
claims printable keys before shortcuts see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QCoreApplication

__all__ = ["ActionId", "ActionSpec", "ACTIONS", "MENUS", "spec", "translate"]


class ActionId(Enum):
    OPEN_FOLDER = auto()
    RESCAN = auto()
    SHOW_PROBLEMS = auto()
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
    CHEAT_SHEET = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    id: ActionId
    menu: str  # key of MENUS
    text: str  # untranslated; shown through tr()
    shortcuts: tuple[str, ...]  # QKeySequence strings, portable form
    handler: str  # MainWindow method name
    checkable: bool = False
    icon: str = ""  # resources/icons/<icon>.svg


def _t(text: str) -> str:
    """Mark a string for translation (lupdate reads the context "actions")."""
    return text


MENUS: dict[str, str] = {
    "file": _t("&File"),
    "go": _t("&Go"),
    "post": _t("&Post"),
    "view": _t("&View"),
    "help": _t("&Help"),
}

A = ActionId
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(A.OPEN_FOLDER, "file", _t("Open Folder…"), ("Ctrl+O",), "open_folder_dialog", icon="open"),
    ActionSpec(A.RESCAN, "file", _t("Rescan Archive"), ("Ctrl+R", "F5"), "rescan", icon="rescan"),
    ActionSpec(A.SHOW_PROBLEMS, "file", _t("Posts That Could Not Be Read…"), (), "show_problems"),
    ActionSpec(A.QUIT, "file", _t("Quit"), ("Ctrl+Q",), "close"),
    ActionSpec(A.NEXT_POST, "go", _t("Next Post"), ("J",), "next_post"),
    ActionSpec(A.PREV_POST, "go", _t("Previous Post"), ("K",), "previous_post"),
    ActionSpec(A.NEXT_UNREAD, "go", _t("Next Unread Post"), ("N",), "next_unread"),
    ActionSpec(A.PREV_UNREAD, "go", _t("Previous Unread Post"), ("P",), "previous_unread"),
    ActionSpec(A.FIRST_POST, "go", _t("First Post"), ("Home",), "first_post"),
    ActionSpec(A.LAST_POST, "go", _t("Last Post"), ("End",), "last_post"),
    ActionSpec(A.OPEN_POST, "go", _t("Open Selected Post"), ("Return", "Enter"), "open_selected"),
    ActionSpec(A.BACK, "go", _t("Back"), ("Alt+Left",), "go_back", icon="back"),
    ActionSpec(A.FORWARD, "go", _t("Forward"), ("Alt+Right",), "go_forward", icon="forward"),
    ActionSpec(A.FOCUS_TREE, "go", _t("Focus Tree"), ("Ctrl+1", "G, T"), "focus_tree"),
    ActionSpec(A.FOCUS_LIST, "go", _t("Focus List"), ("Ctrl+2", "G, L"), "focus_list"),
    ActionSpec(A.FOCUS_ARTICLE, "go", _t("Focus Article"), ("Ctrl+3", "G, A"), "focus_article"),
    ActionSpec(A.FOCUS_SEARCH, "go", _t("Search"), ("/", "Ctrl+K"), "focus_search", icon="search"),
    ActionSpec(A.OPEN_ORIGINAL, "post", _t("Open Original in Browser"), ("O",), "open_original", icon="external"),
    ActionSpec(A.TOGGLE_STAR, "post", _t("Star"), ("S",), "toggle_star", checkable=True, icon="star"),
    ActionSpec(A.TOGGLE_READ, "post", _t("Mark Read / Unread"), ("M",), "toggle_read"),
    ActionSpec(A.MARK_ALL_READ, "post", _t("Mark All in List Read"), ("Shift+A",), "mark_all_read"),
    ActionSpec(A.UNDO, "post", _t("Undo Mark All Read"), ("Ctrl+Z",), "undo"),
    ActionSpec(A.PAGE_DOWN, "view", _t("Page Down (Next Unread at End)"), ("Space",), "page_down"),
    ActionSpec(A.PAGE_UP, "view", _t("Page Up"), ("Shift+Space",), "page_up"),
    ActionSpec(A.FIND, "view", _t("Find in Article…"), ("Ctrl+F",), "find"),
    ActionSpec(A.FIND_NEXT, "view", _t("Find Next"), ("F3",), "find_next"),
    ActionSpec(A.FIND_PREV, "view", _t("Find Previous"), ("Shift+F3",), "find_previous"),
    ActionSpec(A.ZOOM_IN, "view", _t("Zoom In"), ("Ctrl+=", "Ctrl++"), "zoom_in"),
    ActionSpec(A.ZOOM_OUT, "view", _t("Zoom Out"), ("Ctrl+-",), "zoom_out"),
    ActionSpec(A.ZOOM_RESET, "view", _t("Actual Size"), ("Ctrl+0",), "zoom_reset"),
    ActionSpec(A.FULL_SCREEN, "view", _t("Full Screen"), ("F11",), "toggle_full_screen", checkable=True),
    ActionSpec(A.FOCUS_MODE, "view", _t("Focus Mode (Article Only)"), ("F",), "toggle_focus_mode", checkable=True),
    ActionSpec(A.CHEAT_SHEET, "help", _t("Keyboard Shortcuts"), ("?", "F1"), "show_cheat_sheet"),
    ActionSpec(A.ABOUT, "help", _t("About Lectern"), (), "show_about"),
)

_BY_ID = {s.id: s for s in ACTIONS}


def spec(action_id: ActionId) -> ActionSpec:
    return _BY_ID[action_id]


def translate(text: str) -> str:
    return QCoreApplication.translate("actions", text)
