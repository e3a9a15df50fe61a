"""Tests for bench.archived_layout: the archived/DATE layout generator and the hourly-pull simulator."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from bench.archived_layout import LayoutReport, date_epoch, lay_out, main, simulate_pull, undo_pull
from bench.make_corpus import DEFAULT_SOURCE

pytestmark = pytest.mark.corpus

N = 300
DAY_DIR = re.compile(r"archived/(\d{4}-\d\d-\d\d)/((\d{4}-\d\d-\d\d)-.+\.md)")


def _tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """relative path -> (bytes, mtime_ns) of every file."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def _front(data: bytes) -> dict:
    text = data.decode("utf-8")
    assert text.startswith("---\n")
    meta = yaml.load(text[4:text.index("\n---\n", 3)], Loader=yaml.CSafeLoader)
    assert isinstance(meta, dict)
    return meta


@pytest.fixture(scope="module")
def source() -> Path:
    if not DEFAULT_SOURCE.is_dir():
        pytest.skip(f"../shared/corpus not present: the layout is built from {DEFAULT_SOURCE}")
    return DEFAULT_SOURCE


@pytest.fixture(scope="module")
def layouts(source: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[LayoutReport, LayoutReport]:
    first = lay_out(N, tmp_path_factory.mktemp("first"), source=source, seed=1)
    second = lay_out(N, tmp_path_factory.mktemp("second"), source=source, seed=1)
    return first, second


def test_counts_match_the_tree(layouts) -> None:
    report = layouts[0]
    tree = _tree(report.out)
    posts = {r.split("/", 1)[1]: data for r, (data, _) in tree.items() if r.startswith("_posts/")}
    archived = {}
    for rel, (data, _) in tree.items():
        if rel.startswith("archived/"):
            m = DAY_DIR.fullmatch(rel)
            assert m, rel
            assert m.group(2) not in archived, f"{m.group(2)} archived twice"
            archived[m.group(2)] = data
    assert set(tree) == {f"_posts/{n}" for n in posts} | {r for r in tree if r.startswith("archived/")}
    both = posts.keys() & archived.keys()
    identical = sum(1 for n in both if posts[n] == archived[n])
    assert report.files == len(tree) == N
    assert report.in_posts == len(posts) and report.in_archived == len(archived)
    assert report.distinct == len(posts.keys() | archived.keys())
    assert report.duplicates == len(both) and report.posts_only == len(posts) - len(both)
    assert report.duplicates_identical == identical and report.duplicates_rescraped == len(both) - identical
    assert report.archived_folders == len({r.rsplit("/", 1)[0] for r in tree if r.startswith("archived/")})
    assert report.bytes == sum(len(data) for data, _ in tree.values())
    # the shares the module promises: 4 % of distinct posts only in _posts/, 2 % of archived names duplicated
    assert report.posts_only == round(0.04 * report.distinct)
    assert abs(report.duplicates - 0.02 * len(archived)) <= 1


def test_archived_folders_named_after_the_post_date_and_newest_stay(layouts) -> None:
    report = layouts[0]
    archived_days, only_posts_days = [], []
    names_archived = set()
    for rel in _tree(report.out):
        m = DAY_DIR.fullmatch(rel)
        if m:
            assert m.group(1) == m.group(3), rel  # as archive.sh: archived/<the file name's date>/
            archived_days.append(m.group(3))
            names_archived.add(m.group(2))
    for name in os.listdir(report.out / "_posts"):
        if name not in names_archived:
            only_posts_days.append(name[:10])
    assert only_posts_days and min(only_posts_days) >= max(archived_days)


def test_duplicates_identical_and_rescraped(layouts) -> None:
    report = layouts[0]
    assert report.duplicates_identical >= 1 and report.duplicates_rescraped >= 1
    assert sum(report.rescraped_changes.values()) >= report.duplicates_rescraped
    out = report.out
    for name in os.listdir(out / "_posts"):
        archived = out / "archived" / name[:10] / name
        if not archived.exists():
            continue
        new, old = (out / "_posts" / name).read_bytes(), archived.read_bytes()
        if new == old:
            assert (out / "_posts" / name).stat().st_mtime_ns == archived.stat().st_mtime_ns
            continue
        new_lines, old_lines = new.decode().split("\n"), old.decode().split("\n")
        differing = sum(1 for a, b in zip(new_lines, old_lines) if a != b) + abs(len(new_lines) - len(old_lines))
        assert 1 <= differing <= 4, name  # a line or two of front matter, maybe a body line
        meta, old_meta = _front(new), _front(old)
        assert meta["title"] == old_meta["title"] and meta["tags"] == old_meta["tags"]
        assert str(meta["date"])[:10] == str(old_meta["date"])[:10] == name[:10]
        text = new.decode()
        epoch = date_epoch(re.search(r"^date: (.*)$", text, re.M).group(1))
        assert abs((out / "_posts" / name).stat().st_mtime - epoch) < 1


def test_mtime_follows_date(layouts) -> None:
    out = layouts[0].out
    for path in sorted((out / "archived").rglob("*.md"))[:40]:
        text = path.read_text(encoding="utf-8")
        epoch = date_epoch(re.search(r"^date: (.*)$", text, re.M).group(1))
        assert abs(path.stat().st_mtime - epoch) < 1, path


def test_deterministic(layouts) -> None:
    first, second = layouts
    assert _tree(first.out) == _tree(second.out)
    assert {k: v for k, v in first.as_dict().items() if k not in ("out", "seconds")} == \
        {k: v for k, v in second.as_dict().items() if k not in ("out", "seconds")}


def test_folder_lag(source: Path, tmp_path: Path) -> None:
    report = lay_out(60, tmp_path, source=source, folder_lag=(120, 480))
    assert report.files == 60
    for rel in _tree(tmp_path):
        m = DAY_DIR.fullmatch(rel)
        if m:
            lag = date.fromisoformat(m.group(1)) - date.fromisoformat(m.group(3))
            assert timedelta(days=120) <= lag <= timedelta(days=480), rel


@pytest.mark.parametrize("rewrite", [False, True])
def test_pull_moves_and_adds_then_undo_restores(layouts, tmp_path: Path, rewrite: bool) -> None:
    root = tmp_path / "archive"
    shutil.copytree(layouts[0].out, root)
    before = _tree(root)
    moved, added = 5, 3
    pull = simulate_pull(root, moved=moved, added=added, rewrite=rewrite)
    after = _tree(root)
    gone = before.keys() - after.keys()
    new = after.keys() - before.keys()
    assert len(gone) == moved and all(r.startswith("_posts/") for r in gone)
    assert {src for src, _ in pull.moved} == gone and len(pull.added) == added
    names_before = {r.rsplit("/", 1)[1] for r in before}
    for src, dst in pull.moved:
        name = src.split("/", 1)[1]
        assert dst == f"archived/{name[:10]}/{name}" and dst in new
        assert after[dst][0] == before[src][0]  # bytes unchanged
        assert (after[dst][1] == before[src][1]) != rewrite  # mtime kept, unless rewritten as git does
    assert new - {dst for _, dst in pull.moved} == set(pull.added)
    newest = max(r.rsplit("/", 1)[1][:10] for r in before)
    for rel in pull.added:
        name = rel.split("/", 1)[1]
        assert rel.startswith("_posts/") and name not in names_before and name[:10] > newest
        meta = _front(after[rel][0])
        assert str(meta["date"])[:10] == name[:10] and meta["from"].startswith("https://")
    assert len({_front(after[r][0])["from"] for r in pull.added}) == added
    assert len(after) == len(before) + added
    # the moved posts were the oldest ones not yet archived
    stayed = [r for r in after if r.startswith("_posts/") and r not in pull.added
              and not (root / "archived" / r[7:17] / r[7:]).exists()]
    assert all(src[7:17] <= r[7:17] for src, _ in pull.moved for r in stayed)
    undo_pull(root, pull)
    assert _tree(root) == before
    assert not any(p.is_dir() and not any(p.iterdir()) for p in (root / "archived").iterdir())


def test_pull_refuses_more_than_there_is(layouts, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(layouts[0].out, root)
    with pytest.raises(ValueError, match="cannot move"):
        simulate_pull(root, moved=layouts[0].posts_only + 1, added=0)


def test_cli(source: Path, tmp_path: Path, capsys) -> None:
    assert main(["40", str(tmp_path / "a")]) == 0
    assert "40 files" in capsys.readouterr().out
    assert main(["40", str(tmp_path / "a")]) == 2  # not empty, no --force
    assert main(["3", str(tmp_path / "b")]) == 2  # too small
    assert main(["40", str(tmp_path / "c"), "--source", str(tmp_path / "missing")]) == 2
