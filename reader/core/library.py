"""The reader's library: every archive they have added, in their order, with the names they gave.

Kept in the reader's data file (``state.sqlite``, table ``library``), never in the
cache, and written like the marks (one committed transaction per change: a
``kill -9`` right after an add, a rename or a removal loses none of it).  Each
archive is known by its identity (`reader.core.identity`: a git clone by its
``origin``, any other folder by a stored ``local:`` id), so that a moved folder
is *relocated* (same id, same marks) rather than added again, and removing an
archive from the library keeps its marks unless the reader asks to forget them.

A display name defaults to ``_config.yml``'s ``name`` or ``title``, else the
folder's name; the reader may rename it.  Two archives never share a name
(the search language's ``archive:NAME`` must say which one): a clash gets
" (2)", " (3)", ...
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .discover import _CONFIG_NAMES, POST_FOLDERS, archive_root
from .sources import open_source
from .state import StateStore

__all__ = ["Library", "LibraryArchive", "LibraryError", "default_name"]

KINDS = ("folder", "git")  # a folder of posts; a bare repository read straight from git (`reader.core.sources`)
_NAME_MAX = 80


class LibraryError(ValueError):
    """A change the library cannot make; the message says why, for the reader."""


@dataclass(frozen=True)
class LibraryArchive:
    """An archive in the library."""

    id: str  # its identity: 'git:host/owner/name' or 'local:<uuid>'
    name: str  # what the reader sees (and `archive:NAME` matches)
    path: str  # where it is (or was last: it may be missing)
    kind: str  # 'folder' or 'git'
    position: int  # the reader's order, from 0
    added: float
    read_at: float  # when a post of it was last opened (0: never): indexing starts with the latest

    @property
    def missing(self) -> str | None:
        """Why the archive cannot be read now (None when it can)."""
        try:
            os.listdir(self.path)
        except FileNotFoundError:
            return "the folder is no longer there"
        except OSError as exc:
            return exc.strerror or str(exc)
        return None


def default_name(root: str | os.PathLike[str]) -> str:
    """``_config.yml``'s ``name`` or ``title`` (a one-line string), else the folder's name (a git
    archive's without its ``.git``)."""
    data = open_source(root).config()
    name = _config_name(data) if data is not None else ""
    if name:
        return name
    folder = Path(root).name
    return (folder[:-4] if folder.endswith(".git") and len(folder) > 4 else folder) or str(root)


def _config_name(data: bytes) -> str:
    if b"name" not in data and b"title" not in data and b"\x00" not in data:
        return ""
    import yaml  # here: most configs are read once, when the archive is added

    try:
        config = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return ""
    if not isinstance(config, dict):
        return ""
    for key in ("name", "title"):
        value = config.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                return text[:_NAME_MAX]
    return ""


class Library:
    """The archives of the reader's library (`data_dir`: the reader's data folder)."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.data_dir = paths.data_dir(data_dir)
        self.store = StateStore(None, self.data_dir)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ------------------------------------------------------------------------

    def archives(self) -> list[LibraryArchive]:
        """Every archive, in the reader's order."""
        return self.store._run(lambda: [LibraryArchive(*r) for r in self.store.con.execute(
            "SELECT archive, name, path, kind, position, added, read_at FROM library ORDER BY position, added")])

    def get(self, archive_id: str) -> LibraryArchive | None:
        return next((a for a in self.archives() if a.id == archive_id), None)

    def find(self, token: str) -> LibraryArchive | None:
        """The archive `token` names: its id, its name (any letter case), a folder it is at, its
        1-based number in the list, or the unique start of its id."""
        archives = self.archives()
        for test in (lambda a: a.id == token, lambda a: a.name.casefold() == token.casefold()):
            found = [a for a in archives if test(a)]
            if found:
                return found[0]
        if token.isdigit() and 1 <= int(token) <= len(archives):
            return archives[int(token) - 1]
        real = os.path.realpath(token) if token else ""
        found = [a for a in archives if real and a.path == real]
        if found:
            return found[0]
        found = [a for a in archives if len(token) >= 4 and a.id.startswith(token)]
        return found[0] if len(found) == 1 else None

    def indexing_order(self) -> list[LibraryArchive]:
        """The archives most recently read first (then in the reader's order): what to index first."""
        return sorted(self.archives(), key=lambda a: (-a.read_at, a.position))

    @property
    def initialised(self) -> bool:
        """Whether the library was ever set up (an empty library may be one the reader emptied)."""
        return self.value("initialised") == "1"

    def mark_initialised(self) -> None:
        self.set_value("initialised", "1")

    # --- changing --------------------------------------------------------------------------

    def add(self, path: str | os.PathLike[str], name: str | None = None) -> LibraryArchive:
        """Add the archive at `path` (its root, its _posts folder or a post in it); an archive
        already in the library is returned as it is (its path brought up to date)."""
        target = Path(path).expanduser()
        if not target.exists():
            raise LibraryError(f"“{target}” does not exist.")
        root = self._root_of(target)
        try:
            os.listdir(root)
        except OSError as exc:
            raise LibraryError(f"“{root}” cannot be read: {exc.strerror or exc}") from None
        source = open_source(root)
        if not source.has_posts():
            raise LibraryError(f"No posts were found in “{root}”. Add a Jekyll site, its _posts folder, "
                               "or a folder of posts.")
        real = os.path.realpath(root)
        ident = self.store.identify(real)
        existing = self.get(ident)
        if existing is not None:  # the same archive (a git archive of a folder clone's origin: now read from git)
            if existing.path != real:
                self._update(ident, "path", real)
            if existing.kind != source.kind:
                self._update(ident, "kind", source.kind)
            if name:
                self.rename(ident, name)
            self.mark_initialised()
            return self.get(ident)  # type: ignore[return-value]
        chosen = self._unique_name(_clean_name(name) or default_name(real), ident)
        store = self.store
        store._run(lambda: store._write(
            "INSERT INTO library(archive, name, path, kind, position, added) VALUES(?, ?, ?, ?, "
            "(SELECT coalesce(max(position) + 1, 0) FROM library), ?)", [(ident, chosen, real, source.kind, time.time())]))
        self.mark_initialised()
        return self.get(ident)  # type: ignore[return-value]

    def rename(self, archive_id: str, name: str) -> LibraryArchive:
        self._require(archive_id)
        clean = _clean_name(name)
        if not clean:
            raise LibraryError("An archive's name cannot be empty.")
        self._update(archive_id, "name", self._unique_name(clean, archive_id))
        return self.get(archive_id)  # type: ignore[return-value]

    def move(self, archive_id: str, position: int) -> None:
        """Put the archive at `position` (0-based) in the reader's order."""
        self._require(archive_id)
        order = [a.id for a in self.archives() if a.id != archive_id]
        order.insert(max(0, min(position, len(order))), archive_id)
        store = self.store
        store._run(lambda: store._write("UPDATE library SET position=? WHERE archive=?",
                                        [(n, ident) for n, ident in enumerate(order)]))

    def remove(self, archive_id: str, forget: bool = False) -> None:
        """Take the archive out of the library; with `forget`, its read and starred marks and its
        place too (otherwise adding it again brings them back)."""
        self._require(archive_id)
        store = self.store
        store._run(lambda: store._write("DELETE FROM library WHERE archive=?", [(archive_id,)]))
        if forget:
            store._run(lambda: store._write("DELETE FROM marks WHERE archive=?", [(archive_id,)]))
            store._run(lambda: store._write("UPDATE archives SET last_post=NULL WHERE archive=?", [(archive_id,)]))

    def relocate(self, archive_id: str, path: str | os.PathLike[str]) -> LibraryArchive:
        """The archive's folder moved to `path`: same id, same marks."""
        self._require(archive_id)
        target = Path(path).expanduser()
        if not target.exists():  # else archive_root would name its parent folder
            raise LibraryError(f"“{target}” does not exist.")
        root = self._root_of(target)
        source = open_source(root)
        if not source.has_posts():
            raise LibraryError(f"No posts were found in “{root}”.")
        real = os.path.realpath(root)
        self.store.identify(real, adopt=archive_id)
        self._update(archive_id, "path", real)
        self._update(archive_id, "kind", source.kind)
        return self.get(archive_id)  # type: ignore[return-value]

    def touch(self, archive_id: str) -> None:
        """A post of the archive was opened now (it is indexed first next time)."""
        self._update(archive_id, "read_at", time.time())

    # --- helpers ------------------------------------------------------------------------

    def _root_of(self, target: Path) -> Path:
        """The archive `target` names: a site's _posts (or _drafts) folder names the site (one with a
        _config.yml, or one in the library), as a post in it does; another such folder is its own."""
        root, _post = archive_root(target)
        if root.name in POST_FOLDERS:
            site = root.parent
            if (any((site / name).is_file() for name in _CONFIG_NAMES)
                    or any(a.path == os.path.realpath(site) for a in self.archives())):
                return site
        return root

    def _require(self, archive_id: str) -> None:
        if self.get(archive_id) is None:
            raise LibraryError(f"No archive “{archive_id}” in the library.")

    def _update(self, archive_id: str, column: str, value: object) -> None:
        store = self.store
        store._run(lambda: store._write(f"UPDATE library SET {column}=? WHERE archive=?", [(value, archive_id)]))

    def _unique_name(self, name: str, archive_id: str) -> str:
        taken = {a.name.casefold() for a in self.archives() if a.id != archive_id}
        chosen, n = name, 2
        while chosen.casefold() in taken:
            chosen, n = f"{name} ({n})", n + 1
        return chosen

    def value(self, key: str) -> str | None:
        """A value the library keeps for the window (the post last open, ...)."""
        store = self.store
        row = store._run(lambda: store.con.execute("SELECT value FROM library_meta WHERE key=?", (key,)).fetchone())
        return row[0] if row else None

    def set_value(self, key: str, value: str) -> None:
        store = self.store
        store._run(lambda: store._write("INSERT INTO library_meta(key, value) VALUES(?, ?) "
                                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value", [(key, value)]))


def _clean_name(name: str | None) -> str:
    return " ".join((name or "").split())[:_NAME_MAX]
