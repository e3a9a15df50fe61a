"""Untrusted post HTML -> the safe subset QTextBrowser shows; plain text for search.

This module owns what a reader is allowed to see of a post's HTML:

* ``clean_html`` (BeautifulSoup + lxml, run for the one post being shown) keeps an
  allowlist of tags and attributes, drops scripts, forms, hidden elements and
  page chrome, turns players into links, resolves links and images against the
  post's source URL, removes the repeated title block and empty elements.
* ``html_to_text`` (lxml only: it runs over the whole archive at index time)
  drops the same non-article elements and returns the text, one block a line.
* ``excerpt`` makes the one-line summary shown in post lists.
* ``check_allowlist`` reports anything in a fragment the cleaner must never emit.

Both are bounded (see ``limits.py``): ``clean_html`` shows at most the first
MAX_SHOWN_TEXT characters / MAX_SHOWN_ELEMENTS elements / MAX_SHOWN_IMAGES
images of a post and turns tables too big for QTextBrowser into plain
blocks; ``html_to_text`` reads at most MAX_INDEX_HTML_CHARS of HTML and
returns at most MAX_INDEX_TEXT characters.  Neither raises on any input.

The rule tables live in ``_html_rules.py``; the per-element steps of the
cleaner in ``_clean_steps.py``; the size bounds on the lxml tree in
``_tree_limits.py``.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from bs4 import BeautifulSoup
from lxml import etree

from . import _clean_steps as steps
from . import limits
from ._html_rules import (
    ALLOWED_ATTRS,
    ALLOWED_CLASSES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    BLOCK_TAGS,
    CHROME,
    CHROME_TAGS,
    DATA_IMAGE,
    DATA_IMAGE_LIMIT,
    DROP_TAGS,
    ZERO_WIDTH,
    is_chrome_image,
    is_hidden,
    normalise_url,
    set_attribute,
    set_text,
    url_scheme,
)
from ._tree_limits import cut_tree, fit_tables, split_long_runs, text_length

__all__ = [
    "ALLOWED_ATTRS",
    "ALLOWED_SCHEMES",
    "ALLOWED_TAGS",
    "Cleaned",
    "check_allowlist",
    "clean_html",
    "excerpt",
    "html_to_text",
]


@dataclass(frozen=True)
class Cleaned:
    html: str  # the cleaned HTML fragment (no <html>/<body> wrapper)
    remote_images: tuple[str, ...]  # absolute http(s) URLs of remote images kept in html, in document order, de-duplicated
    # When the input was over the limits: (text characters shown, text characters
    # in the whole input, estimated when the input itself was cut); else None.
    cut: tuple[int, int] | None = None

    @property
    def truncated(self) -> bool:
        return self.cut is not None


def clean_html(
    html: str,
    *,
    title: str = "",
    source_url: str | None = None,
    local_image: Callable[[str], str | None] | None = None,
    max_text: int = limits.MAX_SHOWN_TEXT,
    max_elements: int = limits.MAX_SHOWN_ELEMENTS,
    max_images: int = limits.MAX_SHOWN_IMAGES,
    source_scale: float = 1.0,
) -> Cleaned:
    """Clean one post's HTML for display (see the module docstring for the rules).

    Only the first max_text characters of text, max_elements elements and
    max_images images are kept; `Cleaned.cut` says when that cut anything.
    source_scale > 1 says the caller already cut the post, which was that
    many times longer than html.
    """
    html, input_scale = _bounded(html, limits.MAX_CLEAN_HTML_CHARS, limits.MAX_CLEAN_HTML_TAGS)
    input_scale *= source_scale
    tree = _article_tree(html, DROP_TAGS)
    if tree is None:
        return Cleaned("", ())
    # lxml removes the non-article part and empty elements (fast; the first part is
    # the same code as html_to_text's) and bounds what is left; BeautifulSoup gets it.
    cut = cut_tree(tree, max_text, max_elements, max_images)
    if cut is None and input_scale > 1:
        shown = text_length(tree)
        cut = (shown, shown)
    if cut is not None:
        cut = (cut[0], round(cut[1] * input_scale))
    fit_tables(tree, limits.TABLE_BUDGET)
    split_long_runs(tree, limits.MAX_BLOCK_TEXT)
    _tidy_tree(tree)
    body = tree.find("body")
    fragment = etree.tostring(body if body is not None else tree, method="html", encoding="unicode")
    soup = BeautifulSoup(fragment, "lxml")
    root = soup.body or soup
    steps.remove_title_block(root, title, source_url)
    tags = steps.live_tags(root)
    context = steps.Context(soup, source_url, local_image, steps.link_targets(tags))
    for element in tags:
        if not steps.is_gone(element):
            steps.clean_element(element, context)
    steps.prune_empty(steps.live_tags(root))
    text, images = steps.serialize(root)
    return Cleaned(text.strip(), images, cut)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment for the search index: one block per line.

    At most MAX_INDEX_HTML_CHARS of html are read and MAX_INDEX_TEXT characters returned.
    """
    html, _scale = _bounded(html, limits.MAX_INDEX_HTML_CHARS)
    tree = _article_tree(html, _TEXT_DROP_TAGS, mark_blocks=True)
    if tree is None:
        return ""
    text = _SPACES.sub(" ", etree.tostring(tree, method="text", encoding="unicode"))
    text = _LINE_BREAKS.sub("\n", text).strip(" \n")
    return text[: limits.cut_text(text, limits.MAX_INDEX_TEXT)].rstrip(" \n")


def _bounded(html: str, limit: int, max_tags: int | None = None) -> tuple[str, float]:
    """(html cut at a safe place to at most limit characters and max_tags tags,
    how many times longer the input was)."""
    end = limits.cut_markup(html, limit, max_tags)
    if end >= len(html):
        return html, 1.0
    return html[:end], len(html) / max(end, 1)


# --- what is never article text ----------------------------------------------------

_TEXT_DROP_TAGS = DROP_TAGS | {"iframe", "video", "audio"}  # their content is fallback text
# Written around block elements by _article_tree(mark_blocks=True): a character the
# text is very unlikely to hold, so that newlines of the source count as spaces.
_BLOCK_MARK = "\u2029"
_SPACES = re.compile(r"[^\S\u2029]+")
_LINE_BREAKS = re.compile(r" ?\u2029[ \u2029]*")
_HAS_COMMENT = etree.XPath("boolean(.//*[contains(concat(' ', normalize-space(@class), ' '), ' comment ')])")


def _article_tree(html: str, drop_tags: frozenset[str], mark_blocks: bool = False) -> etree._Element | None:
    """lxml document of html without comments, drop_tags, hidden elements and page chrome.

    With mark_blocks, block elements get a _BLOCK_MARK before and after their text.
    """
    root = _parse(html, keep_comments=False)
    if root is None:
        return None
    dropped, threads = [], []
    for element in root.iter(etree.Element):
        tag = element.tag
        if mark_blocks and tag in BLOCK_TAGS:
            set_text(element, _BLOCK_MARK + (element.text or ""))
            set_text(element, _BLOCK_MARK + (element.tail or ""), tail=True)
        if tag in drop_tags:
            dropped.append(element)
        elif not element.attrib:  # the common case: only a tag-only chrome rule can match
            if tag in CHROME_TAGS and CHROME.matches(element, ()):
                dropped.append(element)
        else:
            classes = (element.get("class") or "").split()
            if (
                is_hidden(element.get("hidden") is not None, element.get("style"), classes)
                or CHROME.matches(element, classes)
                or (tag == "img" and is_chrome_image(element))
            ):
                dropped.append(element)
            elif element.get("id") == "comments" or "comment-wrapper" in classes:
                threads.append(element)
    for element in dropped:
        _drop_tree(element)
    for thread in threads:
        if not _HAS_COMMENT(thread):
            _drop_tree(thread)  # a comment section left without comments (all were spam)
    return root


# Removed while empty by the lxml pass; anything with an id or name stays, as a
# possible link target (the BeautifulSoup pass prunes what is still empty later).
_PRUNABLE = frozenset(
    """p div span section article header footer aside main figure figcaption h1 h2 h3 h4 h5 h6
    li ul ol dl dt dd blockquote strong em b i u s small big font center time label a""".split()
)


def _tidy_tree(root: etree._Element) -> None:
    """Normalise link and image addresses (libxml2 %-escapes them when serialising,
    which would hide a scheme split by a tab), and drop elements with no text and
    no content but line breaks (bottom-up)."""
    for element in reversed(list(root.iter(etree.Element))):
        for name in ("href", "src"):
            value = element.get(name)
            if value is not None and value != (normal := normalise_url(value)):
                set_attribute(element, name, normal)
        if (
            element.tag in _PRUNABLE
            and not _has_text(element.text)
            and all(child.tag == "br" and not _has_text(child.tail) for child in element)
            and element.get("id") is None
            and element.get("name") is None
        ):
            _drop_tree(element)


def _has_text(text: str | None) -> bool:
    return bool(text) and not text.isspace() and bool(text.translate(ZERO_WIDTH).strip())


def _drop_tree(element: etree._Element) -> None:
    """Remove element and its content, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            set_text(previous, (previous.tail or "") + element.tail, tail=True)
        else:
            set_text(parent, (parent.text or "") + element.tail)
    parent.remove(element)


def excerpt(text: str, length: int = 160) -> str:
    """One line of at most `length` characters: whitespace collapsed, cut at a word boundary with "…"."""
    line = " ".join(text.split())
    if len(line) <= length:
        return line
    cut = line[: max(length - 1, 0)]
    if line[len(cut)].isalnum() and cut[-1:].isalnum() and cut[-1:].isascii():
        space = cut.rfind(" ")
        if space >= len(cut) * 2 // 3:
            cut = cut[:space]
    return cut.rstrip(" ,.;:，。；：、") + "…"


# --- allowlist check ----------------------------------------------------------------

_WRAPPERS = frozenset({"html", "head", "body"})


def check_allowlist(html: str) -> list[str]:
    """Everything in an HTML fragment that the cleaner must never emit (empty list = clean)."""
    root = _parse(html, keep_comments=True)
    if root is None:
        return []
    problems: list[str] = []
    for node in itertools.chain(root.itersiblings(preceding=True), root.iter(), root.itersiblings()):
        if not isinstance(node.tag, str):
            problems.append(f"non-element node {node!r}")
        elif node.tag not in _WRAPPERS:
            problems.extend(_element_problems(node.tag, dict(node.attrib)))
    return problems


def _element_problems(tag: str, attrs: dict[str, str]) -> list[str]:
    if tag not in ALLOWED_TAGS:
        return [f"tag <{tag}>"]
    allowed = ALLOWED_ATTRS.get(tag, frozenset())
    problems = [f"attribute {name!r} on <{tag}>" for name in attrs if name not in allowed]
    classes = set(attrs.get("class", "").split())
    if not classes <= ALLOWED_CLASSES:
        problems.append(f"class {sorted(classes - ALLOWED_CLASSES)} on <{tag}>")
    if tag == "a" and "href" in attrs:
        href = attrs["href"]
        if not href.startswith("#") and url_scheme(href) not in ALLOWED_SCHEMES:
            problems.append(f"link scheme {href[:40]!r}")
    if tag == "img":
        problems.extend(_image_problems(attrs))
    return problems


def _image_problems(attrs: dict[str, str]) -> list[str]:
    src = attrs.get("src", "")
    problems = []
    if DATA_IMAGE.match(src):
        if len(src) >= DATA_IMAGE_LIMIT:
            problems.append(f"data: image of {len(src)} characters")
    elif url_scheme(src) not in ("http", "https", *steps.LOCAL_SCHEMES):
        problems.append(f"image source {src[:40]!r}")
    width, height = attrs.get("width"), attrs.get("height")
    if (width is None) != (height is None):
        problems.append("image with only one of width/height")
    elif width is not None and steps.image_size(width, height) is None:
        problems.append(f"image size {width}x{height}")
    return problems


# --- parsing -------------------------------------------------------------------------

_MAX_DEPTH = 512  # deeper elements are flattened into their ancestor (their text is kept)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_parsers = threading.local()  # lxml parsers must not be shared between threads


def _parse(html: str, *, keep_comments: bool) -> etree._Element | None:
    """lxml tree of an HTML fragment or document; None when there is nothing in it.

    libxml2 gives up on documents nested deeper than 2048 elements (losing the
    rest of the text); those are parsed again through a target that flattens them.
    """
    if not html or html.isspace():
        return None
    data = _html_bytes(html)
    parser = _thread_parser(keep_comments)
    try:
        root = etree.fromstring(data, parser)
        if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
            root = etree.fromstring(data, etree.HTMLParser(target=_ShallowTreeBuilder(), encoding="utf-8"))
    except etree.LxmlError:
        return None
    return root


def _thread_parser(keep_comments: bool) -> etree.HTMLParser:
    name = "with_comments" if keep_comments else "plain"
    parser = getattr(_parsers, name, None)
    if parser is None:
        parser = etree.HTMLParser(
            encoding="utf-8", remove_comments=not keep_comments, remove_pis=not keep_comments, huge_tree=True
        )
        setattr(_parsers, name, parser)
    return parser


class _ShallowTreeBuilder:
    """Parser target building the tree with every element below _MAX_DEPTH unwrapped."""

    def __init__(self) -> None:
        self._builder = etree.TreeBuilder()
        self._kept: list[bool] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        keep = len(self._kept) < _MAX_DEPTH
        self._kept.append(keep)
        if keep:
            self._builder.start(tag, attrib)

    def end(self, tag: str) -> None:
        if self._kept.pop():
            self._builder.end(tag)

    def data(self, data: str) -> None:
        self._builder.data(data)

    def close(self) -> etree._Element:
        return self._builder.close()


def _html_bytes(text: str) -> bytes:
    """UTF-8 every parser accepts: no control characters but tab and newlines, no lone surrogates."""
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text.encode("utf-8", "replace")
