"""Git archives in the reader's library: adding one by its URL, updating it, and what an update changed.

Shared by ``lectern-cli library add URL|update`` and the window.  The network
side is `reader.core.gitsync` (clone and fetch the default branch only, into a
bare repository); reading the posts straight from its objects is
`reader.core.sources.GitSource`; the index then sees an update as any other
change: the scan compares blob ids, so a post moved to ``archived/`` keeps its
reading and its marks, a new one is new, and only changed blobs are parsed.

Clones live under the reader's data folder (``archives/``), not the cache: they
are the archive itself, and fetching them again costs the network.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from . import gitsync, paths
from .identity import normalize_remote
from .library import Library, LibraryArchive, LibraryError

__all__ = ["archives_dir", "clone_target", "known_url", "add_from_url", "download", "fresh_copy", "update_archive",
           "UpdateReport",
           "is_download", "delete_download", "download_size"]


def archives_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where git archives are cloned unless the reader picks another folder."""
    return paths.data_dir(data_dir) / "archives"


def clone_target(url: str, folder: str | os.PathLike[str] | None = None,
                 data_dir: str | os.PathLike[str] | None = None) -> Path:
    """A folder that does not exist yet for a clone of `url` (in `folder`, else `archives_dir`)."""
    parent = Path(folder) if folder else archives_dir(data_dir)
    base = gitsync.folder_name(url)
    stem = base[:-4] if base.endswith(".git") else base
    target, n = parent / base, 2
    while target.exists():
        target, n = parent / f"{stem}-{n}.git", n + 1
    return target


def is_download(archive: LibraryArchive, data_dir: str | os.PathLike[str] | None = None) -> bool:
    """Whether the archive is a download Lectern made (in `archives_dir`), not a repository of the reader's."""
    return archive.kind == "git" and paths.is_inside(archive.path, archives_dir(data_dir))


def download_size(archive: LibraryArchive) -> int:
    """Bytes the archive's download takes on disk."""
    return sum(p.stat().st_size for p in Path(archive.path).rglob("*") if p.is_file())


def delete_download(archive: LibraryArchive, data_dir: str | os.PathLike[str] | None = None) -> bool:
    """Delete a download Lectern made, once its archive left the library (adding its address again
    downloads it anew); a repository of the reader's is never touched.  True when deleted."""
    if not is_download(archive, data_dir) or not Path(archive.path).is_dir():
        return False
    gitsync.remove_tree(Path(archive.path))
    return not Path(archive.path).exists()


def known_url(library: Library, url: str) -> LibraryArchive | None:
    """The library's git archive of `url` (whatever its spelling: https, ssh, .git or not), if any."""
    ident = "git:" + normalize_remote(url)
    found = library.get(ident)
    return found if found is not None and found.kind == "git" else None


def add_from_url(library: Library, url: str, *, name: str | None = None, full: bool = False,
                 folder: str | os.PathLike[str] | None = None, proxy: gitsync.Proxy = gitsync.Proxy(),
                 progress: Callable[[gitsync.Transfer], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> tuple[LibraryArchive, gitsync.Fetched]:
    """Clone `url` (its default branch, at depth 1 unless `full`) and add it to the library.

    An archive already there by that URL is an error that names it (update it instead).  A
    repository with no posts is removed again: nothing is left behind on any failure."""
    existing = known_url(library, url)
    if existing is not None:
        raise LibraryError(f"“{existing.name}” is this archive, already in the library: update it instead.")
    fetched = download(url, full=full, folder=folder, data_dir=library.data_dir, proxy=proxy, progress=progress,
                       cancel=cancel)
    try:
        archive = library.add(fetched.path, name=name)
    except BaseException:
        shutil.rmtree(fetched.path, ignore_errors=True)
        raise
    return archive, fetched


def download(url: str, *, full: bool = False, folder: str | os.PathLike[str] | None = None,
             data_dir: str | os.PathLike[str] | None = None, proxy: gitsync.Proxy = gitsync.Proxy(),
             progress: Callable[[gitsync.Transfer], None] | None = None,
             cancel: Callable[[], bool] | None = None) -> gitsync.Fetched:
    """Clone `url` into a new folder of `folder` (else `archives_dir`), after clearing what killed
    clones left there.  Every failure is a `gitsync.GitSyncError` (a folder that cannot be made too)."""
    dest = clone_target(url, folder, data_dir)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise gitsync.GitSyncError("disk_full" if exc.errno == errno.ENOSPC else "other",
                                   f"Cannot save in {dest.parent}: {exc.strerror or exc}") from exc
    gitsync.clean_partials(dest.parent)
    return gitsync.clone(url, dest, full=full, proxy=proxy, progress=progress, cancel=cancel)


@dataclass(frozen=True)
class UpdateReport:
    """What one archive's update did (counts from the index refresh that followed it)."""

    id: str
    name: str
    added: int = 0
    moved: int = 0
    removed: int = 0
    changed: int = 0
    bytes: int = 0
    seconds: float = 0.0
    old_tip: str = ""
    new_tip: str = ""
    error: str = ""  # the message, when the update failed (the archive stays at its last good state)
    kind: str = ""  # gitsync.GitSyncError.kind of the failure
    fresh_clone: bool = False  # the local repository is damaged: a fresh clone is the cure

    def json(self) -> dict[str, object]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        if not self.error:
            for key in ("error", "kind", "fresh_clone"):
                data.pop(key)
        return data


def fresh_copy(archive: LibraryArchive, *, proxy: gitsync.Proxy = gitsync.Proxy(),
               cancel: Callable[[], bool] | None = None) -> UpdateReport:
    """Download a damaged archive again in its place (its id and marks stay); the report's
    `old_tip` is '' (a fresh copy, not an update).  Never raises for a network failure."""
    start = time.perf_counter()
    try:
        fetched = gitsync.reclone(archive.path, proxy=proxy, cancel=cancel)
    except gitsync.GitSyncError as exc:
        return _failed(archive, start, exc)
    return UpdateReport(archive.id, archive.name, bytes=fetched.bytes, seconds=time.perf_counter() - start,
                        new_tip=fetched.new_tip)


def _failed(archive: LibraryArchive, start: float, exc: gitsync.GitSyncError) -> UpdateReport:
    return UpdateReport(archive.id, archive.name, seconds=time.perf_counter() - start, error=str(exc),
                        kind=exc.kind, fresh_clone=exc.fresh_clone)


def update_archive(archive: LibraryArchive, *, cache_dir: str | os.PathLike[str] | None = None,
                   proxy: gitsync.Proxy = gitsync.Proxy(),
                   progress: Callable[[gitsync.Transfer], None] | None = None,
                   cancel: Callable[[], bool] | None = None, index: bool = True) -> UpdateReport:
    """Fetch the archive's default branch and move it to the new tip; with `index`, bring its
    index up to date and count what changed.  Never raises for a network or repository failure:
    the report says what went wrong."""
    start = time.perf_counter()
    if archive.kind != "git":
        return UpdateReport(archive.id, archive.name, error="not a git archive: Lectern does not change a folder "
                            "(update it with git yourself)", kind="not_a_repo")
    try:
        fetched = gitsync.update(archive.path, proxy=proxy, progress=progress, cancel=cancel)
    except gitsync.GitSyncError as exc:
        return _failed(archive, start, exc)
    counts = {"added": 0, "moved": 0, "removed": 0, "changed": 0}
    if index:
        from .index import Index

        with Index(archive.path, paths.cache_dir(cache_dir)) as ix:
            report = ix.refresh()
        counts = {"added": report.added, "moved": report.moved, "removed": report.removed,
                  "changed": report.changed}
    return UpdateReport(archive.id, archive.name, bytes=fetched.bytes, seconds=time.perf_counter() - start,
                        old_tip=fetched.old_tip, new_tip=fetched.new_tip, **counts)
