"""The window on a 30-archive library, warm: start to a usable list, GUI-thread stalls, memory.

Run by `bench.library_bench` (the library it generated and indexed); each run is a fresh
process launched as a reader launches Lectern with no folder given (the library as it was
left), with the real threaded task runner:

    python -m bench.library_gui DATA_DIR CACHE_DIR      prints one JSON line

- ``list_s``: from the process start to the list showing posts (a usable list);
- ``all_listed_s``: to every archive's posts in it (each archive's cache opened as it was left, the
  whole All list worked out after its first page);
- ``refreshed_s``: to every archive checked against its folder (the background refreshes);
- ``max_stall_ms``: the longest gap of a 5 ms GUI-thread timer from the window shown to refreshed;
- ``peak_rss_mb`` after opening 500 posts with `j` down the All list (every archive's posts);
- ``j_ms``: the median time of one `j` (select, load, render) over those posts.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POSTS_READ = 500


def _vm(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def probe(data: str, cache: str) -> dict[str, float]:
    started = float(os.environ["LECTERN_BENCH_T0"])
    os.environ["LECTERN_DATA_DIR"], os.environ["LECTERN_CACHE_DIR"] = data, cache
    from bench.gui_bench import quiet_qt_noise

    quiet_qt_noise()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.core.libindex import FIRST_PAGE
    from reader.gui.app import build_window
    from reader.gui.resources import guide_archive

    app = QApplication(sys.argv[:1])
    window = build_window()
    window.show()
    clock, gaps = QElapsedTimer(), []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    clock.start()
    ticker.start()
    window.library.open_library(None, guide_archive())
    session = window.session
    archives = len(session.archives)
    marks: dict[str, float] = {}
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        app.processEvents()
        model = window.list_pane.model
        if "list_s" not in marks and model.rowCount():
            marks["list_s"] = time.time() - started
        ready = sum(1 for a in session.archives if session.index.index_of(a.id) is not None)
        if "all_listed_s" not in marks and ready == archives and model.rowCount() > FIRST_PAGE:
            marks["all_listed_s"] = time.time() - started  # every archive open, the whole All list in
        if "all_listed_s" in marks and not session.busy and not session.opening:
            marks["refreshed_s"] = time.time() - started
            break
        time.sleep(0.001)
    ticker.stop()
    stall = max(gaps[1:] or [0])  # the first gap is the window being shown
    model = window.list_pane.model
    steps = []
    window.focus_list()
    window.reading.first_post()
    seen = set()
    for _ in range(POSTS_READ - 1):
        t = time.perf_counter()
        window.reading.next_post()
        app.processEvents()
        steps.append((time.perf_counter() - t) * 1000)
        row = window.reading.current_row()
        if row is not None:
            seen.add(row.archive)
    result = {**marks, "max_stall_ms": float(stall), "stalls_over_100ms": sum(g > 100 for g in gaps[1:]),
              "listed": model.rowCount(), "archives": archives, "archives_read": len(seen),
              "j_ms": statistics.median(steps) if steps else 0.0,
              "peak_rss_mb": _vm("VmHWM"), "rss_mb": _vm("VmRSS")}
    session.cancel()
    window.close()
    window.shutdown()
    return result


def run(data: Path, cache: Path, runs: int = 3) -> dict[str, float]:
    """Medians over `runs` launches (one more first, unmeasured: it warms the page cache)."""
    results = []
    for n in range(runs + 1):
        env = dict(os.environ, LECTERN_BENCH_T0=repr(time.time()), QT_QPA_PLATFORM="offscreen",
                   PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        out = subprocess.run([sys.executable, "-m", "bench.library_gui", str(data), str(cache)], env=env, cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
        if n:
            results.append(json.loads(out.strip().splitlines()[-1]))
    keys = [k for k in results[0] if isinstance(results[0][k], (int, float))]
    return {k: statistics.median(r[k] for r in results) for k in keys} | {
        "max_stall_ms_worst": max(r["max_stall_ms"] for r in results)}


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], sys.argv[2])), flush=True)
