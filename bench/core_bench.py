"""Core benchmarks: indexing, opening, searching and rendering, with same-run baselines.

Each figure is a median over repeated runs (these machines are shared and
noisy), and the baselines (reading every byte of the archive, ``grep -rl``
for the same queries) are measured in the same run so ratios stay meaningful.
Cold runs index into a fresh cache folder every time.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.rss import PeakRss
from reader.core.article import load_article
from reader.core.discover import scan
from reader.core.index import Index

# (label, query, grep pattern or None when grep cannot express it)
QUERIES: tuple[tuple[str, str, str | None], ...] = (
    ("3+ char CJK", "习近平", "习近平"),
    ("2 char CJK", "普京", "普京"),
    ("1 char CJK", "猫", "猫"),
    ("English word", "democracy", "democracy"),
    ("phrase", '"言论自由"', "言论自由"),
    ("tag + word", "tag:iYouPort 审查", None),
    ("no result", "量子引力猫咪", "量子引力猫咪"),
)


@dataclass
class SizeResult:
    name: str
    posts: int
    archive_mb: float
    read_all_s: float  # baseline: read every post file's bytes
    meta_s: float  # cold: until metadata is listed
    fulltext_s: float  # cold: until search is ready (from the start)
    posts_per_s: float
    mb_per_s: float
    cache_mb: float
    cache_ratio: float
    peak_rss_mb: float  # cold index, this process and its workers together
    warm_ms: float
    incremental_1_ms: float
    incremental_500_ms: float
    cat_s: float  # baseline: `cat` of every post file to /dev/null
    jekyll_s: float | None  # baseline: `jekyll build` of a minimal site with the same posts (None: not run)
    jekyll_note: str
    search_ms: dict[str, dict[str, float]] = field(default_factory=dict)
    grep_ms: dict[str, float] = field(default_factory=dict)
    render_ms: dict[str, float] = field(default_factory=dict)


def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def read_all(root: Path) -> int:
    total = 0
    for f in scan(root):
        with open(root / f.rel, "rb") as fh:
            total += len(fh.read())
    return total


def bench_archive(name: str, root: Path, cold_runs: int = 3, search_runs: int = 20,
                  render_posts: int = 200, jekyll_max_posts: int = 6_000) -> SizeResult:
    found = scan(root)
    archive_bytes = sum(f.size for f in found)
    read_all_s = _median_time(lambda: read_all(root), 3)
    cat_s = _median_time(lambda: _cat(root, found), 3)
    meta, full, cache_bytes, peaks = [], [], 0, []
    work = Path(tempfile.mkdtemp(prefix="lectern-bench-"))
    try:
        for run in range(cold_runs):
            cache = work / f"cold-{run}"
            with PeakRss() as peak:
                t = time.perf_counter()
                with Index(root, cache) as ix:
                    ix.refresh()
                    meta.append(time.perf_counter() - t)
                    ix.build_fulltext()
                    full.append(time.perf_counter() - t)
                    cache_bytes = ix.cache_bytes()
            peaks.append(peak.mb)
        cache = work / f"cold-{cold_runs - 1}"

        def warm() -> None:
            with Index(root, cache) as ix:
                assert ix.refresh().cache == "warm"

        warm_s = _median_time(warm, 5)
        incremental_s = _incremental(root, cache, 1)
        incremental_500_s = _incremental(root, cache, min(500, len(found)), runs=1)
        with Index(root, cache) as ix:
            search = _search_times(ix, search_runs)
        grep = _grep_times(root)
        render = _render_times(root, [f.rel for f in found], render_posts)
        jekyll_s, jekyll_note = jekyll_build(root, work, max_posts=jekyll_max_posts)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    full_s = statistics.median(full)
    return SizeResult(
        name=name, posts=len(found), archive_mb=archive_bytes / 1e6, read_all_s=read_all_s,
        meta_s=statistics.median(meta), fulltext_s=full_s, posts_per_s=len(found) / full_s,
        mb_per_s=archive_bytes / 1e6 / full_s, cache_mb=cache_bytes / 1e6,
        cache_ratio=cache_bytes / max(1, archive_bytes), peak_rss_mb=max(peaks), warm_ms=warm_s * 1000,
        incremental_1_ms=incremental_s * 1000, incremental_500_ms=incremental_500_s * 1000,
        cat_s=cat_s, jekyll_s=jekyll_s, jekyll_note=jekyll_note,
        search_ms=search, grep_ms=grep, render_ms=render)


def _incremental(root: Path, cache: Path, changed: int, runs: int = 3) -> float:
    """Open after `changed` posts changed.  The archive is read-only to us, so the
    cache is told the files changed by editing their recorded mtimes instead."""
    times = []
    for _ in range(runs):
        with Index(root, cache) as ix:
            # the cache keeps each file's stamp in `files` (since the archived/ rewrite) or in `posts` (before)
            table = "files" if ix.con.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                                              "AND name='files'").fetchone() else "posts"
            ix.con.execute(f"UPDATE {table} SET mtime_ns = mtime_ns + 1 WHERE path IN "
                           "(SELECT path FROM posts ORDER BY id LIMIT ?)", (changed,))
            # ... and no longer vouches for the files as they are (an unchanged archive's scan trusts it)
            ix.con.execute("DELETE FROM meta WHERE key='scanned'")
        t = time.perf_counter()
        with Index(root, cache) as ix:
            report = ix.update()
            # `parsed`: files read again; `changed` now counts only posts whose bytes changed (none here)
            reparsed = getattr(report, "parsed", report.changed)
            assert report.cache == "incremental" and reparsed == changed, report
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _cat(root: Path, found: list) -> None:
    """The floor for reading an archive: `cat` every post file to /dev/null (in batches)."""
    paths = [str(root / f.rel) for f in found]
    for i in range(0, len(paths), 2000):
        subprocess.run(["cat", *paths[i:i + 2000]], stdout=subprocess.DEVNULL, check=True)


JEKYLL_TIMEOUT_S = 600


def jekyll_build(root: Path, work: Path, max_posts: int) -> tuple[float | None, str]:
    """Today's way to read these archives: `jekyll build` of a minimal site with the same posts.

    The posts are copied into a scratch site (Jekyll writes caches into its
    source, and the archive is never written)."""
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        return None, "not installed (Debian package jekyll)"
    posts = scan(root)
    if len(posts) > max_posts:
        return None, f"skipped above {max_posts:,} posts (it would take many minutes)"
    site = work / "jekyll-site"
    (site / "_posts").mkdir(parents=True)
    for f in posts:
        shutil.copy2(root / f.rel, site / "_posts" / Path(f.rel).name)
    (site / "_config.yml").write_text("title: bench\nmarkdown: kramdown\n")
    (site / "_layouts").mkdir()
    (site / "_layouts" / "post.html").write_text("<html><body>{{ content }}</body></html>\n")
    t = time.perf_counter()
    try:
        result = subprocess.run([jekyll, "build", "--source", str(site), "--destination", str(work / "jekyll-out")],
                                capture_output=True, text=True, timeout=JEKYLL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, f"over {JEKYLL_TIMEOUT_S // 60} min, stopped"
    seconds = time.perf_counter() - t
    if result.returncode != 0:
        return None, f"failed: {(result.stderr or result.stdout).strip().splitlines()[-1:]}"
    return seconds, "fresh build, no cache"


def _search_times(ix: Index, runs: int) -> dict[str, dict[str, float]]:
    out = {}
    for label, query, _ in QUERIES:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            result = ix.search(query, limit=50)
            times.append((time.perf_counter() - t) * 1000)
        out[label] = {"p50": statistics.median(times), "p95": _pct(times, 95), "hits": result.total}
    return out


def _grep_times(root: Path) -> dict[str, float]:
    out = {}
    grep = shutil.which("grep")
    for label, _, pattern in QUERIES:
        if pattern is None or grep is None:
            continue
        times = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([grep, "-rlF", "--include=*.md", "--include=*.html", pattern, str(root)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append((time.perf_counter() - t) * 1000)
        out[label] = statistics.median(times)
    return out


def _render_times(root: Path, rels: list[str], count: int) -> dict[str, float]:
    sample = random.Random(7).sample(rels, min(count, len(rels)))
    times = []
    for rel in sample:
        t = time.perf_counter()
        load_article(root, rel)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50": statistics.median(times), "p99": _pct(times, 99), "max": max(times), "posts": len(times)}


def as_dict(result: SizeResult) -> dict:
    return asdict(result)
