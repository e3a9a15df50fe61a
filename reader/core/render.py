"""Post body -> HTML: Liquid leftovers, kramdown-style raw HTML blocks, Markdown.

This module owns the step between a post's body text and the (still unsafe)
HTML that ``clean.py`` sanitises.  It does what Jekyll would do to a body:

* Liquid first, for every format: ``{% highlight %}`` becomes a code block,
  ``{% raw %}`` keeps its content literally, ``{% comment %}`` is dropped and
  every other tag or ``{{ output }}`` is removed.
* Markdown bodies go through markdown-it-py (CommonMark with raw HTML, tables,
  strikethrough and footnotes).  Jekyll uses kramdown, which keeps a block-level
  HTML element verbatim up to its matching close tag, even across blank and
  indented lines; CommonMark would end it at a blank line and turn indented
  lines into code.  Scraped archives are full of pretty-printed HTML in ``.md``
  files, so such elements (and HTML comments) are cut out before Markdown runs
  and put back afterwards.

Every scan here is linear in the size of the body: bodies reach 700 KB and
hostile ones must not hang the reader.  Markdown too dense to render in time,
or nested deeper than markdown-it's limit (past which it silently drops the
rest of the body), or longer than MAX_MARKDOWN_CHARS (``limits.py``), is
shown as plain paragraphs: the text is never lost.
"""

from __future__ import annotations

import functools
import html
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .limits import MAX_MARKDOWN_CHARS

__all__ = ["body_to_html"]

# Elements kramdown keeps verbatim as an HTML block when a line starts with them.
# Void elements (hr, img, br) are left to Markdown: they have no close tag.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body center details dialog dd div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup html
    iframe legend li main menu nav noscript ol p pre section summary table tbody td
    tfoot th thead tr ul video audio canvas object svg math script style textarea
    template""".split()
)
# Their content is text, not markup: the first close tag ends them.
_RAW_TEXT_TAGS = frozenset({"script", "style", "textarea"})

_BLOCK_START = re.compile(r" {0,3}<(?:(!--)|([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$))")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CANDIDATE_LINE = re.compile(r"^ {0,3}[<`~]", re.MULTILINE)

# markdown-it-py is pure Python: up to ~45 µs per line and ~40 µs per markup
# character in the worst inputs ("a\n" or "*a* [b](c) " repeated).  Above this
# cost (lines count twice) outside HTML blocks, the Markdown is shown as plain
# paragraphs instead, so no body can stall the reader for more than about a
# second.  A long, dense hand-written post costs a few thousand.
_MARKDOWN_BUDGET = 20_000
_MARKUP_CHARS = "\n\n!#$%&*+-:<=>@[\\]^_`{}~|"
_IAL_LINE = re.compile(r"^[ \t]*\{:[^\n]*\}[ \t]*(?:\n|$)", re.MULTILINE)
_IAL_TRAILING = re.compile(r"\{:[^{}\n]*\}(?=[ \t]*$)", re.MULTILINE)

_LIQUID_START = re.compile(r"\{[{%]")
_LIQUID_END_TAG = {
    name: re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}")
    for name in ("raw", "highlight", "comment")
}
_LANG = re.compile(r"[\w+#.-]+")


def body_to_html(body: str, fmt: str) -> str:
    """fmt is "html" (posts named .html/.htm: returned as they are, Liquid removed) or "markdown" (.md .markdown .mkd .mkdn)."""
    text = _strip_liquid(body.replace("\r\n", "\n").replace("\r", "\n"))
    if fmt == "html":
        return text
    if fmt == "markdown":
        return _render_markdown(text)
    raise ValueError(f"unknown body format {fmt!r} (expected 'html' or 'markdown')")


# --- Liquid --------------------------------------------------------------------


def _strip_liquid(text: str) -> str:
    """Apply the Liquid leftovers the way a static build would, without evaluating anything."""
    out: list[str] = []
    pos = 0
    kinds = {"%", "{"}  # a kind is dropped once no closing "%}" / "}}" is left
    while kinds and (start := _find_liquid(text, pos, kinds)) >= 0:
        out.append(text[pos:start])
        kind = text[start + 1]
        close = text.find("%}" if kind == "%" else "}}", start + 2)
        if close < 0:
            kinds.discard(kind)
            out.append(text[start : start + 2])
            pos = start + 2
        elif kind == "{":
            pos = close + 2
        else:
            replacement, pos = _liquid_tag(text, text[start + 2 : close], close + 2)
            out.append(replacement)
    out.append(text[pos:])
    return "".join(out)


def _find_liquid(text: str, pos: int, kinds: set[str]) -> int:
    if len(kinds) == 2:
        match = _LIQUID_START.search(text, pos)
        return match.start() if match else -1
    return text.find("{" + next(iter(kinds)), pos)


def _liquid_tag(text: str, inner: str, after: int) -> tuple[str, int]:
    """Replace one ``{% ... %}`` tag; return its replacement and where scanning resumes."""
    words = inner.strip(" \t\n-").split()
    name = words[0] if words else ""
    if name not in _LIQUID_END_TAG:
        return "", after
    end = _LIQUID_END_TAG[name].search(text, after)
    content = text[after : end.start() if end else len(text)]
    resume = end.end() if end else len(text)
    if name == "raw":
        return content, resume
    if name == "comment":
        return "", resume
    lang = _LANG.fullmatch(words[1]) if len(words) > 1 else None
    css = f' class="language-{lang.group(0)}"' if lang else ""
    code = html.escape(content.strip("\n").rstrip())
    return f"\n<pre><code{css}>{code}</code></pre>\n", resume


# --- Markdown with kramdown-style HTML blocks ----------------------------------


@functools.cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False})
    return md.enable(["table", "strikethrough"]).use(footnote_plugin)


def _render_markdown(text: str) -> str:
    token = _placeholder_token(text)
    pieces, blocks = _cut_html_blocks(text)
    markdown = [_strip_attribute_lists(p) for p in pieces]
    joined = _join_with_placeholders(markdown, token)
    rendered = None
    if len(joined) <= MAX_MARKDOWN_CHARS and sum(_markup_cost(p) for p in markdown) <= _MARKDOWN_BUDGET:
        rendered = _markdown_or_none(joined)
    if rendered is None:
        rendered = _plain_paragraphs(joined)
    if not blocks:
        return rendered
    pattern = re.compile(rf"<p>{token}(\d+)E</p>\n?|{token}(\d+)E")
    return pattern.sub(lambda m: blocks[int(m.group(1) or m.group(2))] + "\n", rendered)


def _markdown_or_none(markdown: str) -> str | None:
    """Markdown rendered, or None when it nests too deeply for markdown-it.

    markdown-it stops at its nesting limit (20) and silently drops the rest of
    the document (``> `` repeated, lists indented level after level): such a
    body is shown as plain paragraphs instead, so no text is lost.
    """
    md = _markdown()
    env: dict = {}
    tokens = md.parse(markdown, env)
    deepest = md.options.maxNesting - 1
    if any(t.level >= deepest or any(t.level + c.level >= deepest for c in t.children or ()) for t in tokens):
        return None
    return md.renderer.render(tokens, md.options, env)


def _placeholder_token(text: str) -> str:
    token = "LecternHtmlBlock"
    while token in text:
        token += "Q"
    return token


def _join_with_placeholders(markdown: list[str], token: str) -> str:
    """markdown[i] is followed by HTML block i (each block is its own paragraph)."""
    parts = [markdown[0]]
    for i, piece in enumerate(markdown[1:]):
        parts.append(f"\n\n{token}{i}E\n\n")
        parts.append(piece)
    return "".join(parts)


def _markup_cost(markdown: str) -> int:
    return sum(markdown.count(ch) for ch in _MARKUP_CHARS)


def _plain_paragraphs(markdown: str) -> str:
    """Linear-time stand-in for Markdown too big or too dense to render in time: text kept, markup not."""
    paragraphs = (p.strip() for p in re.split(r"\n[ \t]*\n", markdown))
    return "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs if p)


def _cut_html_blocks(text: str) -> tuple[list[str], list[str]]:
    """Split text into Markdown pieces and the HTML blocks between them (len(pieces) == len(blocks) + 1).

    Blocks separated only by whitespace are merged, so a body of raw HTML paragraphs
    costs one placeholder, not one per paragraph.
    """
    pieces: list[str] = []
    spans: list[list[int]] = []  # [start, end] of each block in text
    fence: str | None = None
    md_start = pos = 0
    while (candidate := _CANDIDATE_LINE.search(text, pos)) is not None:
        line = candidate.start()
        line_end = _line_end(text, line)
        fence = _next_fence_state(text, line, line_end, fence)
        start = None if fence else _BLOCK_START.match(text, line, line_end)
        if start is None or not (start.group(1) or start.group(2).lower() in _BLOCK_TAGS):
            pos = line_end + 1
            continue
        block_end = _block_end(text, line, start)
        if spans and (md_start == line or text[md_start:line].isspace()):
            spans[-1][1] = block_end
        else:
            pieces.append(text[md_start:line])
            spans.append([line, block_end])
        md_start = pos = block_end
    pieces.append(text[md_start:])
    return pieces, [text[start:end] for start, end in spans]


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _next_fence_state(text: str, pos: int, line_end: int, fence: str | None) -> str | None:
    """Track fenced code blocks: HTML inside them is code, not a block to cut out."""
    match = _FENCE.match(text, pos, line_end)
    if match is None:
        return fence
    marker = match.group(1)
    if fence is None:
        return marker
    closes = marker[0] == fence[0] and len(marker) >= len(fence) and not text[match.end() : line_end].strip()
    return None if closes else fence


def _block_end(text: str, pos: int, start: re.Match[str]) -> int:
    """End (exclusive, at a line end) of the HTML block starting at pos."""
    if start.group(1):
        close = text.find("-->", start.end())
        end = len(text) if close < 0 else close + 3
    else:
        end = _element_end(text, start.end(), start.group(2).lower())
    return _line_end(text, end)


def _element_end(text: str, pos: int, name: str) -> int:
    """Index just past the close tag matching an element opened before pos (or len(text))."""
    pattern = _tag_pattern(name)
    depth = 1
    nests = name not in _RAW_TEXT_TAGS
    while (match := pattern.search(text, pos)) is not None:
        if match.group(0) == "<!--":
            close = text.find("-->", match.end())
            if close < 0:
                break
            pos = close + 3
            continue
        pos = match.end()
        if match.group(1):
            depth -= 1
            if depth == 0:
                close = text.find(">", pos)
                return len(text) if close < 0 else close + 1
        elif nests:
            depth += 1
    return len(text)


@functools.lru_cache(maxsize=64)
def _tag_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"<!--|<(/?){re.escape(name)}(?=[\s/>])", re.IGNORECASE)


def _strip_attribute_lists(markdown: str) -> str:
    """Remove kramdown inline attribute lists: whole ``{: ...}`` lines and trailing ones."""
    if "{:" not in markdown:
        return markdown
    return _IAL_TRAILING.sub("", _IAL_LINE.sub("", markdown))
