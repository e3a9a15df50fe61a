"""Git-archive benchmark: Lectern's clone, update and indexing of a bare clone, side by side with git.

    python -m bench.git_bench [--files 15000] [--smoke]      prints the table, writes bench/results/git-<time>.json
    python -m bench --git / --no-git [--git-files N]          part of `make bench` (smoke: 300 files)

The repository is generated once into bench/.corpora/git-<N>/ (kept, like the other corpora):
`archived_layout.lay_out(N)` makes the posts (most in `archived/YYYY-MM-DD/`, the newest 4 % and
about 2 % re-scraped copies in `_posts/`), committed with pygit2 on `master` over COMMITS commits
(each adds the next slice of posts by date; the newest posts of a slice sit in `_posts/` and are
moved to `archived/` by the next commit, as archive.sh does), plus a root `gh-pages` commit with
a GH_PAGES_BYTES incompressible blob that no clone may fetch, then `git repack -a -d` (a server
serves packs).  The update is one more commit made there too, kept under a ref upload-pack hides
(HIDDEN_REF): `archived_layout.simulate_pull` (UPDATE_MOVED posts moved to `archived/`,
UPDATE_ADDED new ones in `_posts/`).  `checkout/` is the tree of the master tip written out with
pygit2: the same posts as a folder.

Served over loopback smart HTTP (`tests.gitserver.GitServer`, i.e. `git http-backend`) from a child
process, so the server never competes with the client for this process' GIL.  Same-run baselines:
* clone depth 1: `gitsync.clone(url, dest)` vs `git clone --bare --depth 1 --single-branch`;
* clone full: `gitsync.clone(url, dest, full=True)` vs `git clone --bare --single-branch`;
* update: upstream master moves to the update commit; `gitsync.update` of a depth-1 Lectern clone vs
  `git fetch --depth 1 origin +refs/heads/master:refs/heads/master` in a depth-1 `git clone --bare`
  (each run on a fresh copy of the two clones; upstream is a repository borrowing upstream.git's
  objects through `objects/info/alternates`, so the cached one is never changed);
* cold metadata: `Index(bare clone, fresh cache).refresh()` vs the same on `checkout/`, same workers,
  runs alternated;
* indexing an update: the refresh after `gitsync.update` (blobs parsed, seconds) vs the refresh of a
  hard-linked copy of `checkout/` after the same pull (moved files rewritten, as a checkout does).
Lectern and git runs alternate (which goes first flips every run).  Target: Lectern within
TARGET_RATIO x of git, and git objects within TARGET_RATIO x of the folder.  git runs with no
user or system configuration.  Every clone, copy and cache is in a temporary folder, removed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
RECIPE = "lectern-git-v1"  # change when the recipe changes: the cached repository is made again
FULL_FILES = 15_000
SMOKE_FILES = 300
COMMITS = 5
GH_PAGES_BYTES = 20_000_000  # the real gh-pages is force-pushed hourly at ~20 MB
UPDATE_ADDED, UPDATE_MOVED = 30, 8
HIDDEN_REF = "refs/lectern-bench/update"
TARGET_RATIO = 1.5
_EPOCH = 1_704_067_200  # commit times: 2024-01-01 + k hours (deterministic tips)


# ---------------------------------------------------------------- the repository on disk


def repo_dir(n_files: int) -> Path:
    return HERE / ".corpora" / f"git-{n_files}"


def _git_env() -> dict[str, str]:
    """git with no user or system configuration and never a prompt."""
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_TERMINAL_PROMPT="0")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"):
        env.pop(name, None)
    return env


def _git(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=_git_env(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def _tree(repo, files: dict[str, object]):  # type: ignore[no-untyped-def]
    """The tree of {'a/b/c.md': blob oid}."""
    import pygit2

    folders: dict[str, dict[str, object]] = {}
    builder = repo.TreeBuilder()
    for path, oid in files.items():
        head, sep, rest = path.partition("/")
        if sep:
            folders.setdefault(head, {})[rest] = oid
        else:
            builder.insert(head, oid, pygit2.enums.FileMode.BLOB)
    for name, inner in folders.items():
        builder.insert(name, _tree(repo, inner), pygit2.enums.FileMode.TREE)
    return builder.write()


def _commit(repo, files: dict[str, object], parents: list, k: int, message: str):  # type: ignore[no-untyped-def]
    import pygit2

    sig = pygit2.Signature("Archive Bot", "bot@example.invalid", _EPOCH + 3600 * k, 0)
    return repo.create_commit(None, sig, sig, message, _tree(repo, files), parents)


def _files(root: Path) -> list[str]:
    """Every file under root as a relative '/' path (hidden folders skipped), sorted."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(folder, root)
        out += [n if rel == "." else f"{rel}/{n}".replace(os.sep, "/") for n in names]
    return sorted(out)


def _history(repo, staging: Path, log) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """Commit the posts of `staging` on master over COMMITS commits; (tip hex, files)."""
    rels = _files(staging)
    blobs = {rel: repo.create_blob((staging / rel).read_bytes()) for rel in rels}
    posts = sorted((r for r in rels if r.endswith(".md")), key=lambda r: (r.rsplit("/", 1)[-1][:10], r))
    other = [r for r in rels if not r.endswith(".md")]
    parents: list = []
    for k in range(1, COMMITS + 1):
        upto = round(len(posts) * k / COMMITS)
        files = {r: blobs[r] for r in other + posts[:upto]}
        if k < COMMITS:  # the newest of this slice are not archived yet: the next commit moves them
            names = {r.rsplit("/", 1)[-1] for r in files if r.startswith("_posts/")}
            for rel in posts[max(0, upto - len(posts) // (COMMITS * 5)):upto]:
                name = rel.rsplit("/", 1)[-1]
                if rel.startswith("archived/") and name not in names:
                    files[f"_posts/{name}"] = files.pop(rel)
                    names.add(name)
        oid = _commit(repo, files, parents, k, f"scrape {k}: {upto:,} posts")
        parents = [oid]
        log(f"git: commit {k}/{COMMITS}: {len(files):,} files", flush=True)
    return str(parents[0]), len(rels)


def _checkout(repo, commit_hex: str, dest: Path) -> int:  # type: ignore[no-untyped-def]
    """Write the tree of `commit_hex` to `dest` (a folder with the same posts); returns the files written."""
    import pygit2

    written = 0
    trees = [(repo[commit_hex].peel(pygit2.Commit).tree, dest)]
    while trees:
        tree, folder = trees.pop()
        folder.mkdir(parents=True, exist_ok=True)
        for entry in tree:
            if entry.type_str == "tree":
                trees.append((repo[entry.id], folder / entry.name))
            else:
                (folder / entry.name).write_bytes(repo[entry.id].data)
                written += 1
    return written


def ensure_repo(n_files: int, log=print) -> tuple[Path, Path, dict, bool]:
    """(upstream.git, checkout/, what was made, whether this call made it): generated when missing
    or of another recipe."""
    out = repo_dir(n_files)
    upstream, checkout, stamp = out / "upstream.git", out / "checkout", out / "repo.json"
    gh_bytes = GH_PAGES_BYTES if n_files >= 5000 else 1_000_000
    want = {"recipe": RECIPE, "files": n_files, "commits": COMMITS, "gh_pages_bytes": gh_bytes,
            "update": [UPDATE_ADDED, UPDATE_MOVED]}
    if stamp.is_file() and (upstream / "HEAD").is_file() and checkout.is_dir():
        done = json.loads(stamp.read_text())
        if {k: done.get(k) for k in want} == want:
            return upstream, checkout, done, False
    import pygit2

    from .archived_layout import lay_out, simulate_pull

    started = time.perf_counter()
    stamp.unlink(missing_ok=True)
    for old in (upstream, checkout, out / ".staging"):
        shutil.rmtree(old, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".staging"
    try:
        log(f"git: laying out {n_files:,} post files in {staging} ...", flush=True)
        layout = lay_out(n_files, staging).as_dict()
        (staging / "_config.yml").write_text('title: "Bench 存档"\n', encoding="utf-8")
        repo = pygit2.init_repository(str(upstream), bare=True, initial_head="master")
        tip, files = _history(repo, staging, log)
        repo.references.create("refs/heads/master", pygit2.Oid(hex=tip), force=True)
        big = repo.create_blob(random.Random(7).randbytes(gh_bytes))
        site = {"index.html": repo.create_blob(b"<html>site</html>\n"), "assets/big.bin": big}
        gh_pages = _commit(repo, site, [], COMMITS + 1, "site")
        repo.references.create("refs/heads/gh-pages", gh_pages, force=True)
        pull = simulate_pull(staging, moved=UPDATE_MOVED, added=UPDATE_ADDED, seed=2)
        after = {rel: repo.create_blob((staging / rel).read_bytes()) for rel in _files(staging)}
        update = _commit(repo, after, [pygit2.Oid(hex=tip)], COMMITS + 2,
                         f"hourly: {len(pull.added)} new, {len(pull.moved)} archived")
        repo.references.create(HIDDEN_REF, update, force=True)
        repo.config["uploadpack.hideRefs"] = "refs/lectern-bench"
        repo.free()
        log("git: git repack -a -d ...", flush=True)
        _git("-C", str(upstream), "repack", "-a", "-d", "-q")
        _git("-C", str(upstream), "pack-refs", "--all")
        log(f"git: writing the master tree to {checkout} ...", flush=True)
        repo = pygit2.Repository(str(upstream))
        written = _checkout(repo, tip, checkout)
        repo.free()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pack = sum(p.stat().st_size for p in (upstream / "objects" / "pack").glob("*.pack"))
    made = dict(want, master=tip, update_tip=str(update), big_blob=str(big),
                gh_pages_tip=str(gh_pages),
                files_in_tree=files, checkout_files=written, pack_mb=round(pack / 1e6, 1),
                posts_mb=round(layout["bytes"] / 1e6, 1), layout=layout, update_moved=len(pull.moved),
                update_added=len(pull.added), seconds=round(time.perf_counter() - started, 1))
    stamp.write_text(json.dumps(made, ensure_ascii=False, indent=1))
    return upstream, checkout, made, True


# ---------------------------------------------------------------- the server (a child process)


class Served:
    """`tests.gitserver.GitServer` on `root`, run in a child process (`--serve ROOT`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def __enter__(self) -> Served:
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.git_bench", "--serve", str(self.root)],
                                     cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.strip().isdigit():
            self.__exit__()
            raise RuntimeError(f"the git server did not start: {line!r}")
        self.port = int(line)
        return self

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        assert self.proc.stdin is not None
        self.proc.stdin.close()  # the child stops its server and exits
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None


def _serve(root: str) -> int:
    sys.path.insert(0, str(REPO_ROOT))
    from tests.gitserver import GitServer

    with GitServer(Path(root)) as server:
        print(server.port, flush=True)
        sys.stdin.read()  # until the parent closes our stdin
    return 0


# ---------------------------------------------------------------- measuring


@dataclass
class GitResult:
    name: str
    repo: dict  # what ensure_repo made (tips, sizes, counts)
    workers: int
    runs: dict[str, int]
    times: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # step -> side -> seconds per run
    mb: dict[str, dict[str, float]] = field(default_factory=dict)  # step -> side -> MB received (last run)
    reports: dict[str, dict] = field(default_factory=dict)  # Index reports of one run of each kind
    checks: dict[str, object] = field(default_factory=dict)
    generated_s: float | None = None  # when this run generated the repository

    def median(self, step: str, side: str) -> float:
        return statistics.median(self.times[step][side])

    def ratio(self, step: str, side: str, base: str) -> float:
        return self.median(step, side) / max(self.median(step, base), 1e-9)


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in (path / "objects").rglob("*") if f.is_file()) / 1e6


def _report_dict(rep) -> dict:  # type: ignore[no-untyped-def]
    return {"posts": rep.posts, "files": rep.files, "parsed": rep.parsed, "added": rep.added,
            "changed": rep.changed, "removed": rep.removed, "moved": rep.moved, "cache": rep.cache,
            "problems": len(rep.problems), "seconds": round(rep.seconds, 3)}


def _moving_repo(folder: Path, upstream: Path, master: str, gh_pages: str) -> Path:
    """A bare repository borrowing upstream's objects, whose master `_point` moves."""
    moving = folder / "moving.git"
    _git("init", "--bare", "-q", "--initial-branch=master", str(moving))
    (moving / "objects" / "info" / "alternates").write_text(str((upstream / "objects").resolve()) + "\n")
    _point(moving, "gh-pages", gh_pages)
    _point(moving, "master", master)
    return moving


def _point(repo: Path, branch: str, target: str) -> None:
    (repo / "refs" / "heads" / branch).write_text(target + "\n")


def _alternate(fns: list, run: int) -> None:  # type: ignore[type-arg]
    """Call the functions in order, reversed on every other run."""
    for fn in (fns if run % 2 == 0 else fns[::-1]):
        fn()


def bench_git(n_files: int = FULL_FILES, *, clone_runs: int = 7, full_runs: int = 5, update_runs: int = 11,
              meta_runs: int = 5, index_update_runs: int = 3, log=print) -> GitResult:
    from reader.core import gitsync
    from reader.core.index import Index

    from .archived_layout import simulate_pull, undo_pull
    from .layout_bench import _link_tree

    started = time.perf_counter()
    upstream, checkout, made, fresh = ensure_repo(n_files, log)
    workers = os.cpu_count() or 1
    result = GitResult(name=f"git archive {n_files:,} files", repo=made, workers=workers,
                       runs={"clone depth 1": clone_runs, "clone full": full_runs, "update": update_runs,
                             "cold metadata": meta_runs, "index update": index_update_runs},
                       generated_s=round(time.perf_counter() - started, 1) if fresh else None)
    tip, new_tip = made["master"], made["update_tip"]
    quiet = lambda _t: None  # noqa: E731 - the GUI always passes a progress callback

    def record(step: str, side: str, seconds: float) -> None:
        result.times.setdefault(step, {}).setdefault(side, []).append(seconds)

    with tempfile.TemporaryDirectory(prefix="served-", dir=upstream.parent) as served, \
            tempfile.TemporaryDirectory(prefix="lectern-git-bench-") as scratch, Served(upstream.parent) as server:
        work = Path(scratch)
        url = server.url("upstream.git")
        # --- clones: depth 1, then full
        for step, runs, full in (("clone depth 1", clone_runs, False), ("clone full", full_runs, True)):
            log(f"git: {step} x {runs} (Lectern and git alternated) ...", flush=True)
            depth = [] if full else ["--depth", "1"]
            for run in range(runs):
                mine, theirs = work / f"lectern-{run}.git", work / f"git-{run}.git"
                got: list = []
                _alternate([lambda: record(step, "lectern", _timed(lambda: got.append(
                                gitsync.clone(url, mine, full=full, progress=quiet)))),
                            lambda: record(step, "git", _timed(lambda: _git(
                                "clone", "--bare", "-q", *depth, "--single-branch", url, str(theirs))))], run)
                result.mb[step] = {"lectern": round(got[0].bytes / 1e6, 1), "git": round(_size_mb(theirs), 1)}
                if run == 0:
                    import pygit2

                    for side, path in (("lectern", mine), ("git", theirs)):
                        repo = pygit2.Repository(str(path))
                        result.checks[f"{step}: {side} has master's tip"] = str(repo.head.target) == tip
                        result.checks[f"{step}: {side} has no gh-pages"] = not (
                            "refs/heads/gh-pages" in repo.references or made["big_blob"] in repo)
                        result.checks[f"{step}: {side} is {'full' if full else 'shallow'}"] = repo.is_shallow != full
                        repo.free()
                shutil.rmtree(mine)
                shutil.rmtree(theirs)

        # --- update: upstream master moves to the update commit
        moving = _moving_repo(Path(served), upstream, tip, made["gh_pages_tip"])
        moving_url = server.url(f"{Path(served).name}/moving.git")
        base_l, base_g = work / "base-lectern.git", work / "base-git.git"
        gitsync.clone(moving_url, base_l, progress=quiet)
        _git("clone", "--bare", "-q", "--depth", "1", "--single-branch", moving_url, str(base_g))
        log(f"git: update ({made['update_added']} new, {made['update_moved']} moved) x {update_runs} ...", flush=True)
        for run in range(update_runs):
            mine, theirs = work / "update-lectern.git", work / "update-git.git"
            shutil.copytree(base_l, mine, symlinks=True)
            shutil.copytree(base_g, theirs, symlinks=True)
            before = _size_mb(theirs)
            _point(moving, "master", new_tip)
            got = []
            try:
                _alternate([lambda: record("update", "lectern", _timed(lambda: got.append(
                                gitsync.update(mine, progress=quiet)))),
                            lambda: record("update", "git", _timed(lambda: _git(
                                "-C", str(theirs), "fetch", "-q", "--depth", "1", "origin",
                                "+refs/heads/master:refs/heads/master")))], run)
            finally:
                _point(moving, "master", tip)
            result.mb["update"] = {"lectern": round(got[0].bytes / 1e6, 2), "git": round(_size_mb(theirs) - before, 2)}
            if run == 0:
                result.checks["update: lectern tip is the new commit"] = got[0].new_tip == new_tip
                result.checks["update: git tip is the new commit"] = subprocess.run(
                    ["git", "-C", str(theirs), "rev-parse", "refs/heads/master"], env=_git_env(),
                    capture_output=True, text=True).stdout.strip() == new_tip
            shutil.rmtree(mine)
            shutil.rmtree(theirs)

        # --- cold metadata: git objects (the depth-1 Lectern clone) vs the same posts in a folder
        log(f"git: cold metadata x {meta_runs}, git objects vs folder ({workers} workers) ...", flush=True)

        def cold(root: Path, side: str, run: int) -> None:
            with tempfile.TemporaryDirectory(prefix="cache-", dir=work) as cache:
                t = time.perf_counter()
                with Index(root, cache) as ix:
                    rep = ix.refresh(workers=workers)
                record("cold metadata", side, time.perf_counter() - t)
                result.reports[f"cold {side}"] = _report_dict(rep)

        if meta_runs >= 3:  # one untimed run of each first: the page cache and imports as in the others
            for root in (base_l, checkout):
                with tempfile.TemporaryDirectory(prefix="cache-", dir=work) as cache, Index(root, cache) as ix:
                    ix.refresh(workers=workers)
        for run in range(meta_runs):
            _alternate([lambda: cold(base_l, "git", run), lambda: cold(checkout, "folder", run)], run)
        result.checks["cold metadata: same posts"] = (
            result.reports["cold git"]["posts"], result.reports["cold git"]["files"]) == (
            result.reports["cold folder"]["posts"], result.reports["cold folder"]["files"])
        with Index(base_l, work / "warm-cache") as ix:
            ix.refresh(workers=workers)
            for _ in range(5):
                record("warm open", "git", _timed(lambda: ix.refresh(workers=workers)))

        # --- indexing the update: refresh after gitsync.update vs a folder after the same pull
        log(f"git: indexing the update x {index_update_runs} ...", flush=True)
        mine, cache = work / "indexed.git", work / "index-cache"
        for run in range(index_update_runs):
            shutil.copytree(base_l, mine, symlinks=True)
            with Index(mine, cache) as ix:
                ix.refresh(workers=workers)  # the cache matches the clone before the update
                _point(moving, "master", new_tip)
                try:
                    gitsync.update(mine, progress=quiet)
                finally:
                    _point(moving, "master", tip)
                t = time.perf_counter()
                rep = ix.refresh(workers=workers)
                record("index update", "git", time.perf_counter() - t)
                result.reports["index update git"] = _report_dict(rep)
            shutil.rmtree(mine)
        copy, cache = work / "folder", work / "folder-cache"
        _link_tree(checkout, copy)
        for run in range(index_update_runs):
            with Index(copy, cache) as ix:
                ix.refresh(workers=workers)
                pull = simulate_pull(copy, moved=UPDATE_MOVED, added=UPDATE_ADDED, seed=2, rewrite=True)
                t = time.perf_counter()
                rep = ix.refresh(workers=workers)
                record("index update", "folder", time.perf_counter() - t)
                result.reports["index update folder"] = _report_dict(rep)
            undo_pull(copy, pull)
        shutil.rmtree(base_l)
        shutil.rmtree(base_g)
    return result


# ---------------------------------------------------------------- reporting


def _verdict(ratio: float, full_size: bool) -> str:
    if not full_size:
        return f"(target at {FULL_FILES:,} files)"
    return f"<= {TARGET_RATIO:g}x " + ("met" if ratio <= TARGET_RATIO else "NOT MET")


def table(r: GitResult) -> str:
    m, lay = r.repo, r.repo.get("layout", {})
    lines = [f"{r.name}: {m['posts_mb']:.0f} MB of posts ({lay.get('in_posts', 0):,} in _posts/, "
             f"{lay.get('in_archived', 0):,} in archived/); upstream pack {m['pack_mb']:.0f} MB with "
             f"{m['commits']} commits on master and a {m['gh_pages_bytes'] / 1e6:.0f} MB gh-pages; "
             f"loopback smart HTTP (git http-backend); {r.workers} cores"
             + (f"; generated in {r.generated_s:.0f} s" if r.generated_s else "")]
    rows = [  # label, step, measured side, baseline side, target?
        ("clone depth 1", "clone depth 1", "lectern", "git", True),
        ("clone full", "clone full", "lectern", "git", True),
        (f"update: {m['update_added']} new + {m['update_moved']} moved", "update", "lectern", "git", True),
        ("cold metadata: git objects vs folder", "cold metadata", "git", "folder", True),
        ("index the update: git vs folder", "index update", "git", "folder", False),
    ]
    width = 52
    lines.append(f"{'':{width}}  {'s':>7}  {'max':>6}  {'base s':>7}  {'max':>6}  {'ratio':>6}  "
                 f"{'MB (L / git)':>13}  target")
    for label, step, side, base, target in rows:
        t = r.times[step]
        mb = r.mb.get(step)
        ratio = r.ratio(step, side, base)
        mb_text = f"{mb['lectern']:6.1f} / {mb['git']:4.1f}" if mb else ""
        lines.append(f"{label + ' (median of ' + str(len(t[side])) + ')':{width}}  {r.median(step, side):7.3f}  "
                     f"{max(t[side]):6.2f}  {r.median(step, base):7.3f}  {max(t[base]):6.2f}  {ratio:5.2f}x  "
                     f"{mb_text:>13}  {_verdict(ratio, m['files'] >= FULL_FILES) if target else ''}")
    lines.append(f"{'warm open, git: nothing changed (median of 5)':{width}}  {r.median('warm open', 'git'):7.4f}")
    lines.append("  s: Lectern (network rows) or git objects (index rows); base: git (network rows) or the folder "
                 "(index rows); max: the slowest run")
    u = r.times["update"]
    if len(u["lectern"]) >= 10:
        lines.append(f"  update p95: Lectern {_pct(u['lectern'], 95):.3f} s, git {_pct(u['git'], 95):.3f} s")
    for key in ("cold git", "cold folder", "index update git", "index update folder"):
        if key in r.reports:
            lines.append(f"  {key} report: " + ", ".join(f"{k} {v}" for k, v in r.reports[key].items()))
    bad = [k for k, ok in r.checks.items() if not ok]
    lines.append("  checks: " + (f"all {len(r.checks)} as expected (right tips, no gh-pages, same posts)" if not bad
                                 else "FAILED: " + ", ".join(bad)))
    return "\n".join(lines)


def as_dict(r: GitResult) -> dict:
    d = asdict(r)
    d["medians"] = {step: {side: round(statistics.median(v), 4) for side, v in sides.items()}
                    for step, sides in r.times.items()}
    d["ratios"] = {"clone depth 1": r.ratio("clone depth 1", "lectern", "git"),
                   "clone full": r.ratio("clone full", "lectern", "git"),
                   "update": r.ratio("update", "lectern", "git"),
                   "cold metadata git/folder": r.ratio("cold metadata", "git", "folder"),
                   "index update git/folder": r.ratio("index update", "git", "folder")}
    d["target_ratio"] = TARGET_RATIO
    d["targets_met"] = ({k: v <= TARGET_RATIO for k, v in d["ratios"].items() if k != "index update git/folder"}
                        if r.repo["files"] >= FULL_FILES else None)  # a smaller repository is no test of them
    return d


def run(smoke: bool = False, n_files: int | None = None) -> GitResult:
    if smoke:
        return bench_git(n_files or SMOKE_FILES, clone_runs=1, full_runs=1, update_runs=1, meta_runs=1,
                         index_update_runs=1)
    return bench_git(n_files or FULL_FILES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.git_bench")
    parser.add_argument("--files", type=int, default=None,
                        help=f"post files in the repository (default {FULL_FILES:,})")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_FILES} files, one run of each")
    parser.add_argument("--serve", metavar="ROOT", help=argparse.SUPPRESS)  # the server child
    args = parser.parse_args(argv)
    if args.serve:
        return _serve(args.serve)
    result = run(args.smoke, args.files)
    print(table(result), flush=True)
    out = HERE / "results" / f"git-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(as_dict(result), ensure_ascii=False, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
