"""`python -m bench`: core benchmarks on the shared corpus and generated archives.

    python -m bench                 oped2 + generated 5,685, 20,000 and 100,000 posts (about 30 minutes),
                                    and the 30-archive library (about 15 more: its index is built each run
                                    unless --library-cache DIR keeps it)
    python -m bench --smoke         one generated 2,000-post archive, one cold run, a 3 x 200-post library
                                    (keeps the code alive; `make test` runs it)
    python -m bench --sizes 5685    chosen generated sizes
    python -m bench --no-oped2 --no-gui --sizes --layout-files 30000
                                    only the archived-layout section (posts in archived/DATE/, duplicates,
                                    an hourly pull); --layout-files 0 skips it
    python -m bench --no-oped2 --no-gui --sizes --layout-files 0
                                    only lectern-cli against grep -rl (a warm search, index and show on
                                    the generated 5,685; --no-cli skips it; bench/cli_bench.py)
    python -m bench --no-oped2 --no-gui --no-cli --no-git --sizes --layout-files 0
                                    only the library section: 30 generated archives, 150,000 posts
                                    (search p95, All list, duplicates, start-up, memory; smoke: 3 x 200;
                                    --no-library skips it, --library-cache DIR keeps its index;
                                    bench/library_bench.py)
    python -m bench --no-oped2 --no-gui --no-cli --no-library --sizes --layout-files 0
                                    only the git section: depth-1 and full clone and a 30-new-posts update of
                                    a generated 15,000-file repo over loopback HTTP against `git clone --bare` /
                                    `git fetch`, cold metadata from git objects against the same posts in a
                                    folder (smoke: 300 files; --no-git skips it, --git-files N sizes it;
                                    bench/git_bench.py)

Prints a table and writes bench/results/core-<time>.json (not committed).
Generated archives are kept in bench/.corpora/ and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from . import cli_bench, git_bench, library_bench
from .core_bench import QUERIES, SizeResult, as_dict, bench_archive
from .gui_bench import hostile_stalls
from .gui_bench import run as gui_run
from .layout_bench import FULL_FILES, bench_layout, layout_table
from .layout_bench import as_dict as layout_as_dict
from .make_corpus import DEFAULT_SOURCE, generate

HERE = Path(__file__).resolve().parent


def corpus(n: int) -> Path:
    out = HERE / ".corpora" / str(n)
    posts = out / "_posts"
    if not (posts.is_dir() and sum(1 for _ in posts.iterdir()) == n):
        print(f"generating {n} posts in {out} ...", flush=True)
        generate(n, out, force=True)
    return out


def table(results: list[SizeResult]) -> str:
    rows = [
        ("posts", lambda r: f"{r.posts}"),
        ("archive MB", lambda r: f"{r.archive_mb:.0f}"),
        ("read all bytes (baseline) s", lambda r: f"{r.read_all_s:.2f}"),
        ("cat all posts (baseline) s", lambda r: f"{r.cat_s:.2f}"),
        ("jekyll build (baseline) s", lambda r: f"{r.jekyll_s:.1f}" if r.jekyll_s is not None else r.jekyll_note[:22]),
        ("cold: metadata listed s", lambda r: f"{r.meta_s:.2f}"),
        ("cold: search ready s", lambda r: f"{r.fulltext_s:.2f}"),
        ("  x cat baseline", lambda r: f"{r.fulltext_s / max(r.cat_s, 1e-9):.0f}x"),
        ("  jekyll build / search ready", lambda r: f"{r.jekyll_s / r.fulltext_s:.1f}x" if r.jekyll_s else "-"),
        ("posts/s", lambda r: f"{r.posts_per_s:.0f}"),
        ("MB/s", lambda r: f"{r.mb_per_s:.1f}"),
        ("cache MB (x archive)", lambda r: f"{r.cache_mb:.0f} ({r.cache_ratio:.2f}x)"),
        ("peak RSS, all processes MB", lambda r: f"{r.peak_rss_mb:.0f}"),
        ("warm open ms", lambda r: f"{r.warm_ms:.0f}"),
        ("incremental (1 changed) ms", lambda r: f"{r.incremental_1_ms:.0f}"),
        ("incremental (500 changed) ms", lambda r: f"{r.incremental_500_ms:.0f}"),
    ]
    for label, _, _ in QUERIES:
        rows.append((f"search {label} p50/p95 ms",
                     lambda r, l=label: f"{r.search_ms[l]['p50']:.1f}/{r.search_ms[l]['p95']:.1f} ({r.search_ms[l]['hits']})"))
        rows.append((f"  grep -rl {label} ms",
                     lambda r, l=label: f"{r.grep_ms[l]:.0f}" if l in r.grep_ms else "-"))
    rows.append(("render+clean p50/p99/max ms",
                 lambda r: f"{r.render_ms['p50']:.1f}/{r.render_ms['p99']:.0f}/{r.render_ms['max']:.0f}"))
    width = max(len(label) for label, _ in rows)
    lines = [f"{'':{width}}  " + "  ".join(f"{r.name:>22}" for r in results)]
    for label, fn in rows:
        lines.append(f"{label:{width}}  " + "  ".join(f"{fn(r):>22}" for r in results))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--smoke", action="store_true", help="2,000 generated posts, one cold run")
    parser.add_argument("--sizes", type=int, nargs="*", default=None, help="generated archive sizes")
    parser.add_argument("--no-oped2", action="store_true", help="skip the shared oped2 sample")
    parser.add_argument("--no-gui", action="store_true", help="skip the window benchmarks")
    parser.add_argument("--no-cli", action="store_true", help="skip lectern-cli against grep -rl")
    parser.add_argument("--library", action=argparse.BooleanOptionalAction, default=True,
                        help="the 30-archive, 150,000-post library (smoke: 3 x 200; default: on)")
    parser.add_argument("--library-cache", type=Path, default=None, metavar="DIR",
                        help="the library's index cache, kept for the next run (default: a temporary folder)")
    parser.add_argument("--git", action=argparse.BooleanOptionalAction, default=True,
                        help="git archives: clone, update, cold metadata against git (smoke: 300 files; default: on)")
    parser.add_argument("--git-files", type=int, default=None, metavar="N",
                        help=f"post files in the git section's repository (default {git_bench.FULL_FILES:,}, "
                             f"smoke {git_bench.SMOKE_FILES})")
    parser.add_argument("--layout-files", type=int, default=None, metavar="N",
                        help=f"files in the archived-layout section (default {FULL_FILES:,}, smoke 2,500; 0: skip)")
    args = parser.parse_args(argv)
    if not DEFAULT_SOURCE.is_dir():
        print(f"bench: {DEFAULT_SOURCE} is missing: the benchmarks are built from the shared corpus"
              + (" (smoke run skipped)" if args.smoke else ""), file=sys.stderr)
        return 0 if args.smoke else 1
    results = []
    sizes = [2000] if args.smoke else (args.sizes if args.sizes is not None else [5685, 20000, 100000])
    if args.smoke:
        results.append(bench_archive("generated 2,000", corpus(2000), cold_runs=1, search_runs=3, render_posts=30,
                                     jekyll_max_posts=0))
    else:
        if not args.no_oped2:
            results.append(bench_archive("oped2 (shared)", DEFAULT_SOURCE.parent))
        for n in sizes:
            results.append(bench_archive(f"generated {n:,}", corpus(n), cold_runs=3 if n <= 6000 else 1))
    print(f"cores: {os.cpu_count()}  (medians; cold runs use a fresh cache each time)")
    if results:
        print(table(results), flush=True)
    layout = None
    layout_files = args.layout_files if args.layout_files is not None else (2500 if args.smoke else FULL_FILES)
    if layout_files:
        layout = (bench_layout(layout_files, cold_runs=1, warm_runs=3, pull_runs=1) if args.smoke
                  else bench_layout(layout_files))
        print(layout_table(layout), flush=True)
    cli = None
    if not args.no_cli:  # warm search / index / show against grep -rl, side by side
        cli = (cli_bench.run(DEFAULT_SOURCE.parent, runs=5, name="oped2 sample (shared)") if args.smoke
               else cli_bench.run(corpus(5685), runs=21, name="generated 5,685"))
        print(cli_bench.table(cli), flush=True)
    library = None
    if args.library:
        library = (library_bench.bench_library(3, 200, args.library_cache, runs=3, open_runs=2, start_runs=1)
                   if args.smoke else library_bench.bench_library(30, 5000, args.library_cache))
        print(library_bench.table(library), flush=True)
    git = None
    if args.git:
        git = git_bench.run(args.smoke, args.git_files)
        print(git_bench.table(git), flush=True)
    gui = []
    if not args.no_gui:
        for n in sizes:
            gui.append(gui_run(corpus(n), start_runs=1, posts=50) if args.smoke else gui_run(corpus(n)))
    for g in gui:
        print(f"GUI {g['archive']}: start to list {g['start_to_list_s']:.2f} s (warm cache); "
              f"j to next article p50 {g['j_ms_p50']:.0f} ms, p95 {g['j_ms_p95']:.0f} ms; RSS after N posts read "
              f"{g['rss_mb_after']} MB; mark all {g['posts_listed']:,} read {g['mark_all_ms']:.0f} ms, undo "
              f"{g['undo_mark_all_ms']:.0f} ms (GUI-thread stalls; reloading that list {g['list_reload_ms']:.0f} ms: "
              f"{g['mark_all_ms'] / max(g['list_reload_ms'], 0.1):.1f}x, "
              f"{g['undo_mark_all_ms'] / max(g['list_reload_ms'], 0.1):.1f}x); "
              f"cold open: list after {g['list_shown_s']:.1f} s, every post listed after "
              f"{g['all_listed_s']:.1f} s, search usable (newest "
              f"first) after {g['search_usable_s']:.1f} s, all text searchable after "
              f"{g['search_ready_s']:.1f} s, longest GUI-thread stall {g['gui_max_stall_ms']:.0f} ms "
              f"({g['gui_stalls_over_100ms']} over 100 ms)")
    hostile: dict[str, float] = {}
    if not args.no_gui:  # last: 20 MB posts leave the heap bigger for whatever runs after them
        with tempfile.TemporaryDirectory(prefix="lectern-hostile-") as scratch:
            os.environ["LECTERN_CACHE_DIR"] = os.path.join(scratch, "cache")
            os.environ["LECTERN_DATA_DIR"] = os.path.join(scratch, "data")
            hostile = hostile_stalls(Path(scratch) / "archive")
        print("GUI hostile posts, longest GUI-thread stall while each opens: "
              + ", ".join(f"{k} {v:.0f} ms" for k, v in hostile.items()))
    out = HERE / "results" / f"core-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"core": [as_dict(r) for r in results], "gui": gui, "hostile_stall_ms": hostile,
                               "archived_layout": layout_as_dict(layout) if layout else None,
                               "cli": cli_bench.as_dict(cli) if cli else None,
                               "library": library_bench.as_dict(library) if library else None,
                               "git": git_bench.as_dict(git) if git else None},
                              ensure_ascii=False, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
