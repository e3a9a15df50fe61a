"""The article pane before a post is opened: what the archive holds, what is new, and the keys to start.

Nothing here opens or marks a post: the first j still opens the first one.
Links use the article view's scope scheme, so "20 new since last open" or a
source selects that entry of the tree.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from .actions import ActionId, spec
from .article_view import scope_link
from .dialogs import key_text
from .tree_model import location_label

if TYPE_CHECKING:
    from .session import ArchiveSession

__all__ = ["welcome_html", "START_KEYS"]

# The keys a new reader needs first (the cheat sheet, ?, has them all).
START_KEYS: tuple[tuple[tuple[ActionId, ...], str], ...] = (
    ((ActionId.NEXT_POST, ActionId.PREV_POST), QT_TRANSLATE_NOOP("Welcome", "next / previous post")),
    ((ActionId.NEXT_UNREAD, ActionId.PREV_UNREAD), QT_TRANSLATE_NOOP("Welcome", "next / previous unread post")),
    ((ActionId.PAGE_DOWN,), QT_TRANSLATE_NOOP("Welcome", "page down; at the end, the next unread post")),
    ((ActionId.FOCUS_SEARCH,), QT_TRANSLATE_NOOP("Welcome", "search (Chinese in either script)")),
    ((ActionId.FOCUS_TREE, ActionId.FOCUS_LIST, ActionId.FOCUS_ARTICLE),
     QT_TRANSLATE_NOOP("Welcome", "go to the tree, the list, the article")),
    ((ActionId.TOGGLE_STAR, ActionId.TOGGLE_READ), QT_TRANSLATE_NOOP("Welcome", "star; mark read or unread")),
    ((ActionId.OPEN_ORIGINAL,), QT_TRANSLATE_NOOP("Welcome", "open the original in the browser")),
    ((ActionId.CHEAT_SHEET,), QT_TRANSLATE_NOOP("Welcome", "every key")),
)


def _keys(ids: tuple[ActionId, ...]) -> str:
    """The key of each action a reader learns first (a plain key over one with Ctrl), as typed ("j / k")."""
    def first(shortcuts: tuple[str, ...]) -> str:
        plain = [s for s in shortcuts if not s.startswith(("Ctrl+", "Alt+", "Meta+"))]
        return key_text((plain or list(shortcuts))[0])
    return " / ".join(html.escape(first(spec(i).shortcuts)) for i in ids)


class Welcome(QObject):
    """The page's texts (the "Welcome" context of the translations)."""

    def page(self, session: ArchiveSession) -> str:
        counts = session.counts if session.report is not None else None
        parts = [f"<h1>{html.escape(session.name)}</h1>"]
        if counts is None:
            reading = self.tr("Reading the archive…")
            parts.append(f"<p>{html.escape(reading)}</p>")
        else:
            summary = [self.tr("%Ln posts", "", counts.total), self.tr("%Ln unread", "", counts.unread)]
            if counts.starred:
                summary.append(self.tr("%Ln starred", "", counts.starred))
            parts.append(f"<p>{html.escape(' · '.join(summary))}</p>")
            months = [m for m in counts.months if m]
            if months:
                span = self.tr("From %1 to %2").replace("%1", min(months)).replace("%2", max(months))
                parts.append(f"<p>{html.escape(span)}</p>")
            several = getattr(session, "several", False)  # a library: each archive has its own entries
            if len(counts.locations) > 1 and not several:
                places = [f"{scope_link('location', loc, location_label(loc))} {total:,}"
                          for loc, (total, _unread) in counts.locations.items()]
                parts.append(f"<p>{' · '.join(places)}</p>")
            if session.loading:
                note = self.tr("Still reading posts: the list fills in, newest first.")
                parts.append(f"<p><i>{html.escape(note)}</i></p>")
            elif session.new_count:
                new = self.tr("%Ln new since last open", "", session.new_count)
                parts.append(f"<p><b>{scope_link('new', session.new_scope().value, new)}</b></p>")
            top = [] if several else list(counts.categories.items())[:6]
            if top:
                most = self.tr("Most posts:")
                links = ", ".join(f"{scope_link('category', name)} ({total:,})" for name, (total, _u) in top)
                parts.append(f"<p>{html.escape(most)} {links}</p>")
        rows = "".join(f"<tr><td><code>{_keys(ids)}</code>&nbsp;&nbsp;</td><td>{html.escape(self.tr(text))}</td></tr>"
                       for ids, text in START_KEYS)
        start = self.tr("Start reading")
        parts.append(f"<h3>{html.escape(start)}</h3><table>{rows}</table>")
        return "".join(parts)


def welcome_html(session: ArchiveSession) -> str:
    """What the archive holds, what is new, and the keys to start, in the UI language."""
    return Welcome().page(session)
