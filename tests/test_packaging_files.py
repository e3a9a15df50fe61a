"""The packaging files that only the release machines run: check them here, fast, without building.

The app icon renders and is not blank at 16 px; make_icons.py writes every hicolor size (and the
.ico/.icns when Pillow is there); the macOS Info.plist keys, the Inno Setup script, the disk-image
script and the release workflow hold what the other pieces rely on.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "lectern.svg"
MAKE_ICONS = ROOT / "packaging" / "make_icons.py"
INFO_PLIST = ROOT / "packaging" / "macos" / "info_plist.json"
BUILD_DMG = ROOT / "packaging" / "macos" / "build-dmg.sh"
ISS = ROOT / "packaging" / "windows" / "lectern.iss"
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
APP_ID = "io.github.lectern.Lectern"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _render(size: int):
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    assert renderer.isValid(), f"Qt cannot read {SVG}"
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


# --- the icon -----------------------------------------------------------------------------------


def test_icon_svg_is_plain_enough_for_every_renderer():
    text = SVG.read_text(encoding="utf-8")
    assert re.search(r'viewBox="0 0 (64 64|256 256)"', text)
    for feature in ("<style", "style=", "<filter", "filter=", "href", "<text", "<image", "@import"):
        assert feature not in text, f"{feature!r} in the icon: Qt's SVG Tiny renderer or a theme may drop it"


def test_icon_renders_and_is_not_blank_at_16px(qapp):
    image = _render(16)
    alphas = [image.pixelColor(x, y).alpha() for y in range(16) for x in range(16)]
    solid = [image.pixelColor(x, y) for y in range(16) for x in range(16) if image.pixelColor(x, y).alpha() == 255]
    colours = {c.rgb() for c in solid}
    assert sum(a == 255 for a in alphas) >= 16 * 16 // 2, "the icon fills less than half of 16x16"
    assert any(a < 255 for a in alphas), "no transparent corner: the shape does not read as an icon"
    assert len(colours) >= 3, "fewer than 3 colours at 16 px: the drawing inside the background is lost"


def test_icon_keeps_its_colours_at_16px(qapp):
    # The book (light) and the lectern (amber) must both survive as solid pixels, not just blur.
    image = _render(16)
    solid = [image.pixelColor(x, y) for y in range(16) for x in range(16) if image.pixelColor(x, y).alpha() == 255]
    light = [c for c in solid if c.lightness() > 200]
    warm = [c for c in solid if c.red() > 180 and c.blue() < 120]
    assert len(light) >= 10 and len(warm) >= 6, (len(light), len(warm))


# --- make_icons.py ------------------------------------------------------------------------------


def _make_icons(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(MAKE_ICONS), *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


def _check_hicolor(out: Path) -> None:
    from PySide6.QtGui import QImage

    for size in HICOLOR_SIZES:
        png = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.is_file(), f"missing {png}"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
        assert image.hasAlphaChannel(), png


def test_make_icons_png_only_writes_every_hicolor_size(tmp_path, qapp):
    result = _make_icons("--png-only", "--out", str(tmp_path / "icons"))
    assert result.returncode == 0, result.stderr
    _check_hicolor(tmp_path / "icons")
    assert not (tmp_path / "icons" / "lectern.ico").exists()
    assert not (tmp_path / "icons" / "lectern.icns").exists()


def test_make_icons_writes_ico_and_icns(tmp_path, qapp):
    Image = pytest.importorskip("PIL.Image", reason="Pillow (the package extra) packs .ico/.icns")
    out = tmp_path / "icons"
    result = _make_icons("--out", str(out))
    assert result.returncode == 0, result.stderr
    _check_hicolor(out)
    with Image.open(out / "lectern.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(out / "lectern.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"] or (1024, 1024, 1) in icns.info["sizes"]


def test_make_icons_fails_clearly_on_a_bad_svg(tmp_path):
    result = _make_icons("--png-only", "--out", str(tmp_path), "--svg", str(tmp_path / "missing.svg"))
    assert result.returncode != 0
    assert "missing.svg" in result.stderr


# --- macOS --------------------------------------------------------------------------------------


def test_info_plist_declares_folders_and_posts():
    plist = json.loads(INFO_PLIST.read_text(encoding="utf-8"))
    assert plist["CFBundleName"] == "Lectern"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSMinimumSystemVersion"] == "11.0"
    # The spec sets these itself (from packaging_info.py and the package version).
    assert not {"CFBundleIdentifier", "CFBundleShortVersionString", "CFBundleVersion"} & set(plist)
    types = {t for doc in plist["CFBundleDocumentTypes"] for t in doc["LSItemContentTypes"]}
    assert {"public.folder", "net.daringfireball.markdown", "public.html"} <= types
    for doc in plist["CFBundleDocumentTypes"]:
        assert doc["CFBundleTypeRole"] == "Viewer"
        assert doc["LSHandlerRank"] == "Alternate"


def test_build_dmg_script_parses():
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    subprocess.run([bash, "-n", str(BUILD_DMG)], check=True, timeout=30)
    text = BUILD_DMG.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text and "dist/Lectern.app" in text and "UDZO" in text
    assert "dist/lectern-$version-macos.dmg" in text


def test_build_dmg_script_passes_shellcheck():
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck not installed")
    result = subprocess.run([shellcheck, str(BUILD_DMG)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout


# --- Windows ------------------------------------------------------------------------------------


def test_inno_setup_script():
    text = ISS.read_bytes().decode("ascii")  # Inno Setup reads a script without a byte-order mark as ANSI
    # iscc /DAppVersion=X.Y.Z overrides the default.
    assert re.search(r'^#ifndef AppVersion\s+#define AppVersion "[^"]+"\s+#endif$', text, re.MULTILINE)
    setup = dict(re.findall(r"^(\w+)=(.*)$", text, re.MULTILINE))
    assert setup["PrivilegesRequired"] == "lowest"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["AppVersion"] == "{#AppVersion}"
    assert setup["OutputBaseFilename"] == "lectern-{#AppVersion}-windows-setup"
    assert setup["SetupIconFile"] == r"..\..\build\icons\lectern.ico"
    assert setup["OutputDir"] == r"..\..\dist"
    assert r'Source: "..\..\dist\lectern\*"' in text and "recursesubdirs" in text
    assert re.search(r'^Name: "desktopicon";.*Flags: unchecked', text, re.MULTILINE)
    icons = text.split("[Icons]", 1)[1].split("\n[", 1)[0]
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', icons, re.MULTILINE)
    assert re.search(r'^Name: "\{autodesktop\}.*Tasks: desktopicon', icons, re.MULTILINE)
    assert r'Subkey: "Software\Classes\Directory\shell\Lectern"' in text and "uninsdeletekey" in text
    assert re.search(r"^Root: HKCU; Subkey: \"Software\\Classes\\Directory\\shell\\Lectern\\command\".*"
                     r'ValueData: """\{app\}\\\{#AppExe\}"" ""%1"""', text, re.MULTILINE)
    assert re.search(r"^Filename: .*Flags: nowait postinstall skipifsilent", text, re.MULTILINE)
    assert '#define AppExe "lectern.exe"' in text


# --- the release workflow -----------------------------------------------------------------------


def _workflow() -> dict:
    return yaml.safe_load(RELEASE.read_text(encoding="utf-8"))


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_release_workflow_triggers_on_tags():
    workflow = _workflow()
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert on["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in on


def test_release_workflow_builds_and_self_tests_on_every_os():
    jobs = _workflow()["jobs"]
    expected = {"linux": "ubuntu-latest", "windows": "windows-latest", "macos": "macos-latest"}
    for name, runner in expected.items():
        job = jobs[name]
        assert job["runs-on"] == runner
        uses = [step.get("uses", "") for step in job["steps"]]
        assert "actions/checkout@v4" in uses and "actions/setup-python@v5" in uses
        assert "actions/upload-artifact@v4" in uses
        setup = next(step for step in job["steps"] if step.get("uses") == "actions/setup-python@v5")
        assert str(setup["with"]["python-version"]) == "3.11"
        runs = _runs(job)
        assert "--self-test" in runs or "Invoke-SelfTest" in runs, name
    linux, windows, macos = (_runs(jobs[n]) for n in expected)
    assert "make PYTHON=python package-test" in linux
    assert "--self-test" in linux
    for runs in (windows, macos):
        assert 'python -m pip install -e ".[package]"' in runs
        assert "python packaging/make_icons.py" in runs
        assert "pyinstaller --noconfirm packaging/lectern.spec" in runs
    # lectern.exe is windowed: the job runs it through a helper that waits and checks the exit code.
    assert "'--self-test'" in jobs["windows"]["env"]["SELF_TEST_PS"]
    assert "ExitCode -ne 0" in jobs["windows"]["env"]["SELF_TEST_PS"]
    assert "Invoke-SelfTest dist\\lectern\\lectern.exe" in windows
    assert "choco install innosetup -y" in windows and r"packaging\windows\lectern.iss" in windows
    assert "/DAppVersion=" in windows
    assert "bash packaging/macos/build-dmg.sh" in macos
    assert "dist/Lectern.app/Contents/MacOS/lectern --self-test" in macos
    # The system packages: the one list, resources/system-packages.txt (tests/test_setup.py checks it).
    assert "python packaging/system_deps.py --install run test" in linux
