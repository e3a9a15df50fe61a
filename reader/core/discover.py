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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from .postfile import FILENAME_RE, POST_EXTS

__all__ = ["Found", "Row", "scan", "scan_rows", "fingerprint", "iter_posts", "has_posts", "archive_root",
           "collections", "declared_collections", "starts_with_front_matter", "Tree", "SKIP_DIRS", "POST_FOLDERS"]

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
    token: str = ""  # from a git tree: the blob id of its bytes (its change token); "" from a folder

    @property
    def stem(self) -> str:
        """The file name without its extension: what names the post within its archive."""
        return os.path.splitext(self.rel.rsplit("/", 1)[-1])[0]


# A `Found` as a plain tuple of its fields, in order (`scan_rows`); a folder's rows leave `token` out.
Row = tuple


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
    return declared_collections(_FOLDER.config(os.fspath(root)))


def declared_collections(data: bytes | None) -> tuple[str, tuple[str, ...]]:
    """`collections` from the bytes of the config (None: there is none)."""
    if data is None:
        return "", ()
    if b"collections" not in data and b"\x00" not in data:  # UTF-16/32 text has NULs: read it
        return "", ()  # declares neither (the usual config): no YAML parser to load
    import yaml  # here: only a config that may declare collections needs it

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


def scan(root: str | os.PathLike[str]) -> list[Found]:
    """Every candidate post under `root`, sorted by path."""
    return [Found(*row) for row in scan_rows(root)]


def scan_rows(root: str | os.PathLike[str], tree: Tree | None = None) -> list[Row]:
    """`scan` as plain tuples of the fields of `Found`: an unchanged archive is known to be
    unchanged from these alone (`fingerprint`), without making a `Found` of every file.
    `tree`: where the entries come from (a git commit's tree: `reader.core.sources`); a folder by default."""
    rows = list(_iter_rows(root, tree or _FOLDER))
    rows.sort(key=_path)
    return rows


def fingerprint(rows: Iterable[Row]) -> str:
    """A digest of what a scan found (`scan_rows`: every field of every file, in that order):
    the same digest, the same files with the same sizes and times in the same places."""
    import hashlib
    import marshal

    return hashlib.sha1(marshal.dumps(list(rows), 2)).hexdigest()  # version 2: by value, never by reference


def has_posts(root: str | os.PathLike[str], tree: Tree | None = None) -> bool:
    """Whether `root` holds at least one candidate post (stops at the first)."""
    return next(_iter_rows(root, tree or _FOLDER), None) is not None


def iter_posts(root: str | os.PathLike[str]) -> Iterator[Found]:
    """Candidate posts under `root`, in no particular order."""
    for row in _iter_rows(root, _FOLDER):
        yield Found(*row)


class Tree:
    """Where a scan finds entries: a folder on disk (this class) or a git tree (`reader.core.sources`).
    Entries are `os.DirEntry` objects or look like them (name, path, is_dir, is_file, is_symlink,
    stat); `extra` gives what a row adds after `loose` (a git blob's id: `Found.token`)."""

    def listing(self, path: str) -> Iterator[os.DirEntry[str]]:
        """A folder's entries as the listing is read (`has_posts` stops at the first post: a folder
        of 100,000 posts is not listed whole on the window's thread); none if it cannot be read."""
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
                yield entry

    def config(self, root: str) -> bytes | None:
        """The bytes of ``_config.yml`` (or ``.yaml``), None when there is none."""
        for name in _CONFIG_NAMES:
            try:
                with open(os.path.join(root, name), "rb") as fh:
                    return fh.read(_CONFIG_MAX)
            except OSError:
                continue
        return None

    def starts_with_front_matter(self, entry: os.DirEntry[str]) -> bool:
        return starts_with_front_matter(entry.path)

    def extra(self, entry: os.DirEntry[str]) -> tuple[str, ...]:
        return ()


_FOLDER = Tree()


def _iter_rows(root: str | os.PathLike[str], tree: Tree) -> Iterator[Row]:
    """`iter_posts` as tuples.  Each folder is listed once, for its files and its subfolders
    alike: an unchanged archive of 5,685 posts is checked in about the time it takes to stat them."""
    root = os.path.abspath(os.fspath(root)) if tree is _FOLDER else os.fspath(root)
    real_root = os.path.realpath(root) if tree is _FOLDER else root
    kind = os.path.basename(root)
    if kind in POST_FOLDERS:  # the reader opened a posts folder itself
        yield from _post_folder(tree, root, real_root, "", (), kind)
        return
    base, names = declared_collections(tree.config(root))
    walker = _Walker(tree, real_root, frozenset(f"{base}/{n}" if base else n for n in names))
    entries = list(tree.listing(root))
    yield from walker.walk([e for e in entries if _enterable(e)], "", ())
    # The root's own files last: with no _posts anywhere, they are the posts (dated or not).
    yield from _files_in(tree, entries, real_root, "", (), "", False, loose=walker.saw_posts)


class _Walker:
    """Walks the archive outside the post folders: finds post folders and loose dated files."""

    def __init__(self, tree: Tree, real_root: str, collection_rels: frozenset[str]) -> None:
        self.tree = tree
        self.real_root = real_root
        self.collection_rels = collection_rels
        self.saw_posts = False

    def walk(self, subfolders: list[os.DirEntry[str]], rel: str, cats: tuple[str, ...]) -> Iterator[Row]:
        """Posts in the folders `subfolders` (of the folder at `rel`) and below them."""
        tree = self.tree
        for entry in sorted(subfolders, key=_name):
            name = entry.name
            child_rel = f"{rel}{name}/"
            if name in POST_FOLDERS or child_rel.rstrip("/") in self.collection_rels:
                self.saw_posts = self.saw_posts or name == "_posts"
                post_cats = cats if name in POST_FOLDERS else ()
                yield from _post_folder(tree, entry.path, self.real_root, child_rel, post_cats, name)
                continue
            # Loose dated posts keep their top-level folder as location and get no categories.
            location = (rel.split("/", 1)[0] if rel else name)
            inner: list[os.DirEntry[str]] = []
            yield from _files_in(tree, tree.listing(entry.path), self.real_root, child_rel, (), location, False,
                                 loose=True, subfolders=inner)
            child_cats = cats if name.startswith("_") else (*cats, name)
            yield from self.walk(inner, child_rel, child_cats)


_path = itemgetter(0)  # of a `Row`


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _enterable(entry: os.DirEntry[str]) -> bool:
    """A folder to enter (never hidden, machinery or symlinked ones)."""
    name = entry.name
    if name.startswith(".") or name in SKIP_DIRS:
        return False
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _post_folder(tree: Tree, path: str, real_root: str, rel: str, cats: tuple[str, ...],
                 location: str) -> Iterator[Row]:
    """A post folder: its posts, then those of every folder below it (which hold posts too)."""
    subfolders: list[os.DirEntry[str]] = []
    yield from _files_in(tree, tree.listing(path), real_root, rel, cats, location, location == "_drafts",
                         subfolders=subfolders)
    for entry in sorted(subfolders, key=_name):
        yield from _post_folder(tree, entry.path, real_root, f"{rel}{entry.name}/", cats, location)


def _files_in(tree: Tree, entries: Iterable[os.DirEntry[str]], real_root: str, rel: str, cats: tuple[str, ...],
              location: str, draft: bool, loose: bool = False,
              subfolders: list[os.DirEntry[str]] | None = None) -> Iterator[Row]:
    """Posts among one folder's entries.  `loose`: outside the post folders, where only dated
    names are taken (by their name alone).  `subfolders` receives the folders to enter."""
    for entry in entries:
        found = _candidate(tree, entry, real_root, rel, cats, location, draft, loose)
        if found is not None:
            yield found
        elif subfolders is not None and _enterable(entry):
            subfolders.append(entry)


def _candidate(tree: Tree, entry: os.DirEntry[str], real_root: str, rel: str, cats: tuple[str, ...],
               location: str, draft: bool, loose: bool) -> Row | None:
    name = entry.name
    dot = name.rfind(".")
    if dot <= 0 or name[0] == "." or name[dot:].lower() not in POST_EXTS:  # no post extension, or hidden
        return None
    dated = FILENAME_RE.match(name, 0, dot) is not None  # the name without its extension
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
    if not dated and not tree.starts_with_front_matter(entry):
        return None
    return (rel + name, st.st_size, st.st_mtime_ns, cats, draft, location, loose, *tree.extra(entry))


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
