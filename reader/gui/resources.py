"""Files shipped with the app: icons, the guide archive.

In a source checkout and an editable install they are in the repository's
`resources/`; in a PyInstaller bundle, in `resources/` inside the bundle; in an
installed wheel, in the `lectern_resources` package.
LECTERN_RESOURCES overrides both.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

__all__ = ["resources_dir", "guide_archive", "icon"]


def resources_dir() -> Path:
    override = os.environ.get("LECTERN_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller
    if bundle:
        return Path(bundle) / "resources"
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    import lectern_resources  # an installed wheel: resources/ ships as this package

    return Path(lectern_resources.__path__[0])


def guide_archive() -> Path:
    return resources_dir() / "guide"


@cache
def icon(name: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
