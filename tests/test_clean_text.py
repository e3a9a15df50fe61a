"""The search text, the one-line excerpt and the allowlist check of reader.core.clean."""

from __future__ import annotations

import pytest

from reader.core.clean import check_allowlist, excerpt, html_to_text

PNG_1PX = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


# --- html_to_text --------------------------------------------------------------------------------


def test_text_has_one_block_per_line_and_collapsed_spaces():
    html = ("<h1>标题</h1><p>第一段\n   继续<br>换行</p><ul><li>甲</li><li>乙 <b>粗</b></li></ul>"
            "<table><tr><td>格1</td><td>格2</td></tr></table><div>  尾  部 </div>")
    assert html_to_text(html) == "标题\n第一段 继续\n换行\n甲\n乙 粗\n格1\n格2\n尾 部"


def test_text_skips_player_fallback_content():
    assert html_to_text("<p>甲</p><iframe src='x'><p>fallback</p></iframe><video>不支持</video>") == "甲"


# --- excerpt ---------------------------------------------------------------------------------------


def test_excerpt_short_text_is_one_line():
    assert excerpt("  第一行\n\n第二行\t 结束  ") == "第一行 第二行 结束"


def test_excerpt_cuts_latin_at_a_word_boundary():
    text = "The quick brown fox jumps over the lazy dog " * 10
    cut = excerpt(text, 50)
    assert cut == "The quick brown fox jumps over the lazy dog The…"
    assert len(cut) <= 50


def test_excerpt_cuts_cjk_at_a_character():
    cut = excerpt("中文句子没有空格" * 40, 20)
    assert cut == "中文句子没有空格中文句子没有空格中文句…"
    assert len(cut) == 20


def test_excerpt_does_not_end_on_punctuation_before_the_ellipsis():
    assert excerpt("第一句。第二句。第三句。", 5) == "第一句…"
    assert excerpt("One, two, three, four.", 10) == "One, two…"


# --- check_allowlist ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<script>x</script>", "tag <script>"),
        ("<p onclick='x'>a</p>", "attribute 'onclick' on <p>"),
        ("<p style='color:red'>a</p>", "attribute 'style' on <p>"),
        ("<p class='lead'>a</p>", "class ['lead'] on <p>"),
        ("<a href='javascript:alert(1)'>a</a>", "link scheme 'javascript:alert(1)'"),
        ("<a href=' java\tscript:x'>a</a>", "link scheme"),
        ("<img src='https://x.org/a.png' width='8639' height='5760'>", "image size 8639x5760"),
        ("<img src='https://x.org/a.png' width='10'>", "only one of width/height"),
        ("<img src='data:image/svg+xml;base64,AAAA'>", "image source"),
        ("<!-- c --><p>a</p>", "non-element node"),
        ("<iframe src='https://x.org'></iframe>", "tag <iframe>"),
    ],
)
def test_check_allowlist_finds_violations(html, problem):
    problems = check_allowlist(html)
    assert any(problem in p for p in problems), problems


def test_check_allowlist_accepts_what_the_cleaner_writes():
    html = ('<p class="embed">▶ Video: <a href="https://y.org/w">y.org/w</a></p><div class="caption">c</div>'
            f'<img src="{PNG_1PX}" alt="a"/><img src="file:///a/b.png"/><img src="https://x.org/a.png" width="10" '
            'height="10" class="remote"/><span class="img-placeholder">alt</span><a href="#x">x</a>'
            '<a name="x" id="x"></a><a href="mailto:a@b.org">m</a><ol start="2"><li>b</li></ol>')
    assert check_allowlist(html) == []
