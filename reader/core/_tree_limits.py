"""Bounds on an lxml tree before BeautifulSoup and QTextBrowser see it.

``clean.py`` calls these between its fast lxml pass and its BeautifulSoup
pass, so that what is slow per element (BeautifulSoup, Qt's layout) only ever
gets a bounded part of a post:

* `cut_tree` keeps the document up to a number of text characters (a run of
  white space counts as one, as it is shown; an image's alt text and a
  player's link count too), elements or images, whichever comes first,
  cutting text at a word or sentence break.  Alt texts are cut to MAX_ALT_TEXT.
* `fit_tables` turns tables that Qt would take too long to lay out (Qt lays
  out a whole table at once, and each nesting level doubles the cost) into
  plain blocks: its rows and cells become divs, the text stays.

* `split_long_runs` breaks a run of text longer than a few thousand
  characters (a 2 MB post on one line) into blocks: Qt lays out a block all
  at once (200,000 characters in one block: ~110 ms; in 20 blocks: ~17 ms).

The limits themselves live in ``limits.py``.
"""

from __future__ import annotations

import re

from lxml import etree

from ._html_rules import set_attribute, set_text
from .limits import CELL_COST, MAX_ALT_TEXT, cut_text

__all__ = ["cut_tree", "fit_tables", "split_long_runs", "text_length"]

_SPACE_RUN = re.compile(r"\s{2,}")
_EMBED_TEXT = 60  # "▶ Video: www.youtube.com/embed/..." shown for a player


# --- keeping the beginning ------------------------------------------------------------


def cut_tree(root: etree._Element, max_text: int, max_elements: int, max_images: int) -> tuple[int, int] | None:
    """Cut root after max_text characters of text, max_elements elements or max_images images.

    Returns None when nothing was cut, else (characters kept, characters in the
    whole tree before the cut).
    """
    kept = elements = images = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if element is not root:
                elements += 1
                images += element.tag == "img"
                shown = _shown_by_attributes(element)
                if elements > max_elements or images > max_images or kept + shown > max_text:
                    total = text_length(root)
                    _drop_from(element)
                    return kept, total
                kept += shown
            text = element.text
            size = _shown_length(text)
            if kept + size > max_text:
                total = text_length(root)
                set_text(element, text[: cut_text(text, _raw_index(text, max_text - kept))])
                for child in list(element):
                    element.remove(child)
                _drop_after(element, keep_tail=False)
                return kept + _shown_length(element.text), total
            kept += size
        elif element is not root:
            tail = element.tail
            size = _shown_length(tail)
            if kept + size > max_text:
                total = text_length(root)
                set_text(element, tail[: cut_text(tail, _raw_index(tail, max_text - kept))], tail=True)
                _drop_after(element, keep_tail=True)
                return kept + _shown_length(element.tail), total
            kept += size
    return None


def _shown_by_attributes(element: etree._Element) -> int:
    """Characters an element shows besides its text: an image's alt text (cut
    to MAX_ALT_TEXT here), a player's link."""
    tag = element.tag
    if tag == "img":
        alt = element.get("alt")
        if alt and len(alt) > MAX_ALT_TEXT:
            alt = alt[: cut_text(alt, MAX_ALT_TEXT)] + "…"
            set_attribute(element, "alt", alt)
        return _shown_length(alt)
    return _EMBED_TEXT if tag in ("iframe", "video", "audio") else 0


def _shown_length(text: str | None) -> int:
    """Characters of text once each run of white space is shown as one."""
    if not text:
        return 0
    return len(text) - sum(len(run) - 1 for run in _SPACE_RUN.findall(text))


def _raw_index(text: str, shown: int) -> int:
    """Index in text where its first `shown` shown characters end."""
    count = pos = 0
    for run in _SPACE_RUN.finditer(text):
        before = run.start() - pos
        if count + before >= shown:
            return pos + shown - count
        count += before + 1
        pos = run.end()
        if count >= shown:
            return pos
    return min(len(text), pos + shown - count)


def text_length(root: etree._Element) -> int:
    """Characters root shows: its text, alt texts and players' links (as `cut_tree` counts them)."""
    text = sum(_shown_length(text) for text in root.itertext())
    alts = sum(min(_shown_length(img.get("alt")), MAX_ALT_TEXT) for img in root.iter("img"))
    return text + alts + _EMBED_TEXT * sum(1 for _ in root.iter("iframe", "video", "audio"))


def _drop_from(element: etree._Element) -> None:
    """Remove element, its tail and everything after it in document order."""
    parent = element.getparent()
    _drop_after(element, keep_tail=False)
    if parent is not None:
        parent.remove(element)


def _drop_after(element: etree._Element, *, keep_tail: bool) -> None:
    """Remove everything after element's subtree (and its tail unless keep_tail)."""
    node: etree._Element | None = element
    first = True
    while node is not None:
        parent = node.getparent()
        if not (first and keep_tail):
            node.tail = None
        first = False
        if parent is None:
            break
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent


# --- tables Qt can lay out in time -----------------------------------------------------

_TABLE_PARTS = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"})


def fit_tables(root: etree._Element, budget: int) -> int:
    """Flatten every table whose weighted size is over budget; return how many were."""
    costs = _table_costs(root, budget)
    flattened = 0
    kept_depth = 0  # open tables that are kept (their nested tables are part of them)
    for event, element in etree.iterwalk(root, events=("start", "end"), tag="table"):
        if event == "end":
            kept_depth -= element.tag == "table"
            continue
        if kept_depth or costs.get(element, 0) <= budget:
            kept_depth += 1
            continue
        _flatten(element)
        flattened += 1
    return flattened


def _table_costs(root: etree._Element, budget: int) -> dict[etree._Element, int]:
    """Weighted size of every table: its text and cells, plus twice that of each nested table."""
    costs: dict[etree._Element, int] = {}
    stack: list[list[int]] = []  # per open table: [characters and cells, nested cost]
    cap = budget + 1  # costs grow exponentially with depth: stop counting past the budget
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == "table":
                stack.append([0, 0])
            elif tag in ("td", "th") and stack:
                stack[-1][0] += CELL_COST
            if stack and element.text:
                stack[-1][0] += len(element.text)
            continue
        if tag == "table" and stack:
            own, nested = stack.pop()
            cost = min(cap, own + 2 * nested)
            costs[element] = cost
            if stack:
                stack[-1][1] = min(cap, stack[-1][1] + cost)
        if stack and element.tail:
            stack[-1][0] += len(element.tail)
    return costs


def _flatten(table: etree._Element) -> None:
    """The table, its sections, rows and cells become plain divs (nested tables stay tables)."""
    pending = [table]
    while pending:
        element = pending.pop()
        element.tag = "div"
        element.attrib.clear()
        for child in element:
            if isinstance(child.tag, str) and child.tag in _TABLE_PARTS:
                pending.append(child)


# --- long runs of text ------------------------------------------------------------------


def split_long_runs(root: etree._Element, max_run: int) -> int:
    """Break every text run longer than max_run characters into blocks (divs) of at most
    that many, cut at a sentence or word break; returns how many blocks were added."""
    added = 0
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.text and len(element.text) > max_run:
            first, rest = _chunks(element.text, max_run)
            set_text(element, first)
            for i, chunk in enumerate(rest):
                element.insert(i, _block(chunk))
            added += len(rest)
        parent = element.getparent()
        if parent is not None and element.tail and len(element.tail) > max_run:
            first, rest = _chunks(element.tail, max_run)
            element.tail = first
            at = parent.index(element) + 1
            for i, chunk in enumerate(rest):
                parent.insert(at + i, _block(chunk))
            added += len(rest)
    return added


def _chunks(text: str, size: int) -> tuple[str, list[str]]:
    parts = []
    while len(text) > size:
        end = cut_text(text, size) or size
        parts.append(text[:end])
        text = text[end:]
    parts.append(text)
    return parts[0], parts[1:]


def _block(text: str) -> etree._Element:
    div = etree.Element("div")
    set_text(div, text)
    return div

