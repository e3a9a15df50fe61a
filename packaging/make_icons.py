#!/usr/bin/env python3
"""Render the app icon (resources/icons/lectern.svg) into the files the packages need.

    python packaging/make_icons.py              # PNGs, lectern.ico and lectern.icns
    python packaging/make_icons.py --png-only   # PNGs only (the Linux path; no Pillow needed)
    python packaging/make_icons.py --out DIR    # write into DIR instead of build/icons

Writes, under build/icons/ of the repository (or --out DIR):
    hicolor/{16,24,32,48,64,128,256,512}x{same}/apps/io.github.lectern.Lectern.png
    lectern.ico    Windows: 16-256 px, for PyInstaller and Inno Setup
    lectern.icns   macOS: 32-1024 px, for PyInstaller's BUNDLE

The SVG is drawn with Qt (PySide6.QtSvg), the renderer the app itself uses, at
every size separately, so small sizes are rendered, not scaled down. Pillow is
needed only to pack .ico/.icns: without it the PNGs are still written and those
two are skipped with a warning (the Windows and macOS builds install it through
the `package` extra). Exits non-zero with a message on any failure.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "lectern.svg"
DEFAULT_OUT = ROOT / "build" / "icons"
APP_ID = "io.github.lectern.Lectern"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


class IconError(Exception):
    """A failure with a message for the person running the script."""


def hicolor_path(out: Path, size: int) -> Path:
    return out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def _qt():
    # No display is needed to draw into a QImage: never open a window (CI, ssh, containers).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtGui import QGuiApplication, QImage, QPainter
        from PySide6.QtSvg import QSvgRenderer
    except ImportError as exc:
        raise IconError(f"PySide6 with QtSvg is needed to render the icon ({exc}); run: pip install -e .") from exc
    if QGuiApplication.instance() is None:
        # Kept on the function so it lives as long as the process.
        _qt.app = QGuiApplication([sys.argv[0]])
    return QBuffer, QByteArray, QIODevice, QImage, QPainter, QSvgRenderer


def render_pngs(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """PNG bytes of the SVG drawn at each size (square, transparent outside the shape)."""
    QBuffer, QByteArray, QIODevice, QImage, QPainter, QSvgRenderer = _qt()
    if not svg.is_file():
        raise IconError(f"icon source not found: {svg}")
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise IconError(f"Qt cannot read the SVG: {svg}")
    pngs: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise IconError(f"Qt could not encode the {size} px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def write_pngs(out: Path, pngs: dict[int, bytes]) -> list[Path]:
    written = []
    for size in PNG_SIZES:
        path = hicolor_path(out, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    return written


def write_ico_icns(out: Path, pngs: dict[int, bytes]) -> list[Path]:
    """lectern.ico and lectern.icns from the rendered PNGs. Raises ImportError without Pillow."""
    from PIL import Image  # only here: the PNG path must work without Pillow

    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in pngs.items()}

    ico = out / "lectern.ico"
    largest = images[max(ICO_SIZES)]
    # BMP frames: the most widely read ICO flavour (resource compilers, installers, old shells).
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
        bitmap_format="bmp",
    )

    icns = out / "lectern.icns"
    largest = images[max(ICNS_SIZES)]
    largest.save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)])

    for path in (ico, icns):
        if not path.is_file() or path.stat().st_size == 0:
            raise IconError(f"Pillow wrote nothing to {path}")
    return [ico, icns]


def build(out: Path, svg: Path = SVG, png_only: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    sizes = PNG_SIZES if png_only else tuple(sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)))
    pngs = render_pngs(svg, sizes)
    written = write_pngs(out, pngs)
    if png_only:
        return written
    try:
        written += write_ico_icns(out, pngs)
    except ImportError as exc:
        print(
            f"make_icons: warning: Pillow is not installed ({exc}): skipped lectern.ico and lectern.icns, "
            'which the Windows and macOS builds need; install it with: pip install -e ".[package]"',
            file=sys.stderr,
        )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the Lectern app icon into PNG/ICO/ICNS files.")
    parser.add_argument("--png-only", action="store_true", help="write only the hicolor PNGs (no Pillow needed)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    parser.add_argument("--svg", type=Path, default=SVG, help=f"icon source (default: {SVG})")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    try:
        written = build(out, svg=args.svg, png_only=args.png_only)
    except (IconError, OSError) as exc:
        print(f"make_icons: error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        try:
            shown = path.relative_to(Path.cwd())
        except ValueError:
            shown = path
        print(f"make_icons: wrote {shown}")
    if args.png_only:
        print("make_icons: --png-only: skipped lectern.ico and lectern.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
