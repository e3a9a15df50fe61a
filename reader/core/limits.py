"""How much of one post Lectern reads, renders, cleans, shows and indexes.

Every post is untrusted input: a scraped page, a hand-edited file, or a file
made to hurt.  Each step of the core has a limit here, chosen by measuring
``load_article`` and ``QTextBrowser.setHtml`` (QT_QPA_PLATFORM=offscreen) on
the hostile posts of tests/test_hostile.py and on the sample archives (2
shared cores, Python 3.11, lxml 5, PySide6 6.x).  Above a limit the post is
cut at a safe boundary and the reader is told (``Article.truncated`` and a
note at the end of the post); nothing raises and nothing hangs.  With these
limits every hostile post measured loads in under 0.5 s and its HTML is set
in under 0.1 s.  Text characters count a run of white space as one.

=========================  ============  ===============================================
limit                      value         why
=========================  ============  ===============================================
MAX_FILE_BYTES             64 MB         bigger files are a Problem: never read whole
MAX_BODY_CHARS             1,000,000     body kept for rendering (largest real body:
                                         669 K characters, mostly page chrome)
MAX_MARKDOWN_CHARS         1,000,000     longer Markdown is shown as plain paragraphs
                                         (markdown-it: ~0.2 s per million characters)
MAX_CLEAN_HTML_CHARS       2,000,000     HTML given to the cleaner (Markdown and Liquid
                                         can grow a body; lxml parses 2 M in ~0.1 s)
MAX_CLEAN_HTML_TAGS        40,000        tags ("<") in it: the lxml pass costs ~3 µs per
                                         element (largest real post: 7,270)
MAX_SHOWN_TEXT             200,000       text characters shown (largest real post:
                                         110 K); QTextBrowser lays out a 200 K
                                         character paragraph in ~135 ms
MAX_BLOCK_TEXT             10,000        characters in one run of text; a longer run (a
                                         post on one line) is split into blocks: Qt lays
                                         out 200 K in one block in ~110 ms, in 20: ~17 ms
MAX_ALT_TEXT               500           characters of one image's alt text (shown in
                                         place of the image; they count as text)
MAX_SHOWN_IMAGES           500           images shown (QTextBrowser: ~0.25 ms each to
                                         lay out and paint, loaded or not)
MAX_SHOWN_ELEMENTS         5,000         elements given to BeautifulSoup (largest real
                                         post: 3,068); ~24 µs each for plain ones
TABLE_BUDGET               60,000        weighted size of one table (characters, plus
                                         CELL_COST per cell, doubled per nesting level):
                                         Qt lays out a whole table at once, ~1.5 µs per
                                         character, twice that per nesting level
                                         (20 nested tables: 9 s); bigger tables are
                                         shown as plain blocks
MAX_LOCAL_IMAGES           1,000         archive look-ups for local images per post
MAX_INDEX_HTML_CHARS       4,000,000     HTML read for the search text (0.6 s, 140 MB
                                         for 4 M characters of dense tags)
MAX_INDEX_TEXT             1,000,000     searchable text characters kept per post
=========================  ============  ===============================================
"""

from __future__ import annotations

import re

__all__ = [
    "CELL_COST",
    "MAX_ALT_TEXT",
    "MAX_BLOCK_TEXT",
    "MAX_BODY_CHARS",
    "MAX_CLEAN_HTML_CHARS",
    "MAX_CLEAN_HTML_TAGS",
    "MAX_FILE_BYTES",
    "MAX_INDEX_HTML_CHARS",
    "MAX_INDEX_TEXT",
    "MAX_MARKDOWN_CHARS",
    "MAX_LOCAL_IMAGES",
    "MAX_SHOWN_ELEMENTS",
    "MAX_SHOWN_IMAGES",
    "MAX_SHOWN_TEXT",
    "TABLE_BUDGET",
    "cut_markup",
    "cut_text",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_BODY_CHARS = 1_000_000
MAX_MARKDOWN_CHARS = 1_000_000
MAX_CLEAN_HTML_CHARS = 2_000_000
MAX_CLEAN_HTML_TAGS = 40_000
MAX_SHOWN_TEXT = 200_000
MAX_BLOCK_TEXT = 10_000
MAX_SHOWN_ELEMENTS = 5_000
MAX_ALT_TEXT = 500
MAX_SHOWN_IMAGES = 500
TABLE_BUDGET = 60_000
CELL_COST = 50  # a table cell costs Qt about as much as 50 characters of text
MAX_LOCAL_IMAGES = 1_000
MAX_INDEX_HTML_CHARS = 4_000_000
MAX_INDEX_TEXT = 1_000_000

_WINDOW = 2_000  # how far back from a limit a cut looks for a better boundary
_SENTENCE_END = re.compile(r"[。！？!?.；;，,、]\s*|\s+")


def cut_text(text: str, limit: int) -> int:
    """Where to cut `text` to keep at most `limit` characters: after the last
    paragraph, line, sentence or word break shortly before the limit, else at it."""
    if len(text) <= limit:
        return len(text)
    limit = max(limit, 0)
    start = max(0, limit - _WINDOW)
    for mark in ("\n\n", "\n"):
        found = text.rfind(mark, start, limit)
        if found > 0:
            return found + len(mark)
    best = -1
    for match in _SENTENCE_END.finditer(text, start, limit):
        best = match.end()
    return best if best > 0 else limit


def cut_markup(text: str, limit: int, max_tags: int | None = None) -> int:
    """Like `cut_text` for HTML or Markdown source: never inside a tag when a
    line break or a tag start is close enough before the limit.  With
    max_tags, the cut also comes before the tag past the first max_tags."""
    if max_tags is not None and text.count("<", 0, limit) > max_tags:
        return _nth_index(text, "<", max_tags + 1)
    if len(text) <= limit:
        return len(text)
    start = max(0, limit - _WINDOW)
    for mark in ("\n\n", "\n"):
        found = text.rfind(mark, start, limit)
        if found > 0 and text.rfind("<", start, found) <= text.rfind(">", start, found):
            return found + len(mark)
    tag = text.rfind("<", start, limit)
    if tag > 0:
        return tag
    return cut_text(text, limit)


def _nth_index(text: str, char: str, n: int) -> int:
    """Index of the n-th occurrence of char in text (which has at least n)."""
    pos = -1
    for _ in range(n):
        pos = text.find(char, pos + 1)
    return pos
