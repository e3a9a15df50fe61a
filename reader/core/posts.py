"""One Jekyll post file -> a `Post`, or a `Problem` saying in plain words why not.

Reading never raises for bad input.  What becomes what:

* `Problem` (the file is listed with its reason, not shown as a post): a file
  that cannot be read or is not a regular file, a file larger than
  MAX_FILE_BYTES (64 MB, see ``limits.py``: it is never read whole), binary
  data, a Git LFS pointer (its text is not in the repository), an empty file,
  bytes that are no known text encoding, front matter
  that is not closed, larger than 64 KB, not valid YAML, not a mapping (a
  list or a lone value), nested too deeply or expanding through aliases or
  merge keys (a "YAML bomb"), using a tag that would build an object
  (``!!python/object``) or a value its tag cannot build (``!!int x``).  Every
  YAML error stays a Problem (a tab, bad indentation, an unclosed quote or
  bracket, a ':' inside a plain value, an undefined alias...) except one:
* `Post` read leniently (shown, with a sentence in ``notes``): front matter
  whose only fault is a backslash in a double-quoted value that starts no
  YAML escape, as scrapers write them (``title: "A\\B"``, ``"C:\\users"``:
  an unknown escape character, or ``\\x``/``\\u``/``\\U`` without their hex
  digits).  Such backslashes are read as written; valid escapes (``\\n``,
  ``\\"``, ``\\u4e2d``, a backslash ending a line...) are still decoded, and
  single-quoted, plain and block values and comments are never touched (they
  have no escapes).  When the block read that way still fails, for any reason
  (another YAML error, not a mapping, an alias bomb), the file stays a Problem
  with the first reading's reason.
* `Post` with a fallback (the post is shown): a missing, empty or non-text
  title falls back to the filename's slug; a missing or invalid date falls
  back to the filename's ``YYYY-MM-DD`` (``date_source`` says which), else
  the post is *undated* (``date`` '', ``timestamp`` None, ``date_source``
  'none'): never today's date or the file's time, which would be invented;
  tags and categories in any shape (list, space-separated string, scalar,
  null, nested lists) are coerced.

Dates: ``date`` is the original local time as written (ISO 8601, with its
offset when the post gave one) for display; ``timestamp`` is UTC seconds for
sorting.  A date without an offset is taken as UTC, as Jekyll does with no
site timezone configured.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .limits import MAX_FILE_BYTES
from .postfile import FILENAME_RE, HTML_EXTS, MARKDOWN_EXTS, POST_EXTS, Problem
from .textcodec import DecodeError, decode_bytes

__all__ = ["Post", "Problem", "read_post", "parse_post", "read_body", "MARKDOWN_EXTS", "HTML_EXTS", "POST_EXTS"]

MAX_FRONT_MATTER = 64 * 1024
# Nodes visited in the loaded front matter, aliases counted each time they are reached.
MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 50
UNEXPECTED = "cannot be read: unexpected error"  # the start of a Problem reason that is a bug of ours



class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The C safe loader, except that an impossible timestamp (2019-13-45) stays
    text and merge keys (``<<: *a``, which copy entries) cannot expand without bound."""

    _entries = 0

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        super().flatten_mapping(node)
        self._entries += len(node.value)
        if self._entries > MAX_YAML_NODES:
            raise yaml.constructor.ConstructorError(
                None, None, "expands to too much data (a YAML alias bomb?)", node.start_mark)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):  # AttributeError: "!!timestamp x" does not even look like one
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
_LOADER = _Loader
_HANDLER = YAMLHandler()

_URL_KEYS = ("from", "source", "link", "original_url", "canonical_url")
_KNOWN_KEYS = frozenset({"title", "date", "author", "tags", "tag", "categories", "category",
                         "layout", "published", *_URL_KEYS})

_OPEN_RE = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$\n?", re.MULTILINE)
_DATE_RE = re.compile(
    r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?\s*$"
)
_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Post:
    """A post's metadata and raw body, as read from its file."""

    path: str  # relative to the archive root, '/'-separated
    title: str
    date: str  # local time as written, ISO 8601 ('' when the post has no date at all)
    timestamp: int | None  # UTC seconds since the epoch, for sorting (None when undated)
    date_source: str  # 'front matter', 'filename' or 'none' (undated)
    author: str = ""
    url: str = ""  # the source URL ('from', 'source', 'link', ...)
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    layout: str = ""
    published: bool = True
    draft: bool = False
    fmt: str = "markdown"  # 'markdown' or 'html'
    body: str = field(default="", repr=False)
    encoding: str = "utf-8"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # What was forgiven to read it (one plain sentence each), e.g. a stray backslash.
    notes: tuple[str, ...] = field(default=(), compare=False)


LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"


class _Bad(Exception):
    """Internal: the reason a file is a Problem."""


def read_post(abs_path: str | os.PathLike[str], rel_path: str, *,
              dir_categories: tuple[str, ...] = (), draft: bool = False) -> Post | Problem:
    """Read (through `reader.core.sources`) and parse one file; never raises for bad content."""
    from .sources import FolderSource

    folder, name = os.path.split(os.fspath(abs_path))
    got = FolderSource(folder).read(name)
    if isinstance(got, Problem):
        return Problem(rel_path, got.reason)
    return parse_post(got[0], rel_path, dir_categories=dir_categories, draft=draft)


def parse_post(data: bytes, rel_path: str, *, dir_categories: tuple[str, ...] = (),
               draft: bool = False) -> Post | Problem:
    """Parse a post's bytes; `rel_path` names it (and gives the filename date and slug)."""
    if data.startswith(LFS_POINTER):
        return Problem(rel_path, "a Git LFS pointer, not the post: its text is stored outside the repository "
                                 "(Git LFS), which Lectern does not download")
    try:
        return _parse(data, rel_path, dir_categories, draft)
    except _Bad as exc:
        return Problem(rel_path, str(exc))
    except (RecursionError, MemoryError):
        return Problem(rel_path, "front matter: nested too deeply to read")
    except Exception as exc:  # a bug here must cost one post, never a whole scan
        return Problem(rel_path, f"{UNEXPECTED} ({type(exc).__name__}: {exc})")


def _parse(data: bytes, rel_path: str, dir_categories: tuple[str, ...], draft: bool) -> Post:
    text, encoding = _decode(data)
    block, body = _split_front_matter(text)
    meta, notes = _load_yaml(block) if block is not None else ({}, ())
    name = rel_path.rsplit("/", 1)[-1]
    stem, ext = os.path.splitext(name)
    file_date, slug = _filename_parts(stem)

    title = _plain_text(meta.get("title")) or _title_from_slug(slug) or stem
    local, stamp, source = _resolve_date(meta.get("date"), file_date)
    extra = {k: _jsonable(v) for k, v in meta.items() if k not in _KNOWN_KEYS}
    published = meta.get("published", True)
    return Post(
        path=rel_path,
        title=title,
        date=local,
        timestamp=stamp,
        date_source=source,
        author=_plain_text(meta.get("author")),
        url=_source_url(meta),
        tags=_string_list(meta.get("tags"), meta.get("tag")),
        categories=_string_list(dir_categories, meta.get("categories"), meta.get("category")),
        layout=_scalar_text(meta.get("layout")),
        published=not (published is False or str(published).lower() == "false"),
        draft=draft,
        fmt=_format(ext),
        body=body,
        encoding=encoding,
        extra=extra,
        notes=notes,
    )


# --- front matter ---------------------------------------------------------

def read_body(data: bytes, rel_path: str) -> tuple[str, str] | None:
    """(body, format) of a post's bytes without reading its front matter (for the
    search index, which has the metadata already); None if it cannot be read."""
    try:
        return _split_front_matter(_decode(data)[0])[1], _format(os.path.splitext(rel_path)[1])
    except _Bad:
        return None


def _decode(data: bytes) -> tuple[str, str]:
    """(text without a byte order mark, encoding) of a post file's bytes."""
    if len(data) > MAX_FILE_BYTES:
        raise _Bad(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: not read")
    if not data.strip():
        raise _Bad("empty file")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        raise _Bad(str(exc)) from None
    return (text[1:] if text.startswith("\ufeff") else text), encoding


def _format(ext: str) -> str:
    return "html" if ext.lower() in HTML_EXTS else "markdown"


def _split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter block or None when there is none, body)."""
    opening = _OPEN_RE.match(text)
    if not opening:
        return None, text
    close = _CLOSE_RE.search(text, opening.end())
    if close is None:
        raise _Bad("front matter: not closed (no second '---' line)")
    if close.start() - opening.end() > MAX_FRONT_MATTER:
        raise _Bad(f"front matter: larger than {MAX_FRONT_MATTER // 1024} KB")
    return text[opening.end():close.start()], text[close.end():]


# What the safe constructor raises for a value its explicit tag cannot build.
_TAG_VALUE_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError)


def _load_yaml(block: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """(front matter, notes on what was forgiven to read it)."""
    try:
        meta = _HANDLER.load(block, Loader=_LOADER)
    except yaml.YAMLError as exc:
        reason = "front matter: " + _yaml_reason(exc)
        lenient = _load_lenient(block, exc) if _is_bad_escape(exc) else None
        if lenient is None:
            raise _Bad(reason) from None
        return lenient
    except _TAG_VALUE_ERRORS:
        raise _Bad("front matter: a value that does not fit its type tag (such as '!!int x')") from None
    return _mapping(meta), ()


def _mapping(meta: Any) -> dict[str, Any]:
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(meta, list) else f"a single value ({_short(meta)})"
        raise _Bad(f"front matter: is {kind}, not 'key: value' lines")
    _check_size(meta)
    return {str(k): v for k, v in meta.items()}


# --- lenient reading: backslashes that start no escape --------------------
# Scrapers write raw backslashes into double-quoted values (``title: "A\智B"``),
# which YAML rejects.  The C loader's words for the two ways a backslash can
# start no escape: an unknown escape character, and \x, \u or \U without their
# hex digits (``"C:\users"``).  Single quotes have no escapes, so "quoted" here
# is always double-quoted.
_BAD_ESCAPE_CONTEXT = "while parsing a quoted scalar"
_BAD_ESCAPE_PROBLEMS = ("found unknown escape character", "did not find expected hexdecimal number")


def _is_bad_escape(exc: yaml.YAMLError) -> bool:
    return (str(getattr(exc, "context", "")) == _BAD_ESCAPE_CONTEXT
            and str(getattr(exc, "problem", "")) in _BAD_ESCAPE_PROBLEMS)


class _EscapeFinder(yaml.reader.Reader, yaml.scanner.Scanner):
    """PyYAML's own (pure-Python) tokenizer, run only to find where a backslash in a
    double-quoted scalar starts no escape; it decides what is inside double quotes
    (not a comment, a single-quoted, plain or block value), exactly as YAML does."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        self.found: list[tuple[int, int, int]] = []  # (backslash index, scalar start index, line)

    def scan_flow_scalar_non_spaces(self, double: bool, start_mark: yaml.Mark) -> list[str]:
        while True:
            try:
                return super().scan_flow_scalar_non_spaces(double, start_mark)
            except yaml.scanner.ScannerError as exc:
                problem = str(exc.problem or "")
                if not double or not problem.startswith(("found unknown escape character",
                                                         "expected escape sequence of")):
                    raise
                # The reader stands just after '\' or after '\x'/'\u'/'\U': find the backslash
                # and go on scanning from here (the scalar's value is not needed, only where).
                at = self.buffer.rindex("\\", 0, self.pointer)
                self.found.append((at, start_mark.index, self.line))

    def fetch_flow_collection_start(self, TokenClass: type[yaml.Token]) -> None:
        # Such a block is rejected anyway (_check_size), and this scanner's simple-key
        # bookkeeping is quadratic in the depth of '[[[[...' (60,000 deep: 27 s).
        if self.flow_level >= MAX_YAML_DEPTH:
            raise yaml.scanner.ScannerError(None, None, "nested too deeply", self.get_mark())
        super().fetch_flow_collection_start(TokenClass)

    def find(self) -> list[tuple[int, int, int]]:
        while not self.check_token(yaml.tokens.StreamEndToken):
            self.get_token()
        return self.found


def _load_lenient(block: str, exc: yaml.YAMLError) -> tuple[dict[str, Any], tuple[str, ...]] | None:
    """The front matter read with every backslash that starts no escape in a
    double-quoted value taken as written; None when it still cannot be read."""
    try:
        found = _EscapeFinder(block).find()
    except yaml.YAMLError:
        return None
    context = getattr(exc, "context_mark", None)
    # The first one must be in the scalar the C loader stopped at: both scanners agree.
    if not found or context is None or found[0][1] != context.index:
        return None
    parts, start = [], 0
    for at, _, _ in found:
        parts.append(block[start:at])
        parts.append("\\")
        start = at
    parts.append(block[start:])
    try:
        meta = _mapping(_HANDLER.load("".join(parts), Loader=_LOADER))
    except (yaml.YAMLError, _Bad, RecursionError, MemoryError, *_TAG_VALUE_ERRORS):
        return None
    line = found[0][2] + 2  # +2: the block starts on the line after the opening '---'
    if len(found) == 1:
        what = f"a backslash in a double-quoted value was kept as written (line {line})"
    else:
        what = f"{len(found)} backslashes in double-quoted values were kept as written (first at line {line})"
    return meta, ("front matter: read leniently: " + what,)


def _check_size(meta: Any) -> None:
    """Walk the loaded data with a budget, so aliases cannot expand without bound."""
    budget = MAX_YAML_NODES
    stack: list[tuple[Any, int]] = [(meta, 0)]
    while stack:
        node, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise _Bad("front matter: expands to too much data (a YAML alias bomb?)")
        if depth > MAX_YAML_DEPTH:
            raise _Bad("front matter: nested too deeply")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
            stack.extend((k, depth + 1) for k in node.keys())
        elif isinstance(node, (list, tuple)):
            stack.extend((v, depth + 1) for v in node)


_YAML_WORDS = (
    ("while scanning a quoted scalar", "unclosed quote"),
    ("while scanning a simple key", "a line that is not 'key: value'"),
    ("mapping values are not allowed", "a ':' inside a value (quote the value)"),
    ("exceeded maximum nesting depth", "nested too deeply"),
    ("cannot start any token", "a character YAML cannot start a value with (a tab?)"),
    ("could not determine a constructor for the tag", "unsupported YAML tag"),
    ("found undefined alias", "an alias (*name) with no anchor"),
    ("found duplicate anchor", "an anchor (&name) defined twice"),
    ("while parsing a flow sequence", "unclosed '['"),
    ("while parsing a flow mapping", "unclosed '{'"),
    ("while parsing a block mapping", "bad indentation"),
    ("while parsing a block collection", "bad indentation"),
)


def _yaml_reason(exc: yaml.YAMLError) -> str:
    context = str(getattr(exc, "context", "") or "")
    problem = str(getattr(exc, "problem", "") or "")
    what = next((words for key, words in _YAML_WORDS if key in context or key in problem), None)
    # An unclosed quote is reported where the file ends: name the line it opened on.
    marks = ("context_mark", "problem_mark") if what == "unclosed quote" else ("problem_mark", "context_mark")
    mark = getattr(exc, marks[0], None) or getattr(exc, marks[1], None)
    if what == "unsupported YAML tag":
        tag = re.search(r"'([^']*)'", problem)
        what = f"unsupported YAML tag {tag.group(1)}" if tag else what
    what = what or problem or context or "not valid YAML"
    if mark is not None:
        # +2: the block starts on the line after the opening '---'.
        return f"{what} at line {mark.line + 2}"
    return what


# --- fields ---------------------------------------------------------------

def _filename_parts(stem: str) -> tuple[date | None, str]:
    m = FILENAME_RE.match(stem)
    if not m:
        return None, stem
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), m[4]
    except ValueError:
        return None, m[4]


def _title_from_slug(slug: str) -> str:
    return _SPACE_RE.sub(" ", re.sub(r"[-_]+", " ", slug)).strip()


def _plain_text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, tuple)):
        return ""
    text = html.unescape(_TAG_RE.sub("", _scalar_text(value)))
    return _SPACE_RE.sub(" ", text).strip()


def _scalar_text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, tuple)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return _SPACE_RE.sub(" ", str(value)).strip()


def _string_list(*values: Any) -> tuple[str, ...]:
    out: dict[str, None] = {}

    def add(value: Any, depth: int = 0) -> None:
        if value is None or depth > 5:
            return
        if isinstance(value, (list, tuple)):
            for item in value:
                add(item, depth + 1)
        elif isinstance(value, dict):
            return
        elif isinstance(value, str):
            for word in value.split():  # Jekyll splits a string of tags on whitespace
                out.setdefault(word, None)
        else:
            text = _scalar_text(value)
            if text:
                out.setdefault(text, None)

    for v in values:
        add(v)
    return tuple(out)


def _source_url(meta: dict[str, Any]) -> str:
    for key in _URL_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and re.match(r"^\s*https?://", value, re.IGNORECASE):
            return value.strip()
    return ""


def _resolve_date(value: Any, file_date: date | None) -> tuple[str, int | None, str]:
    """(local ISO text, UTC seconds, source): the front matter's date, else the file name's,
    else undated ('', None, 'none').  Jekyll dates a draft by its file's time, but that is when
    it was last written or checked out, not the article's date: Lectern does not invent one."""
    parsed = _parse_date(value)
    if parsed is not None:
        return (*parsed, "front matter")
    if file_date is not None:
        dt = datetime(file_date.year, file_date.month, file_date.day, tzinfo=timezone.utc)
        return file_date.isoformat(), int(dt.timestamp()), "filename"
    return "", None, "none"


def _parse_date(value: Any) -> tuple[str, int] | None:
    """(local ISO text as written, UTC seconds) or None for a missing/invalid date."""
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        dt = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
        return value.isoformat(), int(dt.timestamp())
    if not isinstance(value, str) or not value.strip():
        return None
    m = _DATE_RE.match(value)
    if m:
        try:
            return _from_match(m)
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime  # here: 7 ms to import, for a date format few posts use

    try:  # RFC 2822, as feeds write it: "Thu, 16 Jul 2020 19:41:00 +0000"
        return _from_datetime(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return None


def _from_match(m: re.Match[str]) -> tuple[str, int]:
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    if m[4] is None:
        day = date(y, mo, d)
        return day.isoformat(), int(datetime(y, mo, d, tzinfo=timezone.utc).timestamp())
    micro = int((m[7] or "0")[:6].ljust(6, "0"))
    dt = datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6] or 0), micro)
    zone = m[8]
    if zone:
        dt = dt.replace(tzinfo=_zone(zone))
    return _from_datetime(dt)


def _zone(text: str) -> timezone:
    if text in ("Z", "z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        raise ValueError("offset out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _from_datetime(dt: datetime) -> tuple[str, int]:
    dt = dt.replace(microsecond=0)
    aware = dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)
    local = dt.isoformat()
    if dt.tzinfo is not None and dt.utcoffset() == timedelta(0):
        local = dt.replace(tzinfo=None).isoformat() + "Z"
    return local, int(aware.timestamp())


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _short(value: Any) -> str:
    text = json.dumps(_jsonable(value), ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
