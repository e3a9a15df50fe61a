"""The rule tables shared by the HTML cleaner and the search-text extractor.

``clean.py`` (BeautifulSoup, one post at a time) and ``html_to_text`` (lxml, the
whole archive) must agree on what is never article text: dropped elements,
hidden elements and page chrome.  Both read the tables here; each chrome rule
is written once, as a small CSS selector, and matched by ``SelectorSet``
while lxml walks the tree, before BeautifulSoup sees what is left.

Also here: URL normalisation and resolution, used for links, images and embeds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree

ALLOWED_TAGS = frozenset(
    """p br hr h1 h2 h3 h4 h5 h6 a img ul ol li dl dt dd blockquote pre code em strong b i u
    s del ins sub sup small big span div table thead tbody tfoot tr th td caption cite q abbr
    mark tt kbd samp var""".split()
)
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title", "name", "id"}),
    "img": frozenset({"src", "alt", "title", "width", "height", "class"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align"}),
    "ol": frozenset({"start"}),
    "p": frozenset({"class"}),
    "div": frozenset({"class"}),
    "span": frozenset({"class"}),
}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Inline images: these types only, and under this many characters of data: URI.
DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,", re.IGNORECASE)
DATA_IMAGE_LIMIT = 32 * 1024
# The only classes the cleaner writes (for the reader's stylesheet); "truncated"
# marks the note ending a post too long to show whole (see article.py).
ALLOWED_CLASSES = frozenset({"caption", "embed", "remote", "img-placeholder", "truncated"})

# Dropped with everything inside: never article text.
DROP_TAGS = frozenset(
    """script style noscript meta link base head title template form input button select
    option textarea object applet canvas svg math frame frameset param dialog""".split()
)  # not embed: libxml2 does not know it is empty and nests what follows inside it
# Renamed rather than unwrapped, so their block shape survives.
RENAME_TAGS = {"figure": "div", "figcaption": "div", "center": "div"}
HIDDEN_CLASSES = frozenset({"element-hidden", "element-invisible", "hidden", "sr-only", "visually-hidden"})

# Page chrome of the scraped sources, found by reading the sample archives:
# bylines, share and like buttons, tag lists, related posts, pagers, players.
# Only simple selectors: tag, .class, #id, joined by " ", " > " or " + ".
CHROME_SELECTORS: tuple[str, ...] = (
    "nav",
    "#zoomattribute",  # RFA: zoom icon and photo credit over each image
    ".entry-meta",  # WordPress (iYouPort): byline, category links, dates, word count
    ".entry-footer",  # WordPress (iYouPort, Nei.st): tag and category lists
    ".entry-author-wrapper",  # iYouPort: "Published" dates
    ".sharedaddy",  # Jetpack share and like buttons
    ".jp-relatedposts",  # Jetpack related posts
    ".navigation__primary-inner",  # Nei.st: publication logo link
    ".js-elevateBottomRecirc",  # Nei.st: "special report" recirculation box
    ".streamItem--heading",  # Nei.st: "Related" heading of a recirculation card...
    ".streamItem--heading + section",  # ...and the card
    "section.collection",  # Nei.st: "Related" list
    ".bqdn",  # Nei.st: "No More." end-of-feed box
    ".wxyz",  # Nei.st: "MORE" publication links
    ".css--lede-fullscreen-wrapper",  # Nei.st: a "404" (肆零肆) banner left in some pages
    ".js-postMetaLockup",  # Nei.st: publication logo, name and date
    ".container.gfw",  # Nei.st: paywall notice ("You've hit the wall.")
    ".node > .submitted",  # Drupal (泡泡): "X 在 <date> 提交"
    ".field-name-author",  # 泡泡: "文/ author"
    ".service-links",  # 泡泡: share links
    ".block.related",  # 泡泡: "您可能感兴趣的文章"
    "li.comment-add",  # 泡泡: "冒个泡吧！" comment link
    "h2.comment-form",  # 泡泡: comment form heading
    ".comment-by-anonymous",  # 泡泡: anonymous comments, all of them spam in these archives
    "ul.pager",  # 泡泡: page links
    ".pullquote-share",  # 中参馆: share buttons on pull quotes
    ".column-wrap > .column",  # 燕京书评 (allnow): column name link
    ".author-wrap",  # 燕京书评 (allnow): avatar, author name and date
    ".audio > .player",  # Matters: audio player chrome (the audio becomes a link)
)

# Block-level elements: text on either side of them belongs to different lines.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main
    nav ol p pre section summary table tbody td tfoot th thead tr ul br iframe video audio
    img""".split()
)

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # str.translate table deleting them

_URL_STRIP = re.compile(r"[\x00-\x20\x7f]+")
_URL_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_C0_SPACE_DEL = "".join(map(chr, range(0x21))) + "\x7f"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HIDDEN_STYLE = re.compile(r"display:none|visibility:hidden")


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def set_text(element: etree._Element, text: str | None, *, tail: bool = False) -> None:
    """Set an lxml element's text (or tail).  The parser stores characters that
    lxml's API refuses (``&#1;`` gives U+0001): those are dropped, never raised."""
    try:
        setattr(element, "tail" if tail else "text", text)
    except ValueError:
        setattr(element, "tail" if tail else "text", _XML_INVALID.sub("", text or ""))


def set_attribute(element: etree._Element, name: str, value: str) -> None:
    """element.set(name, value), dropping the characters lxml refuses (see set_text)."""
    try:
        element.set(name, value)
    except ValueError:
        element.set(name, _XML_INVALID.sub("", value))


def is_hidden(hidden_attr: bool, style: str | None, classes: Iterable[str]) -> bool:
    """True for an element hidden by ``hidden``, an inline style or a screen-reader-only class."""
    if hidden_attr:
        return True
    if style and _HIDDEN_STYLE.search(_URL_STRIP.sub("", style).lower()):
        return True
    return any(c in HIDDEN_CLASSES for c in classes)


def is_chrome_image(img: etree._Element) -> bool:
    """Zoom icons, tracking pixels and avatars: page furniture, not pictures of the article."""
    src = (img.get("src") or "").strip().lower()
    if src.split("?")[0].endswith("icon-zoom.png") or "/_/stat?" in src or "gravatar.com/avatar" in src:
        return True
    if _pixels(img.get("width")) == 1 and _pixels(img.get("height")) == 1:
        return True
    element: etree._Element | None = img
    for _ in range(4):  # the image and three ancestors
        if element is None:
            break
        if "avatar" in (element.get("class") or ""):
            return True
        element = element.getparent()
    return False


def _pixels(value: str | None) -> int | None:
    value = (value or "").strip().removesuffix("px")
    return int(value) if value.isascii() and value.isdigit() else None


def url_scheme(url: str) -> str:
    """Lower-case scheme of a URL, judged the way a browser would ("" when relative)."""
    match = _SCHEME.match(_URL_STRIP.sub("", url))
    return match.group(1).lower() if match else ""


def normalise_url(url: str) -> str:
    """Strip surrounding spaces/controls, drop tabs and newlines, encode inner spaces."""
    url = _URL_TAB_NEWLINE.sub("", url).strip(_C0_SPACE_DEL)
    return _URL_STRIP.sub(lambda m: "%20" * m.group(0).count(" "), url)


def resolve_url(url: str, base: str | None) -> str | None:
    """Absolute http(s) URL for a link or image address, or None.

    Protocol-relative addresses become https even without a base; other relative
    ones need the post's source URL.
    """
    url = normalise_url(url)
    if not url or url.startswith("#"):
        return None
    scheme = url_scheme(url)
    if scheme in ("http", "https"):
        resolved = url
    elif scheme:
        return None
    elif url.startswith("//"):
        resolved = "https:" + url if not base else _join(base, url)
    elif base and url_scheme(base) in ("http", "https"):
        resolved = _join(base, url)
    else:
        return None
    return resolved if url_scheme(resolved) in ("http", "https") and hostname(resolved) else None


def hostname(url: str) -> str:
    """Host of a URL, "" when it has none or is malformed."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _join(base: str, url: str) -> str:
    try:
        return urljoin(base, url)
    except ValueError:
        return ""


@dataclass(frozen=True)
class _Compound:
    tag: str | None
    classes: frozenset[str]
    id: str | None

    def matches(self, element: etree._Element, classes: Collection[str] | None = None) -> bool:
        if self.tag is not None and self.tag != element.tag:
            return False
        if self.id is not None and self.id != element.get("id"):
            return False
        if classes is None:
            classes = (element.get("class") or "").split()
        return self.classes.issubset(classes)


@dataclass(frozen=True)
class _Rule:
    compounds: tuple[_Compound, ...]  # left to right
    combinators: tuple[str, ...]  # between compounds[i] and [i + 1]: " " descendant, ">" child, "+" next sibling

    def matches(self, element: etree._Element, classes: Collection[str]) -> bool:
        if not self.compounds[-1].matches(element, classes):
            return False
        node: etree._Element | None = element
        for compound, combinator in zip(reversed(self.compounds[:-1]), reversed(self.combinators)):
            node = _related(node, combinator)
            while node is not None and not compound.matches(node):
                node = node.getparent() if combinator == " " else None
            if node is None:
                return False
        return True


def _related(node: etree._Element, combinator: str) -> etree._Element | None:
    if combinator != "+":
        return node.getparent()
    previous = node.getprevious()
    while previous is not None and not isinstance(previous.tag, str):  # skip comments
        previous = previous.getprevious()
    return previous


class SelectorSet:
    """CHROME_SELECTORS-style selectors matched against lxml elements.

    soupsieve and XPath both cost seconds on big pages; indexing the rules by the
    tag, id or a class of their last compound keeps a match to a few dict lookups.
    """

    def __init__(self, selectors: Iterable[str]) -> None:
        self._by_tag: dict[str, list[_Rule]] = {}
        self._by_id: dict[str, list[_Rule]] = {}
        self._by_class: dict[str, list[_Rule]] = {}
        for selector in selectors:
            rule = _parse_selector(selector)
            last = rule.compounds[-1]
            if last.id:
                self._by_id.setdefault(last.id, []).append(rule)
            elif last.classes:
                self._by_class.setdefault(max(last.classes), []).append(rule)
            else:
                self._by_tag.setdefault(last.tag or "", []).append(rule)

    @property
    def tag_keyed(self) -> frozenset[str]:
        """Tags of the selectors whose last compound has no class or id."""
        return frozenset(self._by_tag)

    def matches(self, element: etree._Element, classes: Collection[str]) -> bool:
        """Does any selector match element (whose class attribute, split, is classes)?"""
        rules = self._by_tag.get(element.tag)
        if rules is not None and any(rule.matches(element, classes) for rule in rules):
            return True
        rules = self._by_id.get(element.get("id") or "")
        if rules is not None and any(rule.matches(element, classes) for rule in rules):
            return True
        for name in classes:
            rules = self._by_class.get(name)
            if rules is not None and any(rule.matches(element, classes) for rule in rules):
                return True
        return False


def _parse_selector(selector: str) -> _Rule:
    compounds: list[_Compound] = []
    combinators: list[str] = []
    pending = " "
    for part in selector.split():
        if part in (">", "+"):
            pending = part
            continue
        if compounds:
            combinators.append(pending)
        pending = " "
        compounds.append(_parse_compound(part))
    return _Rule(tuple(compounds), tuple(combinators))


def _parse_compound(compound: str) -> _Compound:
    match = re.fullmatch(r"([a-z0-9]*)((?:[.#][\w-]+)*)", compound)
    if match is None or not compound:
        raise ValueError(f"unsupported selector {compound!r}")
    pieces = re.findall(r"([.#])([\w-]+)", match.group(2))
    ids = [name for kind, name in pieces if kind == "#"]
    return _Compound(
        match.group(1) or None,
        frozenset(name for kind, name in pieces if kind == "."),
        ids[0] if ids else None,
    )


CHROME = SelectorSet(CHROME_SELECTORS)
CHROME_TAGS = CHROME.tag_keyed  # the only rules that can match an element without attributes
