"""Names shared by the packaging scripts (the spec, the .deb builder, the tests)."""

import sys

APP_ID = "io.github.lectern.Lectern"

# UI translations: resources/translations/lectern_<lang>.ts, compiled to .qm by `make qm` and by the
# spec (never committed).  Of Qt's own catalogues the bundle keeps only these languages' qtbase
# (standard buttons, key names, file dialogs); the other ~40 languages are dropped.
TRANSLATION_LANGUAGES = ("zh_CN", "zh_TW")
QT_TRANSLATIONS_KEPT = tuple(f"qtbase_{lang}.qm" for lang in TRANSLATION_LANGUAGES)


def pyside_tool(name: str) -> list[str]:
    """The command that runs PySide6's `name` tool (lrelease, lupdate) with this Python, on any platform."""
    return [sys.executable, "-c", f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.exit({name}())"]

# Looked for in order at build time; the first that exists is bundled and registered at
# start-up only when the system has no CJK font (reader/gui/fonts.py).
BUNDLED_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)

# Python modules of PySide6 that Lectern never imports.
QT_MODULES_UNUSED = (
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtDBus",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtOpenGLWidgets",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtSvgWidgets", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtQuick3D", "PySide6.QtStateMachine", "PySide6.QtSpatialAudio",
)
# Qt shared libraries (by name fragment) the bundle does not need.
QT_LIBS_UNUSED = (
    "Qt6Qml", "Qt6Quick", "Qt6Pdf", "Qt6VirtualKeyboard", "Qt6Designer", "Qt6Sql", "Qt6Test", "Qt6Help",
    "Qt6Multimedia", "Qt6SpatialAudio", "Qt6ShaderTools", "Qt6Quick3D", "Qt6StateMachine", "Qt6Concurrent",
    "Qt6OpenGLWidgets", "Qt6SvgWidgets", "Qt6UiTools", "Qt6Xml.", "qmltooling", "libqtvirtualkeyboard",
    "libqpdf", "Qt6QmlModels", "Qt6QmlWorkerScript",
)

# Git archives (reader/core/gitsync.py, sources.GitSource): pygit2 reaches libgit2 through cffi, whose
# `_cffi_backend` is imported from C, where PyInstaller's analysis cannot see it.  The reader modules
# import pygit2 inside functions; listed too so that no refactoring can drop them from the bundle.
GIT_HIDDEN_IMPORTS = (
    "_cffi_backend", "pygit2", "pygit2._pygit2", "pygit2._libgit2", "certifi",
    "reader.core.gitsync", "reader.core.gitlibrary", "reader.core.sources", "reader.gui.self_test_git",
)
# certifi's cacert.pem: on Linux the wheel's own OpenSSL knows no system store, and
# gitsync.configure_tls() points it at this file (without it every https clone fails with
# "user rejected certificate").  Bundled on every OS (a few hundred KB).
GIT_DATA_PACKAGES = ("certifi",)
GIT_CA_BUNDLE = "certifi/cacert.pem"  # its place in the bundle
# The shared libraries the pygit2 wheel ships beside its extension modules, by file-name pattern, that
# the bundle must hold: on Linux auditwheel's pygit2.libs/ (libgit2, the OpenSSL libgit2 and libssh2 use,
# libssh2, libpcre; only zlib comes from the system, zlib1g of the .deb's Depends); on macOS
# delocate's pygit2/.dylibs/; on Windows the DLL beside the extension.  The spec checks this list
# after its analysis on Linux (a build that lacks one fails) and warns elsewhere.
GIT_LIBRARIES = {
    "linux": (r"^libgit2[-.]", r"^libssl[-.]", r"^libcrypto[-.]", r"^libssh2[-.]"),
    "darwin": (r"^libgit2[-.]",),
    "win32": (r"^(lib)?git2[-.]",),
}


def missing_git_files(platform: str, binaries: list[str], datas: list[str]) -> list[str]:
    """What the bundle lacks for git archives: `binaries` and `datas` are the destination paths of
    the analysis (``a.binaries``/``a.datas``); returns the missing patterns and files."""
    import re
    from pathlib import PurePath

    key = "linux" if platform.startswith("linux") else platform
    names = [PurePath(b).name for b in binaries]
    missing = [p for p in GIT_LIBRARIES.get(key, ()) if not any(re.match(p, n) for n in names)]
    if not any(PurePath(b).name.startswith("_cffi_backend.") for b in binaries):
        missing.append("_cffi_backend")
    if not any(PurePath(b).name.startswith("_libgit2.") for b in binaries):
        missing.append("pygit2/_libgit2")
    if GIT_CA_BUNDLE not in {PurePath(d).as_posix() for d in datas}:
        missing.append(GIT_CA_BUNDLE)
    return missing
