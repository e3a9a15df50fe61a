"""GUI benchmarks: process start to list shown (warm cache), `j` to the next article shown,
and memory while reading posts one after another.  Runs offscreen.

    python -m bench.gui_bench ARCHIVE            prints one JSON object
    python -m bench.gui_bench --hostile          the longest GUI stall while each hostile post opens
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


_QT_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})  # offscreen, once per window shown
_qt_handler = None


def quiet_qt_noise() -> None:
    """Drop the offscreen platform's propagateSizeHints() warning; every other Qt message still reaches stderr."""
    global _qt_handler
    if _qt_handler is not None:
        return
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode, context, message: str) -> None:
        if message not in _QT_NOISE:
            print(message, file=sys.stderr, flush=True)

    _qt_handler = handler
    qInstallMessageHandler(handler)


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _probe_start(archive: str) -> None:
    """Child process: open the window, print seconds since the parent started us when the list shows."""
    started = float(os.environ["LECTERN_BENCH_T0"])
    quiet_qt_noise()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import build_window

    app = QApplication(sys.argv[:1])
    window = build_window()
    window.show()
    window.open_path(archive)

    def check() -> None:
        if window.list_pane.model.rowCount() > 0:
            print(json.dumps({"start_to_list_s": time.time() - started}), flush=True)
            window.session.cancel()
            app.quit()
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)
    app.exec()
    window.shutdown()


def start_to_list(archive: Path, runs: int = 5) -> float:
    """Median seconds from launching `python` to the list being shown, warm cache."""
    times = []
    for _ in range(runs + 1):  # the first run makes the cache warm
        env = dict(os.environ, LECTERN_BENCH_T0=repr(time.time()), QT_QPA_PLATFORM="offscreen")
        out = subprocess.run([sys.executable, "-m", "bench.gui_bench", "--probe-start", str(archive)],
                             env=env, capture_output=True, text=True, check=True).stdout
        times.append(json.loads(out.strip().splitlines()[-1])["start_to_list_s"])
    return statistics.median(times[1:])


def reading(archive: Path, posts: int = 200) -> dict[str, object]:
    """In this process: `j` through `posts` posts; latency of each, RSS along the way."""
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import build_window
    from reader.gui.tasks import SyncRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window(runner=SyncRunner())
    window.resize(1280, 800)
    window.show()
    window.open_path(archive)
    window.focus_list()
    window.reading.first_post()
    app.processEvents()
    latencies, rss = [], {}
    for i in range(1, posts + 1):
        t = time.perf_counter()
        window.reading.next_post()
        window.article_pane.view.viewport().repaint()  # laid out and painted, as the reader sees it
        app.processEvents()
        latencies.append((time.perf_counter() - t) * 1000)
        if i in (1, 50, 100, 200, 300, 400, 500, posts):
            rss[i] = round(rss_mb(), 1)
    window.close()
    return {"j_ms_p50": statistics.median(latencies), "j_ms_p95": sorted(latencies)[int(len(latencies) * 0.95)],
            "rss_mb_after": rss}


def _searchable_window(archive: Path):
    """(app, the real threaded window) with `archive` open and all its text indexed."""
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import build_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window()
    window.show()
    window.open_path(archive)
    while window.session is None or not window.session.searchable:
        app.processEvents()
        time.sleep(0.001)
    return app, window


def mark_all_stalls(archive: Path, runs: int = 3) -> dict[str, float]:
    """Shift+A on the whole list and Ctrl+Z in the real (threaded) window, warm cache: the longest
    gap between ticks of a 5 ms GUI-thread timer from the key until the tree's counts are right
    (the freeze a reader would feel), against reloading that list (the baseline); medians, ms."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest

    from reader.core.queries import Scope

    app, window = _searchable_window(archive)
    window.scopes.select_scope(Scope("all"))
    window.focus_list()
    everything = window.tree_pane.model.index_of_scope(Scope("all")).internalPointer()
    clock, gaps = QElapsedTimer(), []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))

    def stall(key, modifier, done) -> float:
        gaps.clear()
        clock.start()
        ticker.start()
        QTest.keyClick(window.list_pane.view, key, modifier)
        gaps.append(clock.restart())  # the key's own handling
        while not done():
            app.processEvents()
            time.sleep(0.001)
        for _ in range(3):  # and painted
            app.processEvents()
            time.sleep(0.005)
        ticker.stop()
        return float(max(gaps))

    def reload() -> float:
        t = time.perf_counter()
        window.listing.reload()
        window.list_pane.view.viewport().repaint()
        return (time.perf_counter() - t) * 1000

    unread = everything.unread
    baseline, marked, undone = [], [], []
    for _ in range(runs):
        baseline.append(reload())
        marked.append(stall(Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier, lambda: everything.unread == 0))
        undone.append(stall(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, lambda: everything.unread == unread))
    posts = window.list_pane.model.rowCount()
    window.close()
    window.shutdown()
    return {"posts_listed": posts, "list_reload_ms": statistics.median(baseline),
            "mark_all_ms": statistics.median(marked), "undo_mark_all_ms": statistics.median(undone)}


def cold_open_stalls(archive: Path) -> dict[str, float]:
    """Open the archive with a cold cache in the real (threaded) window and watch the GUI
    thread: a 5 ms timer records the longest gap between its ticks until search is ready."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import build_window

    # A cache of its own, beside the one `run` made (and removes).
    os.environ["LECTERN_CACHE_DIR"] = os.path.join(os.path.dirname(os.environ["LECTERN_CACHE_DIR"]), "cold-cache")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window()
    window.show()
    clock, gaps = QElapsedTimer(), []
    ticker = QTimer()
    ticker.setInterval(5)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    started = time.perf_counter()
    window.open_path(archive)
    marks: dict[str, float] = {}
    while window.session is None or not window.session.searchable:
        app.processEvents()
        if "list_shown_s" not in marks and window.list_pane.model.rowCount():
            marks["list_shown_s"] = time.perf_counter() - started  # the first posts read (newest first)
        if "all_listed_s" not in marks and window.session is not None and window.session.report is not None \
                and not window.session.loading:
            marks["all_listed_s"] = time.perf_counter() - started  # every post in the list
        if "search_usable_s" not in marks and window.list_pane.search.isEnabled():
            marks["search_usable_s"] = time.perf_counter() - started  # over the newest posts indexed so far
        time.sleep(0.001)
    marks["search_ready_s"] = time.perf_counter() - started  # all the text indexed
    ticker.stop()
    window.close()
    window.shutdown()
    gaps.sort()
    return {**marks, "gui_max_stall_ms": float(gaps[-1]), "gui_stalls_over_100ms": sum(g > 100 for g in gaps)}


def hostile_archive(folder: Path) -> dict[str, str]:
    """The posts the issue names: deep nesting, a 2 MB single line, a 15 MB post, a YAML alias
    bomb, and a 20 MB one; {label: path in the archive}."""
    posts = folder / "_posts"
    posts.mkdir(parents=True, exist_ok=True)
    para = "<p>" + "这是一段用来测试的很长的文字，" * 20 + "</p>\n"
    bodies = {
        "nested 5,000 divs": "<div>" * 5000 + "深处的文字" + "</div>" * 5000,
        "nested 3,000 tables": "<table><tr><td>" * 3000 + "表格" + "</td></tr></table>" * 3000,
        "2 MB single line": "中" * 700_000,
        "15 MB post": para * (15 * 2**20 // len(para.encode())),
        "20 MB post": para * (20 * 2**20 // len(para.encode())),
    }
    out = {}
    for i, (label, body) in enumerate(bodies.items()):
        name = f"2020-01-{i + 1:02d}-hostile-{i}.html"
        (posts / name).write_text(f"---\ntitle: {label}\ndate: 2020-01-{i + 1:02d}\n---\n{body}", encoding="utf-8")
        out[label] = f"_posts/{name}"
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12))
    (posts / "2020-02-01-bomb.md").write_text(f"---\ntitle: bomb\n{bomb}---\nbody", encoding="utf-8")
    (posts / "2020-02-02-plain.md").write_text("---\ntitle: plain\n---\n<p>正常的文章。</p>", encoding="utf-8")
    return out


def hostile_stalls(folder: Path) -> dict[str, float]:
    """Open each hostile post in the real (threaded) window; the longest GUI-thread gap while
    each one loads and shows, in ms."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    posts = hostile_archive(folder)
    quiet_qt_noise()
    app, window = _searchable_window(folder)
    clock, gaps, result = QElapsedTimer(), [], {}
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    for label, rel in posts.items():
        window.reading.open_post_path("_posts/2020-02-02-plain.md")
        while "正常" not in window.article_pane.view.toPlainText():
            app.processEvents()
        gaps.clear()
        clock.start()
        ticker.start()
        window.reading.open_post_path(rel)
        while window.article_pane.view.article is None or window.article_pane.view.article.post.path != rel:
            app.processEvents()
            time.sleep(0.001)
        for _ in range(5):  # and painted
            app.processEvents()
            time.sleep(0.005)
        ticker.stop()
        result[label] = float(max(gaps, default=0))
    window.close()
    window.shutdown()
    return result


def run(archive: Path, start_runs: int = 5, posts: int = 500) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="lectern-guibench-") as scratch:
        os.environ["LECTERN_CACHE_DIR"] = os.path.join(scratch, "cache")
        os.environ["LECTERN_DATA_DIR"] = os.path.join(scratch, "data")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        quiet_qt_noise()
        result: dict[str, object] = {"archive": str(archive),
                                     "start_to_list_s": start_to_list(archive, start_runs)}
        result.update(reading(archive, posts))
        result.update(cold_open_stalls(archive))
        result.update(mark_all_stalls(archive))  # the cache the cold open made, warm now
        return result


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--probe-start":
        _probe_start(argv[1])
        return 0
    if argv == ["--hostile"]:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        with tempfile.TemporaryDirectory(prefix="lectern-hostile-") as scratch:
            os.environ["LECTERN_CACHE_DIR"] = os.path.join(scratch, "cache")
            os.environ["LECTERN_DATA_DIR"] = os.path.join(scratch, "data")
            print(json.dumps(hostile_stalls(Path(scratch) / "archive"), indent=1, ensure_ascii=False))
        return 0
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    print(json.dumps(run(Path(argv[0])), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
