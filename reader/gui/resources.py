"""Files shipped with the app: icons, the guide archive.

In a source checkout and an editable install they are in the repository's
`resources/`; a frozen bundle sets LECTERN_RESOURCES (issue: packaging).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

__all__ = ["resources_dir", "guide_archive", "icon"]


def resources_dir() -> Path:
    override = os.environ.get("LECTERN_RESOURCES")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "resources"


def guide_archive() -> Path:
    return resources_dir() / "guide"


@cache
def icon(name: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
