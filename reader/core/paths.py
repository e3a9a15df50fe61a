"""Where Lectern keeps its files: the disposable cache and the reader's own data.

``LECTERN_CACHE_DIR`` and ``LECTERN_DATA_DIR`` override the platform's user
directories (tests and portable installs use them); the archive itself is
never written: nothing under it is created, changed or renamed, and a cache
folder that would fall inside the archive goes to the temporary folder
instead (`outside_archive`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["cache_dir", "data_dir", "is_inside", "outside_archive"]

APP = "lectern"


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The cache directory: `override`, else $LECTERN_CACHE_DIR, else the user cache dir."""
    return Path(override or os.environ.get("LECTERN_CACHE_DIR") or _platformdirs().user_cache_dir(APP, appauthor=False))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The reader's data directory (read, starred, positions): never the cache."""
    return Path(override or os.environ.get("LECTERN_DATA_DIR") or _platformdirs().user_data_dir(APP, appauthor=False))


def _platformdirs():  # type: ignore[no-untyped-def]
    import platformdirs  # imported when needed: a few ms of every command-line run otherwise

    return platformdirs


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether `path` is `root` or lies under it (symbolic links resolved)."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, base]) == base
    except ValueError:  # different drives on Windows
        return False


def outside_archive(folder: Path, root: str | os.PathLike[str]) -> Path:
    """`folder`, unless it lies inside the archive `root` (say a cache dir set to a
    folder of the archive, or an archive that is the home folder): then a folder
    of the same name in the default cache dir, or else in the system's temporary folder."""
    for base in _cache_bases(folder):
        if not is_inside(base / folder.name, root):
            return base / folder.name
    return folder  # an archive holding even the temporary folder: nowhere else to go


def _cache_bases(folder: Path) -> Iterator[Path]:
    """Where a cache folder may go, best first; each asked for only when the one before will not do
    (finding the temporary folder writes a file, and the user dirs import platformdirs)."""
    yield folder.parent
    yield cache_dir()
    import tempfile

    yield Path(tempfile.gettempdir()) / "lectern-cache"
