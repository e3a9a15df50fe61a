"""`lectern [PATH]`: the QApplication, command-line arguments and wiring; no UI logic."""

from __future__ import annotations

import argparse
import os
import sys

__all__ = ["main", "build_window"]


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lectern", description="Read a Jekyll post archive.")
    parser.add_argument("path", nargs="?", help="archive root, _posts folder, or a post file "
                                                "(default: the last archive, or the bundled guide)")
    parser.add_argument("--cache-dir", help="index cache folder (also $LECTERN_CACHE_DIR)")
    parser.add_argument("--data-dir", help="reader data folder (also $LECTERN_DATA_DIR)")
    parser.add_argument("--self-test", action="store_true",
                        help="open the guide offscreen, render a post, search, print a report, exit")
    parser.add_argument("--version", action="version", version=f"Lectern {_version()}")
    return parser.parse_args(argv)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lectern")
    except PackageNotFoundError:
        return "unknown"


def build_window(runner=None, fetcher=None, settings=None):
    """The main window with its settings, task runner and image fetcher (tests pass their own)."""
    from reader.core import paths

    from .main_window import MainWindow
    from .net import ImageFetcher
    from .settings import Settings
    from .tasks import TaskRunner

    settings = settings if settings is not None else Settings()
    runner = runner if runner is not None else TaskRunner()
    fetcher = fetcher if fetcher is not None else ImageFetcher(paths.cache_dir())
    window = MainWindow(settings, runner, fetcher)
    if isinstance(runner, TaskRunner):
        runner.setParent(window)
    return window


def self_test() -> int:
    """Used by every packaging smoke test: the whole app, offscreen, on the guide archive; then
    libgit2 on a repository made, cloned and updated in the scratch folder (no network)."""
    import shutil
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="lectern-self-test-")  # removed when the test ends
    os.environ["LECTERN_CACHE_DIR"] = os.path.join(scratch, "cache")
    os.environ["LECTERN_DATA_DIR"] = os.path.join(scratch, "data")
    from PySide6.QtWidgets import QApplication

    from .fonts import ensure_cjk_font
    from .i18n import install_translators
    from .resources import guide_archive
    from .settings import Settings
    from .tasks import SyncRunner

    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        bundled_font = ensure_cjk_font(app)
        settings = Settings()
        install_translators(app, settings.prefs.language)
        window = build_window(runner=SyncRunner(), settings=settings)
        window.show()
        if not window.open_path(guide_archive()):
            raise RuntimeError(f"the guide archive did not open: {guide_archive()}")
        posts = window.list_pane.model.rowCount()
        if posts == 0:
            raise RuntimeError("the guide archive lists no posts")
        window.reading.first_post()
        text = window.article_pane.view.toPlainText()
        if len(text) < 200:
            raise RuntimeError(f"the first post rendered only {len(text)} characters")
        window.list_pane.search.setText("搜索")
        window.list_pane.flush_search()
        found = window.list_pane.model.rowCount()
        if found == 0:
            raise RuntimeError("searching the guide for 搜索 found nothing")
        window.list_pane.search.setText("鍵盤")  # Traditional: finds the Simplified 键盘 too (OpenCC data)
        window.list_pane.flush_search()
        if window.list_pane.model.rowCount() < 2:
            raise RuntimeError("searching the guide for 鍵盤 did not find 键盘: Simplified/Traditional folding is broken")
        languages = _check_translations(app)
        window.close()
        window.shutdown()
        from .self_test_git import check_git

        git = check_git(scratch)
    except Exception as exc:  # the reason, not a traceback, is what a smoke test shows
        print(f"Lectern {_version()} self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    font = f"bundled font {bundled_font}" if bundled_font else "system CJK font"
    print(f"Lectern {_version()} self-test OK: {posts} posts, rendered {len(text)} characters, "
          f"search found {found} posts, {font}, translations {languages}, Qt platform {app.platformName()}; {git}")
    return 0


def _check_translations(app) -> str:
    """Switch the open window to each UI language and back: a package missing Lectern's or Qt's
    .qm for one of them fails here."""
    from PySide6.QtCore import QCoreApplication

    from .actions import MENUS, translate
    from .i18n import LANGUAGES, SOURCE_LANGUAGE, install_translators

    qt_sample = ("QPlatformTheme", "Cancel")  # a string of Qt's catalogue (a tuple: lupdate must not extract it)
    checked = []
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        install_translators(app, language)
        app.processEvents()  # the window hears LanguageChange and re-sets its texts
        if translate(MENUS["file"]) == MENUS["file"]:
            raise RuntimeError(f"Lectern's {language} translation did not load (lectern_{language}.qm)")
        if QCoreApplication.translate(*qt_sample) == qt_sample[1]:
            raise RuntimeError(f"Qt's {language} translation did not load (qtbase_{language}.qm)")
        checked.append(language)
    install_translators(app, "")
    app.processEvents()
    return " ".join(checked)


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # indexing workers of a frozen app start through the same executable
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        return self_test()
    if args.cache_dir:
        os.environ["LECTERN_CACHE_DIR"] = args.cache_dir
    if args.data_dir:
        os.environ["LECTERN_DATA_DIR"] = args.data_dir
    from .platform_check import check

    problem = check(argv=sys.argv[1:] if argv is None else argv)  # one sentence instead of Qt's abort
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lectern")
    app.setOrganizationName("Lectern")
    app.setDesktopFileName("io.github.lectern.Lectern")
    from .fonts import ensure_cjk_font
    from .i18n import install_translators
    from .settings import Settings

    ensure_cjk_font(app)
    settings = Settings()
    install_translators(app, settings.prefs.language)  # before the window: it is built in that language
    window = build_window(settings=settings)
    window.show()
    from .resources import guide_archive

    window.library.open_library(args.path, guide_archive())
    status = app.exec()
    window.shutdown()
    return status


if __name__ == "__main__":
    sys.exit(main())
