"""Tests for bench.make_corpus: the deterministic scale-corpus generator."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bench import corpus_source, make_corpus
from bench.make_corpus import DEFAULT_SOURCE, OutputNotEmptyError, generate, main

pytestmark = pytest.mark.corpus

N = 300
DATE_FORMATS = {
    "ms": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"),
    "off": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"),
    "day": re.compile(r"\d{4}-\d\d-\d\d"),
    "z": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"),
}


def _snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """name -> (size, mtime_ns, sha256) of every file, to prove a folder was not touched."""
    snap = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            snap[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns, digest)
    return snap


def _tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.fixture(scope="module")
def source() -> Path:
    if not DEFAULT_SOURCE.is_dir():
        pytest.skip(f"../shared/corpus not present: {DEFAULT_SOURCE}")
    return DEFAULT_SOURCE


@pytest.fixture(scope="module")
def generated(source: Path, tmp_path_factory: pytest.TempPathFactory):
    """Generate N posts twice into fresh folders, recording the source before and after."""
    before = _snapshot(source)
    first = generate(N, tmp_path_factory.mktemp("first"), seed=1)
    second = generate(N, tmp_path_factory.mktemp("second"), seed=1)
    after = _snapshot(source)
    return first, second, before, after


def _parse(path: Path) -> tuple[dict, str, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict)
    return meta, head, body


def test_writes_n_posts_with_source_shaped_front_matter(generated) -> None:
    report = generated[0]
    files = sorted(report.out.iterdir())
    assert report.posts == N and len(files) == N
    assert report.bytes == sum(f.stat().st_size for f in files)
    formats = Counter()
    for path in files:
        meta, head, body = _parse(path)
        keys = [k for k in meta if k != "comments"]
        assert keys == ["layout", "title", "date", "author", "from", "tags", "categories"]
        assert meta["layout"] == "post" and meta.get("comments", True) is True
        assert isinstance(meta["tags"], list) and len(meta["tags"]) == 1
        assert meta["tags"] == meta["categories"]
        date_text = re.search(r"^date: (.*)$", head, re.M).group(1)
        formats.update(name for name, rx in DATE_FORMATS.items() if rx.fullmatch(date_text))
        assert "2015-01-01" <= date_text[:10] <= "2024-12-31"
        assert re.fullmatch(r"\d{4}-\d\d-\d\d-.+\.md", path.name)
        assert path.name[:10] == date_text[:10], path.name
        assert body.strip()
    assert set(formats) == set(DATE_FORMATS), formats
    assert any(" " in f.name for f in files)
    assert any(re.search(r"[\u4e00-\u9fff]", f.name) for f in files)


def test_titles_urls_unique_and_heading_follows_title(generated) -> None:
    titles, urls = set(), set()
    for path in generated[0].out.iterdir():
        meta, _head, body = _parse(path)
        titles.add(meta["title"])
        urls.add(meta["from"])
        if body.startswith("<!--"):  # the markdown-link heading of medium/Matters/... posts
            first = body.split("\n", 3)
            assert first[1].startswith("[") and first[1].endswith(f"]({meta['from']})")
    assert len(titles) == N and len(urls) == N


def test_tags_have_a_long_tail(generated) -> None:
    tags = Counter(_parse(p)[0]["tags"][0] for p in generated[0].out.iterdir())
    assert len(tags) >= 50, len(tags)
    counts = sorted(tags.values(), reverse=True)
    assert counts[0] >= 10 * counts[-1]
    assert sum(1 for c in counts if c <= 2) >= 25  # many sources with a handful of posts
    assert generated[0].sources == len(tags)
    real = {"燕京书评", "Matters", "iYouPort", "泡泡"}
    assert real <= set(tags)


def test_two_runs_are_byte_identical(generated) -> None:
    first, second, _before, _after = generated
    assert _tree(first.out) == _tree(second.out)
    assert first.bytes == second.bytes


def test_mtime_follows_date(generated) -> None:
    for path in list(generated[0].out.iterdir())[:50]:
        meta, _head, _body = _parse(path)
        assert abs(path.stat().st_mtime - _epoch(meta["date"])) < 1


def _epoch(value) -> float:
    from datetime import date, datetime, timezone

    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()
    assert isinstance(value, date)
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc).timestamp()


def test_size_per_post_close_to_source_average(generated, source: Path) -> None:
    files = [p for p in source.iterdir() if p.is_file()]
    source_avg = sum(p.stat().st_size for p in files) / len(files)
    generated_avg = generated[0].bytes / N
    assert source_avg / 2 <= generated_avg <= source_avg * 2, (generated_avg, source_avg)


def test_source_folder_unchanged(generated) -> None:
    _first, _second, before, after = generated
    assert before and before == after


def test_bodies_reuse_real_paragraphs_only(generated, source: Path) -> None:
    posts = make_corpus.load_sources(source)
    known = {para for p in posts for para in p.paragraphs}
    seen = 0
    for path in list(generated[0].out.iterdir())[:60]:
        meta, _head, body = _parse(path)
        _template, paragraphs = corpus_source._decompose(meta["title"], body)
        assert set(paragraphs) <= known, path.name
        seen += len(paragraphs)
    assert seen > 500


def test_refuses_non_empty_out_unless_forced(source: Path, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(OutputNotEmptyError):
        generate(3, tmp_path)
    assert main(["3", str(tmp_path)]) == 2
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "stale.md").write_text("old")
    report = generate(5, tmp_path, force=True)
    assert report.posts == 5 and len(os.listdir(tmp_path / "_posts")) == 5
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate(0, tmp_path / "a")
    with pytest.raises(ValueError):
        generate(100_001, tmp_path / "b")
    assert main(["5", str(tmp_path / "c"), "--source", str(tmp_path / "missing")]) == 2
    assert not (tmp_path / "c").exists()


def test_prefix_stable(source: Path, generated, tmp_path: Path) -> None:
    small = generate(40, tmp_path / "small", seed=1)
    big = _tree(generated[0].out)
    assert all(big.get(name) == value for name, value in _tree(small.out).items())


def test_never_targets_the_source_folder(source: Path) -> None:
    # _check_out only inspects; it is what stands between --force and the shared corpus
    for out in (source.parent, source, source / "sub", source.parent.parent):
        with pytest.raises(ValueError, match="overlaps the source"):
            make_corpus._check_out(out, source, True)
