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
