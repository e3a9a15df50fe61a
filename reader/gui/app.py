"""`lectern [PATH]`: the QApplication, command-line arguments and wiring; no UI logic."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["main", "build_window"]


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lectern", description="Read a Jekyll post archive.")
    parser.add_argument("path", nargs="?", help="archive root, _posts folder, or a post file "
                                                "(default: the last archive, or the bundled guide)")
    parser.add_argument("--cache-dir", help="index cache folder (also $LECTERN_CACHE_DIR)")
    parser.add_argument("--data-dir", help="reader data folder (also $LECTERN_DATA_DIR)")
    return parser.parse_args(argv)


def build_window(runner=None, fetcher=None):
    """The main window with its settings, task runner and image fetcher (tests pass their own)."""
    from reader.core import paths

    from .main_window import MainWindow
    from .net import ImageFetcher
    from .settings import Settings
    from .tasks import TaskRunner

    settings = Settings()
    runner = runner if runner is not None else TaskRunner()
    fetcher = fetcher if fetcher is not None else ImageFetcher(paths.cache_dir())
    window = MainWindow(settings, runner, fetcher)
    if isinstance(runner, TaskRunner):
        runner.setParent(window)
    return window


def initial_path(window, requested: str | None) -> str:
    from .resources import guide_archive

    if requested:
        return requested
    last = window.settings.ui.last_archive
    if last and Path(last).is_dir():
        return last
    return str(guide_archive())


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.cache_dir:
        os.environ["LECTERN_CACHE_DIR"] = args.cache_dir
    if args.data_dir:
        os.environ["LECTERN_DATA_DIR"] = args.data_dir
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lectern")
    app.setOrganizationName("Lectern")
    app.setDesktopFileName("lectern")
    window = build_window()
    window.show()
    if not window.open_path(initial_path(window, args.path)) and args.path is None:
        from .resources import guide_archive
        window.open_path(guide_archive())
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
