"""What the post list shows: the posts of a tree entry, searched and sorted, and the reader's place.

A small object the main window composes, given only what it needs: the list
pane, the open session, the tree entry and the open post (as callables), a
way to select a row quietly, and the reader's sort preference.  A reload of
the same list (more posts read, marks changed, another order) keeps the open
post selected and the list where it was; a new search or tree entry starts at
the top with nothing selected.  A search comes by relevance until a header is
clicked during it, and the header always shows the order the list has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from reader.core.queries import Row, Scope
from reader.core.search import Query, QuerySyntaxError

from .list_model import SORT_OF_COLUMN

if TYPE_CHECKING:
    from .panes import ListPane
    from .session import ArchiveSession
    from .settings import UiState

__all__ = ["PostListing"]


class PostListing(QObject):
    def __init__(self, pane: ListPane, ui: UiState, session: Callable[[], ArchiveSession | None],
                 scope: Callable[[], Scope], shown: Callable[[], Row | None],
                 select_row: Callable[[int, bool, bool], None], highlight: Callable[[tuple[str, ...]], None],
                 parent: QObject | None = None) -> None:
        """`select_row(row, show, scroll)` selects a row of the list; `highlight(terms)` marks the
        searched words in the article."""
        super().__init__(parent)
        self.pane = pane
        self.ui = ui
        self._session, self._scope, self._shown = session, scope, shown
        self._select_row, self._highlight = select_row, highlight
        self.query_text = ""
        self.search_sort: str | None = None  # a header clicked during a search (None: by relevance)
        self._listed: tuple[str, Scope] | None = None  # the search and tree entry the list shows
        self._listed_sort: str | None = None
        self._generation = 0  # of the list shown: a search's rest, worked out meanwhile, must be for it
        pane.model.sort_requested.connect(self._on_sort_requested)

    def forget(self) -> None:
        """Another archive: whatever is listed next is a new list."""
        self._listed = None

    def set_query(self, text: str) -> None:
        self.query_text = text
        if not text.strip():
            self.search_sort = None  # the next search starts by relevance
        self.reload()

    def clear_search(self) -> None:
        """The search field emptied, its debounced search not run (a post shown from elsewhere)."""
        self.pane.search.clear()
        self.query_text = ""

    def reload(self, keep_current: bool = True) -> None:
        """Run the query for the tree entry, search and sort again (see the module docstring)."""
        session = self._session()
        if session is None:
            return
        pane, model, scope = self.pane, self.pane.model, self._scope()
        listed = (self.query_text.strip(), scope)
        fresh, self._listed = listed != self._listed, listed
        try:
            query = session.parse(self.query_text)
        except QuerySyntaxError as exc:  # said where the results would be; the layout does not move
            model.snippet_of = None
            model.set_ids([])
            pane.set_count(self.tr("%n posts", "", 0))
            pane.set_empty_text(self.tr("This search cannot run: %1").replace("%1", str(exc)))
            self._show_sort(None)
            return
        sort = self.search_sort if query.terms else self.ui.sort
        resorted, self._listed_sort = sort != self._listed_sort, sort
        self._generation += 1
        ids, complete = session.query_first(query, scope, sort)
        scroll = pane.view.verticalScrollBar().value()
        model.snippet_of = (lambda pid, q=query: session.snippet(pid, q)) if query.terms else None
        pane.view.set_two_lines(bool(query.terms))
        self._highlight(query.terms)
        current = self._shown()
        model.set_ids(ids)
        self._show_sort(sort)
        pane.set_empty_text("" if ids else self._empty_text(session, query))
        if not complete:  # the first results: the whole list is worked out in the background
            pane.set_count(self.tr("%n posts so far", "", len(ids)))
            generation = self._generation
            place = None if fresh else (current.id if keep_current and current is not None else None, scroll, resorted)
            session.query_rest(query, scope, sort, lambda rest: self._show_rest(generation, rest, place))
        elif query.terms and not session.searchable and session.report is not None:
            posts = session.report.posts
            pane.set_count(self.tr("%n posts so far", "", len(ids)), detail=(
                self.tr("Searched %1 of %2 posts: the newest are indexed first, and the list fills in as "
                        "indexing goes on.").replace("%1", f"{max(0, posts - session.unindexed):,}")
                .replace("%2", f"{posts:,}")))
        else:
            pane.set_count(self.tr("%n posts", "", len(ids)))
        if fresh:
            pane.view.scrollToTop()
            return
        row = model.row_of_id(current.id) if keep_current and current is not None else -1
        pane.view.verticalScrollBar().setValue(scroll)  # where the reader was
        if row >= 0:  # in another order, the open post is scrolled to
            self._select_row(row, False, resorted)

    def _show_rest(self, generation: int, ids: list[int], place: tuple[int | None, int, bool] | None) -> None:
        """The whole list of which the first posts are shown: the reader's place kept (`place`: the
        post selected and the scroll position before a reload of the same list; for a new list,
        what the reader selected among the first posts meanwhile)."""
        session = self._session()
        if generation != self._generation or session is None:
            return  # another search or entry since
        pane, model = self.pane, self.pane.model
        index = pane.view.currentIndex()
        chosen = model.id_at(index.row()) if index.isValid() else None
        scroll = pane.view.verticalScrollBar().value()
        resorted = False
        if place is not None:
            chosen, scroll, resorted = place[0] if place[0] is not None else chosen, place[1], place[2]
        model.set_ids(ids)
        if session.searchable or session.report is None:
            pane.set_count(self.tr("%n posts", "", len(ids)))
        else:
            pane.set_count(self.tr("%n posts so far", "", len(ids)))
        pane.view.verticalScrollBar().setValue(scroll)
        row = model.row_of_id(chosen) if chosen is not None else -1
        if row >= 0:
            self._select_row(row, False, resorted)

    def _empty_text(self, session: ArchiveSession, query: Query) -> str:
        if session.loading:
            return self.tr("Reading posts…")
        if query.terms or query.has_text:
            return self.tr("No post matches this search here.")
        return self.tr("No posts here.")

    def _show_sort(self, sort: str | None) -> None:
        """The header shows the order the list really has (relevance: no arrow)."""
        header = self.pane.view.header()
        found = next(((col, order) for (col, order), name in SORT_OF_COLUMN.items() if name == sort), None)
        header.blockSignals(True)
        try:
            if found is None:
                header.setSortIndicatorShown(False)
                header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
            else:
                header.setSortIndicatorShown(True)
                header.setSortIndicator(found[0], found[1])
        finally:
            header.blockSignals(False)

    def _on_sort_requested(self, sort: str) -> None:
        if self.query_text.strip():
            self.search_sort = sort  # searches in this order until the search is cleared
        else:
            self.ui.sort = sort
        self.reload()
