"""Fuzzing the core with hypothesis: hostile bytes, front matter, HTML, Markdown and queries.

Every rule here holds for any input: nothing raises out of the core (a post is
a Post or a Problem, a query a Query or a QuerySyntaxError), every example
finishes within the profile's deadline, and what the cleaner emits passes the
allowlist, checked by an independent parser (the standard library's, not
lxml).  ``make test`` runs a few dozen examples per test (profile "ci");
``make fuzz`` runs thousands (profile "fuzz"); see conftest.py.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reader.core._html_rules import (  # noqa: E402
    ALLOWED_ATTRS,
    ALLOWED_CLASSES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    DATA_IMAGE,
    DATA_IMAGE_LIMIT,
)
from reader.core.article import local_image_resolver  # noqa: E402
from reader.core.clean import check_allowlist, clean_html, excerpt, html_to_text  # noqa: E402
from reader.core.hanzi import fold  # noqa: E402
from reader.core.limits import MAX_INDEX_TEXT  # noqa: E402
from reader.core.posts import UNEXPECTED, Post, Problem, parse_post  # noqa: E402
from reader.core.render import body_to_html  # noqa: E402
from reader.core.search import Query, QuerySyntaxError, parse_query, text_sql  # noqa: E402

SOURCE = "https://news.example.org/2020/07/16/story.html"
CJK = "中文字符普京習近平，。《》「」　"

# --- an independent allowlist check -----------------------------------------------------


class _Collector(HTMLParser):
    """Every start tag with its attributes, and anything that is not an element or text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.other.append(f"comment {data[:20]!r}")

    def handle_decl(self, decl):
        self.other.append(f"declaration {decl[:20]!r}")

    def unknown_decl(self, data):
        self.other.append(f"declaration {data[:20]!r}")

    def handle_pi(self, data):
        self.other.append(f"processing instruction {data[:20]!r}")


def _scheme(url: str) -> str:
    """A URL's scheme as a browser finds it: leading spaces/controls and inner tabs/newlines ignored."""
    url = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


def allowlist_violations(fragment: str, archive: Path | None = None) -> list[str]:
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    problems = list(collector.other)
    for tag, attrs in collector.tags:
        if tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}>")
            continue
        allowed = ALLOWED_ATTRS.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name not in allowed or name.startswith("on"):
                problems.append(f"attribute {name} on <{tag}>")
            elif name == "class" and not set(value.split()) <= ALLOWED_CLASSES:
                problems.append(f"class {value!r}")
            elif name == "href" and not value.startswith("#") and _scheme(value) not in ALLOWED_SCHEMES:
                problems.append(f"href {value[:40]!r}")
            elif name == "src":
                problems.extend(_image_source_problems(value, archive))
    return problems


def _image_source_problems(src: str, archive: Path | None) -> list[str]:
    scheme = _scheme(src)
    if scheme == "data":
        return [] if DATA_IMAGE.match(src) and len(src) < DATA_IMAGE_LIMIT else [f"data: src {src[:40]!r}"]
    if scheme in ("http", "https"):
        return []
    if scheme == "file" and archive is not None:
        from urllib.parse import unquote, urlsplit

        path = os.path.realpath(unquote(urlsplit(src).path))
        return [] if path.startswith(os.path.realpath(archive) + os.sep) else [f"file outside the archive {src!r}"]
    return [f"src {src[:40]!r}"]


# --- strategies ---------------------------------------------------------------------------

TAGS = """script style iframe object embed svg math a img table thead tbody tr td th caption div p
span font b i u em strong ul ol li pre code h1 h2 h3 blockquote figure figcaption video audio source
form input button noscript template br hr center section nav header footer base meta link title head
body html textarea select option frame frameset xmp plaintext listing noembed sup sub dl dt dd iframe
marquee applet param details summary dialog canvas foreignObject annotation-xml mglyph""".split()
ATTR_NAMES = """onclick onload onerror onmouseover ONCLICK style href src class id name hidden width height alt
title srcset data-src data-original colspan rowspan align start target rel xmlns xlink:href action
formaction background poster lang dir content http-equiv charset type value""".split()
HOSTILE_VALUES = [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "jav&#x09;ascript:x",
    "&#106;avascript:x", "\x01javascript:x", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,iVBORw0KGgo=", "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "file:///etc/passwd", "FILE:///etc/hostname", "../../../../etc/passwd", "/etc/passwd",
    "..\\..\\..\\etc\\passwd", "C:\\Windows\\win.ini", "\\\\server\\share\\x.png", "//evil.example/x.png",
    "http://[::1", "https://example.org/a.png", "#top", "mailto:a@example.org", "x.png", "a%00b.png",
    "%2e%2e/%2e%2e/etc/passwd.png", "", " ", "display:none", "background:url(javascript:x)",
    "expression(alert(1))", "1", "99999", "-1", "caption", "embed remote", "comments", "comment-wrapper",
    "entry-meta", "sr-only", "img-placeholder truncated", "https://www.youtube.com/embed/abc",
]
SNIPPETS = [
    "中文", "文字，", "&amp;", "&lt;script&gt;", "&#0;", "&#x110000;", "&nbsp;", "<", ">", "&", "\u200b",
    "\x00", "\x1b", "\ud800", "&#1;", "&#xfffe;", "&#x1b", "]]>", "-->", "<!--", "<![CDATA[x]]>", "<?php x ?>",
    "<!DOCTYPE html>",
    "{{ x }}", "{% raw %}", "{% endraw %}", "{% highlight js %}", "{% comment %}", "\n", "\n\n", "    ",
    "</p>", "</div>", "</table>", "</script>", "<br>", "<p>", "<td>", "\t",
]

_text = st.one_of(st.text(max_size=15), st.text(alphabet=CJK, max_size=15), st.sampled_from(SNIPPETS))
_attr_value = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=15))


def _element(tag: str, attrs: list[tuple[str, str, str]], children: list[str], closing: str) -> str:
    parts = []
    for name, value, quote in attrs:
        if quote == '"':
            parts.append(f' {name}="{value.replace(chr(34), "&quot;")}"')
        elif quote == "'":
            parts.append(f" {name}='{value}'")
        else:
            parts.append(f" {name}={value}")
    start = f"<{tag}{''.join(parts)}{' /' if closing == 'self' else ''}>"
    return start + "".join(children) + (f"</{tag}>" if closing == "close" else "")


_attrs = st.lists(st.tuples(st.sampled_from(ATTR_NAMES), _attr_value, st.sampled_from(['"', "'", ""])), max_size=4)
html_fragments = st.recursive(
    _text,
    lambda children: st.builds(_element, st.sampled_from(TAGS), _attrs, st.lists(children, max_size=5),
                               st.sampled_from(["close", "close", "open", "self"])),
    max_leaves=40,
)
html_documents = st.lists(html_fragments, min_size=1, max_size=6).map("".join)

MARKDOWN_PIECES = [
    "*", "**", "_", "[", "](", ")", "`", "```", "~~~", "> ", "- ", "1. ", "# ", "<div>", "</div>",
    "<details>", "{% raw %}", "{% endraw %}", "{{", "}}", "\n", "\n\n", "    ", "|", "---", "[^1]",
    "[^1]: ", "<!--", "-->", "![a](", "javascript:alert(1)", "<script>", "{: .x}", "\\", "&", "<",
    "http://example.org/", "](x.png)", "[a]: /u", "===", "\t",
]
markdown_bodies = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), _text), max_size=40).map("".join)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """An archive with one image inside it and one outside it (which must never be shown)."""
    base = tmp_path_factory.mktemp("fuzz")
    root = base / "archive"
    (root / "_posts").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "assets" / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (base / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


# --- posts ----------------------------------------------------------------------------------

REL_PATHS = st.sampled_from(["_posts/2020-07-16-x.md", "_posts/2020-13-45-x.html", "x.md", "_posts/.md", "a/b/c.htm"])


def _check_post(result: object) -> None:
    assert isinstance(result, (Post, Problem))
    if isinstance(result, Problem):
        assert isinstance(result.reason, str) and result.reason
        assert not result.reason.startswith(UNEXPECTED), result.reason  # parse_post's safety net caught a bug
        return
    assert isinstance(result.title, str) and isinstance(result.date, str)
    # Undated: no date and no timestamp, never one without the other.
    assert isinstance(result.timestamp, int) if result.date else result.timestamp is None
    assert all(isinstance(t, str) and t for t in result.tags + result.categories)
    assert isinstance(result.body, str) and result.fmt in ("markdown", "html")
    json.dumps(result.extra, ensure_ascii=False)  # the CLI prints it


@given(data=st.binary(max_size=3000), rel=REL_PATHS)
@example(data=b"\xef\xbb\xbf---\ntitle: x\n---\n", rel="x.md")
@example(data=b"\xff\xfe" + "---\ntitle: x\n---\n".encode("utf-16-le"), rel="x.md")
def test_random_bytes_are_a_post_or_a_problem(data, rel):
    _check_post(parse_post(data, rel))


@given(front=st.binary(max_size=500), body=st.binary(max_size=500))
def test_random_bytes_inside_front_matter_are_a_post_or_a_problem(front, body):
    _check_post(parse_post(b"---\n" + front + b"\n---\n" + body, "_posts/2020-01-01-x.md"))


YAML_KEYS = ["title", "date", "tags", "tag", "categories", "category", "author", "from", "source", "layout",
             "published", "<<", "? x", "- ", "", "1", "null", "true", "title:", "日期"]
YAML_SCALARS = [
    "2020-01-01", "2020-13-45", "2020-07-16T19:41:00.000Z", "2016-05-05T10:41:23+02:00", "2019-1-1 25:61",
    "Thu, 16 Jul 2020 19:41:00 +0000", "yes", "no", "~", "null", "0x1F", "1e400", ".inf", ".nan", "-0",
    "!!python/object/apply:os.system ['true']", "!!binary aGk=", "!!timestamp x", "!foo x", "'unclosed",
    '"unclosed', "a: b", "[x", "{x", "|", ">", "%YAML 1.1", "@x", "`x`", "#c", "&", "*", "<b>标题</b>",
    "https://example.org/a", "'it''s'", '"\\u00e9\\x00"', "&#x4e2d;", "\t", "- x", "? y",
]


@st.composite
def yaml_values(draw, depth: int = 0, indent: str = "") -> str:
    """Text of one YAML value: scalars, flow and block lists, nested mappings, anchors, aliases."""
    kinds = ["scalar", "text", "number", "flow"] + (["block", "map", "anchor", "alias"] if depth < 4 else ["alias"])
    kind = draw(st.sampled_from(kinds))
    if kind == "scalar":
        return draw(st.sampled_from(YAML_SCALARS))
    if kind == "text":
        return draw(st.text(max_size=20) | st.text(alphabet=CJK, max_size=10))
    if kind == "number":
        return str(draw(st.integers() | st.floats(allow_nan=True) | st.booleans()))
    if kind == "flow":
        items = draw(st.lists(st.sampled_from(YAML_SCALARS) | st.text(max_size=8), max_size=5))
        return "[" + ", ".join(items) + "]"
    if kind == "block":
        items = draw(st.lists(yaml_values(depth + 1, indent + "  "), min_size=1, max_size=4))
        return "".join(f"\n{indent}  - {item}" for item in items)
    if kind == "map":
        keys = draw(st.lists(st.sampled_from(YAML_KEYS) | st.text(max_size=6), min_size=1, max_size=4))
        return "".join(f"\n{indent}  {k}: {draw(yaml_values(depth + 1, indent + '  '))}" for k in keys)
    if kind == "anchor":
        return f"&a{draw(st.integers(0, 3))} {draw(yaml_values(depth + 1, indent))}"
    return f"*a{draw(st.integers(0, 3))}"


@st.composite
def front_matters(draw) -> str:
    keys = draw(st.lists(st.sampled_from(YAML_KEYS) | st.text(max_size=8), max_size=8))
    lines = [f"{key}: {draw(yaml_values())}" for key in keys]
    return "\n".join(lines)


@given(front=front_matters(), body=markdown_bodies, rel=REL_PATHS)
@example(front="title: !!timestamp x", body="", rel="x.md")  # found by this test: AttributeError
@example(front="title: !!int x\ndate: !!bool x", body="", rel="x.md")  # ValueError, KeyError
@example(front="tags: [!!float ., !!int]", body="", rel="x.md")  # ValueError, IndexError
def test_random_front_matter_is_a_post_or_a_problem(front, body, rel):
    _check_post(parse_post(f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"), rel))


@given(front=st.text(max_size=300))
def test_random_text_as_front_matter_is_a_post_or_a_problem(front):
    _check_post(parse_post(f"---\n{front}\n---\nbody".encode("utf-8", "surrogatepass"), "_posts/2020-01-01-x.md"))


# --- the cleaner ------------------------------------------------------------------------------


def _check_cleaned(html: str, archive: Path, title: str = "") -> None:
    result = clean_html(html, title=title, source_url=SOURCE, local_image=local_image_resolver(archive, "_posts/x.md"))
    assert allowlist_violations(result.html, archive) == []
    assert check_allowlist(result.html) == []
    assert (archive.parent / "secret.png").as_uri() not in result.html
    assert all(url.startswith(("http://", "https://")) for url in result.remote_images)
    text = html_to_text(html)
    assert isinstance(text, str) and len(text) <= MAX_INDEX_TEXT
    assert len(excerpt(text)) <= 160


@given(html=html_documents, title=st.text(max_size=10))
@example(html='<img src="../secret.png" alt="a"><img src="file:///etc/passwd"><a href="java\tscript:x">x</a>', title="")
@example(html="<table><tr><td>" * 40 + "深" + "<div>" * 600, title="")
def test_random_html_is_cleaned_to_the_allowlist(html, title, archive):
    _check_cleaned(html, archive, title)


@given(body=markdown_bodies, fmt=st.sampled_from(["markdown", "html"]))
def test_random_markdown_renders_and_cleans_to_the_allowlist(body, fmt, archive):
    _check_cleaned(body_to_html(body, fmt), archive)


@given(html=st.text(max_size=2000))
@example(html="&#1")  # found by this test: lxml refuses to store the U+0001 its parser made (ValueError)
@example(html="<p>a&#1;<script>x</script>b&#xFFFE;</p>")
def test_random_text_as_html_is_cleaned_to_the_allowlist(html, archive):
    _check_cleaned(html, archive)


@given(src=st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40),
                     st.lists(st.sampled_from(["..", "/", "\\", ".", "assets", "ok.png", "%2e", "%2f", "x.png",
                                               "secret.png", ":", "C:", "file:", "//"]), max_size=8).map("".join)))
def test_local_images_never_leave_the_archive(src, archive):
    found = local_image_resolver(archive, "_posts/2020-01-01-x.md")(src)
    if found is not None:
        assert found.startswith("file://")
        assert _image_source_problems(found, archive) == []


# --- the search language ------------------------------------------------------------------------

QUERY_PIECES = ["tag:", "category:", "cat:", "author:", "by:", "before:", "after:", "-", '"', '"phrase"',
                "2020-01-01", "2020", "2020-13", "普京", "習近平", "AI", "a", "中文字符串", "OR", "AND", "NOT", "*", "%",
                "_", "\\", "'", ":", "http://x", "tags:", "NEAR(", ")", "(", "^", " ", "  ", "\t", "-tag:x", '""']
queries = st.one_of(st.text(max_size=40),
                    st.lists(st.one_of(st.sampled_from(QUERY_PIECES), st.text(max_size=4)), max_size=12).map("".join))


@pytest.fixture(scope="module")
def search_db() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.executescript("""
        CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
        CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', content_rowid='id',
                                            tokenize='trigram', detail=none);
    """)
    return con


@given(text=queries)
@example(text='tag:"New York" -"a b" before:2020-01 普京 AI')
def test_queries_parse_or_say_why_and_give_valid_sql(text, search_db):
    _check_query(text, search_db)


def test_a_nul_in_a_query_is_dropped(search_db):
    # FTS5 MATCH stops reading at a NUL ('unterminated string'): found by the fuzz test above.
    _check_query("00\x00", search_db)
    assert parse_query("普京\x00 x\x00y").terms == ("普京", "xy")


def _check_query(text: str, con: sqlite3.Connection) -> None:
    try:
        query = parse_query(text)
    except QuerySyntaxError as exc:
        assert str(exc)
        return
    assert isinstance(query, Query)
    sql = text_sql(query)
    assert sql.where.count("?") == len(sql.params)
    con.execute("DELETE FROM docs")
    con.execute("INSERT INTO fts(fts) VALUES('delete-all')")
    body = fold(" ".join(query.terms))  # the shards store folded text (简/繁 search)
    con.execute("INSERT INTO docs(id, title, body) VALUES(1, '', ?)", (body,))
    con.execute("INSERT INTO fts(rowid, title, body) VALUES(1, '', ?)", (body,))
    if sql.match is not None:
        found = con.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (sql.match,)).fetchall()
        assert found == [(1,)], f"MATCH {sql.match!r} misses a text holding every term"
    if sql.where:
        rows = con.execute(f"SELECT d.id FROM docs AS d WHERE {sql.where}", sql.params).fetchall()
        if not query.excluded:  # an excluded term may well be inside the joined terms
            assert rows == [(1,)], f"{sql.where!r} misses a text holding every term"
