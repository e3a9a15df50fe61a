"""Which files under a folder are posts, the Jekyll way.

* The archive root is the folder the reader gave.  Posts are files with a post
  extension (.md .markdown .mkd .mkdn .html .htm) inside any ``_posts``
  folder at any depth, and inside ``_drafts`` folders (flagged as drafts).
  When the root has no ``_posts`` folder anywhere, the root itself is taken
  as the posts folder (its files, not its subfolders).
* The folders above a ``_posts`` folder are categories, as in Jekyll
  (``world/asia/_posts/x.md`` is in ``world`` and ``asia``).
* A file with a post extension whose name has no ``YYYY-MM-DD-`` date and
  that does not start with front matter (``---``) is not a post: a README
  inside ``_posts`` is skipped, as Jekyll skips it.  Anything else is a
  candidate; `reader.core.posts` then reads it into a Post or a Problem.
* Never entered: hidden folders (``.git`` ...), ``_site``, ``node_modules``,
  ``vendor``; symlinked folders are never followed; a symlinked file is read
  only when it resolves inside the archive.

Scanning only stats: it reads no file except the first bytes of an undated one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .posts import FILENAME_RE, POST_EXTS

__all__ = ["Found", "scan", "iter_posts", "has_posts", "archive_root", "SKIP_DIRS"]

SKIP_DIRS = frozenset({"_site", "node_modules", "vendor", ".git", ".jekyll-cache",
                       ".sass-cache", ".bundle", "__pycache__"})


@dataclass(frozen=True)
class Found:
    """A candidate post file and what its place in the tree says about it."""

    rel: str  # '/'-separated, relative to the archive root
    size: int
    mtime_ns: int
    categories: tuple[str, ...] = ()
    draft: bool = False


def archive_root(path: str | os.PathLike[str]) -> tuple[Path, str | None]:
    """(archive root, the post to show or None) for what the reader asked to open.

    A folder is its own archive root; a single post file opens the archive it
    belongs to: the folder holding its ``_posts`` (or ``_drafts``) folder, or
    its own folder when it is in none.
    """
    p = Path(path).expanduser().absolute()
    if p.is_dir():
        return p, None
    folder = p.parent
    for ancestor in [folder, *folder.parents]:
        if ancestor.name in ("_posts", "_drafts"):
            root = ancestor.parent
            return root, p.relative_to(root).as_posix()
    return folder, p.name


def scan(root: str | os.PathLike[str]) -> list[Found]:
    """Every candidate post under `root`, sorted by path."""
    return sorted(iter_posts(root), key=lambda f: f.rel)


def has_posts(root: str | os.PathLike[str]) -> bool:
    """Whether `root` holds at least one candidate post (stops at the first)."""
    return next(iter_posts(root), None) is not None


def iter_posts(root: str | os.PathLike[str]) -> Iterator[Found]:
    """Candidate posts under `root`, in no particular order."""
    root = os.path.abspath(os.fspath(root))
    real_root = os.path.realpath(root)
    kind = os.path.basename(root)
    if kind in ("_posts", "_drafts"):  # the reader opened a posts folder itself
        yield from _files_in(root, real_root, "", (), kind == "_drafts")
        yield from _walk(root, real_root, "", (), kind, [False])
        return
    saw_posts = [False]
    yield from _walk(root, real_root, "", (), None, saw_posts)
    if not saw_posts[0]:  # no _posts anywhere: the folder itself holds the posts
        yield from _files_in(root, real_root, "", (), False)


def _walk(path: str, real_root: str, rel: str, cats: tuple[str, ...], kind: str | None,
          saw_posts: list[bool]) -> Iterator[Found]:
    """Posts below `path`; sets saw_posts[0] when a _posts folder is met."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
        except OSError:
            continue
        if name.startswith(".") or name in SKIP_DIRS:
            continue
        child_rel = f"{rel}{name}/"
        if kind is not None:  # inside _posts/_drafts: subfolders hold posts too
            yield from _files_in(entry.path, real_root, child_rel, cats, kind == "_drafts")
            yield from _walk(entry.path, real_root, child_rel, cats, kind, saw_posts)
        elif name in ("_posts", "_drafts"):
            saw_posts[0] = saw_posts[0] or name == "_posts"
            yield from _files_in(entry.path, real_root, child_rel, cats, name == "_drafts")
            yield from _walk(entry.path, real_root, child_rel, cats, name, saw_posts)
        else:
            child_cats = cats if name.startswith("_") else (*cats, name)
            yield from _walk(entry.path, real_root, child_rel, child_cats, None, saw_posts)


def _files_in(path: str, real_root: str, rel: str, cats: tuple[str, ...], draft: bool) -> Iterator[Found]:
    """Posts in one folder, as the listing is read (`has_posts` stops at the first: a
    folder of 100,000 posts is not listed whole on the window's thread)."""
    try:
        listing = os.scandir(path)
    except OSError:
        return
    with listing:
        while True:
            try:
                entry = next(listing)
            except StopIteration:
                return
            except OSError:  # the folder went away while it was read
                return
            found = _candidate(entry, real_root, rel, cats, draft)
            if found is not None:
                yield found


def _candidate(entry: os.DirEntry[str], real_root: str, rel: str, cats: tuple[str, ...],
               draft: bool) -> Found | None:
    name = entry.name
    if name.startswith("."):
        return None
    ext = os.path.splitext(name)[1].lower()
    if ext not in POST_EXTS:
        return None
    try:
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not _inside(target, real_root) or not os.path.isfile(target):
                return None
            st = os.stat(target)
        elif entry.is_file(follow_symlinks=False):
            st = entry.stat(follow_symlinks=False)
        else:
            return None
    except OSError:
        return None
    stem = os.path.splitext(name)[0]
    if not FILENAME_RE.match(stem) and not _starts_with_front_matter(entry.path):
        return None
    return Found(rel + name, st.st_size, st.st_mtime_ns, cats, draft)


def _inside(target: str, real_root: str) -> bool:
    return target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)


def _starts_with_front_matter(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return True  # let the reader report why it cannot be read
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
    return head.replace(b"\x00", b"").startswith(b"---")
