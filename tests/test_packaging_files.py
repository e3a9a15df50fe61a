"""The packaging files that only the release machines run: check them here, fast, without building.

The app icon renders and is not blank at 16 px; make_icons.py writes every hicolor size (and the
.ico/.icns when Pillow is there); the macOS Info.plist keys, the Inno Setup script, the disk-image
script and the release workflow hold what the other pieces rely on.  Git archives: the spec, the
.deb, the Windows and macOS recipes carry pygit2 (its libraries, `_cffi_backend`) and certifi's
certificates, and the git part of `lectern --self-test` runs here in-process.
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
SPEC = ROOT / "packaging" / "lectern.spec"
BUILD_DEB = ROOT / "packaging" / "linux" / "build_deb.py"
PACKAGE_TEST = ROOT / "packaging" / "linux" / "package_test.sh"
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


# --- git archives: pygit2 and certifi in every bundle -------------------------------------------


def _packaging_info():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import packaging_info
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    return packaging_info


def test_spec_bundles_pygit2_and_certifi():
    info = _packaging_info()
    assert {"_cffi_backend", "pygit2", "certifi", "reader.core.gitsync", "reader.core.sources",
            "reader.gui.self_test_git"} <= set(info.GIT_HIDDEN_IMPORTS)
    assert "certifi" in info.GIT_DATA_PACKAGES and info.GIT_CA_BUNDLE == "certifi/cacert.pem"
    text = SPEC.read_text(encoding="utf-8")
    assert "hiddenimports=list(GIT_HIDDEN_IMPORTS)" in text
    assert "for package in GIT_DATA_PACKAGES:\n    datas += collect_data_files(package" in text
    assert 'binaries = collect_dynamic_libs("pygit2")' in text and "binaries=binaries," in text
    # checked after the analysis, before anything is written: a Linux bundle without them fails
    check = text.index("missing_git_files(sys.platform, [b[0] for b in a.binaries], [d[0] for d in a.datas])")
    assert check < text.index("pyz = PYZ(") and "if missing and IS_LINUX:\n    raise SystemExit" in text


@pytest.mark.parametrize("platform, binaries, complete", [
    ("linux", ["pygit2.libs/libgit2-b9a7920b.so.1.9.7", "pygit2.libs/libssl-cb06c96f.so.3",
               "pygit2.libs/libcrypto-06d2c0b8.so.3", "pygit2.libs/libssh2-470cf730.so.1.0.1"], True),
    ("linux", ["pygit2.libs/libgit2-b9a7920b.so.1.9.7", "libssl.so.3", "libcrypto.so.3",
               "pygit2.libs/libssh2-470cf730.so.1.0.1"], True),
    ("linux", ["pygit2.libs/libssl-cb06c96f.so.3", "pygit2.libs/libcrypto-06d2c0b8.so.3",
               "pygit2.libs/libssh2-470cf730.so.1.0.1"], False),  # no libgit2 (the cffi module is not it)
    ("darwin", ["pygit2/.dylibs/libgit2.1.9.dylib"], True),
    ("win32", ["pygit2/git2.dll"], True),
    ("win32", [], False),
])
def test_missing_git_files_names_what_a_bundle_lacks(platform, binaries, complete):
    info = _packaging_info()
    base = ["_cffi_backend.cpython-311-x86_64-linux-gnu.so", "pygit2/_libgit2.abi3.so"]
    missing = info.missing_git_files(platform, base + binaries, ["certifi/cacert.pem"])
    assert (missing == []) is complete, missing
    bare = set(info.missing_git_files(platform, binaries, []))
    assert {"_cffi_backend", "pygit2/_libgit2", "certifi/cacert.pem"} <= bare


def test_the_installed_pygit2_wheel_has_what_the_spec_checks():
    """The patterns of packaging_info.GIT_LIBRARIES match the wheel the bundle is built from."""
    from importlib.metadata import files

    import _cffi_backend
    import certifi

    info = _packaging_info()
    wheel = [str(f) for f in files("pygit2") or []]
    binaries = [*wheel, Path(_cffi_backend.__file__).name]
    datas = [Path(certifi.where()).relative_to(Path(certifi.__file__).parents[1]).as_posix()]
    assert info.missing_git_files(sys.platform, binaries, datas) == []


def _system_libraries_of(path: Path) -> set[str]:
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=True, timeout=30).stdout
    found = set()
    for line in out.splitlines():
        name, _, where = line.strip().partition(" => ")
        if where and ".libs/" not in where:
            found.add(name.strip())
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="Linux, ldd")
def test_the_deb_needs_no_new_system_package_for_git():
    """pygit2's extensions link the wheel's own libgit2/libssh2/OpenSSL; what they take from the system
    is glibc and zlib, both in the .deb's Depends (the `run` packages of resources/system-packages.txt)."""
    import pygit2

    from reader.gui.platform_check import read_package_list

    glibc = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1"}
    listed = {lib for p in read_package_list(ROOT / "resources" / "system-packages.txt") if p.tag == "run"
              for lib in (*p.libraries, *p.optional_libraries)}
    folder = Path(pygit2.__file__).parent
    for module in [*folder.glob("_libgit2*.so"), *folder.glob("_pygit2*.so")]:
        needed = {n for n in _system_libraries_of(module) if not n.startswith(("linux-vdso", "/"))}
        assert needed - glibc <= listed, (module.name, sorted(needed - glibc - listed))
    text = BUILD_DEB.read_text(encoding="utf-8")
    assert "missing_git_files(sys.platform, files, files)" in text and "return 1" in text


def test_package_test_checks_the_bundle_and_the_git_line():
    text = PACKAGE_TEST.read_text(encoding="utf-8")
    for pattern in ("'_cffi_backend.*'", "'libgit2[-.]*'", "'libssh2[-.]*'", "'libssl-*'", "'libcrypto-*'",
                    "'cacert.pem'"):
        assert pattern in text, pattern
    assert 'grep -q "git: cloned and updated a local repo" <<<"$out"' in text
    assert 'grep -q "TLS certificates configured from certifi" <<<"$out"' in text


def test_windows_and_macos_recipes_refuse_a_bundle_without_git():
    iss = ISS.read_bytes().decode("ascii")
    assert '#define Bundle AddBackslash(SourcePath) + "..\\..\\dist\\lectern\\_internal"' in iss
    assert re.search(r'^#if !DirExists\(Bundle \+ "\\pygit2"\)\n  #error .*\n#endif$', iss, re.MULTILINE)
    assert re.search(r'^#if !FileExists\(Bundle \+ "\\certifi\\cacert\.pem"\)\n  #error .*\n#endif$', iss,
                     re.MULTILINE)
    assert iss.index("#error") < iss.index("[Setup]")
    dmg = BUILD_DMG.read_text(encoding="utf-8")
    loop = re.search(r"for pattern in (.*); do\n(.*\n){2}done", dmg)
    assert loop, "build-dmg.sh does not check the .app for git's files"
    assert {"'_cffi_backend.*'", "'_libgit2.*'", "'libgit2*.dylib'", "'cacert.pem'"} <= set(loop.group(1).split())
    assert dmg.index("for pattern in") < dmg.index("hdiutil create")


# --- the git part of `lectern --self-test`, in-process (no PyInstaller) ---------------------------


def test_self_test_clones_and_updates_a_local_repository(tmp_path):
    import time

    from reader.gui.self_test_git import ODD_NAME, check_git

    assert "|" in ODD_NAME and ":" in ODD_NAME
    start = time.perf_counter()
    line = check_git(tmp_path)
    seconds = time.perf_counter() - start
    assert line.startswith("git: cloned and updated a local repo (4 posts), libgit2 "), line
    if sys.platform.startswith("linux"):
        assert re.search(r"TLS certificates configured from certifi \(\d+ in cacert\.pem\)", line), line
    assert seconds < 5, f"the git self-test took {seconds:.1f} s"
    shutil.rmtree(tmp_path / "git")  # nothing left open (Windows could not remove an open pack)


def test_self_test_names_a_failing_update(tmp_path, monkeypatch):
    from reader.core import gitsync
    from reader.gui.self_test_git import check_git

    def broken(path, **_kw):
        raise gitsync.GitSyncError("damaged", "the pack is broken")

    monkeypatch.setattr(gitsync, "update", broken)
    with pytest.raises(RuntimeError, match="GitSyncError: the pack is broken"):
        check_git(tmp_path)


def test_self_test_prints_the_git_line():
    import inspect

    from reader.gui import app

    source = inspect.getsource(app.self_test)
    assert "check_git(scratch)" in source and "; {git}" in source
    assert source.index("check_git(scratch)") < source.index("shutil.rmtree(scratch")
