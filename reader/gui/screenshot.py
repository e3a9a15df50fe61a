"""`python -m reader.gui.screenshot OUT.png [ARCHIVE] [--theme T] [--post PATH] [--script S] [--article]`: a picture of the window.

Opens the window on the archive (default: the guide) with throwaway cache and
data folders, reads a few posts as a person would, and saves the window.
Run it on a real screen or under `xvfb-run` (`make screenshot`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.gui.screenshot", description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("archive", nargs="?")
    parser.add_argument("--theme", choices=("system", "light", "dark", "sepia"), default="system")
    parser.add_argument("--post", help="the post to show, by its path in the archive")
    parser.add_argument("--script", choices=("", "simplified", "traditional"), default="",
                        help="show Chinese converted to this script (View menu)")
    parser.add_argument("--font", default="", help="the article's font family (Preferences)")
    parser.add_argument("--article", action="store_true", help="save the article pane only, at full size")
    parser.add_argument("--archived", action="store_true",
                        help="lay a copy of the archive out as the NodeBE4 repos are: older posts in archived/DATE/, "
                             "one of them also left in _posts/")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    out = os.path.abspath(args.out)
    scratch = tempfile.mkdtemp(prefix="lectern-shot-")
    os.environ["LECTERN_CACHE_DIR"] = os.path.join(scratch, "cache")
    os.environ["LECTERN_DATA_DIR"] = os.path.join(scratch, "data")
    if args.archived:
        args.archive = _archived_copy(args.archive, os.path.join(scratch, "archive"))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .app import build_window
    from .resources import guide_archive
    from .tasks import SyncRunner

    app = QApplication(sys.argv[:1])
    window = build_window(runner=SyncRunner())
    window.settings.prefs.theme = args.theme
    window.settings.prefs.font_family = args.font
    window.article_commands.apply_preferences()
    window.resize(1360, 820)
    window.show()
    window.open_path(args.archive or guide_archive())
    window.focus_list()
    window.reading.first_post()
    for _ in range(2):
        window.reading.next_post()
    window.reading.toggle_star()
    window.reading.previous_post()
    if args.post:
        window.reading.open_post_path(args.post)
    if args.script:
        window.article_commands.set_script(args.script)

    def snap() -> None:
        os.makedirs(os.path.dirname(out), exist_ok=True)
        (window.article_pane.view if args.article else window).grab().save(out)
        print(f"wrote {out}")
        app.quit()

    QTimer.singleShot(500, snap)
    try:
        return app.exec()
    finally:
        window.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)


def _archived_copy(archive: str | None, into: str) -> str:
    """The archive copied to `into` with its posts before 2025 moved to archived/DATE/ (archive.sh's
    layout), the oldest of them also left in _posts/ (a re-scraped duplicate)."""
    from .resources import guide_archive

    shutil.copytree(archive or guide_archive(), into)
    posts = sorted(os.listdir(os.path.join(into, "_posts")))
    for i, name in enumerate(n for n in posts if n < "2025"):
        folder = os.path.join(into, "archived", name[:10])
        os.makedirs(folder, exist_ok=True)
        (shutil.copy2 if i == 0 else shutil.move)(os.path.join(into, "_posts", name), folder)
    return into


if __name__ == "__main__":
    sys.exit(main())
