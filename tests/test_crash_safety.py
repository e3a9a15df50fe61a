"""Crash safety: kill -9 while indexing, damaged cache and state files, two processes at once.

Real child processes are started (``python -c`` with the repository on the
path) and killed with SIGKILL; the next open must finish the work and give the
same answers as an index built without interruption.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import write_post
from reader.core import cachefs
from reader.core.index import Cancelled, Index
from reader.core.state import StateStore

REPO = Path(__file__).resolve().parents[1]
POSTS = 480  # above PARALLEL_MIN (400): the worker-process paths run
posix_only = pytest.mark.skipif(os.name != "posix", reason="kills with SIGKILL and watches /proc")

# A child that indexes and says how far it got, one line per progress report.
INDEXER = """
import json, sys
from reader.core.index import Index
root, cache, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
def say(phase):
    return lambda done, total: print(phase, done, total, flush=True)
with Index(root, cache, shards=2) as ix:
    report = ix.refresh(progress=say("meta"), workers=workers)
    ix.build_fulltext(progress=say("text"), workers=workers)
    print("done", json.dumps({"cache": report.cache, "waited": ix.waited_for_writer, "posts": ix.count(),
                              "pending": ix.pending_text()}), flush=True)
"""

# A child that marks posts read one call at a time and says so after each call returns.
MARKER = """
import sys
from reader.core.state import StateStore
root, data, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = StateStore(root, data)
for i in range(count):
    store.set_read(f"_posts/{prefix}-{i}.md")
    if i % 7 == 0:
        store.set_starred("_posts/shared.md", i % 2 == 0)
    print("marked", i, flush=True)
store.close()
print("done", flush=True)
"""


def make_archive(root: Path, count: int) -> Path:
    for i in range(count):
        group = "甲组" if i % 3 == 0 else "乙组"
        paras = "".join(f"<p>第{i}篇第{k}段：长江黄河，{group}，互联网与审查。tok{i:04d}x 的正文在此。</p>" for k in range(12))
        write_post(root / "_posts", f"20{10 + i % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d}-post-{i}.md",
                   f"title: 文章 {i}\ndate: 20{10 + i % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d}\ntags: [t{i % 5}]", paras)
    return root


def facts(ix: Index) -> dict[str, object]:
    """What a reader can see: every post listed, every post's text searchable exactly once."""
    ids = ix.query_ids()
    in_shards = [i for n in range(ix.shard_count) for (i,) in ix.con.execute(f"SELECT id FROM s{n}.docs")]
    sample = range(0, ix.count(), 37)
    return {
        "paths": sorted(r.path for r in ix.rows(ids)),
        "pending": ix.pending_text(),
        "text_rows": len(in_shards),
        "text_unique": len(set(in_shards)) == len(in_shards) and set(in_shards) == set(ids),
        "common": len(ix.query_ids("长江黄河")),
        "short": len(ix.query_ids("甲组")),
        "unique": {i: [r.path for r in ix.rows(ix.query_ids(f"tok{i:04d}x"))] for i in sample},
        "problems": ix.problems(),
    }


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, dict[str, object]]:
    """A generated archive and the facts of its index built in one go."""
    root = make_archive(tmp_path_factory.mktemp("big") / "archive", POSTS)
    with Index(root, tmp_path_factory.mktemp("reference-cache"), shards=2) as ix:
        ix.update(workers=1)
        expected = facts(ix)
    assert expected["common"] == POSTS and expected["pending"] == 0 and expected["text_unique"]
    return root, expected


def child(code: str, *args: object) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def live_in_group(pgid: int) -> list[int]:
    """Processes of a process group that are still running (zombies are not)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def kill_when(proc: subprocess.Popen[str], condition, deadline: float = 60) -> str:
    """Read the child's lines until `condition(line)`, then SIGKILL it (not its workers)."""
    timer = threading.Timer(deadline, proc.kill)
    timer.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if condition(line):
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return line
    finally:
        timer.cancel()
    raise AssertionError(f"the child finished before the kill point: {proc.wait()} {proc.stderr.read()}")


def wait_group_gone(pgid: int, seconds: float = 15) -> None:
    """Worker processes must end with their killed parent, not live on writing shards."""
    end = time.monotonic() + seconds
    while live_in_group(pgid) and time.monotonic() < end:
        time.sleep(0.05)
    assert not live_in_group(pgid), "worker processes outlived their killed parent"


def progress_at(phase: str, fraction: float):
    def condition(line: str) -> bool:
        words = line.split()
        return words[0] == phase and int(words[1]) >= fraction * int(words[2]) and int(words[1]) < int(words[2])
    return condition


# --- kill -9 while indexing --------------------------------------------------------

@posix_only
@pytest.mark.parametrize("phase, fraction, workers", [
    ("meta", 0, 1), ("text", 0.3, 1),  # one process
    ("meta", 0, 2), ("text", 0.3, 2),  # the worker-process paths
])
def test_kill_while_indexing_then_restart_resumes(big, tmp_path, phase, fraction, workers):
    root, expected = big
    cache = tmp_path / "cache"
    proc = child(INDEXER, root, cache, workers)
    kill_when(proc, progress_at(phase, fraction))
    wait_group_gone(proc.pid)
    with Index(root, cache, shards=2) as ix:
        stored = ix.file_count()  # files read before the kill (their posts are decided at the end)
        report = ix.refresh(workers=workers)
        pending = ix.pending_text()
        assert 0 < stored <= POSTS and report.posts == POSTS
        assert report.parsed == POSTS - stored  # what was stored before the kill is not parsed again
        if phase == "text":
            assert stored == POSTS and 0 < pending < POSTS  # killed mid-text: only the rest is indexed
        assert ix.build_fulltext(workers=workers) == pending
        assert facts(ix) == expected
        for n in range(ix.shard_count):  # a bulk build cut short is merged, its shards merge as they grow again
            row = ix.con.execute(f"SELECT v FROM s{n}.fts_config WHERE k='automerge'").fetchone()
            assert row is None or row[0] == 4


@posix_only
@pytest.mark.parametrize("after", [0.2, 0.5, 1.0, 1.5])
def test_kill_cli_at_any_moment(big, tmp_path, after):
    root, expected = big
    env = dict(os.environ, PYTHONPATH=str(REPO), LECTERN_CACHE_DIR=str(tmp_path / "cache"),
               LECTERN_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, "-m", "reader.core.cli", "index", str(root), "--workers", "2"],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    wait_group_gone(proc.pid)
    with Index(root, tmp_path / "cache") as ix:
        ix.update(workers=2)
        assert facts(ix) == expected


# --- a damaged cache is rebuilt silently -----------------------------------------------

@pytest.fixture
def small(tmp_path) -> tuple[Path, Path, dict[str, object]]:
    """An archive indexed into both shards (two serial runs), and its facts."""
    root = make_archive(tmp_path / "archive", 40)
    cache = tmp_path / "cache"
    hidden = tmp_path / "later"
    hidden.mkdir()
    for path in sorted((root / "_posts").iterdir())[20:]:
        path.rename(hidden / path.name)
    with Index(root, cache, shards=2) as ix:
        ix.update(workers=1)  # all into shard 0
    for path in hidden.iterdir():
        path.rename(root / "_posts" / path.name)
    with Index(root, cache, shards=2) as ix:
        ix.update(workers=1)  # the rest into shard 1, the smaller
        assert {s for (s,) in ix.con.execute("SELECT DISTINCT shard FROM posts")} == {0, 1}
        return root, ix.folder, facts(ix)


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "garbage":
        path.write_bytes(b"not a database at all " * 200)
    elif how == "truncated":
        path.write_bytes(data[:len(data) // 2])
    elif how == "truncated-1k":
        path.write_bytes(data[:1000])
    elif how == "zero-bytes":
        path.write_bytes(b"")
    elif how == "stale-wal-shm":
        Path(f"{path}-wal").write_bytes(os.urandom(40_000))
        Path(f"{path}-shm").write_bytes(b"\xff" * 32768)
    elif how == "pages-garbage":  # header and schema page intact: only reading the data finds out
        page = int.from_bytes(data[16:18], "big")
        path.write_bytes(data[:page] + bytes((i * 7 + 3) % 251 for i in range(len(data) - page)))
    elif how == "wrong-schema":
        path.unlink()
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE unrelated(x)")
        con.execute("PRAGMA user_version=99")
        con.commit()
        con.close()
    else:
        raise ValueError(how)


@pytest.mark.parametrize("target", ["index.sqlite", "text-0.sqlite", "text-1.sqlite"])
@pytest.mark.parametrize("how", ["garbage", "truncated", "truncated-1k", "zero-bytes", "stale-wal-shm",
                                 "wrong-schema"])
def test_damaged_cache_file_is_rebuilt_silently(small, target, how):
    root, folder, expected = small
    damage(folder / target, how)
    with Index(root, folder.parent, shards=2) as ix:
        ix.update(workers=1)
        assert facts(ix) == expected
    with Index(root, folder.parent, shards=2) as ix:  # and it stays sound
        assert ix.update(workers=1).cache == "warm"


@pytest.mark.parametrize("target", ["text-0.sqlite", "text-1.sqlite"])
def test_damage_found_by_a_query_rebuilds_at_next_open(small, target):
    root, folder, expected = small
    damage(folder / target, "pages-garbage")
    with Index(root, folder.parent, shards=2) as ix:  # nothing shows in the files: it opens
        with pytest.raises(sqlite3.DatabaseError):
            ix.query_ids("长江黄河")
        assert (folder / "damaged").exists()
    with Index(root, folder.parent, shards=2) as ix:
        assert ix.update(workers=1).cache == "cold"
        assert facts(ix) == expected
        assert not (folder / "damaged").exists()


def test_damage_found_while_indexing_rebuilds_at_once(small):
    root, folder, expected = small
    for path in sorted((root / "_posts").iterdir())[::4]:  # some text to index again (bytes changed:
        path.write_bytes(path.read_bytes() + b"\n")  # a file only touched keeps its indexed text)
        os.utime(path, ns=(1, 1))
    damage(folder / "text-0.sqlite", "pages-garbage")
    damage(folder / "text-1.sqlite", "pages-garbage")
    with Index(root, folder.parent, shards=2) as ix:
        ix.update(workers=1)  # no exception reaches the caller
        assert facts(ix) == expected
        assert not (folder / "damaged").exists()


def test_a_damage_that_persists_is_not_a_loop(small, monkeypatch):
    root, folder, _ = small
    for path in sorted((root / "_posts").iterdir())[::4]:  # changed bytes: text to index again
        path.write_bytes(path.read_bytes() + b"\n")

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr("reader.core.fulltext.index_posts", broken)
    with Index(root, folder.parent, shards=2) as ix:
        with pytest.raises(sqlite3.DatabaseError):
            ix.update(workers=1)  # rebuilt once, failed again: the error is reported, not retried forever


# --- one writer ----------------------------------------------------------------------

def hold_lock(folder: Path, phase: str) -> cachefs.FileLock:
    lock = cachefs.FileLock(folder / "writer.lock")
    assert lock.acquire(phase)
    return lock


def test_a_second_writer_waits_for_the_first(small):
    root, folder, expected = small
    for path in sorted((root / "_posts").iterdir())[::5]:
        os.utime(path, ns=(1, 1))
    lock = hold_lock(folder, "metadata")
    told: list[str] = []
    with Index(root, folder.parent, shards=2, on_wait=told.append) as ix:
        assert ix.count() == 40  # queries do not wait
        done: list[object] = []
        thread = threading.Thread(target=lambda: done.append(ix.refresh(workers=1)))
        thread.start()
        time.sleep(0.4)
        assert not done and told == ["metadata"]  # still waiting
        lock.release()
        thread.join(10)
        assert done and done[0].parsed == 8 and ix.waited_for_writer
        ix.build_fulltext(workers=1)
        assert facts(ix) == expected


def test_refresh_takes_the_other_writers_metadata_once_it_indexes_text(small):
    root, folder, _ = small
    lock = hold_lock(folder, "text")
    try:
        with Index(root, folder.parent, shards=2) as ix:
            started = time.perf_counter()
            report = ix.refresh(workers=1)
            assert report.cache == "shared" and report.posts == 40
            assert time.perf_counter() - started < 2
    finally:
        lock.release()


def test_waiting_for_text_reports_the_writers_progress_and_can_be_cancelled(small):
    root, folder, _ = small
    with Index(root, folder.parent, shards=2) as ix:
        ix.con.execute("UPDATE posts SET shard=NULL WHERE id % 2 = 0")
        pending = ix.pending_text()
    lock = hold_lock(folder, "text")
    seen: list[tuple[int, int]] = []
    try:
        with Index(root, folder.parent, shards=2) as ix:
            def other_writer_progresses():
                time.sleep(0.2)
                con = sqlite3.connect(folder / "index.sqlite", isolation_level=None)
                con.execute("UPDATE posts SET shard=0 WHERE id IN (SELECT id FROM posts WHERE shard IS NULL "
                            "LIMIT 5)")
                con.close()
            threading.Thread(target=other_writer_progresses).start()
            with pytest.raises(Cancelled):
                ix.build_fulltext(progress=lambda d, t: seen.append((d, t)), cancel=lambda: len(seen) >= 2)
    finally:
        lock.release()
    assert seen == [(0, pending), (5, pending)]


@posix_only
def test_two_processes_index_the_same_archive_at_once(big, tmp_path):
    root, expected = big
    cache = tmp_path / "cache"
    procs = [child(INDEXER, root, cache, workers) for workers in (2, 1)]
    errors: list[str] = []
    stop = time.monotonic() + 120
    while any(p.poll() is None for p in procs) and time.monotonic() < stop:
        if (cache).exists() and any(cache.iterdir()):
            try:  # a reader meanwhile: never waits, never fails
                with Index(root, cache, shards=2) as ix:
                    ix.query_ids("长江黄河")
            except Exception as exc:  # noqa: BLE001 - collected and reported
                errors.append(repr(exc))
        time.sleep(0.1)
    outputs = [p.communicate(timeout=60) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert "Traceback" not in err, err
    results = [json.loads(out.strip().splitlines()[-1].split(" ", 1)[1]) for out, _ in outputs]
    assert all(r["posts"] == POSTS and r["pending"] == 0 for r in results), results
    assert any(r["waited"] for r in results), results  # one wrote while the other waited
    assert errors == []
    with Index(root, cache, shards=2) as ix:
        assert ix.update(workers=1).cache == "warm"
        assert facts(ix) == expected


# --- the reader's state ---------------------------------------------------------------

@posix_only
def test_each_mark_is_kept_once_the_call_returns_even_on_kill_9(tmp_path):
    proc = child(MARKER, tmp_path / "archive", tmp_path / "data", "p", 100_000)
    line = kill_when(proc, lambda line: line.startswith("marked") and int(line.split()[1]) >= 150)
    last = int(line.split()[1])
    store = StateStore(tmp_path / "archive", tmp_path / "data")
    assert store.recovered_message is None
    read = store.read_keys()
    assert {f"_posts/p-{i}.md" for i in range(last + 1)} <= read


@posix_only
def test_two_processes_mark_posts_at_once_and_nothing_is_lost(tmp_path):
    procs = [child(MARKER, tmp_path / "archive", tmp_path / "data", prefix, 300) for prefix in ("a", "b")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.rstrip().endswith("done"), err
    store = StateStore(tmp_path / "archive", tmp_path / "data")
    expected = {f"_posts/{prefix}-{i}.md" for prefix in ("a", "b") for i in range(300)}
    assert store.read_keys() == expected
    assert store.recovered_message is None


def marked_store(tmp_path: Path, count: int = 2000) -> Path:
    store = StateStore(tmp_path / "archive", tmp_path / "data")
    store.set_read([f"_posts/{i:05d}.md" for i in range(count)])
    store.set_starred("_posts/00001.md")
    store.set_last_opened("_posts/00002.md")
    store.close()
    return tmp_path / "data" / "state.sqlite"


@pytest.mark.parametrize("how", ["garbage", "truncated", "truncated-1k", "pages-garbage"])
def test_damaged_state_is_kept_aside_and_a_new_one_started(tmp_path, how):
    file = marked_store(tmp_path)
    damage(file, how)
    damaged_bytes = file.read_bytes()
    store = StateStore(tmp_path / "archive", tmp_path / "data")
    kept = store.kept_aside
    assert kept is not None and kept.parent == file.parent and kept.name.startswith("state.sqlite.corrupt-")
    assert kept.read_bytes() == damaged_bytes  # never deleted, never changed
    assert store.recovered_message and str(kept) in store.recovered_message
    store.set_read("_posts/new.md")  # the new file works
    assert store.is_read("_posts/new.md")
    store.close()
    again = StateStore(tmp_path / "archive", tmp_path / "data")
    assert again.recovered_message is None and again.is_read("_posts/new.md")
    if how == "truncated":  # what could still be read was saved
        assert 0 < len(again.read_keys()) < 2001


def test_a_sound_state_file_with_a_stale_log_is_not_touched(tmp_path):
    file = marked_store(tmp_path, 50)
    Path(f"{file}-wal").write_bytes(os.urandom(10_000))
    store = StateStore(tmp_path / "archive", tmp_path / "data")
    assert store.recovered_message is None and store.kept_aside is None
    assert len(store.read_keys()) == 50 and store.is_starred("_posts/00001.md")
    assert not list(file.parent.glob("*corrupt*"))


def test_damage_met_after_opening_is_recovered_too(tmp_path, monkeypatch):
    file = marked_store(tmp_path, 10)
    store = StateStore(tmp_path / "archive", tmp_path / "data")
    assert store.recovered_message is None
    real = store._write
    calls = []

    def once_damaged(sql, rows):
        if not calls:  # the disk goes bad under the open store
            calls.append(1)
            file.write_bytes(b"garbage " * 1000)
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real(sql, rows)

    monkeypatch.setattr(store, "_write", once_damaged)
    store.set_read("_posts/after.md")  # recovered: the old file kept aside, the change made in the new one
    assert store.recovered_message and store.kept_aside is not None and store.kept_aside.exists()
    assert store.is_read("_posts/after.md")
