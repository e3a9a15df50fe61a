"""Where the reader was, across a library: the window's `session.state` (`LibrarySession.state`).

Posts of a library are named by *library keys* (``ARCHIVE-ID \x1f POST-KEY``); each archive's
own marks (`reader.core.state.StateStore`) hold its part, and the library remembers the post
last open in any archive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from reader.core.library import Library

from .session import ArchiveSession

__all__ = ["LibraryState", "SEP", "split_key"]

SEP = "\x1f"


class _Owner(Protocol):  # what of `LibrarySession` this reads
    members: dict[str, ArchiveSession]
    library: Library
    focus: str


def split_key(library_key: str) -> tuple[str, str]:
    """(archive id, post key) of a library key."""
    archive, _, key = library_key.partition(SEP)
    return archive, key


class LibraryState:
    """Where the reader was, across the library (the window's `session.state`)."""

    def __init__(self, owner: _Owner) -> None:
        self.owner = owner

    @property
    def archive(self) -> str:
        """The archive in focus (the shown post's, the one just opened), else the only one."""
        owner = self.owner
        return owner.focus if owner.focus in owner.members else next(iter(owner.members), "")

    @property
    def file(self) -> Path:
        return self.owner.library.store.file

    def read_keys(self) -> set[str]:
        """Library keys of every post read, in every archive."""
        return {f"{i}{SEP}{k}" for i, m in self.owner.members.items() for k in m.state.read_keys()}

    def starred_keys(self) -> set[str]:
        return {f"{i}{SEP}{k}" for i, m in self.owner.members.items() for k in m.state.starred_keys()}

    def last_opened(self, archive_id: str = "") -> str | None:
        """The library key of the post open when the library (or `archive_id`) was last left."""
        member = self.owner.members.get(archive_id)
        if member is not None:
            key = member.state.last_opened()
            return f"{archive_id}{SEP}{key}" if key else None
        last = self.owner.library.value("last_post")
        if last:
            return last
        for ident, member in self.owner.members.items():  # a data dir of single-archive days
            key = member.state.last_opened()
            if key:
                return f"{ident}{SEP}{key}"
        return None

    def set_last_opened(self, library_key: str) -> None:
        ident, key = split_key(library_key)
        member = self.owner.members.get(ident)
        if member is not None:
            member.state.set_last_opened(key)
            self.owner.library.touch(ident)
        self.owner.library.set_value("last_post", library_key)

    def scroll(self, library_key: str) -> float:
        ident, key = split_key(library_key)
        member = self.owner.members.get(ident)
        return member.state.scroll(key) if member else 0.0

    def set_scroll(self, library_key: str, fraction: float) -> None:
        ident, key = split_key(library_key)
        member = self.owner.members.get(ident)
        if member is not None:
            member.state.set_scroll(key, fraction)
