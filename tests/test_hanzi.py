"""Simplified/Traditional Chinese: folding for search, snippets in the script as written."""

from __future__ import annotations

import pytest

from helpers import write_post
from reader.core.hanzi import _HAN_RANGES, build_fold_table, convert, find_spans, fold, fold_table
from reader.core.index import Index
from reader.core.queries import make_snippet


def test_fold_maps_traditional_and_variants_to_simplified_keeping_length():
    for written, folded in [("習近平", "习近平"), ("臺灣", "台湾"), ("台灣", "台湾"), ("經濟", "经济"),
                            ("裏面", "里面"), ("裡面", "里面"), ("習近平 and Taiwan 2024", "习近平 and Taiwan 2024")]:
        assert fold(written) == folded
        assert len(fold(written)) == len(written)
    assert fold("习近平在北京") == "习近平在北京"  # Simplified text is left alone
    assert fold("𠀀 emoji 😀") == "𠀀 emoji 😀"  # astral characters pass through


def test_folding_twice_changes_nothing_and_common_simplified_characters_stay():
    # OpenCC turns a lone 么 into 幺 (its Traditional meaning): folding it would
    # make 什麼 (→ 什么) miss 什么 (→ 什幺), and mark every Simplified post as changed.
    assert fold("什么") == "什么" and fold("什麼") == "什么" and fold("什麽") == "什么"
    han = "".join(chr(c) for lo, hi in _HAN_RANGES for c in range(lo, hi))
    assert fold(fold(han)) == fold(han)


def test_fast_fold_gives_the_same_text_as_the_table():
    han = "".join(chr(c) for lo, hi in _HAN_RANGES for c in range(lo, hi))
    text = han + "\x00 tab\t\U0001F600 \ud800 end"  # NUL, an emoji and a lone surrogate pass through
    assert fold(text) == text.translate(fold_table())
    assert len(fold(text)) == len(text)


def test_the_fold_table_on_disk_is_what_opencc_builds():
    # reader/core/_fold_table.py is written by `python -m reader.core.hanzi`: run it again if this fails
    # after an OpenCC upgrade (and bump the cache's SCHEMA_VERSION: the indexed text is folded with it).
    assert fold_table() == build_fold_table()


def test_find_spans_finds_what_folding_the_whole_text_finds():
    def folding_the_text(text, terms):  # the definition: find each folded term in the folded text
        haystack, found = fold(text.lower()), []
        for term in terms:
            folded = fold(term.lower())
            if folded and len(folded) == len(term):
                pos = haystack.find(folded)
                while pos >= 0:
                    found.append((pos, pos + len(folded)))
                    pos = haystack.find(folded, pos + len(folded))
        return sorted(found)

    text = ("習近平與习近平、臺灣台灣台湾檯灣，經濟经济。Taiwan TAIWAN taiwan; aaa a.b [x] 乾隆 干隆 什麼什么 "
            * 3) + "\ud800 😀 [台]"
    for terms in (["习近平"], ["台湾", "taiwan"], ["經濟", "a"], ["aa"], ["a.b", "[x]"], ["干隆"], ["什么"], ["😀"],
                  ["[台]"], ["", "不在"], ["台湾经济", "灣"]):
        assert find_spans(text, terms) == folding_the_text(text, terms), terms


def test_convert_is_phrase_aware_for_display():
    assert convert("台湾的经济", "traditional") == "臺灣的經濟"
    assert convert("臺灣的經濟", "simplified") == "台湾的经济"
    assert convert("乾隆皇帝", "simplified") == "乾隆皇帝"  # a phrase the character table would fold


@pytest.fixture
def index(tmp_path):
    posts = tmp_path / "archive" / "_posts"
    write_post(posts, "2020-01-01-simp.md", "title: 习近平访问台湾\ndate: 2020-01-01",
               "<p>简体：习近平谈台湾经济。</p>")
    write_post(posts, "2020-01-02-trad.md", "title: 習近平與臺灣\ndate: 2020-01-02",
               "<p>繁體：習近平談臺灣經濟與民主。</p>")
    write_post(posts, "2020-01-03-tw.md", "title: 台灣選舉\ndate: 2020-01-03",
               "<p>台灣的選舉結果。</p>")
    write_post(posts, "2020-01-04-other.md", "title: Nothing related\ndate: 2020-01-04",
               "<p>北京的天气。</p>")
    with Index(tmp_path / "archive", tmp_path / "cache", shards=2) as ix:
        ix.update(workers=1)
        yield ix


def names(ix, query):
    return sorted(r.path.split("/")[-1][11:-3] for r in ix.rows(ix.query_ids(query)))


@pytest.mark.parametrize("query", ["习近平", "習近平"])
def test_a_name_in_either_script_finds_both(index, query):
    assert names(index, query) == ["simp", "trad"]


@pytest.mark.parametrize("query", ["台湾", "臺灣", "台灣"])
def test_taiwan_in_any_form_finds_all_three(index, query):
    assert names(index, query) == ["simp", "trad", "tw"]


@pytest.mark.parametrize("query", ["经济", "經濟", "-经济 台湾", "-經濟 台灣", "选举"])
def test_short_terms_and_exclusions_ignore_the_script(index, query):
    expected = {"经济": ["simp", "trad"], "經濟": ["simp", "trad"], "-经济 台湾": ["tw"], "-經濟 台灣": ["tw"],
                "选举": ["tw"]}
    assert names(index, query) == expected[query]


def test_relevance_counts_title_hits_in_either_script(index):
    # Both titles hold the name; the post without it in its title comes last.
    write_post(index.root / "_posts", "2020-02-01-body-only.md", "title: 新闻\ndate: 2020-02-01",
               "<p>習近平。</p>")
    index.update(workers=1)
    ordered = [r.path.split("/")[-1][11:-3] for r in index.rows(index.query_ids("习近平"))]
    assert ordered[-1] == "body-only" and set(ordered[:2]) == {"simp", "trad"}


def test_snippet_shows_the_text_as_written_with_the_match_highlighted(index):
    row = index.row_by_path("_posts/2020-01-02-trad.md")
    snippet, spans = index.snippet(row.id, "习近平")
    assert "習近平談臺灣" in snippet
    assert [snippet[a:b] for a, b in spans] == ["習近平"]
    text, spans = make_snippet("台灣與臺灣", ["台湾"])
    assert [text[a:b] for a, b in spans] == ["台灣", "臺灣"]


def test_snippet_finds_a_match_far_into_a_long_text_and_across_fold_windows():
    for lead in (0, 4094, 4095, 4096, 10_000):
        text = "x" * lead + "臺灣經濟" + "y" * 50
        snippet, spans = make_snippet(text, ["台湾经济"])
        assert [snippet[a:b] for a, b in spans] == ["臺灣經濟"], lead
    assert make_snippet("abc", ["台湾"]) == ("abc", ())
