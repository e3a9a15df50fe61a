"""Which tree entry the post list shows: the tree built from the session's counts, and the scope selected.

A small object the main window composes, given only what it needs: the tree
pane, the open session (a callable), the reader's saved tree selection, and
a way to list the posts of a scope again.  The tree is built again after a
scan or a live refresh with the entries the reader had open still open.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject

from reader.core.queries import Scope

from .tree_model import TreeRole

if TYPE_CHECKING:
    from .panes import TreePane
    from .session import ArchiveSession
    from .settings import UiState

__all__ = ["ScopeControl"]


class ScopeControl(QObject):
    def __init__(self, pane: TreePane, ui: UiState, session: Callable[[], ArchiveSession | None],
                 reload_list: Callable[[], None], parent: QObject | None = None) -> None:
        """`reload_list()` lists the posts of the scope just selected."""
        super().__init__(parent)
        self.pane = pane
        self.ui = ui
        self._session = session
        self._reload_list = reload_list
        self.scope = Scope("all")
        self.tree_counted = 0.0  # when the tree was last built (while an archive is first read: now and then)

    def current(self) -> Scope:
        return self.scope

    def refresh_tree(self) -> None:
        session, pane = self._session(), self.pane
        if session is None or session.index is None:
            return
        self.tree_counted = time.monotonic()
        opened = pane.expanded_scopes() if pane.model.root.children else None
        new = (session.new_since_ns, 0 if session.loading else session.new_count)
        # A library's tree is 20,000 entries or more: made without the cyclic garbage collector, which
        # would otherwise walk every object of the process several times meanwhile (0.15 s, not 0.03).
        gc.disable()
        try:
            tree = session.tree(new)
        finally:
            gc.enable()
        pane.model.set_root(tree)
        if opened is None:  # a new archive: the sections open, their entries closed
            pane.view.expandToDepth(0)
        else:  # the same archive, counted again: open what the reader had open
            pane.expand_scopes(opened)

    def recount_tree(self) -> None:
        """The tree built again from the session's counts (as of the scan just reported: the read
        marks since are not in them), the reader's entry still selected; the list is not reloaded."""
        session = self._session()
        if session is None or session.index is None:
            return
        scope = self.scope
        self.refresh_tree()
        if not self.select_scope(scope, reload=False):
            self.select_scope(Scope("all"))

    def select_scope(self, scope: Scope, reload: bool = True) -> bool:
        """Select a tree entry and list its posts (once: the tree's signal lists a new scope; the same
        scope again is listed again only with `reload`)."""
        pane = self.pane
        source = pane.model.index_of_scope(scope)
        if not source.isValid():
            return False
        index = pane.proxy.mapFromSource(source)
        if not index.isValid():
            pane.filter.clear()
            index = pane.proxy.mapFromSource(source)
        same = scope == self.scope
        pane.view.setCurrentIndex(index)
        pane.view.scrollTo(index)
        if scope != self.scope or (same and reload):
            self._set_scope(scope)
        return True

    def on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.pane.filtering:  # the filter hid the entry: the list stays what the reader chose
            return
        scope = current.data(TreeRole.SCOPE)
        if scope is not None and scope != self.scope:
            self._set_scope(scope)

    def _set_scope(self, scope: Scope) -> None:
        self.scope = scope
        self.ui.set_tree_selection(scope.kind, scope.value, scope.archive)
        self._reload_list()
