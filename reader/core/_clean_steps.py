"""The steps of ``clean_html`` that work on single elements of a BeautifulSoup tree.

``clean.py`` runs them in order: title block, then every element (links,
images, players, tags and attributes), then empty elements and whitespace.
Each step only reads the rule tables of ``_html_rules.py``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ._html_rules import (
    ALLOWED_ATTRS,
    ALLOWED_TAGS,
    DATA_IMAGE,
    DATA_IMAGE_LIMIT,
    RENAME_TAGS,
    ZERO_WIDTH,
    hostname,
    normalise_url,
    resolve_url,
    url_scheme,
)

# What a local image resolver may answer: a file, or a git archive's blob (reader.core.article.GIT_IMAGE_SCHEME).
LOCAL_SCHEMES = ("file", "lectern-git")
TRANSPARENT = "#unwrapped"  # tag name of an element shown as its content only (no HTML tag has a "#")
_MAX_WIDTH, _MAX_HEIGHT = 1000, 4000
_TITLE_WINDOW = 200  # characters of text that may precede a repeated title
_TITLE_CLASSES = frozenset({"title", "entry-title", "page-title", "post-title", "article-title"})
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com", "bilibili.com", "youku.com")
_EMBED_TAGS = frozenset({"iframe", "video", "audio"})
_LAZY_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-actualsrc")
_SRCSET_ATTRS = ("srcset", "data-srcset", "data-lazy-srcset")
_PLACEHOLDER_IMAGE = re.compile(
    r"(?:^|/)(?:blank|spacer|pixel|transparent|placeholder|lazy[\w-]*|grey|gray)\.(?:gif|png|svg)(?:[?#]|$)"
)
_SRCSET_WIDTH = re.compile(r"\s(\d+)w\s*$")
_ALIGN = frozenset({"left", "right", "center", "justify"})
# Never removed for being empty: they carry meaning or table structure.
_KEEP_EMPTY = frozenset({"img", "br", "hr", "td", "th", "tr", "thead", "tbody", "tfoot", "table", "caption"})
_BLOCKS = frozenset(
    """p div h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table thead tbody tfoot tr td
    th caption hr""".split()
)
_WS_RUN = re.compile(r"[ \t\n\r\f]+")
_VOID = frozenset({"br", "hr", "img"})


def unwrap(element: Tag) -> None:
    """Mark element to be replaced by its content when serialised.

    bs4's own unwrap() re-inserts every child one by one, each insert searching
    the parent's children: quadratic on the long flat pages scrapers produce.
    """
    element.name = TRANSPARENT
    element.attrs = {}


def is_gone(element: Tag) -> bool:
    """Decomposed already?  (bs4's own ``decomposed`` searches the whole subtree when it is not.)"""
    return "_decomposed" in vars(element)


@dataclass(frozen=True)
class Context:
    soup: BeautifulSoup
    base: str | None  # the post's source URL: relative links and images resolve against it
    local_image: Callable[[str], str | None] | None
    targets: frozenset[str]  # ids and anchor names that internal #links point to


# --- title block -------------------------------------------------------------------


def remove_title_block(root: Tag, title: str, source_url: str | None) -> None:
    """Remove headings near the top that only repeat the post's title."""
    want = _title_key(html.unescape(title))
    source = normalise_url(source_url) if source_url else None
    if not want and not source:
        return
    site = _title_key(hostname(source)) if source else ""
    for candidate in root.find_all(_is_title_candidate, limit=6):
        if is_gone(candidate):
            continue
        if _text_before(candidate) > _TITLE_WINDOW:
            break
        if _repeats_title(candidate, want, source, site):
            candidate.decompose()


def _is_title_candidate(tag: Tag) -> bool:
    if tag.name in ("h1", "h2", "h3"):
        return True
    return tag.name in ("p", "div") and not _TITLE_CLASSES.isdisjoint(tag.get("class") or ())


def _text_before(element: Tag) -> int:
    total = 0
    for node in element.previous_elements:
        if isinstance(node, NavigableString):
            total += len(node.strip())
            if total > _TITLE_WINDOW:
                break
    return total


def _repeats_title(element: Tag, want: str, source: str | None, site: str) -> bool:
    """The element's text is the title (punctuation aside), the title without a
    " - Site" suffix naming the source's host, or a lone link to the source."""
    text = _title_key(element.get_text())
    if not text:
        return False
    if text == want:
        return True
    suffix = want[len(text) :] if want.startswith(text) else ""
    if suffix and suffix in site:
        return True
    if source:
        links = element.find_all("a", href=True)
        return len(links) == 1 and normalise_url(links[0]["href"]) == source and _title_key(links[0].get_text()) == text
    return False


def _title_key(text: str) -> str:
    """Letters and digits only, case-folded: quotes, dashes and spaces do not count."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


# --- links and anchors ---------------------------------------------------------------


def live_tags(root: Tag) -> list[Tag]:
    """Every element under root, in document order."""
    return [node for node in root.descendants if isinstance(node, Tag)]


def link_targets(tags: list[Tag]) -> frozenset[str]:
    """Ids and anchor names (%-decoded) that some internal "#x" link of the document points to."""
    wanted, present = set(), set()
    for element in tags:
        if element.get("id"):
            present.add(unquote(element["id"]))
        if element.name == "a":
            present.add(unquote(element.get("name", "")))
            href = normalise_url(element.get("href", ""))
            if href.startswith("#") and len(href) > 1:
                wanted.add(unquote(href[1:]))
    return frozenset(wanted & present)


def _clean_link(link: Tag, context: Context) -> None:
    attrs: dict[str, str] = {}
    href = link.get("href")
    url = _link_url(href, context) if href is not None else None
    if url:
        attrs["href"] = url
        if link.get("title", "").strip():
            attrs["title"] = link["title"].strip()
    anchor = _anchor_name(link, context)
    if anchor:
        attrs["name"] = attrs["id"] = anchor
    if attrs:
        link.attrs = attrs
    else:
        unwrap(link)


def _link_url(href: str, context: Context) -> str | None:
    href = normalise_url(href)
    if href.startswith("#"):
        fragment = unquote(href[1:])
        return "#" + fragment if fragment in context.targets else None
    if url_scheme(href) == "mailto":
        return href
    return resolve_url(href, context.base)


def _anchor_name(element: Tag, context: Context) -> str | None:
    for attr in ("id", "name"):
        value = unquote(element.get(attr, ""))
        if value in context.targets:
            return value
    return None


# --- every element ----------------------------------------------------------------------


def clean_element(element: Tag, context: Context) -> None:
    """Players, images, links, renamed and unknown tags, attributes: one element."""
    name = element.name
    if name in _EMBED_TAGS:
        _replace_embed(element, context)
    elif name == "img":
        _clean_image(element, context)
    elif name == "a":
        _clean_link(element, context)
    else:
        anchor = _anchor_name(element, context)
        if anchor:
            element.insert(0, context.soup.new_tag("a", attrs={"name": anchor, "id": anchor}))
        if name in RENAME_TAGS:
            element.attrs = {"class": "caption"} if name == "figcaption" else {}
            element.name = RENAME_TAGS[name]
        elif name not in ALLOWED_TAGS or name == "span":
            unwrap(element)
        else:
            element.attrs = _allowed_attrs(name, element.attrs)


def _allowed_attrs(name: str, attrs: dict[str, object]) -> dict[str, str]:
    """The allowed attributes of an element with sane values, in their original order."""
    allowed = ALLOWED_ATTRS.get(name, frozenset())
    kept: dict[str, str] = {}
    for attr, value in attrs.items():
        if attr not in allowed or not isinstance(value, str):
            continue
        value = value.strip().lower()
        if attr in ("colspan", "rowspan") and value.isdigit() and 0 < int(value) <= 1000:
            kept[attr] = value
        elif attr == "align" and value in _ALIGN:
            kept[attr] = value
        elif attr == "start" and value.lstrip("-").isdigit():
            kept[attr] = str(int(value))
    return kept


# --- players ---------------------------------------------------------------------------


def _replace_embed(element: Tag, context: Context) -> None:
    """An iframe, video or audio element becomes a visible link to what it plays."""
    raw = element.get("src") or element.get("data-src")
    if not raw and element.name != "iframe":
        source = element.find("source", src=True)
        raw = source["src"] if source else None
    url = resolve_url(raw, context.base) if raw else None
    if url is None:
        element.decompose()
        return
    # Changed in place: replace_with() searches the parent's children, which is
    # quadratic on a page of thousands of players.
    label = _embed_label(element.name, url)
    element.clear(decompose=True)
    element.name = "span" if element.find_parent("p") else "p"
    element.attrs = {"class": "embed"}
    element.append(f"▶ {label}: ")
    link = context.soup.new_tag("a", href=_watch_url(url))
    link.string = _short_url(url)
    element.append(link)


def _embed_label(tag: str, url: str) -> str:
    host = hostname(url)
    if tag == "video" or any(host == h or host.endswith("." + h) for h in _VIDEO_HOSTS):
        return "Video"
    return "Audio" if tag == "audio" else "Embedded content"


def _watch_url(url: str) -> str:
    """The page of an embedded YouTube or Vimeo player rather than the bare player."""
    parts = urlsplit(url)
    host, path = parts.hostname or "", parts.path
    if host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        if path.startswith("/embed/") and len(path) > 7:
            return "https://www.youtube.com/watch?v=" + path[7:].split("/")[0]
    if host == "player.vimeo.com" and path.startswith("/video/"):
        return "https://vimeo.com/" + path[7:].split("/")[0]
    return url


def _short_url(url: str, limit: int = 60) -> str:
    parts = urlsplit(url)
    text = (parts.hostname or "") + unquote(parts.path)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- images ----------------------------------------------------------------------------


def _clean_image(img: Tag, context: Context) -> None:
    raw = _image_source(img)
    src, remote = _resolve_image(raw, context) if raw else (None, False)
    alt = " ".join(img.get("alt", "").split())
    if src is None:
        if alt:  # the image becomes its alt text, in place (see _replace_embed)
            img.name = "span"
            img.attrs = {"class": "img-placeholder"}
            img.append(alt)
        else:
            img.decompose()
        return
    attrs = {"src": src}
    if alt:
        attrs["alt"] = alt
    if img.get("title", "").strip():
        attrs["title"] = " ".join(img["title"].split())
    size = image_size(img.get("width"), img.get("height"))
    if size:
        attrs["width"], attrs["height"] = size
    if remote:
        attrs["class"] = "remote"
    img.attrs = attrs


def image_size(width: object, height: object) -> tuple[str, str] | None:
    """width and height to keep: both plain numbers and of a sane size, else None."""
    if not (isinstance(width, str) and isinstance(height, str)):
        return None
    width, height = width.strip(), height.strip()
    if not (width.isascii() and width.isdigit() and height.isascii() and height.isdigit()):
        return None
    if 0 < int(width) <= _MAX_WIDTH and 0 < int(height) <= _MAX_HEIGHT:
        return str(int(width)), str(int(height))
    return None


def _image_source(img: Tag) -> str | None:
    """The real address of an image, looking past lazy-loading placeholders."""
    src = img.get("src", "").strip()
    if src and not _is_placeholder(src):
        return src
    for attr in _LAZY_SRC_ATTRS:
        value = img.get(attr, "").strip()
        if value and not _is_placeholder(value):
            return value
    for attr in _SRCSET_ATTRS:
        best = _pick_srcset(img.get(attr, ""))
        if best:
            return best
    return src or None


def _is_placeholder(src: str) -> bool:
    lower = src.lower()
    return (lower.startswith("data:") and len(src) < 512) or _PLACEHOLDER_IMAGE.search(lower) is not None


def _pick_srcset(srcset: str) -> str | None:
    """The widest candidate up to 1200 pixels, else the narrowest."""
    candidates = []
    for item in re.split(r",\s+", srcset.strip()):
        url = item.split()[0] if item.split() else ""
        if url and not _is_placeholder(url):
            width = _SRCSET_WIDTH.search(item)
            candidates.append((int(width.group(1)) if width else 0, url))
    if not candidates:
        return None
    fitting = [c for c in candidates if c[0] <= 1200]
    return max(fitting)[1] if fitting else min(candidates)[1]


def _resolve_image(raw: str, context: Context) -> tuple[str | None, bool]:
    """(src to show or None, whether it is remote).

    A relative address is looked up in the archive first (a copy there is shown
    offline, without telling any site), then resolved against the source URL.
    """
    if raw[:5].lower() == "data:":
        data = "".join(raw.split())
        return (data if DATA_IMAGE.match(data) and len(data) < DATA_IMAGE_LIMIT else None), False
    scheme = url_scheme(raw)
    if context.local_image is not None and scheme in ("", "file") and not raw.startswith("//"):
        local = context.local_image(raw)
        if local and url_scheme(local) in LOCAL_SCHEMES:
            return local, False
    url = resolve_url(raw, context.base)
    return (url, True) if url else (None, False)


# --- final tidying ---------------------------------------------------------------------


def prune_empty(tags: list[Tag]) -> None:
    """Remove elements left with no text and nothing to show (bottom-up)."""
    for element in reversed(tags):
        if is_gone(element) or element.parent is None or element.name in _KEEP_EMPTY:
            continue
        if element.name == "a" and element.get("name"):
            continue
        if _is_empty(element):
            element.decompose()


def _is_empty(element: Tag) -> bool:
    for child in element.children:
        if isinstance(child, Tag):
            if child.name != "br":
                return False
        elif child.translate(ZERO_WIDTH).strip():
            return False
    return True


# --- output ------------------------------------------------------------------------------


def serialize(root: Tag) -> tuple[str, tuple[str, ...]]:
    """(HTML of root's content, remote image URLs in order, de-duplicated).

    Unwrapped elements and plain <div>s that only hold blocks are written as their
    content.  Whitespace runs collapse to one space outside <pre>; whitespace at
    block boundaries goes (a newline is kept between two blocks).  Void elements
    are self-closed, so the output is well-formed XML as well as HTML.
    """
    out: list[str] = []
    images: dict[str, None] = {}
    stack: list[tuple[list, int]] = [(root.contents, 0)]  # (children, next index) per open level
    closing: list[str] = []  # end tag of each open level ("" when it has none)
    in_pre = 0
    last = "\n"  # last character shown outside <pre> ("\n": a line start, "x": an image)
    while stack:
        children, index = stack[-1]
        if index == len(children):
            stack.pop()
            end = closing.pop() if closing else ""
            if end:
                out.append(end)
                in_pre -= end == "</pre>"
                last = "\n" if end[2:-1] in _BLOCKS else last
            continue
        node = children[index]
        if not isinstance(node, Tag):
            text, run_end = _text_run(children, index, in_pre > 0, last)
            stack[-1] = (children, run_end)
            if text:
                out.append(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                last = text[-1]
            continue
        stack[-1] = (children, index + 1)
        name = node.name
        if name == "img" and node.get("class") == "remote":
            images[node["src"]] = None
        if name == TRANSPARENT or (name == "div" and not node.attrs and _only_blocks(node)):
            stack.append((node.contents, 0))
            closing.append("")
            continue
        out.append(_start_tag(node))
        last = "\n" if name in _BLOCKS or name == "br" else "x" if name == "img" else last
        if name not in _VOID:
            stack.append((node.contents, 0))
            closing.append(f"</{name}>")
            in_pre += name == "pre"
    return "".join(out), tuple(images)


def _text_run(children: list, start: int, in_pre: bool, last: str) -> tuple[str, int]:
    """(text to write, index after the run) for the adjacent strings from children[start]."""
    end = start + 1
    while end < len(children) and not isinstance(children[end], Tag):
        end += 1
    text = "".join(children[start:end])
    if not in_pre:
        text = _collapse(text, children, start, end, children[start].parent)
        if text[:1] == " " and last in " \n":
            text = text[1:]
    return text, end


def _only_blocks(element: Tag) -> bool:
    for child in element.children:
        if isinstance(child, Tag):
            if child.name not in _BLOCKS:
                return False
        elif child.strip():
            return False
    return True


def _start_tag(tag: Tag) -> str:
    attrs = "".join(f' {name}="{_attr_value(value)}"' for name, value in tag.attrs.items())
    return f"<{tag.name}{attrs}/>" if tag.name in _VOID else f"<{tag.name}{attrs}>"


def _attr_value(value: object) -> str:
    text = " ".join(value) if isinstance(value, list) else str(value)
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _collapse(text: str, siblings: list, start: int, end: int, parent: Tag) -> str:
    """siblings[start:end] joined as text: whitespace collapsed, trimmed at block boundaries."""
    text = _WS_RUN.sub(" ", text)
    if " " not in text:
        return text
    prev = siblings[start - 1] if start > 0 else None
    nxt = siblings[end] if end < len(siblings) else None
    at_start = _is_boundary(prev) if prev is not None else _is_block(parent)
    at_end = _is_boundary(nxt) if nxt is not None else _is_block(parent)
    if at_start:
        text = text.lstrip(" ")
    if at_end:
        text = text.rstrip(" ")
    if not text and prev is not None and nxt is not None and at_start and at_end:
        return "\n"
    return text


def _is_block(node: object) -> bool:
    return isinstance(node, Tag) and (node.name in _BLOCKS or node.name in ("body", "[document]"))


def _is_boundary(node: object) -> bool:
    return _is_block(node) or (isinstance(node, Tag) and node.name == "br")
