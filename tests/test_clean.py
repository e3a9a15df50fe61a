"""clean_html, html_to_text, excerpt and check_allowlist on small hand-written fixtures:
one group of tests per rule of the cleaner."""

from __future__ import annotations

import random
import threading
import xml.etree.ElementTree as ET

import pytest

from reader.core.clean import (
    ALLOWED_ATTRS,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    Cleaned,
    check_allowlist,
    clean_html,
    html_to_text,
)

SOURCE = "https://news.example.org/2024/10/story.html"
PNG_1PX = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
GIF_1PX = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def clean(html: str, **kwargs) -> str:
    """Cleaned HTML, after checking the invariants every output must meet."""
    result = clean_html(html, **kwargs)
    assert check_allowlist(result.html) == []
    ET.fromstring(f"<root>{result.html}</root>")  # well-formed (void elements self-closed)
    return result.html


def text_of(html: str) -> str:
    return html_to_text(html)


# --- the result type and the public tables ----------------------------------------------


def test_cleaned_is_a_frozen_dataclass():
    result = clean_html("<p>x</p>")
    assert result == Cleaned("<p>x</p>", ())
    with pytest.raises(AttributeError):
        result.html = "y"  # type: ignore[misc]


def test_public_tables():
    assert ALLOWED_SCHEMES == frozenset({"http", "https", "mailto"})
    assert {"p", "a", "img", "table", "figure"} - ALLOWED_TAGS == {"figure"}  # figure becomes div
    assert "style" not in set().union(*ALLOWED_ATTRS.values())
    assert ALLOWED_ATTRS["a"] == frozenset({"href", "title", "name", "id"})


# --- rule 1: allowlist; unknown tags unwrapped, never deleted ---------------------------


def test_unknown_tags_are_unwrapped_and_their_text_kept():
    out = clean("<section><custom-box><font color=red>中文正文</font></custom-box> <o:p>English</o:p></section>")
    assert "中文正文" in out and "English" in out
    assert "<section" not in out and "<font" not in out and "custom-box" not in out


def test_attributes_are_stripped_to_the_allowlist():
    out = clean(
        '<p class="lead" id="x" style="color:red" onclick="evil()" data-id="3" align="center">段落</p>'
        '<table border="1" style="width:900px"><tr><td colspan="2" rowspan="x" align="LEFT" '
        'class="c" width="500">格</td></tr></table><ol start="3" type="a"><li>三</li></ol>'
    )
    assert "<p>段落</p>" in out
    assert '<td colspan="2" align="left">格</td>' in out  # source order
    assert "<table><tr>" in out
    assert '<ol start="3"><li>三</li></ol>' in out


def test_figure_and_figcaption_become_div_and_caption():
    out = clean(f'<figure class="wp"><img src="{SOURCE}.jpg" alt="图"><figcaption class="c">图注 <b>粗</b></figcaption></figure>')
    assert out == (
        f'<div><img src="{SOURCE}.jpg" alt="图" class="remote"/><div class="caption">图注 <b>粗</b></div></div>'
    )


def test_spans_without_a_class_of_ours_are_unwrapped():
    assert clean('<p><span style="x">甲</span><span class="y">乙</span></p>') == "<p>甲乙</p>"


# --- rule 2: dropped with their content ---------------------------------------------------


@pytest.mark.parametrize(
    "element",
    [
        "<script>alert('脚本')</script>",
        "<style>p { color: red } /* 样式 */</style>",
        "<noscript><img src='https://x.org/a.png'>无脚本</noscript>",
        "<form><label>名字</label><input value='值'><select><option>选项</option></select>"
        "<textarea>文本框</textarea><button>按钮</button></form>",
        "<button>按钮</button>",
        "<object data='x.swf'>对象</object><embed src='x.swf'>",
        "<svg><text>矢量</text></svg><math><mi>数学</mi></math>",
        "<template><p>模板</p></template><canvas>画布</canvas>",
        "<nav><a href='/'>首页</a></nav>",
        "<div hidden>隐藏</div>",
        "<div style='DISPLAY : None'>隐藏</div>",
        "<p style='color:red; visibility:hidden'>隐藏</p>",
        "<span class='rdf-meta element-hidden'>隐藏</span>",
        "<h2 class='element-invisible'>隐藏</h2>",
        "<div class='hidden'>隐藏</div><a class='sr-only'>隐藏</a><p class='visually-hidden'>隐藏</p>",
        "<!-- 注释 -->",
    ],
)
def test_non_article_elements_go_with_their_content(element):
    html = f"<div><p>前文</p>{element}<p>后文</p></div>"
    for output in (clean(html), text_of(html)):
        assert "前文" in output and "后文" in output
        for word in ("脚本", "样式", "无脚本", "名字", "值", "选项", "文本框", "按钮", "对象", "矢量", "数学",
                     "模板", "画布", "首页", "隐藏", "注释"):
            assert word not in output


def test_head_title_and_meta_of_a_full_document_are_dropped():
    html = "<html><head><title>页面标题</title><meta charset=gbk><link rel=x></head><body><p>正文</p></body></html>"
    assert clean(html) == "<p>正文</p>"
    assert text_of(html) == "正文"


def test_text_after_a_dropped_element_is_kept():
    assert clean("<p>甲<script>x</script>乙<span hidden>丙</span>丁</p>") == "<p>甲乙丁</p>"


# --- rule 3: players become links -----------------------------------------------------------


def test_youtube_iframe_becomes_a_video_link():
    out = clean('<p>看视频：</p><iframe width="800" src="//www.youtube.com/embed/zpQYsk-8dWg?rel=0"></iframe>')
    assert out == (
        '<p>看视频：</p><p class="embed">▶ Video: <a href="https://www.youtube.com/watch?v=zpQYsk-8dWg">'
        "www.youtube.com/embed/zpQYsk-8dWg</a></p>"
    )


def test_vimeo_bilibili_and_video_tags_are_videos():
    out = clean(
        '<iframe src="https://player.vimeo.com/video/545129835?title=0"></iframe>'
        '<iframe src="https://player.bilibili.com/player.html?bvid=BV1"></iframe>'
        '<video controls poster="p.jpg"><source src="https://cdn.example.org/clip.mp4" type="video/mp4">'
        "你的浏览器不支持视频</video>"
    )
    assert out.count("▶ Video:") == 3
    assert 'href="https://vimeo.com/545129835"' in out
    assert 'href="https://cdn.example.org/clip.mp4"' in out
    assert "不支持" not in out


def test_other_iframes_are_embedded_content_and_audio_is_audio():
    long_path = "/monthly/" + "a" * 80 + ".html"
    out = clean(f'<iframe src="https://jessicachinafile.github.io{long_path}"></iframe>'
                '<audio controls><source src="https://assets.example.org/播客.mp3"></audio>')
    assert '<p class="embed">▶ Embedded content: <a href="https://jessicachinafile.github.io/monthly/' in out
    assert "…</a>" in out  # long addresses are shortened in the link text, not in the link
    assert "▶ Audio: " in out and "assets.example.org/播客.mp3</a>" in out


def test_players_without_a_usable_source_are_dropped():
    assert clean("<p>甲</p><iframe></iframe><video></video><iframe src='javascript:alert(1)'></iframe>") == "<p>甲</p>"
    assert clean("<iframe src='/relative/player'></iframe>") == ""  # no source URL to resolve it


def test_player_inside_a_paragraph_is_an_inline_embed():
    out = clean("<p>前<iframe src='https://www.youtube.com/embed/abc'></iframe>后</p>")
    assert out.startswith('<p>前<span class="embed">▶ Video: <a href="https://www.youtube.com/watch?v=abc">')
    assert out.endswith("</span>后</p>")


# --- rule 4: links ---------------------------------------------------------------------------


def test_absolute_links_are_kept_with_their_title():
    out = clean('<p><a href="https://a.org/x?q=1&amp;r=2" title="标题" target="_blank" rel="nofollow">甲</a> '
                '<a href="http://b.org/">乙</a> <a href="mailto:someone@example.org">丙</a></p>')
    assert '<a href="https://a.org/x?q=1&amp;r=2" title="标题">甲</a>' in out
    assert '<a href="http://b.org/">乙</a>' in out
    assert '<a href="mailto:someone@example.org">丙</a>' in out


def test_relative_links_resolve_against_the_source_url():
    out = clean('<a href="/about">根</a><a href="next.html">相对</a><a href="//cdn.org/f">协议</a>'
                '<a href="?share=twitter">查询</a>', source_url=SOURCE)
    assert '<a href="https://news.example.org/about">根</a>' in out
    assert '<a href="https://news.example.org/2024/10/next.html">相对</a>' in out
    assert '<a href="https://cdn.org/f">协议</a>' in out
    assert '<a href="https://news.example.org/2024/10/story.html?share=twitter">查询</a>' in out


def test_relative_links_without_a_source_url_are_unwrapped():
    assert clean('<p><a href="/about">根</a>和<a href="x.html">相对</a></p>') == "<p>根和相对</p>"
    assert clean('<p><a href="//cdn.org/f">协议</a></p>') == '<p><a href="https://cdn.org/f">协议</a></p>'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "&#106;avascript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "tel:+123",
        "#nowhere",
        "",
    ],
)
def test_dangerous_and_dead_links_are_unwrapped(href):
    html = f'<p>点<a href="{href}" onclick="x()">这里</a>。</p>'
    assert clean(html, source_url=SOURCE) == "<p>点这里。</p>"


def test_internal_links_keep_their_targets_as_anchors():
    html = (
        '<p>正文<sup><a href="#fn1" id="fnref1">[1]</a></sup> <a href="#gone">无目标</a></p>'
        '<ol><li id="fn1" class="footnote-item"><p>脚注 <a href="#fnref1">↩</a></p></li></ol>'
    )
    out = clean(html, source_url=SOURCE)
    assert '<a href="#fn1" name="fnref1" id="fnref1">[1]</a>' in out
    assert '<li><a name="fn1" id="fn1"></a><p>脚注 <a href="#fnref1">↩</a></p></li>' in out
    assert "#gone" not in out and "无目标" in out


# --- rule 5: images ----------------------------------------------------------------------------


def test_remote_images_are_kept_marked_and_listed_once_in_order():
    html = ('<img src="https://img.org/b.jpg" alt="乙"><img src="/a.jpg" title=" 标题 ">'
            '<img src="https://img.org/b.jpg"><img src="//cdn.org/c.png">')
    result = clean_html(html, source_url=SOURCE)
    assert result.remote_images == ("https://img.org/b.jpg", "https://news.example.org/a.jpg", "https://cdn.org/c.png")
    assert '<img src="https://news.example.org/a.jpg" title="标题" class="remote"/>' in result.html
    assert result.html.count('class="remote"') == 4


def test_small_inline_images_are_kept_and_others_are_not():
    big = "data:image/png;base64," + "A" * 40_000
    out = clean(f'<img src="{PNG_1PX}" alt="小图"><img src="{big}" alt="大图"><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="矢量">')
    assert f'<img src="{PNG_1PX}" alt="小图"/>' in out
    assert '<span class="img-placeholder">大图</span>' in out
    assert '<span class="img-placeholder">矢量</span>' in out


def test_local_images_go_through_the_callback():
    seen = []

    def local(src: str) -> str | None:
        seen.append(src)
        return "file:///archive/assets/a.png" if src == "/assets/a.png" else None

    out = clean('<img src="/assets/a.png" alt="本地"><img src="missing.png" alt="缺失"><img src="gone.png">',
                local_image=local)
    assert seen == ["/assets/a.png", "missing.png", "gone.png"]
    assert '<img src="file:///archive/assets/a.png" alt="本地"/>' in out
    assert '<span class="img-placeholder">缺失</span>' in out
    assert "gone" not in out


def test_a_copy_in_the_archive_wins_over_the_source_site():
    local = {"/assets/a.png": "file:///archive/assets/a.png"}.get
    result = clean_html('<img src="/assets/a.png"><img src="/assets/b.png"><img src="https://img.org/c.png">',
                        source_url=SOURCE, local_image=local)
    assert result.html.startswith('<img src="file:///archive/assets/a.png"/>')
    assert result.remote_images == ("https://news.example.org/assets/b.png", "https://img.org/c.png")


def test_a_callback_answer_that_is_not_a_file_url_is_refused():
    out = clean('<img src="a.png" alt="替代">', local_image=lambda src: "javascript:alert(1)")
    assert out == '<span class="img-placeholder">替代</span>'


def test_images_without_source_url_or_callback_become_their_alt_text():
    assert clean('<p><img src="pics/a.png" alt="图一">文字</p>') == '<p><span class="img-placeholder">图一</span>文字</p>'


def test_lazy_loaded_images_use_their_real_source():
    out = clean(
        f'<img src="{GIF_1PX}" data-src="https://img.org/lazy.jpg">'
        '<img data-lazy-src="https://img.org/lazy2.jpg">'
        f'<img src="{GIF_1PX}" data-srcset="https://img.org/s-300.jpg 300w, https://img.org/s-1024.jpg 1024w, '
        'https://img.org/s-2048.jpg 2048w">'
        '<img src="https://img.org/blank.gif" data-original="https://img.org/orig.jpg">'
    )
    for src in ("lazy.jpg", "lazy2.jpg", "s-1024.jpg", "orig.jpg"):
        assert f'src="https://img.org/{src}"' in out
    assert "data:image/gif" not in out and "blank.gif" not in out


@pytest.mark.parametrize(
    ("attrs", "kept"),
    [
        ('width="620" height="413"', 'width="620" height="413"'),
        ('width="8639" height="5760" style="width:8639px;"', ""),
        ('width="100%" height="300"', ""),
        ('width="620"', ""),
        ('width="0" height="10"', ""),
        ('width="800" height="90000"', ""),
    ],
)
def test_image_sizes_are_kept_only_when_small_and_numeric(attrs, kept):
    out = clean(f'<img src="https://img.org/a.jpg" {attrs}>')
    assert out == f'<img src="https://img.org/a.jpg"{" " + kept if kept else ""} class="remote"/>'


def test_chrome_images_are_removed():
    out = clean(
        '<p>正文<img src="https://www.rfa.org/++plone++rfa-resources/img/icon-zoom.png"></p>'
        '<img src="https://medium.com/_/stat?event=post.clientViewed" width="1" height="1" alt="">'
        '<img src="https://t.org/pixel" width="1px" height="1">'
        '<img src="https://secure.gravatar.com/avatar/abc?s=64">'
        '<div class="author-box"><a class="single-avatar" href="/u/1"><img src="https://pic.org/u.jpg"></a></div>'
    )
    assert out == "<p>正文</p>"


# --- rule 6: the repeated title and page chrome ----------------------------------------------


def test_markdown_title_link_heading_is_removed():
    html = ('<h2><a href="https://www.rfa.org/x.html">朝鲜出兵援助俄罗斯之际 习近平宣布访俄</a></h2>\n'
            "<div><p>韩国的情报机构本周五披露。</p></div>")
    out = clean(html, title="朝鲜出兵援助俄罗斯之际　习近平宣布访俄", source_url="https://www.rfa.org/x.html")
    assert out == "<p>韩国的情报机构本周五披露。</p>"


def test_a_heading_linking_to_the_source_is_removed_even_with_another_title():
    html = '<h2><a href="https://m.example.org/p/1">Original headline</a></h2><p>正文内容</p>'
    assert clean(html, title="译文标题", source_url="https://m.example.org/p/1") == "<p>正文内容</p>"


def test_site_suffix_and_quotes_in_the_title_do_not_matter():
    html = ('<article><header class="entry-header"><h1 class="entry-title">“我们对警察的憎恶”</h1></header>'
            '<div class="entry-content"><p>正文</p></div></article>')
    out = clean(html, title="我们对警察的憎恶 - iYouPort", source_url="https://www.iyouport.org/abc/")
    assert out == "<p>正文</p>"
    # the suffix must name the source's site
    kept = clean(html, title="我们对警察的憎恶 - 别的网站", source_url="https://www.iyouport.org/abc/")
    assert "<h1>" in kept


def test_title_class_paragraph_of_allnow_pages_is_removed():
    html = ('<div class="main"><div class="head-img-wrap"><img src="//img.allhistory.com/a.jpg"></div>'
            '<div class="column-wrap"><p class="column"><a class="column-link" href="/column/199">燕京书评</a></p>'
            '<p class="title">书评 | 思想市场</p></div>'
            '<div class="author-wrap"><div class="left"><a class="single-avatar" href="/user/1">'
            '<img src="//pic.allhistory.com/T1.jpg"></a><a class="single-name" href="/user/1">曾梦龙</a></div>'
            '<div class="time">5-16</div></div>'
            '<div class="abstract-wrap"><p class="abstract">摘要文字。</p></div>'
            '<div id="article-content"><p>正文。</p></div></div>')
    out = clean(html, title="书评 | 思想市场", source_url="https://m.allnow.com/post/5")
    assert out == '<div><img src="https://img.allhistory.com/a.jpg" class="remote"/></div><p>摘要文字。</p><p>正文。</p>'


def test_headings_that_are_not_the_title_or_come_late_are_kept():
    long_text = "很长的正文。" * 60
    html = f"<h2>另一个标题</h2><p>{long_text}</p><h2>标题</h2>"
    out = clean(html, title="标题", source_url=SOURCE)
    assert "<h2>另一个标题</h2>" in out and out.endswith("<h2>标题</h2>")


def test_paragraph_that_equals_the_title_is_kept():
    # Medium replies: the title is the first sentence of the text
    assert clean("<div><p>你是對的！</p><p>感謝糾錯</p></div>", title="你是對的！") == "<p>你是對的！</p><p>感謝糾錯</p>"


WORDPRESS = """
<article class="post hentry">
 <header class="entry-header"><h1 class="entry-title">动机</h1></header>
 <div class="entry-meta"><span class="byline"><a href="/author/x/">McCaffrey</a></span>
  <span class="cat-links"><a href="/category/k/" rel="category tag">Knowledge Node</a></span>
  <span class="word-count">0 Minutes</span></div>
 <div class="entry-content">
  <p>你肯定见过这样的人，他总是对的。</p>
  <p></p><p>&nbsp;</p><p> </p><p><br></p><div> </div><span></span><p>\u200b</p>
  <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">共享此文章：</h3>
   <ul><li class="share-twitter"><a href="?share=twitter">点击以在 Twitter 上共享</a></li></ul></div>
  <div class="jp-relatedposts" id="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>相关</em></h3></div>
 </div>
 <div class="entry-footer"><ul class="post-tags"><li>Tagged</li><li><a href="/tag/p/">Psychology</a></li></ul></div>
 <div class="entry-author-wrapper"><div class="site-posted-on"><strong>Published</strong>
  <time class="entry-date published">2016年2月11日</time></div></div>
</article>
"""


def test_wordpress_chrome_and_empty_paragraphs_are_removed():
    out = clean(WORDPRESS, title="动机 - iYouPort", source_url="https://www.iyouport.org/x/")
    assert out == "<p>你肯定见过这样的人，他总是对的。</p>"
    text = text_of(WORDPRESS)
    assert "你肯定见过这样的人" in text
    for chrome in ("McCaffrey", "Knowledge Node", "共享此文章", "相关", "Psychology", "Published"):
        assert chrome not in text


DRUPAL = """
<div class="node node-pao-pao-article node-full" id="node-46">
 <div class="submitted"><span><a class="username" href="/author/30">Vergil</a> 在 星期五, 03/07/2014 - 10:09 提交</span></div>
 <div class="content">
  <div class="field field-name-title"><div class="field-items"><div class="field-item even">
   <h1 class="page-title">中国互联网创新停滞于05年</h1></div></div></div>
  <div class="field-name-author"><div class="label-inline">文/</div><a class="username" href="/a/1">长平</a></div>
  <div class="field field-name-body"><p>（泡泡特约撰稿）正文在这里。</p></div>
  <div class="service-links"><a class="service-links-twitter" href="https://twitter.com/share">t</a></div>
 </div>
 <div class="block block-views related"><h2>您可能感兴趣的文章</h2><div>GFW的反转</div></div>
 <ul class="links inline"><li class="comment-add first last active"><a href="/article/46#comment-form">冒个泡吧！</a></li></ul>
 <div class="comment-wrapper" id="comments"><h2 class="title">评论</h2>
  <div class="comment comment-by-anonymous"><p>Buy Valtrex Online</p></div>
  <h2 class="title comment-form">冒个泡吧！</h2></div>
 <div class="item-list"><ul class="pager"><li class="pager-next"><a href="?page=1">下一页 ›</a></li></ul></div>
</div>
"""


def test_drupal_chrome_and_spam_comment_thread_are_removed():
    out = clean(DRUPAL, title="中国互联网创新停滞于05年", source_url="https://pao-pao.net/article/46")
    assert out == "<p>（泡泡特约撰稿）正文在这里。</p>"
    text = text_of(DRUPAL)
    for chrome in ("提交", "长平", "您可能感兴趣的文章", "冒个泡吧", "评论", "Valtrex", "下一页"):
        assert chrome not in text


def test_comment_threads_with_real_contributions_are_kept():
    # ChinaFile "conversations": the contributions are comments by the node's author
    html = ('<p>Intro.</p><div id="comments" class="comment-wrapper"><h2 class="title">Comments</h2>'
            '<article class="comment comment-by-node-author"><h3>Two Different Worlds</h3>'
            "<p>I studied and worked in New York.</p></article></div>")
    out = clean(html, source_url="https://www.chinafile.com/conversation/x")
    assert "Two Different Worlds" in out and "I studied and worked in New York." in out
    assert "Comments" in out


def test_rfa_zoom_blocks_and_medium_recirculation_are_removed():
    html = ('<div><img src="https://www.rfa.org/a.jpeg" alt="图"><span class="lead_image_caption">图注。</span>'
            '<div id="zoomattribute"><a href="https://www.rfa.org/a.jpeg/@@images/image"><img '
            'src="https://www.rfa.org/++plone++rfa-resources/img/icon-zoom.png"></a><span class="copyright">路透社图</span></div>'
            "<p>正文。</p>"
            '<div class="streamItem streamItem--heading js-streamItem"><span>Related</span></div>'
            '<section class="nopqrstu"><a href="https://nei.st/medium/x"><h1>另一篇文章</h1></a></section>'
            '<section class="jsx-1 collection"><header>Related</header><ul><li>又一篇</li></ul></section></div>')
    out = clean(html)
    assert out == '<div><img src="https://www.rfa.org/a.jpeg" alt="图" class="remote"/>图注。<p>正文。</p></div>'


def test_matters_audio_player_becomes_one_link():
    html = ('<figure class="audio"><audio controls><source src="https://assets.matters.news/a.mp3"></audio>'
            '<div class="player"><header><h4 class="title">播客第三期</h4><span class="current" data-time="00:00">'
            "</span></header></div><figcaption><span></span></figcaption></figure>")
    out = clean(html)
    # the figure held only the player: its wrapper is flattened away
    assert out == '<p class="embed">▶ Audio: <a href="https://assets.matters.news/a.mp3">assets.matters.news/a.mp3</a></p>'


# --- rules 7 and 8: structure, whitespace, well-formedness ---------------------------------------


def test_tables_keep_their_structure():
    html = ('<table class="t" style="width:9000px"><caption>表</caption><thead><tr><th>甲</th><th></th></tr></thead>'
            '<tbody><tr><td rowspan="2">1</td><td></td></tr></tbody></table>')
    assert clean(html) == ('<table><caption>表</caption><thead><tr><th>甲</th><th></th></tr></thead>'
                           '<tbody><tr><td rowspan="2">1</td><td></td></tr></tbody></table>')


def test_whitespace_between_blocks_collapses_and_pre_is_untouched():
    html = ("<div>\n   <p>\n     第一段\n     继续   </p>\n\n\n   <p>  second   paragraph </p>\n"
            "<pre>  code\n\n    indented</pre>\n</div>")
    assert clean(html) == "<p>第一段 继续</p>\n<p>second paragraph</p>\n<pre>  code\n\n    indented</pre>"


def test_nested_wrapper_divs_are_flattened():
    assert clean("<div><div><div><p>甲</p></div></div><div><p>乙</p></div></div>") == "<p>甲</p><p>乙</p>"


def test_special_characters_are_escaped():
    out = clean('<p>a &lt; b &amp;&amp; c &gt; d "q"</p><img src="https://x.org/a.png" alt="&quot;引号&quot; <>">')
    assert "<p>a &lt; b &amp;&amp; c &gt; d \"q\"</p>" in out
    assert 'alt="&quot;引号&quot; &lt;&gt;"' in out


# --- robustness ---------------------------------------------------------------------------------


@pytest.mark.parametrize("html", ["", "   \n\t ", "<!-- only a comment -->", "<html><body></body></html>"])
def test_empty_input_gives_empty_output(html):
    assert clean_html(html) == Cleaned("", ())
    assert html_to_text(html) == ""


@pytest.mark.parametrize(
    "html",
    [
        "<", "&", "<<<>>>", "<p>a</p></div></div><p>b", "<table><tr><td>x", "<a href='", "<img src=",
        "\x00\x01\x1b text \x7f", "a\ud800b", "<?xml version='1.0' encoding='utf-8'?><p>x</p>",
        "<meta charset='gbk'><p>中文</p>", "<p>" * 3000 + "deep", "</p>" * 100, "<a href='http://[::1'>bad ipv6</a>",
    ],
)
def test_malformed_input_never_raises(html):
    result = clean_html(html, title="t", source_url="http://[bad")
    assert check_allowlist(result.html) == []
    assert isinstance(html_to_text(html), str)


def test_very_deep_nesting_keeps_the_text():
    html = "<p>before</p>" + "<div>" * 5000 + "深处的文字" + "</div>" * 5000 + "<p>after</p>"
    assert "深处的文字" in clean(html)
    assert text_of(html) == "before\n深处的文字\nafter"


def test_random_tag_soup_never_breaks_the_invariants():
    pieces = ["<p>", "</p>", "<div>", "</div>", "<a href='javascript:x'>", "<a href='/r'>", "</a>", "<img src='x'>",
              "<script>", "</script>", "<iframe src='//youtube.com/embed/a'>", "<!--", "-->", "<table><tr><td>",
              "<b>", "</i>", "文字", "text", " ", "\n", "&amp;", "<span hidden>", "<style>", "{{", "<pre>", "</pre>"]
    rng = random.Random(20241019)
    for _ in range(200):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        clean(html, source_url=SOURCE)
        html_to_text(html)


def test_cleaning_from_several_threads_gives_the_same_results():
    html = WORDPRESS + DRUPAL
    expected = clean_html(html, source_url=SOURCE)
    results = []

    def work():
        for _ in range(20):
            results.append(clean_html(html, source_url=SOURCE) == expected and html_to_text(html) == text_of(html))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 80
