"""The query language: what parses to what, and readable errors."""

from __future__ import annotations

import pytest

from reader.core.search import Query, QuerySyntaxError, parse_query, text_sql


def test_words_phrases_excludes_and_fields():
    q = parse_query('习近平 普京 "exact Phrase" -台湾 -"two words" tag:泡泡 -category:news author:"Huli Tw"')
    assert q.terms == ("习近平", "普京", "exact phrase")
    assert q.excluded == ("台湾", "two words")
    assert q.fields == (("tag", "泡泡", False), ("category", "news", True), ("author", "Huli Tw", False))


def test_dates():
    q = parse_query("after:2019-06-01 before:2020")
    assert q.after == 1559347200 and q.before == 1577836800
    assert not q.has_text and not q.is_empty


def test_unknown_field_is_a_word():
    assert parse_query("http://example.org 10:30").terms == ("http://example.org", "10:30")


def test_empty_query():
    assert parse_query("   ").is_empty
    assert parse_query('""').is_empty


@pytest.mark.parametrize("text, message", [
    ('"unclosed phrase', "closing quote"),
    ("tag:", "tag: needs a value"),
    ("before:2020-13-01", "wants a date"),
    ("after:yesterday", "wants a date"),
    ("-", "followed by a word"),
    ("-before:2020", "not supported"),
])
def test_syntax_errors_are_readable(text, message):
    with pytest.raises(QuerySyntaxError, match=message):
        parse_query(text)


def test_short_terms_never_reach_match():
    ts = text_sql(parse_query("普京 AI 习近平"))
    assert ts.match == '"习近平"'
    assert ts.params.count("%普京%") == 2 and ts.params.count("%ai%") == 2


def test_long_terms_become_trigrams_and_are_confirmed():
    ts = text_sql(Query(terms=("互联网审查",)))
    assert ts.match == '"互联网" AND "联网审" AND "网审查"'
    assert "%互联网审查%" in ts.params


def test_like_wildcards_are_escaped():
    ts = text_sql(Query(terms=("100%_done",)))
    assert "%100\\%\\_done%" in ts.params
