"""Where a post's bytes come from: a folder on disk, or a git commit read straight from its objects.

Everything that lists an archive's posts or reads one goes through a `Source`
(the scan, the parse and text workers, an article shown, the archive's name);
nothing else knows which kind it reads:

* `FolderSource`: a folder the reader chose (a working clone of theirs is one
  too: Lectern never writes into it).  Files are listed by `discover` and read
  with ``open``; a file's change token is its size and modification time.
* `GitSource`: a *bare* repository Lectern cloned (`reader.core.gitsync`).  The
  posts are the blobs of the tip commit's tree of its default branch, listed by
  the same `discover` rules (``_posts``, ``archived/DATE``, collections ...)
  and read from the object database: no checkout, so a file name Windows
  cannot hold (``| ? : * "``, two names differing only in case) reads as any
  other.  A file's change token is its blob id (`Found.token`); git keeps no
  file times, so its ``mtime_ns`` is a number taken from the blob id (an
  unchanged blob, an unchanged stamp) and no copy is "more recent" than another.

Nothing here touches the network or writes anything.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from . import discover
from .discover import Found, Row
from .identity import blob_id, is_git_store
from .limits import MAX_FILE_BYTES
from .postfile import Problem

__all__ = ["Source", "FolderSource", "GitSource", "open_source", "is_git_store", "blob_stamp"]

_CONFIG_MAX = 1024 * 1024


def blob_stamp(token: str) -> int:
    """The ``mtime_ns`` of a git entry: 60 bits of its blob id (git keeps no file times)."""
    return int(token[:15], 16)


class Source:
    """Lists an archive's candidate posts and reads their bytes."""

    kind = "folder"

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def rows(self) -> list[Row]:
        """Every candidate post (`discover.scan_rows`), sorted by path."""
        raise NotImplementedError

    def stamp(self) -> str | None:
        """A token that is the same exactly when `rows` would be (cheaper than `rows`), or None
        when only `rows` can tell."""
        return None

    def has_posts(self) -> bool:
        raise NotImplementedError

    def config(self) -> bytes | None:
        """The bytes of the archive's ``_config.yml``, None when it has none."""
        raise NotImplementedError

    def read(self, rel: str, token: str = "") -> tuple[bytes, float] | Problem:
        """(the bytes of the post at `rel`, up to one more than MAX_FILE_BYTES; its time), or why it
        cannot be read.  `token`: the entry's `Found.token` when known (git: read that very blob)."""
        raise NotImplementedError

    def digest(self, f: Found) -> str | None:
        """The git blob id of `f`'s bytes (None: unreadable)."""
        got = self.read(f.rel, f.token)
        return None if isinstance(got, Problem) else blob_id(got[0])

    def size(self, rel: str) -> int:
        """The size of the entry at `rel` in bytes (0 when gone)."""
        raise NotImplementedError


class FolderSource(Source):
    """A folder of posts on disk (read-only to Lectern)."""

    def rows(self) -> list[Row]:
        return discover.scan_rows(self.root)

    def has_posts(self) -> bool:
        return discover.has_posts(self.root)

    def config(self) -> bytes | None:
        return discover.Tree().config(str(self.root))

    def read(self, rel: str, token: str = "", checked: bool = False) -> tuple[bytes, float] | Problem:
        """`checked`: make sure `rel` resolves inside the archive first (a path not from a scan)."""
        if checked:
            path = _inside_path(self.root, rel)
            if path is None:
                return Problem(rel, "is not inside the archive")
        else:
            path = os.path.join(self.root, *rel.split("/"))
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device never end
                return Problem(rel, "not a regular file")
            with open(path, "rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as exc:
            return Problem(rel, f"cannot read the file: {getattr(exc, 'strerror', None) or exc}")
        return data, info.st_mtime

    def size(self, rel: str) -> int:
        try:
            return os.stat(os.path.join(self.root, *rel.split("/"))).st_size
        except OSError:
            return 0


def _inside_path(root: Path, rel: str) -> str | None:
    """The file `rel` names when it resolves inside `root` (symlinks followed), else None."""
    real_root = os.path.normcase(os.path.realpath(root))
    path = os.path.join(real_root, *rel.split("/"))
    prefix = real_root.rstrip(os.sep) + os.sep
    try:
        inside = (os.path.normcase(os.path.normpath(path)).startswith(prefix)
                  and os.path.normcase(os.path.realpath(path)).startswith(prefix))
    except (OSError, ValueError):
        return None
    return path if inside else None


class _Stat:
    __slots__ = ("st_size", "st_mtime_ns")

    def __init__(self, size: int, mtime_ns: int) -> None:
        self.st_size, self.st_mtime_ns = size, mtime_ns


class _GitEntry:
    """A tree entry that looks like an `os.DirEntry` to `discover` (its ``path`` is what
    `_GitTree.listing` takes: the pygit2 object itself)."""

    __slots__ = ("name", "path", "_kind", "_odb")

    def __init__(self, obj, odb) -> None:  # type: ignore[no-untyped-def]
        self.name: str = obj.name
        self.path = obj
        self._kind = obj.filemode
        self._odb = odb

    def is_dir(self, follow_symlinks: bool = True) -> bool:
        return self._kind == 0o040000

    def is_file(self, follow_symlinks: bool = True) -> bool:
        return self._kind in (0o100644, 0o100755)

    def is_symlink(self) -> bool:
        return False  # a symlink blob (0o120000) is neither a file nor a folder here: skipped

    def stat(self, follow_symlinks: bool = True) -> _Stat:
        oid = self.path.id
        return _Stat(self._odb.read_header(oid)[1], blob_stamp(str(oid)))


class _GitTree(discover.Tree):
    """`discover.Tree` over a commit's tree."""

    def __init__(self, repo, top) -> None:  # type: ignore[no-untyped-def]
        self.repo, self.top, self.odb = repo, top, repo.odb

    def listing(self, path) -> Iterator[_GitEntry]:  # type: ignore[override,no-untyped-def]
        tree = self.top if isinstance(path, str) else path
        odb = self.odb
        for obj in tree:
            yield _GitEntry(obj, odb)

    def config(self, root: str) -> bytes | None:
        for name in discover._CONFIG_NAMES:
            if name in self.top:
                obj = self.top[name]
                if obj.filemode in (0o100644, 0o100755):
                    return obj.data[:_CONFIG_MAX]
        return None

    def starts_with_front_matter(self, entry: _GitEntry) -> bool:  # type: ignore[override]
        return discover.starts_with_front_matter(entry.path.data[:8])

    def extra(self, entry: _GitEntry) -> tuple[str, ...]:  # type: ignore[override]
        return (str(entry.path.id),)


class GitSource(Source):
    """The tip of a bare repository's default branch (HEAD), read from its objects."""

    kind = "git"

    def __init__(self, root: str | os.PathLike[str]) -> None:
        super().__init__(root)
        import pygit2  # here: a folder archive never loads libgit2

        self._pygit2 = pygit2
        self._folder = self._identity()
        self.repo = pygit2.Repository(str(self.root))
        self._tree = None
        self._tree_of = ""

    def _identity(self) -> tuple[int, int]:
        """The repository folder's identity: a fresh download swapped in is another folder."""
        try:
            info = os.stat(self.root)
        except OSError:
            return (0, 0)
        return (info.st_dev, info.st_ino)

    def tip(self) -> str:
        """The commit the archive is at ('' when the repository has none yet)."""
        folder = self._identity()
        if folder != self._folder:  # downloaded again (a damaged copy replaced): read the new one
            self.repo.free()
            self.repo = self._pygit2.Repository(str(self.root))
            self._folder, self._tree, self._tree_of = folder, None, ""
        try:
            return str(self.repo.head.target)
        except self._pygit2.GitError:
            return ""

    def _top(self):  # type: ignore[no-untyped-def]
        """The tip's tree (read again when the tip moved: an update in this or another process)."""
        tip = self.tip()
        if tip != self._tree_of:
            self._tree = self.repo[tip].peel(self._pygit2.Tree) if tip else None
            self._tree_of = tip
        return self._tree

    def rows(self) -> list[Row]:
        top = self._top()
        return [] if top is None else discover.scan_rows(self.root, _GitTree(self.repo, top))

    def stamp(self) -> str | None:
        top = self._top()
        return f"git-tree:{top.id}" if top is not None else "git-tree:"

    def has_posts(self) -> bool:
        top = self._top()
        return top is not None and discover.has_posts(self.root, _GitTree(self.repo, top))

    def config(self) -> bytes | None:
        top = self._top()
        return None if top is None else _GitTree(self.repo, top).config("")

    def _blob(self, rel: str, token: str):  # type: ignore[no-untyped-def]
        if token:
            return self.repo[token]
        top = self._top()
        if top is None:
            raise KeyError(rel)
        return top[rel]

    def read(self, rel: str, token: str = "", checked: bool = False) -> tuple[bytes, float] | Problem:
        try:
            blob = self._blob(rel, token)
        except (KeyError, ValueError):
            return Problem(rel, "is no longer in the archive's git tree (it was updated since it was listed)")
        except self._pygit2.GitError as exc:
            return Problem(rel, f"cannot read it from the archive's git objects: {exc}")
        if blob.type_str != "blob":
            return Problem(rel, "not a regular file")
        try:
            return blob.data[:MAX_FILE_BYTES + 1], 0.0
        except self._pygit2.GitError as exc:  # a damaged pack
            return Problem(rel, f"cannot read it from the archive's git objects: {exc}")

    def digest(self, f: Found) -> str | None:
        return f.token or super().digest(f)

    def size(self, rel: str) -> int:
        try:
            return self.repo.odb.read_header(self._blob(rel, "").id)[1]
        except (KeyError, ValueError, self._pygit2.GitError):
            return 0


_local = threading.local()


def open_source(root: str | os.PathLike[str]) -> Source:
    """The source of the archive at `root`: a `GitSource` for a bare repository, else a
    `FolderSource`.  A thread keeps its git sources open (one repository object per thread:
    libgit2 objects are not shared between threads)."""
    key = os.fspath(root)
    cache: dict[str, Source] | None = getattr(_local, "sources", None)
    if cache is None:
        cache = _local.sources = {}
    source = cache.get(key)
    if source is None:
        source = GitSource(key) if is_git_store(key) else FolderSource(key)
        if len(cache) > 64:
            cache.clear()
        cache[key] = source
    return source
