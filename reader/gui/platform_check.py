"""Before Qt starts on Linux: is there a display, and do the libraries of Qt's xcb plugin load?

Without them Qt aborts with "Could not load the Qt platform plugin" and names `libxcb-cursor0`
whatever is really wrong, even when there is simply no display. `check()` answers in one sentence
instead: no display (use `xvfb-run` or `lectern-cli`), a missing library and the Debian package that
gives it (with the apt command), or an X display that does not answer.

The libraries and their packages come from `resources/system-packages.txt`, the one list that
`make`, `.ci/run` and the .deb read too. This module imports nothing of Qt (it runs before Qt is
loaded) and only the standard library: `packaging/system_deps.py` and `packaging/linux/build_deb.py`
read the list through it.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shlex
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SystemPackage", "parse_package_list", "package_list_path", "read_package_list", "qt_platforms",
           "missing_libraries", "check"]

LIST_NAME = "system-packages.txt"
TAGS = ("run", "test")

_LINE = re.compile(r"^(?P<name>[a-z0-9][a-z0-9+.-]+)(?:\s+\((?P<version>[^)]*)\))?\s+(?P<tag>\S+)(?P<rest>.*)$")


@dataclass(frozen=True)
class SystemPackage:
    """One line of the list: a Debian package, what it is for, the libraries (sonames) it gives."""

    name: str
    tag: str  # "run" or "test"
    version: str = ""  # a Depends constraint such as ">= 2.34", or ""
    libraries: tuple[str, ...] = ()  # Qt cannot start without these
    optional_libraries: tuple[str, ...] = ()  # loaded only for one feature (marked `?` in the list)

    @property
    def depends(self) -> str:
        """The package as a .deb's Depends names it."""
        return f"{self.name} ({self.version})" if self.version else self.name


def parse_package_list(text: str) -> list[SystemPackage]:
    """The packages of the list's text; a malformed line raises ValueError naming it."""
    packages = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _LINE.match(line)
        if match is None or match["tag"] not in TAGS:
            raise ValueError(f"{LIST_NAME} line {number}: expected `package [(version)] run|test [libraries]`: {raw!r}")
        words = match["rest"].split()
        packages.append(SystemPackage(
            name=match["name"], tag=match["tag"], version=(match["version"] or "").strip(),
            libraries=tuple(w for w in words if not w.endswith("?")),
            optional_libraries=tuple(w[:-1] for w in words if w.endswith("?"))))
    return packages


def package_list_path() -> Path | None:
    """Where the list is: LECTERN_RESOURCES, the PyInstaller bundle, the checkout, or the installed
    wheel's `lectern_resources` (the places reader/gui/resources.py looks, without importing Qt)."""
    candidates = []
    override = os.environ.get("LECTERN_RESOURCES")
    if override:
        candidates.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    try:
        spec = importlib.util.find_spec("lectern_resources")  # finds the wheel's folder, runs nothing
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        candidates += [Path(p) for p in spec.submodule_search_locations or ()]
    return next((c / LIST_NAME for c in candidates if (c / LIST_NAME).is_file()), None)


def read_package_list(path: Path | None = None) -> list[SystemPackage]:
    path = path if path is not None else package_list_path()
    if path is None:
        raise FileNotFoundError(f"{LIST_NAME} is not where Lectern's resources are")
    return parse_package_list(path.read_text(encoding="utf-8"))


def qt_platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order (QT_QPA_PLATFORM, else what the session suggests)."""
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return [p.split(":", 1)[0].strip() for p in requested.split(";") if p.strip()]
    session = environ.get("XDG_SESSION_TYPE", "")
    if session == "x11":
        return ["xcb"]
    if environ.get("WAYLAND_DISPLAY") or session == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def missing_libraries(packages: list[SystemPackage],
                      load: Callable[[str], object] = ctypes.CDLL) -> list[tuple[str, str]]:
    """(library, package) of each required library of the `run` packages that does not load."""
    missing = []
    for package in packages:
        if package.tag != "run":
            continue
        for library in package.libraries:
            try:
                load(library)
            except OSError:
                missing.append((library, package.name))
    return missing


def check(environ: Mapping[str, str] | None = None, packages: list[SystemPackage] | None = None,
          platform: str = sys.platform, argv: list[str] | None = None,
          load: Callable[[str], object] = ctypes.CDLL,
          display_answers: Callable[[], bool] | None = None) -> str | None:
    """None when Qt can open a window here, else the one sentence that says why not and what to do."""
    if not platform.startswith("linux"):
        return None
    environ = os.environ if environ is None else environ
    argv = sys.argv[1:] if argv is None else argv
    first = (qt_platforms(environ) or ["xcb"])[0]
    if first not in ("xcb", "wayland"):
        return None  # offscreen, vnc, eglfs, ...: they need no display
    command = shlex.join(["lectern", *argv])
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (f"Lectern needs a display and there is none here (neither DISPLAY nor WAYLAND_DISPLAY is set): "
                f"run it on a desktop, under a virtual one with `xvfb-run -a {command}`, "
                f"or read the archive without a window with `lectern-cli`.")
    if first != "xcb":
        return None
    if packages is None:
        try:
            packages = read_package_list()
        except (OSError, ValueError):
            return None  # no list to check against: let Qt speak for itself
    missing = missing_libraries(packages, load)
    if missing:
        names = sorted({package for _, package in missing})
        libraries = ", ".join(f"{library} (Debian/Ubuntu package {package})" for library, package in missing)
        sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
        return (f"Lectern cannot open a window: {'the library' if len(missing) == 1 else 'the libraries'} "
                f"{libraries} {'is' if len(missing) == 1 else 'are'} missing; "
                f"install {'it' if len(names) == 1 else 'them'} with: "
                f"{sudo}apt-get install --no-install-recommends {' '.join(names)}")
    if not environ.get("DISPLAY"):
        return (f"Lectern cannot open a window: Qt would use X11 (xcb) here and DISPLAY is not set: "
                f"run it on a desktop, under a virtual one with `xvfb-run -a {command}`, "
                f"or read the archive without a window with `lectern-cli`.")
    if not (display_answers or (lambda: _x_display_answers(environ["DISPLAY"])))():
        return (f"Lectern cannot open a window: the X display DISPLAY={environ['DISPLAY']} does not answer "
                f"(no X server there, or no permission to use it): run it on a desktop, under a virtual one with "
                f"`xvfb-run -a {command}`, or read the archive without a window with `lectern-cli`.")
    return None


def _x_display_answers(display: str) -> bool:
    """Connect to the display as Qt will (libxcb), and hang up: about a millisecond on a local server."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # cannot ask: let Qt try
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)  # never NULL: an error connection when it fails
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)
