"""What lectern-cli's commands share: the error they stop with, how they print, and how they open an
archive's index and marks, report an index, show a post and mark one (reader/core/cli.py for one
archive, reader/core/cli_library.py for the library).

Imports stay where they are used, as in cli.py: a warm `search` or `index` never imports a
parser, and `show` imports the index only for --json (tests/test_cli_speed.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import paths

TYPE_CHECKING = False  # not from typing, which costs every run a few ms to import
if TYPE_CHECKING:
    from typing import Any

    from .index import Index, ScanReport
    from .queries import Hit, Row
    from .state import StateStore

__all__ = ["CliError", "emit", "day", "marks_note", "open_index", "find_row", "open_state", "index_data",
           "index_text", "hit_json", "show_post", "set_marks", "marks_text", "relative_post"]


class CliError(Exception):
    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def emit(args: argparse.Namespace, data: dict[str, Any], human: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=None)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(human + ("\n" if human and not human.endswith("\n") else ""))


def day(date: str | None) -> str:
    """A post's day for the text output; 'undated' rather than an invented date (JSON says null)."""
    return date[:10] if date else "undated"


def marks_note(draft: bool, published: bool) -> str:
    return (" (draft)" if draft else "") + ("" if published else " (unpublished)")


def open_index(args: argparse.Namespace, root: Path) -> tuple[Index, ScanReport]:
    """The archive's index, brought up to date."""
    from .index import Index, cache_folder, remove_cache

    cache = paths.cache_dir(args.cache_dir)
    if getattr(args, "rebuild", False):
        remove_cache(cache_folder(root, cache))
    index = Index(root, cache)
    report = index.update(workers=args.workers)
    return index, report


def find_row(args: argparse.Namespace, root: Path, find: Callable[[Index], Row | None]) -> Row | None:
    """A post as the cache has it; the archive's metadata is read again only when it is not there."""
    from .index import Index

    with Index(root, paths.cache_dir(args.cache_dir)) as index:
        row = find(index)
        if row is None:
            index.refresh(workers=args.workers)
            row = find(index)
    return row


def open_state(args: argparse.Namespace, root: Path) -> StateStore:
    from .state import StateStore

    # an archive named from the library: its marks are the library's archive's, wherever it is now
    return StateStore(root, args.data_dir, adopt=getattr(args, "archive_id", None))


def index_data(args: argparse.Namespace, root: Path, index: Index, report: ScanReport,
                start: float) -> dict[str, Any]:
    """What `index` reports of one archive (closing `index`)."""
    with index:
        data: dict[str, Any] = {
            "root": str(root),
            "posts": report.posts,
            "files": report.files,
            "duplicates": report.duplicates,
            "locations": {loc: {"posts": posts, "files": files} for loc, (posts, files) in report.locations.items()},
            "added": report.added, "removed": report.removed, "moved": report.moved, "changed": report.changed,
            "problems": [{"path": p.path, "reason": p.reason} for p in report.problems if not p.recovered],
            "recovered": [{"path": p.path, "note": p.reason} for p in report.problems if p.recovered],
            "tags": index.label_counts("tag"),
            "categories": index.label_counts("category"),
            "authors": index.author_counts(),
            "seconds": round(time.perf_counter() - start, 3),
            "cache": report.cache,
        }
        if args.list:
            state = open_state(args, root)
            try:
                data["items"] = [post_item(r, state) for r in index.rows(index.query_ids(sort="date_desc"))]
            finally:
                state.close()
    return data


def post_item(row: Row, state: StateStore) -> dict[str, Any]:
    return {"path": row.path, "key": row.key, "location": row.location, "also_at": list(row.also_at),
            "title": row.title, "date": row.date or None, "tags": list(row.tags), "categories": list(row.categories),
            "author": row.author, "url": row.url, "draft": row.draft, "published": row.published,
            "read": state.is_read(row.key), "starred": state.is_starred(row.key)}


def index_text(data: dict[str, Any], report: ScanReport) -> str:
    places = ", ".join(f"{loc or '(top folder)'} {n['files']}" for loc, n in data["locations"].items())
    lines = [
        f"{data['root']}",
        f"  {data['posts']} posts in {data['files']} files ({data['duplicates']} duplicates; {places}), "
        f"{len(data['problems'])} problems, {len(data['tags'])} tags, "
        f"{len(data['categories'])} categories, {len(data['authors'])} authors",
        f"  {data['seconds']:.2f} s ({data['cache']} cache: {report.added} added, {report.changed} changed, "
        f"{report.moved} moved, {report.removed} removed)",
    ]
    lines += [f"  problem: {p['path']}: {p['reason']}" for p in data["problems"]]
    lines += [f"  read leniently: {p['path']}: {p['note']}" for p in data["recovered"]]
    for item in data.get("items", []):
        also = f" (also at {', '.join(item['also_at'])})" if item["also_at"] else ""
        lines.append(f"{day(item['date']):10}  {item['title']}{marks_note(item['draft'], item['published'])}  "
                     f"[{item['path']}]{also}")
    return "\n".join(lines)


def hit_json(h: Hit) -> dict[str, Any]:
    return {"path": h.row.path, "title": h.row.title, "date": h.row.date or None,
            "draft": h.row.draft, "published": h.row.published, "snippet": h.snippet,
            "highlights": [list(s) for s in h.highlights]}


def show_post(args: argparse.Namespace, root: Path, rel: str) -> int:
    import_cleaner()
    from .article import load_article
    from .postfile import Problem

    article = load_article(root, rel)
    if isinstance(article, Problem):
        raise CliError(f"{rel}: cannot be read: {article.reason}")
    post = article.post
    body = article.text() if args.text else article.html
    data: dict[str, Any] = {"path": rel, "title": post.title, "date": post.date or None, "author": post.author,
                            "published": post.published,
                            "url": post.url, "tags": list(post.tags), "categories": list(post.categories),
                            "remote_images": list(article.cleaned.remote_images),
                            ("text" if args.text else "html"): body}
    if args.json:  # what the index and the reader's marks say of it
        row = find_row(args, root, lambda index: index.row_by_path(rel))
        if row is not None:
            state = open_state(args, root)
            try:
                data.update(key=row.key, location=row.location, draft=row.draft,
                            also_at=[p for p in (row.path, *row.also_at) if p != rel],
                            read=state.is_read(row.key), starred=state.is_starred(row.key))
            finally:
                state.close()
    emit(args, data, body)
    return 0


def set_marks(args: argparse.Namespace, root: Path, row: Row) -> dict[str, Any]:
    """Mark `row` of the archive at `root` as the flags say; what its marks are now."""
    state = open_state(args, root)
    try:
        if args.read or args.unread:
            state.set_read(row.key, args.read)
        if args.star or args.unstar:
            state.set_starred(row.key, args.star)
        data = {"path": row.path, "key": row.key, "read": state.is_read(row.key), "starred": state.is_starred(row.key)}
    finally:
        state.close()
    return data


def marks_text(data: dict[str, Any]) -> str:
    return f"{data['key']}: {'read' if data['read'] else 'unread'}{', starred' if data['starred'] else ''}"


def import_cleaner() -> None:
    """Import BeautifulSoup without soupsieve, its CSS selector engine: Lectern selects nothing
    with CSS, and soupsieve compiles its grammar at import, some 50 ms of every `show` (a third
    of it).  Only this process's bs4 goes without; a later `import soupsieve` works as usual."""
    if "bs4" in sys.modules or "soupsieve" in sys.modules:
        return
    import importlib
    import warnings

    sys.modules["soupsieve"] = None  # type: ignore[assignment]  # `import soupsieve` raises ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4 warns that CSS selectors cannot be used
            importlib.import_module("bs4")
    except ImportError:  # a bs4 that cannot do without it: import both as usual
        pass
    finally:
        del sys.modules["soupsieve"]


def relative_post(root: Path, post: str) -> str:
    candidate = Path(post).expanduser()
    if not candidate.is_absolute():
        candidate = root / candidate
    try:
        rel = candidate.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        raise CliError(f"{post} is not inside the archive {root}") from None
    if not _is_entry(root, rel, candidate):
        raise CliError(f"no such post: {post}")
    return rel


def _is_entry(root: Path, rel: str, candidate: Path) -> bool:
    """Whether the archive holds a file at `rel` (a git archive has no files on disk: asked of its tree)."""
    from .postfile import Problem
    from .sources import open_source

    source = open_source(root)
    return candidate.is_file() if source.kind == "folder" else not isinstance(source.read(rel), Problem)
