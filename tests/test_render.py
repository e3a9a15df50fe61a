"""body_to_html: Markdown (CommonMark + tables, strikethrough, footnotes), kramdown-style
raw HTML blocks, Liquid leftovers, and time limits on hostile bodies."""

from __future__ import annotations

import time

import pytest

from reader.core.render import body_to_html


def md(body: str) -> str:
    return body_to_html(body, "markdown")


# --- Markdown ------------------------------------------------------------------------


def test_markdown_basics():
    out = md("# 标题\n\nSome *emphasis* and **strong** and [a link](https://example.org/x).\n")
    assert "<h1>标题</h1>" in out
    assert "<em>emphasis</em>" in out
    assert "<strong>strong</strong>" in out
    assert '<a href="https://example.org/x">a link</a>' in out


def test_tables_strikethrough_and_footnotes_are_enabled():
    out = md("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ text[^1]\n\n[^1]: 脚注内容\n")
    assert "<table>" in out and "<th>甲</th>" in out and "<td>2</td>" in out
    assert "<s>gone</s>" in out
    assert 'href="#fn1"' in out and 'id="fn1"' in out and "脚注内容" in out


def test_linkify_is_off_and_inline_html_is_kept():
    out = md("see https://example.org and <kbd>Ctrl</kbd>\n")
    assert "<a " not in out
    assert "<kbd>Ctrl</kbd>" in out


def test_setext_title_link_of_scraped_archives_becomes_a_heading():
    out = md("<!--NaN-->\n[朝鲜出兵](https://www.rfa.org/x.html)\n------\n\n<div>\n<p>正文</p>\n</div>\n")
    assert '<h2><a href="https://www.rfa.org/x.html">朝鲜出兵</a></h2>' in out
    assert "------" not in out and "[朝鲜出兵]" not in out
    assert "<!--NaN-->" in out  # comments are left for the cleaner to drop
    assert "<p>正文</p>" in out


# --- kramdown-style HTML blocks --------------------------------------------------------


PRETTY = """<article class="post">
 <div class="entry-content">
  <p>
   第一段，缩进超过四个空格。
  </p>

      <p>
       空行之后，仍然是 HTML，不是代码块。
      </p>
  <div>
   <div>nested</div>
  </div>
 </div>
</article>

After the block, *Markdown* again.
"""


def test_block_html_survives_blank_and_indented_lines():
    out = md(PRETTY)
    assert "<pre>" not in out and "<code>" not in out
    assert "空行之后，仍然是 HTML，不是代码块。" in out
    assert out.count("<div") == 3 and out.count("</div>") == 3
    assert "<p>After the block, <em>Markdown</em> again.</p>" in out


def test_nested_same_tag_is_matched_to_its_own_close_tag():
    out = md("<div>\n<div>\n\n    inner\n</div>\n\n    still inside\n</div>\n\n*after*\n")
    assert "still inside" in out and "<pre>" not in out
    assert "<em>after</em>" in out


def test_unclosed_block_takes_the_rest_of_the_body():
    out = md("<div>\n\n    *not markdown*\n\n# not a heading\n")
    assert "*not markdown*" in out and "# not a heading" in out
    assert "<h1>" not in out and "<em>" not in out


def test_comment_with_blank_lines_is_one_block():
    out = md("<!--\n\n    commented out\n\n-->\n\ntext\n")
    assert "<pre>" not in out
    assert "<!--\n\n    commented out\n\n-->" in out
    assert "<p>text</p>" in out


def test_uppercase_tags_void_tags_and_lookalikes():
    out = md("<DIV>\n\n    big\n</DIV>\n<hr>\n\n*one*\n\n<pre>\n\n  x\n</pre>\n\n<preface>y</preface>\n")
    assert "<DIV>\n\n    big\n</DIV>" in out
    assert "<em>one</em>" in out  # <hr> has no close tag: it must not swallow the rest
    assert "<pre>\n\n  x\n</pre>" in out
    assert "<p><preface>y</preface></p>" in out  # not <pre>: inline HTML in a paragraph


def test_script_content_is_raw_text():
    out = md('<script>\nvar s = "<script>";\n\n    x = 1\n</script>\n\n*after*\n')
    assert "<em>after</em>" in out


def test_html_in_fenced_code_is_code():
    out = md("```\n<div>\n\n    x\n</div>\n```\n\n*after*\n")
    assert "&lt;div&gt;" in out
    assert "<em>after</em>" in out


def test_placeholder_text_in_the_body_does_not_confuse_the_splice():
    out = md("LecternHtmlBlock0E is text\n\n<div>\n\nblock\n</div>\n")
    assert "<p>LecternHtmlBlock0E is text</p>" in out
    assert "<div>\n\nblock\n</div>" in out


def test_html_format_is_returned_as_is_without_markdown():
    body = "<p>*stays*</p>\n\n    <p>indented</p>{{ page.title }}"
    assert body_to_html(body, "html") == "<p>*stays*</p>\n\n    <p>indented</p>"


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError):
        body_to_html("x", "textile")


def test_crlf_line_ends():
    out = md("<div>\r\n\r\n    x\r\n</div>\r\n\r\n*a*\r\n")
    assert "<em>a</em>" in out and "\r" not in out


# --- Liquid and kramdown attribute lists -------------------------------------------------


def test_highlight_becomes_an_escaped_code_block():
    out = md("{% highlight python %}\nif a < b and c > d:\n    print('&')\n{% endhighlight %}\n")
    assert '<pre><code class="language-python">if a &lt; b and c &gt; d:\n    print(&#x27;&amp;&#x27;)</code></pre>' in out


def test_raw_keeps_its_content_and_other_liquid_goes():
    out = md("{% raw %}{{ kept }} {% if x %}{% endraw %}\n\nA{{ page.title }}B{% include foo.html %}C\n")
    assert "{{ kept }} {% if x %}" in out
    assert "<p>ABC</p>" in out


def test_liquid_comment_and_whitespace_control():
    out = md("a{%- comment -%}secret{%- endcomment -%}b {%- assign x = 1 -%} c\n")
    assert "secret" not in out and "assign" not in out
    assert "ab" in out


def test_unclosed_liquid_is_left_as_text():
    assert "{% oops" in md("text {% oops\n")
    assert "{{ half" in md("text {{ half\n")


def test_kramdown_attribute_lists_are_removed():
    out = md("## 小标题 {: #sec .big}\n\nparagraph\n{: .lead}\n\n{::options parse_block_html=\"true\" /}\n\nend\n")
    assert "{:" not in out
    assert "<h2>小标题</h2>" in out and "<p>paragraph</p>" in out and "<p>end</p>" in out


# --- hostile bodies: linear time --------------------------------------------------------


def timed(body: str) -> tuple[str, float]:
    start = time.perf_counter()
    out = md(body)
    return out, time.perf_counter() - start


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("a *b* [c](d) `e` " * 125_000, id="2MB-markdown-line"),
        pytest.param("中" * 2_000_000, id="2MB-cjk-line"),
        pytest.param("<div>" * 5_000 + "深" + "</div>" * 5_000, id="5000-nested-divs"),
        pytest.param("<div>\n" * 5_000, id="5000-unclosed-divs"),
        pytest.param("[" * 2_000_000, id="2MB-brackets"),
        pytest.param("[^" * 500_000, id="1MB-footnote-refs"),
        pytest.param("a\n" * 500_000, id="500k-lines"),
        pytest.param("{%" * 1_000_000, id="2MB-unclosed-liquid"),
        pytest.param("<!--" * 500_000, id="2MB-unclosed-comments"),
        pytest.param("{: " * 500_000, id="1.5MB-attribute-lists"),
        pytest.param("<p>x</p>\n" * 100_000, id="100k-html-lines"),
    ],
)
def test_hostile_bodies_render_quickly(body):
    out, seconds = timed(body)
    assert seconds < 2.0, f"{seconds:.2f} s"
    assert out


def test_too_dense_markdown_falls_back_to_plain_paragraphs_keeping_the_text():
    body = "段落 *甲* [乙](丙) <b>\n" * 30_000
    out, seconds = timed(body)
    assert seconds < 2.0
    assert "<em>" not in out  # shown as text, not rendered
    assert out.count("段落") == 30_000
    assert "&lt;b&gt;" in out  # and escaped
