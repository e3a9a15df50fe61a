"""The search language, and how a query becomes SQL over the index.

Syntax (all parts combine with AND)::

    word            posts containing the word (a substring: Chinese has no spaces)
    "exact phrase"  posts containing the phrase as written
    -word -"phrase" posts NOT containing it
    tag:X category:X author:X    metadata filters (quote values with spaces: tag:"New York";
                                 prefix with - to exclude: -tag:X)
    archive:NAME    in a library, posts of that archive only (-archive:NAME: of the others)
    before:YYYY-MM-DD after:YYYY-MM-DD   dates (before is exclusive, after inclusive)

Matching ignores case and the Simplified/Traditional difference (习近平 finds
習近平: the text is indexed folded to one script, and so is the query).
SQLite's trigram tokenizer indexes 3-character sequences, and MATCH silently
drops a shorter term, which would return wrong results: so a term of 3+
characters goes through MATCH (the AND of its trigrams, confirmed with LIKE),
and a shorter one (普京, AI) through the OR of the indexed trigrams starting
with it (exact; from the vocabulary), or, when there are too many (的), LIKE
on the stored text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from .hanzi import fold

__all__ = ["Query", "QuerySyntaxError", "parse_query", "TextSql", "text_sql", "like_pattern",
           "FIELDS", "MIN_MATCH_CHARS"]

MIN_MATCH_CHARS = 3
FIELDS = ("tag", "category", "author", "archive", "before", "after")  # archive: a library's (reader.core.libindex)
_ALIASES = {"tags": "tag", "cat": "category", "categories": "category", "by": "author"}


class QuerySyntaxError(ValueError):
    """A query the reader should rewrite; the message says how."""


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...] = ()  # words and phrases that must appear
    excluded: tuple[str, ...] = ()  # words and phrases that must not
    fields: tuple[tuple[str, str, bool], ...] = ()  # (tag|category|author|archive, value, negated)
    before: int | None = None  # UTC seconds, exclusive
    after: int | None = None  # UTC seconds, inclusive

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.excluded)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.excluded or self.fields or self.before is not None
                    or self.after is not None)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN_RE = re.compile(r'\s*(-?)(?:([A-Za-z]+):)?("([^"]*)("?)|[^\s"]*)')


def parse_query(text: str) -> Query:
    """Parse the search box's text; raise QuerySyntaxError with a readable message."""
    terms: list[str] = []
    excluded: list[str] = []
    fields: list[tuple[str, str, bool]] = []
    before = after = None
    pos = 0
    text = _CONTROL.sub("", text).strip()  # a NUL would end an FTS5 string early; no control char is text
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None or m.end() == pos:  # a lone quote or similar
            raise QuerySyntaxError(f"cannot read the query at character {pos + 1}")
        pos = m.end()
        negated, name, raw, quoted, closing = m.group(1) == "-", m.group(2), m.group(3), m.group(4), m.group(5)
        if quoted is not None and closing != '"':
            raise QuerySyntaxError('a phrase is missing its closing quote (")')
        value = quoted if quoted is not None else raw
        field = _ALIASES.get(name.lower(), name.lower()) if name else None
        if name and field not in FIELDS:
            # Not a field (say, "http://x" or "10:30"): the whole token is a word.
            value, field = f"{name}:{value}", None
        if field is None:
            value = value.strip()
            if not value:
                if quoted is not None:
                    continue  # "" means nothing
                raise QuerySyntaxError("a '-' must be followed by a word to exclude")
            (excluded if negated else terms).append(value.lower())
            continue
        if not value.strip():
            raise QuerySyntaxError(f"{field}: needs a value, e.g. {field}:{_EXAMPLES[field]}")
        if field in ("before", "after"):
            if negated:
                raise QuerySyntaxError(f"-{field}: is not supported; use {'after' if field == 'before' else 'before'}: instead")
            stamp = _parse_day(field, value.strip())
            if field == "before":
                before = stamp if before is None else min(before, stamp)
            else:
                after = stamp if after is None else max(after, stamp)
        else:
            fields.append((field, value.strip(), negated))
    return Query(tuple(_dedupe(terms)), tuple(_dedupe(excluded)), tuple(fields), before, after)


_EXAMPLES = {"tag": "泡泡", "category": "news", "author": "Huli", "archive": "oped", "before": "2020-01-31", "after": "2019-06-01"}


def _parse_day(field: str, value: str) -> int:
    """Start of the day (or month, or year) as UTC seconds."""
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            day = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return int(day.replace(tzinfo=timezone.utc).timestamp())
    raise QuerySyntaxError(f"{field}: wants a date like {field}:{_EXAMPLES[field]}, not '{value}'")


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- SQL ------------------------------------------------------------------

def like_pattern(term: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') finding `term` anywhere."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class TextSql:
    """The text part of a query for one shard: `docs AS d`, and its FTS table for MATCH."""

    match: str | None  # an FTS5 MATCH expression narrowing the candidates, or None (scan)
    where: str  # conditions on d.title / d.body that decide ('' when there is no text term)
    params: tuple[object, ...]  # for `where`, in order


def _one_trigram(term: str) -> bool:
    """A 3-character term is one trigram: its MATCH is the answer, no text need be read (unless a
    letter of it has case beyond ASCII: the tokenizer folds that case, LIKE does not)."""
    return len(term) == MIN_MATCH_CHARS and all(c.isascii() or c.lower() == c.upper() for c in term)


def text_sql(query: Query, expansions: Mapping[str, Sequence[str]] | None = None) -> TextSql:
    """How to find the posts whose title or text match the query's words.

    The shards index trigrams without positions (``detail=none``), so MATCH
    gets the AND of each long term's trigrams, a cheap superset; LIKE on the
    stored text then decides, for every term longer than a trigram or too
    short for one, and for the excluded ones (a 3-character term is its own
    trigram: MATCH decides it, and no text is read).  LIKE ignores ASCII case, as the trigram tokenizer does;
    terms are folded to the script the shards store (`hanzi.fold`).

    `expansions` maps a short (1-2 character, folded) term to every trigram of
    the shard that starts with it (from its vocabulary).  The indexed values
    end with `fulltext.END`, so each occurrence of the term starts one of them:
    their OR through MATCH is then exact, and the text is not read at all.  A
    short term without an expansion (too many trigrams) is scanned with LIKE.
    """
    expansions = expansions or {}
    terms = [fold(t) for t in query.terms]
    excluded = [fold(t) for t in query.excluded]
    trigrams: dict[str, None] = {}
    groups: list[str] = []
    for term in terms:
        if len(term) >= MIN_MATCH_CHARS:
            for i in range(len(term) - MIN_MATCH_CHARS + 1):
                trigrams.setdefault(term[i:i + MIN_MATCH_CHARS], None)
        elif term in expansions:
            if not expansions[term]:  # no trigram starts with it: no post of this shard has it
                return TextSql(None, "0", ())
            groups.append("(" + " OR ".join(_fts_string(t) for t in expansions[term]) + ")")
    match = " AND ".join([_fts_string(t) for t in trigrams] + groups) or None
    where: list[str] = []
    params: list[object] = []
    decided = [t for t in terms if (t in expansions and len(t) < MIN_MATCH_CHARS) or _one_trigram(t)]
    for term, negated in [(t, False) for t in terms if t not in decided] + [(t, True) for t in excluded]:
        cond = "(d.title LIKE ? ESCAPE '\\' OR d.body LIKE ? ESCAPE '\\')"
        where.append(f"NOT {cond}" if negated else cond)
        params += [like_pattern(term)] * 2
    return TextSql(match, " AND ".join(where), tuple(params))
