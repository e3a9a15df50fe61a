"""The index over the real archives in ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import hashlib
import html
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, CORPUS_MISSING
from reader.core.article import load_article
from reader.core.clean import check_allowlist
from reader.core.fulltext import post_text
from reader.core.hanzi import convert, fold
from reader.core.index import Index
from reader.core.posts import Post, read_post

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)

OPED2 = CORPUS / "oped2"


def snapshot(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


@pytest.fixture(scope="module")
def oped2_index(tmp_path_factory):
    before = snapshot(OPED2)
    cache = tmp_path_factory.mktemp("corpus-cache")
    ix = Index(OPED2, cache, shards=2)
    report = ix.update(workers=2)
    yield ix, report, before
    ix.close()


def front_matter(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end]))


def test_every_post_indexes_without_problem(oped2_index):
    ix, report, _ = oped2_index
    files = sorted((OPED2 / "_posts").iterdir())
    assert report.posts == len(files) == 418
    assert report.problems == ()
    assert ix.fulltext_ready


def test_metadata_matches_front_matter(oped2_index):
    ix, _, _ = oped2_index
    for path in sorted((OPED2 / "_posts").iterdir()):
        fm = front_matter(path)
        row = ix.row_by_path(f"_posts/{path.name}")
        assert row is not None, path.name
        assert row.title == " ".join(str(fm["title"]).split()), path.name
        assert list(row.tags) == fm["tags"] and list(row.categories) == fm["categories"], path.name
        assert row.author == " ".join(html.unescape(str(fm["author"])).split()) and row.url == fm["from"]
        value = fm["date"]
        expected = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        if expected.tzinfo is None:
            expected = expected.replace(tzinfo=timezone.utc)
        assert row.timestamp == int(expected.timestamp()), path.name


@pytest.mark.parametrize("term", ["普京", "台湾", "中国", "习近平", "互联网", "新自由主义", "democracy", "the", "AI",
                                  "香港", "審查", "iYouPort"])
def test_search_finds_exactly_the_posts_containing_the_term(oped2_index, term):
    ix, _, _ = oped2_index
    expected = set()
    for path in sorted((OPED2 / "_posts").iterdir()):
        post = read_post(path, f"_posts/{path.name}")
        assert isinstance(post, Post)
        haystack = fold((post.title + "\n" + post_text(post)).lower())
        if fold(term.lower()) in haystack:
            expected.add(post.path)
    found = {r.path for r in ix.rows(ix.query_ids(term))}
    assert found == expected
    assert expected, f"the corpus should contain {term!r}"


@pytest.mark.parametrize("term, both_scripts", [("台湾", True), ("經濟", True), ("中国", True), ("習近平", False),
                                                ("国家", True), ("新闻", True), ("选举", True)])
def test_simplified_and_traditional_queries_find_the_same_posts(oped2_index, term, both_scripts):
    ix, _, _ = oped2_index
    simplified, traditional = convert(term, "simplified"), convert(term, "traditional")
    assert simplified != traditional
    found_s = {r.path for r in ix.rows(ix.query_ids(simplified))}
    found_t = {r.path for r in ix.rows(ix.query_ids(traditional))}
    assert found_s == found_t
    assert found_s, f"the corpus should contain {term!r}"
    if both_scripts:  # the one set holds posts written in each script
        written = [(OPED2 / p).read_text(encoding="utf-8") for p in found_s]
        assert any(simplified in text for text in written) and any(traditional in text for text in written)


def test_every_cleaned_post_passes_the_allowlist(oped2_index):
    for root in (CORPUS / "seed", OPED2):
        for path in sorted((root / "_posts").iterdir()):
            article = load_article(root, f"_posts/{path.name}")
            assert check_allowlist(article.html) == [], path.name


def test_archive_is_byte_identical_after_index_and_show(oped2_index):
    ix, _, before = oped2_index
    for path in sorted((OPED2 / "_posts").iterdir()):
        load_article(OPED2, f"_posts/{path.name}")
    ix.refresh(workers=1)
    assert snapshot(OPED2) == before


def test_read_only_archive_indexes(tmp_path):
    root = tmp_path / "ro"
    (root / "_posts").mkdir(parents=True)
    for path in sorted((OPED2 / "_posts").iterdir())[:20]:
        (root / "_posts" / path.name).write_bytes(path.read_bytes())
    before = snapshot(root)
    for p in [root / "_posts", root]:
        p.chmod(0o555)
    try:
        with Index(root, tmp_path / "cache") as ix:
            assert ix.update(workers=1).posts == 20
            assert ix.query_ids("的")
    finally:
        for p in [root, root / "_posts"]:
            p.chmod(0o755)
    assert snapshot(root) == before
