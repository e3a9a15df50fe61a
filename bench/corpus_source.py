"""Reading the real posts a scale corpus is made from: each decomposed once into a template.

A template keeps the page skeleton (chrome, the `<!--ms-->` / `[title](url)` / `------`
heading) as text, with markers where the title, URL and timestamp go, and numbered slots
where its movable paragraphs (balanced `<p>` elements or plain-text blocks) stand.
`bench.make_corpus` fills the templates to write new posts.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

HEADING = re.compile(r"\A(\n?<!--)(\d+|NaN)(-->\n\[)(.*)(\]\()(\S*)(\)\n-{3,}\n)")
P_CLOSE = re.compile(r"</p\s*>", re.I)
P_OPEN = re.compile(r"<p(?=[\s>])", re.I)
BLOCKISH = re.compile(
    r"<!--|-->|<!\[|</?(?:p|div|section|article|table|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt"
    r"|dd|h[1-6]|header|footer|nav|aside|main|form|script|style|pre|textarea|blockquote"
    r"|figure|figcaption|iframe|html|body|head|noscript|template|svg|video|audio)\b",
    re.I,
)
INLINE = re.compile(r"<(/?)(a|span|strong|em|b|i|u|font|sup|sub|code|small|mark|s|del|ins|q|abbr)\b", re.I)
BLANK_BLOCK = re.compile(r"(?:^|\n\s*\n)([^<>\n][^<>]*?)(?=\n\s*\n|\Z)")
TITLE_BAD = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\"\\]")

TITLE, URL, STAMP, HEAD_TITLE = -1, -2, -3, -4  # template markers; ints >= 0 are paragraph slots


class SourceMissingError(FileNotFoundError):
    """The source `_posts` folder is absent or holds no usable post."""



@dataclass(frozen=True)
class SourcePost:
    """One real post, decomposed once into a fill-in template."""

    title: str
    tag: str
    author: str
    host: str  # of its `from` URL
    template: tuple[str | int, ...]  # text, TITLE/URL/STAMP markers, paragraph slots
    paragraphs: tuple[str, ...]  # movable paragraphs, slot k holds paragraphs[k] originally
    lengths: tuple[int, ...]  # sorted paragraph lengths (for similar-length donors)
    by_length: tuple[int, ...]  # paragraph indices in that sorted order



# ---------------------------------------------------------------- source reading


def _split_front_matter(text: str) -> tuple[str, str] | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    return text[4:end], text[end + 5 :]


def _title_variants(title: str) -> list[str]:
    return sorted({v for v in (title, html.escape(title, quote=False), html.escape(title)) if v},
                  key=len, reverse=True)


def _movable_spans(text: str, title: str) -> list[tuple[int, int]]:
    """(start, end) of each `<p ...>...</p>` that can move without breaking the page.

    A paragraph holding the title is page chrome: it stays put and gets the new title.
    """
    variants = _title_variants(title)
    spans = []
    pos = 0
    for close in P_CLOSE.finditer(text):
        opens = list(P_OPEN.finditer(text, pos, close.start()))
        pos = close.end()
        if not opens:
            continue
        start = opens[-1].start()
        inner = text[start + 2 : close.start()]
        if BLOCKISH.search(inner) or any(v in inner for v in variants):
            continue
        balance = Counter()
        for slash, tag in INLINE.findall(inner):
            balance[tag.lower()] += -1 if slash else 1
        if any(balance.values()):
            continue
        spans.append((start, close.end()))
    if spans:
        return spans
    return [
        m.span(1) for m in BLANK_BLOCK.finditer(text)
        if m.group(1).strip() and not any(v in m.group(1) for v in variants)
    ]


def _title_tokens(chunk: str, title: str) -> list[str | int]:
    """Split a skeleton chunk on the old title (raw or HTML-escaped) into text + TITLE markers."""
    variants = _title_variants(title)
    if not any(v in chunk for v in variants):
        return [chunk] if chunk else []
    pattern = re.compile("|".join(re.escape(v) for v in variants))
    out: list[str | int] = []
    last = 0
    for m in pattern.finditer(chunk):
        if m.start() > last:
            out.append(chunk[last : m.start()])
        out.append(TITLE)
        last = m.end()
    if last < len(chunk):
        out.append(chunk[last:])
    return out


def _decompose(title: str, body: str) -> tuple[tuple[str | int, ...], tuple[str, ...]]:
    template: list[str | int] = []
    heading = HEADING.match(body)
    if heading:
        pre, ms, mid, _title, brack, _url, post = heading.groups()
        template += [pre, STAMP if ms != "NaN" else ms, mid, HEAD_TITLE, brack, URL, post]
        body = body[heading.end() :]
    spans = _movable_spans(body, title)
    if len(spans) < 2:
        spans = []
    paragraphs = []
    last = 0
    for k, (start, end) in enumerate(spans):
        template += _title_tokens(body[last:start], title)
        template.append(k)
        paragraphs.append(body[start:end])
        last = end
    template += _title_tokens(body[last:], title)
    return tuple(template), tuple(paragraphs)


def load_sources(folder: Path) -> list[SourcePost]:
    """Read and decompose every usable post of `folder`, in filename order."""
    if not folder.is_dir():
        raise SourceMissingError(f"source folder not found: {folder}")
    posts = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith((".", "_")) or not path.is_file():
            continue
        try:
            parts = _split_front_matter(path.read_text(encoding="utf-8-sig"))
            if parts is None:
                continue
            meta = yaml.load(parts[0], Loader=yaml.CSafeLoader)
        except (UnicodeDecodeError, yaml.YAMLError, ValueError):
            continue
        if not isinstance(meta, dict) or not meta.get("title") or not meta.get("tags"):
            continue
        tags = meta["tags"] if isinstance(meta["tags"], list) else [meta["tags"]]
        title = TITLE_BAD.sub(" ", str(meta["title"])).strip()
        template, paragraphs = _decompose(str(meta["title"]), parts[1])
        order = sorted(range(len(paragraphs)), key=lambda k: (len(paragraphs[k]), k))
        posts.append(
            SourcePost(
                title=title,
                tag=str(tags[0]),
                author=str(meta.get("author") or tags[0]),
                host=urlsplit(str(meta.get("from") or "")).netloc or "source.example",
                template=template,
                paragraphs=paragraphs,
                lengths=tuple(len(paragraphs[k]) for k in order),
                by_length=tuple(order),
            )
        )
    if not posts:
        raise SourceMissingError(f"no usable posts in source folder: {folder}")
    return posts
