"""Command-line benchmark: a warm `lectern-cli search`, `index` and `show` side by side with `grep -rl`.

On one archive whose cache is already built, each command runs as a process of its own, `runs`
times, round robin (start, grep, search, index, show, start, grep, ...) so that the machine's
noise falls on all of them alike.  Each gets the median wall time and the median CPU time
(user + sys, from `resource.getrusage(RUSAGE_CHILDREN)` before and after), and its ratio to
grep's: ``grep -rl TERM ARCHIVE`` reads every post looking for one term, which is what the
command line is measured against; ``python -c pass`` is the interpreter's own start.

    python -m bench.cli_bench [ARCHIVE] [--runs N] [--term T]

The commands run with what a user's installation has: compiled bytecode (pip compiles it at
install; here PYTHONPYCACHEPREFIX points at a scratch folder, filled by one untimed run, so a
PYTHONDONTWRITEBYTECODE environment or a read-only checkout costs nothing extra) and the default
cache and data folders (XDG_CACHE_HOME / XDG_DATA_HOME point at the same scratch folder, so the
reader's own cache is never touched).  `index` must report a warm cache every time: a run that
had anything to do is not what this measures, and the benchmark says so.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

TERM = "普京"  # a 2-character term, as the core benchmark's "2 char CJK" search
COMMANDS = ("python -c pass", "grep -rl", "search", "index", "show")


@dataclass
class CliResult:
    archive: str
    posts: int
    archive_mb: float
    term: str
    show_post: str
    runs: int
    wall_ms: dict[str, float] = field(default_factory=dict)  # median per command
    cpu_ms: dict[str, float] = field(default_factory=dict)  # median user + sys per command
    commands: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def ratio(self, name: str, kind: str = "wall") -> float:
        values = self.wall_ms if kind == "wall" else self.cpu_ms
        return values[name] / max(values["grep -rl"], 1e-9)


def lectern_cli() -> list[str]:
    """The installed console script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("lectern-cli")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "reader.core.cli"]


def _posts(root: Path) -> list[Path]:
    from reader.core.discover import scan

    return [root / f.rel for f in scan(root)]


def _environment(scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "LECTERN_CACHE_DIR", "LECTERN_DATA_DIR")}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    if sys.platform.startswith("linux"):  # the default folders, through platformdirs
        env["XDG_CACHE_HOME"] = str(scratch / "cache")
        env["XDG_DATA_HOME"] = str(scratch / "data")
    else:
        env["LECTERN_CACHE_DIR"] = str(scratch / "cache")
        env["LECTERN_DATA_DIR"] = str(scratch / "data")
    return env


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall s, user + sys CPU s, exit status) of one run of `cmd`, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    status = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), status


def run(root: Path, runs: int = 21, term: str = TERM, name: str | None = None) -> CliResult:
    root = root.resolve()
    posts = _posts(root)
    by_size = sorted(posts, key=lambda p: p.stat().st_size)
    show_post = by_size[len(by_size) // 2].relative_to(root).as_posix()  # a post of median size
    cli = lectern_cli()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "grep -rl": ["grep", "-rl", term, str(root)],
        "search": [*cli, "search", str(root), term],
        "index": [*cli, "index", str(root)],
        "show": [*cli, "show", str(root), show_post],
    }
    result = CliResult(archive=name or root.name, posts=len(posts),
                       archive_mb=sum(p.stat().st_size for p in posts) / 1e6, term=term, show_post=show_post,
                       runs=runs, commands=commands)
    scratch = Path(tempfile.mkdtemp(prefix="lectern-cli-bench-"))
    try:
        env = _environment(scratch)
        first = subprocess.run([*cli, "index", "--json", str(root)], env=env, capture_output=True, text=True)
        if first.returncode != 0:
            raise RuntimeError(f"lectern-cli index failed: {first.stderr.strip()}")
        for cmd in commands.values():  # untimed: compiles the bytecode, warms the page cache
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls: dict[str, list[float]] = {k: [] for k in commands}
        cpus: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(runs):
            for label, cmd in commands.items():
                wall, cpu, status = _timed(cmd, env)
                if status > (1 if label == "grep -rl" else 0):  # grep: 1 is "no file matched"
                    raise RuntimeError(f"{' '.join(cmd)} exited with {status}")
                walls[label].append(wall * 1000)
                cpus[label].append(cpu * 1000)
        after = subprocess.run([*cli, "index", "--json", str(root)], env=env, capture_output=True, text=True)
        cache = json.loads(after.stdout).get("cache") if after.returncode == 0 else None
        if cache != "warm":
            result.notes.append(f"index found the cache {cache!r} after the timed runs, not 'warm': "
                                "the archive changed while it was measured")
        if shutil.which("grep") is None:
            result.notes.append("grep is missing")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    result.wall_ms = {k: statistics.median(v) for k, v in walls.items()}
    result.cpu_ms = {k: statistics.median(v) for k, v in cpus.items()}
    return result


def table(r: CliResult) -> str:
    head = (f"CLI, warm cache: {r.archive} ({r.posts:,} posts, {r.archive_mb:.0f} MB), term {r.term!r}, "
            f"show {r.show_post!r}; medians of {r.runs} runs each, round robin")
    width = max(len(label) for label in COMMANDS)
    lines = [head, f"  {'':{width}}  {'wall ms':>8}  {'x grep':>6}  {'cpu ms':>8}  {'x grep':>6}"]
    for label in COMMANDS:
        lines.append(f"  {label:{width}}  {r.wall_ms[label]:8.1f}  {r.ratio(label):5.2f}x  "
                     f"{r.cpu_ms[label]:8.1f}  {r.ratio(label, 'cpu'):5.2f}x")
    lines += [f"  note: {n}" for n in r.notes]
    return "\n".join(lines)


def as_dict(r: CliResult) -> dict:
    out = asdict(r)
    out["x_grep_wall"] = {k: round(r.ratio(k), 3) for k in COMMANDS}
    out["x_grep_cpu"] = {k: round(r.ratio(k, "cpu"), 3) for k in COMMANDS}
    return out


def main(argv: list[str] | None = None) -> int:
    from .make_corpus import DEFAULT_SOURCE

    parser = argparse.ArgumentParser(prog="python -m bench.cli_bench")
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT_SOURCE.parent,
                        help="archive root (default: the shared oped2 sample)")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--term", default=TERM)
    args = parser.parse_args(argv)
    print(table(run(args.archive, args.runs, args.term)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
