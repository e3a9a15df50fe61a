"""Which files under a folder are posts: every article the archive holds, the Jekyll way and beyond.

* The archive root is the folder the reader gave.  Posts are files with a post
  extension (.md .markdown .mkd .mkdn .html .htm) inside any ``_posts``
  folder at any depth, inside ``_drafts`` folders (flagged as drafts), and
  inside the collections ``_config.yml`` declares (``collections:`` as a
  list or a mapping, under ``collections_dir`` when it is set; the file is
  read as YAML, no Ruby runs).  The location of such a post is the folder's
  name: ``_posts``, ``_drafts``, ``_NAME``.
* Anywhere else in the archive, a file named ``YYYY-MM-DD-slug.EXT`` is a
  post too when it starts with front matter: the NodeBE4 archives move posts
  older than a few months to ``archived/YYYY-MM-DD/``, where Jekyll no longer
  shows them but their readers want them most.  Its location is the
  top-level folder it sits in (``archived``), or ``""`` at the root.  The
  scan only stats such a file (`Found.loose`); whether it starts with front
  matter is checked when it is read (`reader.core.workers`), and one that
  does not is listed as not being a post, with that reason.
* The folders above a ``_posts`` folder are categories, as in Jekyll
  (``world/asia/_posts/x.md`` is in ``world`` and ``asia``); other
  locations give no categories.
* A file with a post extension whose name has no ``YYYY-MM-DD-`` date and
  that does not start with front matter (``---``) is not a post: a README
  inside ``_posts`` is skipped, as Jekyll skips it.  Undated files outside
  the post folders (``about.md``, ``index.html``) are pages, never posts.
* When the root has no ``_posts`` folder anywhere, the root itself is taken
  as the posts folder (its files, dated or not).
* Never entered: hidden folders (``.git`` ...), Jekyll's machinery
  (``_layouts``, ``_includes``, ``_sass``, ``_data``, ``_site``, ``assets``),
  ``node_modules``, ``vendor``; symlinked folders are never followed; a
  symlinked file is read only when it resolves inside the archive.

Scanning only stats: it reads no file except ``_config.yml`` and the first
bytes of an undated file in a post folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .posts import FILENAME_RE, POST_EXTS

__all__ = ["Found", "scan", "iter_posts", "has_posts", "archive_root", "collections", "starts_with_front_matter",
           "SKIP_DIRS", "POST_FOLDERS"]

SKIP_DIRS = frozenset({"_site", "_layouts", "_includes", "_sass", "_data", "assets", "node_modules", "vendor",
                       ".git", ".jekyll-cache", ".sass-cache", ".bundle", "__pycache__"})
POST_FOLDERS = ("_posts", "_drafts")
_CONFIG_NAMES = ("_config.yml", "_config.yaml")
_CONFIG_MAX = 1024 * 1024


@dataclass(frozen=True)
class Found:
    """A candidate post file and what its place in the tree says about it."""

    rel: str  # '/'-separated, relative to the archive root
    size: int
    mtime_ns: int
    categories: tuple[str, ...] = ()
    draft: bool = False
    location: str = "_posts"  # '_posts', '_drafts', a collection's '_NAME', a top folder ('archived'), or ''
    loose: bool = False  # found by its dated name outside the post folders: a post only if it has front matter

    @property
    def stem(self) -> str:
        """The file name without its extension: what names the post within its archive."""
        return os.path.splitext(self.rel.rsplit("/", 1)[-1])[0]


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
        if ancestor.name in POST_FOLDERS:
            root = ancestor.parent
            return root, p.relative_to(root).as_posix()
    return folder, p.name


def collections(root: str | os.PathLike[str]) -> tuple[str, tuple[str, ...]]:
    """(collections_dir, the collection folder names ``_NAME``) that ``_config.yml`` declares.

    An unreadable or odd config declares nothing (the site builds without it too)."""
    for name in _CONFIG_NAMES:
        path = os.path.join(root, name)
        try:
            with open(path, "rb") as fh:
                data = fh.read(_CONFIG_MAX)
        except OSError:
            continue
        try:
            config = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, ValueError, TypeError, RecursionError):
            return "", ()
        if not isinstance(config, dict):
            return "", ()
        folder = config.get("collections_dir")
        folder = folder.strip("/") if isinstance(folder, str) and ".." not in folder else ""
        declared = config.get("collections")
        names = list(declared) if isinstance(declared, (dict, list)) else []
        found = tuple(f"_{n}" for n in names if isinstance(n, str) and n and "/" not in n
                      and f"_{n}" not in POST_FOLDERS)
        return folder, found
    return "", ()


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
    if kind in POST_FOLDERS:  # the reader opened a posts folder itself
        yield from _files_in(root, real_root, "", (), kind, kind == "_drafts")
        yield from _walk_posts(root, real_root, "", (), kind)
        return
    base, names = collections(root)
    walker = _Walker(real_root, frozenset(f"{base}/{n}" if base else n for n in names))
    yield from walker.walk(root, "", ())
    # The root's own files last: with no _posts anywhere, they are the posts (dated or not).
    yield from _files_in(root, real_root, "", (), "", False, loose=walker.saw_posts)


class _Walker:
    """Walks the archive outside the post folders: finds post folders and loose dated files."""

    def __init__(self, real_root: str, collection_rels: frozenset[str]) -> None:
        self.real_root = real_root
        self.collection_rels = collection_rels
        self.saw_posts = False

    def walk(self, path: str, rel: str, cats: tuple[str, ...]) -> Iterator[Found]:
        for entry in _subfolders(path):
            name = entry.name
            child_rel = f"{rel}{name}/"
            if name in POST_FOLDERS or child_rel.rstrip("/") in self.collection_rels:
                self.saw_posts = self.saw_posts or name == "_posts"
                draft = name == "_drafts"
                location = name
                post_cats = cats if name in POST_FOLDERS else ()
                yield from _files_in(entry.path, self.real_root, child_rel, post_cats, location, draft)
                yield from _walk_posts(entry.path, self.real_root, child_rel, post_cats, location)
                continue
            # Loose dated posts keep their top-level folder as location and get no categories.
            location = (rel.split("/", 1)[0] if rel else name)
            yield from _files_in(entry.path, self.real_root, child_rel, (), location, False, loose=True)
            child_cats = cats if name.startswith("_") else (*cats, name)
            yield from self.walk(entry.path, child_rel, child_cats)


def _subfolders(path: str) -> list[os.DirEntry[str]]:
    """The folders to enter below `path`, by name (never hidden, machinery or symlinked ones)."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return []
    out = []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in SKIP_DIRS:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                out.append(entry)
        except OSError:
            continue
    return out


def _walk_posts(path: str, real_root: str, rel: str, cats: tuple[str, ...], location: str) -> Iterator[Found]:
    """Inside a post folder: every subfolder holds posts too."""
    for entry in _subfolders(path):
        child_rel = f"{rel}{entry.name}/"
        yield from _files_in(entry.path, real_root, child_rel, cats, location, location == "_drafts")
        yield from _walk_posts(entry.path, real_root, child_rel, cats, location)


def _files_in(path: str, real_root: str, rel: str, cats: tuple[str, ...], location: str, draft: bool,
              loose: bool = False) -> Iterator[Found]:
    """Posts in one folder, as the listing is read (`has_posts` stops at the first: a
    folder of 100,000 posts is not listed whole on the window's thread).  `loose`:
    outside the post folders, where only dated names are taken (by their name alone)."""
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
            found = _candidate(entry, real_root, rel, cats, location, draft, loose)
            if found is not None:
                yield found


def _candidate(entry: os.DirEntry[str], real_root: str, rel: str, cats: tuple[str, ...], location: str,
               draft: bool, loose: bool) -> Found | None:
    name = entry.name
    if name.startswith("."):
        return None
    stem, ext = os.path.splitext(name)
    if ext.lower() not in POST_EXTS:
        return None
    dated = FILENAME_RE.match(stem) is not None
    if loose and not dated:
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
    if not dated and not starts_with_front_matter(entry.path):
        return None
    return Found(rel + name, st.st_size, st.st_mtime_ns, cats, draft, location, loose)


def _inside(target: str, real_root: str) -> bool:
    return target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)


def starts_with_front_matter(path_or_head: str | bytes) -> bool:
    """Whether a file (a path, or its first bytes) starts with a ``---`` line, after any byte order mark."""
    if isinstance(path_or_head, bytes):
        head = path_or_head[:8]
    else:
        try:
            with open(path_or_head, "rb") as fh:
                head = fh.read(8)
        except OSError:
            return True  # let the reader report why it cannot be read
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
    return head.replace(b"\x00", b"").startswith(b"---")
