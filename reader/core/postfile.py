"""What a post file is before it is read: the names taken as posts, and `Problem`.

Kept apart from `reader.core.posts` (which needs a YAML parser and dates) so that
listing an archive, a warm index and a search import nothing of the kind: a
`lectern-cli search` on an unchanged archive costs about as much as ``grep -rl``.
`reader.core.posts` gives the same names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MARKDOWN_EXTS", "HTML_EXTS", "POST_EXTS", "FILENAME_RE", "Problem"]

MARKDOWN_EXTS = frozenset({".md", ".markdown", ".mkd", ".mkdn"})
HTML_EXTS = frozenset({".html", ".htm"})
POST_EXTS = MARKDOWN_EXTS | HTML_EXTS

FILENAME_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.*)$")


@dataclass(frozen=True)
class Problem:
    """A file that looks like a post but cannot be read as one."""

    path: str
    reason: str
    recovered: bool = False  # the post is shown all the same: `reason` says what was read leniently
