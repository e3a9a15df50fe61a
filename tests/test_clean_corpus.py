"""Every post of the shared test archives through body_to_html and clean_html.

The archives (../shared/corpus/*/_posts, read-only) are scraped pages from eight
sources.  These tests check what must hold for all of them: nothing outside the
allowlist, no paragraph of article text lost, search text holding every word
shown, the known page chrome and repeated titles gone; and the specifics of the
seed post the project was specified from.

What counts as "not article text" is written here again, independently of the
cleaner's own tables, as CSS selectors run by soupsieve: if the cleaner starts
removing more than this, the paragraph test fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from reader.core.clean import Cleaned, check_allowlist, clean_html, html_to_text
from reader.core.render import body_to_html

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SKIP_REASON = "../shared/corpus not present: corpus tests need the shared test archives"

# Never article text (rule 2), and the chrome the cleaner is meant to remove (rule 6).
NOT_ARTICLE = ", ".join(
    [
        "script", "style", "noscript", "template", "form", "svg", "math", "object", "textarea", "select",
        "button", "head", "iframe", "video", "audio", "[hidden]", '[style*="display:none"]',
        '[style*="display: none"]', '[style*="visibility:hidden"]', ".element-hidden", ".element-invisible",
        ".hidden", ".sr-only", ".visually-hidden", "nav", "#zoomattribute",
        # WordPress (iYouPort, Nei.st)
        ".entry-meta", ".entry-footer", ".entry-author-wrapper", ".sharedaddy", ".jp-relatedposts",
        # Nei.st
        ".navigation__primary-inner", ".js-elevateBottomRecirc", ".streamItem--heading",
        ".streamItem--heading + section", "section.collection", ".bqdn", ".wxyz",
        ".css--lede-fullscreen-wrapper", ".js-postMetaLockup", ".container.gfw",
        # 泡泡 (Drupal)
        ".node > .submitted", ".field-name-author", ".service-links", ".block.related", "li.comment-add",
        "h2.comment-form", ".comment-by-anonymous", "ul.pager",
        # 中参馆, 燕京书评, Matters
        ".pullquote-share", ".column-wrap > .column", ".author-wrap", ".audio > .player",
    ]
)
# Lines of chrome that must not be left in any cleaned post.
CHROME_LINES = {
    "共享此文章：", "赞过：", "正在加载……", "相关", "Tagged", "Published", "您可能感兴趣的文章", "冒个泡吧！", "评论",
    "永久连接", "Related", "No More.", "MORE", "Published since September 1843", "You’ve hit the wall.",
    "点击以在 Twitter 上共享（在新窗口中打开）", "燕京书评",
}
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{4,}")
SEED_IMAGES = (
    "https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/tj-xi-putin-kim-brics-10182024132127.html/"
    "@@images/fd2bdc99-9c6b-45d4-afa7-1db6ac2d0e12.jpeg",
    "https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/tj-xi-putin-kim-brics-10182024132127.html/"
    "2024-10-18t132335z_905270947_rc2xmaact69o_rtrmadp_3_russia-brics-putin-growth.jpg/"
    "@@images/577cc4e1-fa40-4ecc-ba73-9580243f03dc.jpeg",
    "https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/tj-xi-putin-kim-brics-10182024132127.html/"
    "2024-06-19t212957z_2004191347_rc25e8a7jchn_rtrmadp_3_northkorea-russia.jpg/"
    "@@images/da981d2a-a2a4-4c34-99e8-9ae4dbd421c3.jpeg",
)


@dataclass(frozen=True)
class Post:
    path: Path
    title: str
    source_url: str | None
    rendered: str  # body_to_html(body, "markdown")
    cleaned: Cleaned


def read_post(path: Path) -> Post:
    """Split the front matter (between the first two "---" lines) from the body."""
    lines = path.read_text("utf-8").split("\n")
    assert lines[0].strip() == "---", path
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    title = str(meta.get("title") or "")
    source_url = meta.get("from") or None
    rendered = body_to_html("\n".join(lines[end + 1 :]), "markdown")
    return Post(path, title, source_url, rendered, clean_html(rendered, title=title, source_url=source_url))


@pytest.fixture(scope="module")
def posts() -> list[Post]:
    if not CORPUS.is_dir():
        pytest.skip(SKIP_REASON)
    return [read_post(path) for path in sorted(CORPUS.glob("*/_posts/*")) if path.suffix in (".md", ".html")]


@pytest.fixture(scope="module")
def seed(posts: list[Post]) -> Post:
    return next(post for post in posts if post.path.parent.parent.name == "seed")


def squash(text: str) -> str:
    """Text without any whitespace, control or zero-width character (the cleaner drops those):
    what a paragraph says, not how it is laid out."""
    return re.sub(r"[\s\x00-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]+", "", text)  # zero-width ones too


def title_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def failures_report(failures: list[str]) -> str:
    return f"{len(failures)} failures:\n" + "\n".join(failures[:20])


# --- the seed post ----------------------------------------------------------------------------


def test_seed_post_text_and_captions(seed: Post):
    html = seed.cleaned.html
    assert "韩国的情报机构本周五披露" in html
    assert "习近平将访问俄罗斯出席金砖会议" in html
    assert "普京在2024年BRICS20峰会上" in html
    assert "[朝鲜出兵" not in html and "------" not in html and "NaN" not in html


def test_seed_post_images(seed: Post):
    html = seed.cleaned.html
    assert "icon-zoom" not in html and 'width="8639"' not in html and "8639px" not in html
    # the lead image and the two figures; the three zoom icons are chrome
    assert seed.cleaned.remote_images == SEED_IMAGES
    assert 'width="620" height="413"' in html  # a sane size is kept


def test_seed_post_title_block_is_gone(seed: Post):
    assert "朝鲜出兵援助俄罗斯之际" not in html_to_text(seed.cleaned.html).split("\n")[0]
    assert "<h2>" not in seed.cleaned.html


# --- every post -------------------------------------------------------------------------------


def test_corpus_is_all_there(posts: list[Post]):
    assert len(posts) >= 419


def test_every_cleaned_post_passes_the_allowlist(posts: list[Post]):
    failures = [f"{post.path.name}: {problems[:3]}" for post in posts if (problems := check_allowlist(post.cleaned.html))]
    assert not failures, failures_report(failures)


def article_paragraphs(post: Post) -> list[str]:
    """Squashed text of every <p> of 20+ characters outside what may be removed."""
    soup = BeautifulSoup(post.rendered, "lxml")
    for element in soup.select(NOT_ARTICLE):
        element.decompose()
    texts = (squash(p.get_text()) for p in soup.find_all("p"))
    title = squash(post.title)
    return [text for text in texts if len(text) >= 20 and text != title]


def shown_text(html: str) -> str:
    """Squashed text of cleaned HTML, without what the cleaner adds itself."""
    soup = BeautifulSoup(html, "lxml")
    for element in soup.select(".embed, .img-placeholder"):
        element.decompose()
    return squash(soup.get_text())


def test_every_article_paragraph_is_kept(posts: list[Post]):
    failures = []
    checked = 0
    for post in posts:
        shown = shown_text(post.cleaned.html)
        for paragraph in article_paragraphs(post):
            checked += 1
            if paragraph not in shown:
                failures.append(f"{post.path.name}: {paragraph[:60]}")
    assert checked > 10_000
    assert not failures, failures_report(failures)


def test_search_text_has_every_cjk_word_that_is_shown(posts: list[Post]):
    failures = []
    for post in posts:
        shown = html_to_text(re.sub(r'<span class="img-placeholder">[^<]*</span>', "", post.cleaned.html))
        searchable = squash(html_to_text(post.rendered))
        failures.extend(f"{post.path.name}: {run}" for run in CJK_RUN.findall(shown) if run not in searchable)
    assert not failures, failures_report(failures)


def test_page_chrome_is_gone(posts: list[Post]):
    failures = []
    for post in posts:
        lines = set(html_to_text(post.cleaned.html).split("\n"))
        failures.extend(f"{post.path.name}: {line}" for line in sorted(lines & CHROME_LINES))
    assert not failures, failures_report(failures)


def test_no_post_starts_with_its_title_again(posts: list[Post]):
    failures = []
    for post in posts:
        soup = BeautifulSoup(post.cleaned.html, "lxml")
        wanted = {title_key(post.title), title_key(post.title.rsplit(" - ", 1)[0])}
        for heading in soup.find_all(["h1", "h2", "h3"], limit=2):
            # At the top: a section heading further down may say the title again (teahouse's
            # 不買不賣，不接觸，永不忘記 names its second section so): that is the article's own.
            before = sum(len(squash(s)) for s in heading.find_all_previous(string=True))
            if title_key(heading.get_text()) in wanted and before <= 200:
                failures.append(f"{post.path.name}: {heading}")
    assert not failures, failures_report(failures)


def test_repeated_titles_were_there_to_remove(posts: list[Post]):
    """The previous test is not vacuous: most rendered posts do start with their title."""
    with_title = 0
    for post in posts:
        soup = BeautifulSoup(post.rendered, "lxml")
        first = soup.find(["h1", "h2"]) or soup.find("p", class_="title")
        with_title += first is not None and title_key(post.title.rsplit(" - ", 1)[0]) in title_key(first.get_text())
    assert with_title > 300


def test_images_are_resolved_and_listed(posts: list[Post]):
    total = 0
    for post in posts:
        images = post.cleaned.remote_images
        total += len(images)
        assert len(set(images)) == len(images)
        assert all(url.startswith(("http://", "https://")) for url in images)
        assert all(f'src="{url.replace("&", "&amp;")}"' in post.cleaned.html for url in images)
    assert total > 1000
