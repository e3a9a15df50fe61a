"""Reading one post: encodings, dates, titles, tags, and every kind of problem."""

from __future__ import annotations

import codecs

import pytest

from reader.core.posts import Post, Problem, parse_post

FRONT = "title: 测试标题\ndate: 2020-07-16T19:41:00.000Z\ntags: [ 泡泡 ]\ncategories: [ 泡泡 ]\n"
BODY = "<p>这是正文，关于台湾和香港的新闻报道。</p>\n"


def doc(front: str = FRONT, body: str = BODY) -> str:
    return f"---\n{front}---\n{body}"


def parse(text: str | bytes, name: str = "2020-07-16-slug-title.md", **kw) -> Post | Problem:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_post(data, f"_posts/{name}", **kw)


def ok(text: str | bytes, name: str = "2020-07-16-slug-title.md", **kw) -> Post:
    post = parse(text, name, **kw)
    assert isinstance(post, Post), post
    return post


# --- encodings -------------------------------------------------------------------

@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_unicode_encodings_and_boms(encoding, prefix):
    post = ok(prefix + doc().encode(encoding))
    assert post.title == "测试标题"
    assert post.tags == ("泡泡",)
    assert "台湾和香港" in post.body


def test_bom_does_not_hide_front_matter():
    # python-frontmatter alone returns {} for a BOM file: the title must still be read.
    post = ok(codecs.BOM_UTF8 + doc().encode())
    assert post.title == "测试标题" and post.date_source == "front matter"


def test_gb18030_simplified():
    post = ok(doc(front="title: 中国互联网创新停滞\n", body="<p>习近平宣布访问俄罗斯，中国外交部表示欢迎。</p>").encode("gb18030"))
    assert post.encoding == "gb18030"
    assert post.title == "中国互联网创新停滞"
    assert "习近平宣布访问俄罗斯" in post.body


def test_big5_traditional():
    post = ok(doc(front="title: 九龍城街上的大洞\n", body="<p>寫於三月，九龍城街上出現了一個大洞。我們在點心店吃了兩碟鳳爪。</p>").encode("big5"))
    assert post.encoding == "big5"
    assert post.title == "九龍城街上的大洞"
    assert "點心店" in post.body


def test_crlf_line_endings():
    post = ok(doc().replace("\n", "\r\n"))
    assert post.title == "测试标题"
    assert post.tags == ("泡泡",)
    assert post.body.lstrip().startswith("<p>")


# --- titles -----------------------------------------------------------------------

def test_title_and_author_html_is_stripped_and_entities_decoded():
    post = ok(doc(front='title: "<b>Hello</b> &amp; <i>world</i>"\nauthor: "Ann &#38; Bob"\n'))
    assert post.title == "Hello & world" and post.author == "Ann & Bob"


@pytest.mark.parametrize("value, expected", [("12345", "12345"), ("true", "true"), ("3.5", "3.5")])
def test_scalar_title_becomes_text(value, expected):
    assert ok(doc(front=f"title: {value}\n")).title == expected


@pytest.mark.parametrize("front", ["", "title:\n", "title: [a, b]\n", "title: ''\n"])
def test_missing_title_falls_back_to_filename_slug(front):
    post = ok(doc(front=front + "date: 2020-01-01\n"), name="2020-07-16-my-first_post.md")
    assert post.title == "my first post"


# --- dates ------------------------------------------------------------------------

@pytest.mark.parametrize("value, local, utc", [
    ("2020-07-16T19:41:00.000Z", "2020-07-16T19:41:00Z", "2020-07-16T19:41:00+00:00"),
    ("2016-05-05T10:41:23+02:00", "2016-05-05T10:41:23+02:00", "2016-05-05T08:41:23+00:00"),
    ("2019-01-01", "2019-01-01", "2019-01-01T00:00:00+00:00"),
    ("2020-07-16T19:41:00Z", "2020-07-16T19:41:00Z", "2020-07-16T19:41:00+00:00"),
    ("2019-01-01 10:00:00 +0800", "2019-01-01T10:00:00+08:00", "2019-01-01T02:00:00+00:00"),
    ("'2019-01-01 10:00:00 -0500'", "2019-01-01T10:00:00-05:00", "2019-01-01T15:00:00+00:00"),
    ("2019-01-01 10:00", "2019-01-01T10:00:00", "2019-01-01T10:00:00+00:00"),
    ("2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43-05:00", "2001-12-15T02:59:43+00:00"),
    ("'Thu, 16 Jul 2020 19:41:00 +0000'", "2020-07-16T19:41:00Z", "2020-07-16T19:41:00+00:00"),
])
def test_every_jekyll_date_form(value, local, utc):
    from datetime import datetime, timezone
    post = ok(doc(front=f"title: t\ndate: {value}\n"))
    assert post.date == local
    assert datetime.fromtimestamp(post.timestamp, timezone.utc).isoformat() == utc
    assert post.date_source == "front matter"


@pytest.mark.parametrize("value", ["not a date", "2019-13-45", "'2019-02-30'", "[1, 2]", "''"])
def test_invalid_date_falls_back_to_filename(value):
    post = ok(doc(front=f"title: t\ndate: {value}\n"), name="2018-03-04-x.md")
    assert post.date == "2018-03-04"
    assert post.date_source == "filename"


def test_no_date_anywhere_is_undated_not_the_file_time():
    post = ok(doc(front="title: t\n"), name="undated.md")
    assert (post.date, post.timestamp, post.date_source) == ("", None, "none")


# --- tags and categories -------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("[ 泡泡 ]", ("泡泡",)),
    ("[a, b, a]", ("a", "b")),
    ("'news world  news'", ("news", "world")),
    ("42", ("42",)),
    ("", ()),
    ("null", ()),
    ("[[a, [b]], c, null, '']", ("a", "b", "c")),
    ("\n  - x\n  - y", ("x", "y")),
    ("{a: 1}", ()),
])
def test_tag_forms(value, expected):
    assert ok(doc(front=f"title: t\ntags: {value}\n")).tags == expected


def test_categories_merge_folder_and_front_matter_and_singular_keys():
    post = ok(doc(front="title: t\ncategories: [world, asia]\ncategory: world\ntag: one\n"),
              dir_categories=("news",))
    assert post.categories == ("news", "world", "asia")
    assert post.tags == ("one",)


# --- other fields ------------------------------------------------------------------------

def test_author_url_layout_published_and_extra():
    post = ok(doc(front="title: t\nauthor: 自由亚洲电台\nfrom: https://www.rfa.org/a.html\nlayout: post\n"
                        "comments: True\npublished: false\nweight: 3\n"))
    assert post.author == "自由亚洲电台"
    assert post.url == "https://www.rfa.org/a.html"
    assert post.layout == "post"
    assert post.published is False
    assert post.extra == {"comments": True, "weight": 3}


@pytest.mark.parametrize("key", ["source", "link", "original_url", "canonical_url"])
def test_source_url_fallback_keys(key):
    assert ok(doc(front=f"title: t\n{key}: http://example.org/x\n")).url == "http://example.org/x"


def test_non_http_source_is_not_a_url():
    post = ok(doc(front="title: t\nfrom: javascript:alert(1)\n"))
    assert post.url == ""


def test_format_follows_extension_and_draft_flag():
    assert ok(doc(), name="2020-01-01-a.html", draft=True).fmt == "html"
    assert ok(doc(), name="2020-01-01-a.html", draft=True).draft is True
    assert ok(doc(), name="2020-01-01-a.markdown").fmt == "markdown"


def test_no_front_matter_is_a_post_with_slug_title():
    post = ok("<p>Just a body</p>", name="2021-02-03-plain-body.md")
    assert post.title == "plain body" and post.date == "2021-02-03" and "Just a body" in post.body


def test_dots_close_front_matter_too():
    assert ok("---\ntitle: Dots\n...\nbody").title == "Dots"


# --- problems ------------------------------------------------------------------------------

@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
    (b"---\ntitle: x\n" + b"\xff\xfe\xfa\xfb\x80\x81" * 50, "not UTF-8"),
    (b"---\ntitle: x\nno end", "not closed"),
    (b"---\ntitle: \"unclosed\ndate: 2020-01-01\n---\nbody", "unclosed quote at line 2"),
    (b"---\n- a\n- b\n---\nbody", "is a list"),
    (b"---\njust a string\n---\nbody", "a single value"),
    (b"---\ntitle: a: b\n---\nbody", "a ':' inside a value"),
    (b"---\nx: !!python/object/apply:os.system ['echo hi']\n---\nbody", "unsupported YAML tag"),
    (b"---\ntitle: x\n\ttags: y\n---\nbody", "front matter:"),
])
def test_problems_have_readable_reasons(data, reason):
    result = parse(data)
    assert isinstance(result, Problem), result
    assert reason in result.reason
    assert result.path == "_posts/2020-07-16-slug-title.md"


def test_front_matter_over_64_kb_is_a_problem():
    result = parse("---\n" + "".join(f"k{i}: {'x' * 60}\n" for i in range(1200)) + "---\nbody")
    assert isinstance(result, Problem) and "larger than 64 KB" in result.reason


def test_yaml_alias_bomb_is_refused_quickly():
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    result = parse("---\n" + "\n".join(bomb) + "\n---\nbody")
    assert isinstance(result, Problem) and "alias bomb" in result.reason


def test_deep_nesting_is_refused():
    result = parse("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nbody")
    assert isinstance(result, Problem) and "nested too deeply" in result.reason


def test_unreadable_file_is_a_problem(tmp_path):
    from reader.core.posts import read_post
    result = read_post(tmp_path / "missing.md", "missing.md")
    assert isinstance(result, Problem) and "cannot read the file" in result.reason
