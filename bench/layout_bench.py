"""Archived-layout benchmark: metadata listing of an archive laid out as the NodeBE4 repos are.

Times `reader.core.index.Index(root, cache).refresh()` (metadata only, never the
full text) on a `bench.archived_layout` tree: cold (fresh cache each run), warm
open (nothing changed), and the refresh after an hourly pull (posts moved from
`_posts/` to `archived/DATE/`, new posts added), with same-run baselines: a
stat-only walk of the tree and `cat` of every file.  Laid-out trees are kept in
bench/.corpora/archived-N/ and reused; pulls run on a hard-linked working copy
(the cached tree is never changed) and every cache folder is temporary.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .archived_layout import LAYOUT_VERSION, describe, lay_out, simulate_pull, undo_pull
from .core_bench import _median_time
from .make_corpus import DEFAULT_SOURCE

CORPORA = Path(__file__).resolve().parent / ".corpora"
FULL_FILES = 30_000  # the pull's 350 moved + 30 added are for this size; smaller trees scale them down
PULL_MOVED, PULL_ADDED = 350, 30
TARGETS_S = {"cold": 5.0, "warm": 0.5, "pull": 1.0}  # at 30,000 files


@dataclass
class LayoutResult:
    name: str
    layout: dict  # the LayoutReport
    archive_mb: float
    stat_walk_s: float  # baseline: os.walk + os.stat of every file
    cat_s: float  # baseline: `cat` of every file to /dev/null
    cold_s: float  # cold: metadata listed (fresh cache)
    warm_s: float  # open + refresh, nothing changed
    pull_s: float  # refresh of an open index after the pull (os.rename: bytes and mtime kept)
    pull_rewrite_s: float  # the same when the moved files are rewritten as git does (mtime now)
    moved: int
    added: int
    runs: dict[str, int] = field(default_factory=dict)
    cold_report: dict = field(default_factory=dict)
    warm_report: dict = field(default_factory=dict)
    pull_report: dict = field(default_factory=dict)
    pull_rewrite_report: dict = field(default_factory=dict)


def layout_corpus(n_files: int) -> tuple[Path, dict]:
    """The laid-out tree of n_files files in bench/.corpora (made once, reused while its counts hold)."""
    out = CORPORA / f"archived-{n_files}"
    stamp = CORPORA / f"archived-{n_files}.json"
    if stamp.is_file() and out.is_dir():
        saved = json.loads(stamp.read_text())
        try:
            if saved.get("version") == LAYOUT_VERSION and _counts(out) == (saved["in_posts"], saved["in_archived"]):
                return out, saved
        except OSError:
            pass
    stamp.unlink(missing_ok=True)
    print(f"laying out {n_files:,} files in {out} ...", flush=True)
    report = lay_out(n_files, out, source=DEFAULT_SOURCE, force=True)
    print(describe(report), flush=True)
    saved = report.as_dict()
    stamp.write_text(json.dumps(saved, ensure_ascii=False, indent=1))
    return out, saved


def _counts(root: Path) -> tuple[int, int]:
    posts = sum(1 for f in os.scandir(root / "_posts") if f.name.endswith(".md"))
    archived = sum(1 for d in os.scandir(root / "archived") for f in os.scandir(d.path) if f.name.endswith(".md"))
    return posts, archived


def _files(root: Path) -> list[str]:
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.extend(os.path.join(folder, f) for f in files)
    return out


def stat_walk(root: Path) -> int:
    """The floor for noticing changes: walk the tree and stat every file."""
    n = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            os.stat(os.path.join(folder, f))
            n += 1
    return n


def cat_all(paths: list[str]) -> None:
    """The floor for reading the archive: `cat` every file to /dev/null (in batches)."""
    for i in range(0, len(paths), 2000):
        subprocess.run(["cat", *paths[i:i + 2000]], stdout=subprocess.DEVNULL, check=True)


def _report_dict(report) -> dict:
    out = {k: getattr(report, k, None) for k in
           ("posts", "files", "duplicates", "added", "moved", "removed", "changed", "cache")}
    out["problems"] = len(getattr(report, "problems", ()) or ())
    return out


def _link_tree(src: Path, dst: Path) -> None:
    """A working copy of src: hard links (no bytes copied), or copies where links are refused."""
    for folder, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        target = dst / os.path.relpath(folder, src)
        target.mkdir(parents=True, exist_ok=True)
        for f in files:
            try:
                os.link(os.path.join(folder, f), target / f)
            except OSError:
                shutil.copy2(os.path.join(folder, f), target / f)


def bench_layout(n_files: int, *, cold_runs: int = 3, warm_runs: int = 5, pull_runs: int = 3) -> LayoutResult:
    from reader.core.index import Index  # here: the generator above must not need the reader

    root, layout = layout_corpus(n_files)
    scale = n_files / FULL_FILES
    moved = max(1, min(round(PULL_MOVED * scale), layout["posts_only"] // 2))
    added = max(1, round(PULL_ADDED * scale))
    paths = _files(root)
    stat_s = _median_time(lambda: stat_walk(root), 3)
    cat_s = _median_time(lambda: cat_all(paths), 3)

    cold, reports = [], {}
    for _ in range(cold_runs):
        with tempfile.TemporaryDirectory(prefix="lectern-layout-cache-") as cache:
            t = time.perf_counter()
            with Index(root, cache) as ix:
                reports["cold"] = ix.refresh()
                cold.append(time.perf_counter() - t)

    with tempfile.TemporaryDirectory(prefix="lectern-layout-cache-") as cache:
        with Index(root, cache) as ix:
            ix.refresh()

        def warm() -> None:
            with Index(root, cache) as ix:
                reports["warm"] = ix.refresh()

        warm_s = _median_time(warm, warm_runs)

    pulls = {}
    CORPORA.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pull-", dir=CORPORA) as work, \
            tempfile.TemporaryDirectory(prefix="lectern-layout-cache-") as cache:
        copy = Path(work) / root.name
        _link_tree(root, copy)
        for rewrite in (False, True):
            times = []
            for _ in range(pull_runs):
                with Index(copy, cache) as ix:
                    ix.refresh()  # warm: the cache matches the tree before the pull
                    pull = simulate_pull(copy, moved=moved, added=added, seed=2, rewrite=rewrite)
                    t = time.perf_counter()
                    reports[f"pull-{rewrite}"] = ix.refresh()
                    times.append(time.perf_counter() - t)
                undo_pull(copy, pull)
            pulls[rewrite] = statistics.median(times)

    return LayoutResult(
        name=f"archived layout {n_files:,}", layout=layout, archive_mb=layout["bytes"] / 1e6,
        stat_walk_s=stat_s, cat_s=cat_s, cold_s=statistics.median(cold), warm_s=warm_s,
        pull_s=pulls[False], pull_rewrite_s=pulls[True], moved=moved, added=added,
        runs={"cold": cold_runs, "warm": warm_runs, "pull": pull_runs},
        cold_report=_report_dict(reports["cold"]), warm_report=_report_dict(reports["warm"]),
        pull_report=_report_dict(reports["pull-False"]), pull_rewrite_report=_report_dict(reports["pull-True"]))


def layout_table(r: LayoutResult) -> str:
    lay = r.layout
    head = (f"{r.name}: {lay['files']:,} files, {r.archive_mb:.0f} MB; {lay['distinct']:,} distinct posts; "
            f"{lay['in_posts']:,} in _posts/ + {lay['in_archived']:,} in archived/ ({lay['archived_folders']:,} "
            f"folders); {lay['duplicates']:,} duplicates ({lay['duplicates_identical']:,} identical, "
            f"{lay['duplicates_rescraped']:,} re-scraped)")
    target = r.layout["files"] >= FULL_FILES
    rows = [
        ("stat walk (baseline)", r.stat_walk_s, None),
        ("cat every file (baseline)", r.cat_s, None),
        (f"cold: metadata listed (median of {r.runs['cold']})", r.cold_s, "cold"),
        (f"warm open (median of {r.runs['warm']})", r.warm_s, "warm"),
        (f"pull {r.moved} moved + {r.added} added: refresh", r.pull_s, "pull"),
        ("  same, moved files rewritten (git)", r.pull_rewrite_s, None),
    ]
    width = max(len(label) for label, _, _ in rows)
    lines = [head, f"{'':{width}}  {'s':>8}  {'x stat walk':>11}  {'x cat':>7}  target"]
    for label, seconds, key in rows:
        goal = ""
        if key and target:
            goal = f"< {TARGETS_S[key]:g} s " + ("ok" if seconds < TARGETS_S[key] else "MISSED")
        lines.append(f"{label:{width}}  {seconds:8.3f}  {seconds / max(r.stat_walk_s, 1e-9):10.1f}x  "
                     f"{seconds / max(r.cat_s, 1e-9):6.2f}x  {goal}")
    for label, rep in (("cold", r.cold_report), ("warm", r.warm_report), ("pull", r.pull_report),
                       ("pull (git)", r.pull_rewrite_report)):
        lines.append(f"  {label} report: " + ", ".join(f"{k} {v}" for k, v in rep.items()))
    return "\n".join(lines)


def as_dict(result: LayoutResult) -> dict:
    return asdict(result)
