"""Where Lectern keeps its files: the disposable cache and the reader's own data.

``LECTERN_CACHE_DIR`` and ``LECTERN_DATA_DIR`` override the platform's user
directories (tests and portable installs use them); the archive itself is
never written.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["cache_dir", "data_dir"]

APP = "lectern"


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The cache directory: `override`, else $LECTERN_CACHE_DIR, else the user cache dir."""
    return Path(override or os.environ.get("LECTERN_CACHE_DIR") or platformdirs.user_cache_dir(APP, appauthor=False))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The reader's data directory (read, starred, positions): never the cache."""
    return Path(override or os.environ.get("LECTERN_DATA_DIR") or platformdirs.user_data_dir(APP, appauthor=False))
