"""Build dist/lectern_<version>_<arch>.deb from the PyInstaller bundle in dist/lectern/.

The app goes under /opt/lectern with a /usr/bin/lectern link, plus the desktop
entry, AppStream metainfo, hicolor icons (from build/icons, made by
packaging/make_icons.py) and the scalable SVG.  Run from the repository root:
`python packaging/linux/build_deb.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from packaging_info import APP_ID, missing_git_files  # noqa: E402
from system_deps import depends  # noqa: E402

# The system libraries the bundle's Qt needs (xcb platform, OpenGL, fonts, input): the `run` packages of
# resources/system-packages.txt, the list `make run` installs.  Git archives need none: the bundle carries
# pygit2's libgit2, libssh2 and OpenSSL (pygit2.libs/) and certifi's cacert.pem; libz is zlib1g, listed.
DEPENDS = depends()


def main() -> int:
    bundle = ROOT / "dist" / "lectern"
    if not (bundle / "lectern").is_file():
        print("build_deb: dist/lectern/lectern is missing: run `make package` first", file=sys.stderr)
        return 1
    internal = bundle / "_internal"
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()]
    missing = missing_git_files(sys.platform, files, files)
    if missing:
        print(f"build_deb: dist/lectern lacks what git archives need ({', '.join(missing)}): "
              "rebuild it with `make package`", file=sys.stderr)
        return 1
    ver = version("lectern")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    stage = ROOT / "build" / "deb" / f"lectern_{ver}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / "opt" / "lectern", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/lectern/lectern", stage / "usr" / "bin" / "lectern")
    here = Path(__file__).resolve().parent
    _install(here / f"{APP_ID}.desktop", stage / "usr/share/applications")
    _install(here / f"{APP_ID}.metainfo.xml", stage / "usr/share/metainfo")
    icons = ROOT / "build" / "icons" / "hicolor"
    if not icons.is_dir():
        print("build_deb: build/icons is missing: run `python packaging/make_icons.py --png-only`", file=sys.stderr)
        return 1
    shutil.copytree(icons, stage / "usr/share/icons/hicolor", dirs_exist_ok=True)
    _install(ROOT / "resources/icons/lectern.svg", stage / "usr/share/icons/hicolor/scalable/apps", f"{APP_ID}.svg")
    size_kb = sum(f.stat().st_size for f in stage.rglob("*") if f.is_file() and not f.is_symlink()) // 1024
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(
        f"Package: lectern\nVersion: {ver}\nArchitecture: {arch}\nMaintainer: The Lectern developers "
        f"<lectern@users.noreply.github.com>\nInstalled-Size: {size_kb}\nDepends: {DEPENDS}\nSection: text\n"
        "Priority: optional\nHomepage: https://github.com/lectern-reader/lectern\n"
        "Description: fast offline reader for Jekyll post archives\n"
        " Lectern opens a git clone of a Jekyll news archive and lets you read it at once:\n"
        " a tree of categories and tags, the list of posts and the article, driven by the\n"
        " keyboard, with search that works for Chinese. It never changes the archive and\n"
        " makes no network request you did not ask for.\n", encoding="utf-8")
    out = ROOT / "dist" / f"lectern_{ver}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(out)], check=True)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB; installed size {size_kb / 1024:.0f} MB)")
    return 0


def _install(src: Path, folder: Path, name: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, folder / (name or src.name))


if __name__ == "__main__":
    sys.exit(main())
