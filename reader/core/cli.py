"""lectern-cli: index, search, show and mark posts of an archive from the command line.

Every command takes ``--json`` for a stable machine-readable answer, and
``--cache-dir`` / ``--data-dir`` (or LECTERN_CACHE_DIR / LECTERN_DATA_DIR).
Exit status: 0 done, 1 nothing to show (no such folder or post, a post that
cannot be read), 2 a usage or query error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import paths
from .article import load_article
from .discover import archive_root
from .index import Index, ScanReport, cache_folder, remove_cache
from .posts import Problem
from .queries import SORTS, Row
from .search import QuerySyntaxError
from .state import StateStore

__all__ = ["main"]


class CliError(Exception):
    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except CliError as exc:
        print(f"lectern-cli: {exc}", file=sys.stderr)
        return exc.status
    except QuerySyntaxError as exc:
        print(f"lectern-cli: search: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `lectern-cli ... | head`
        return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON object")
    common.add_argument("--cache-dir", help="index cache folder (default: $LECTERN_CACHE_DIR or the user cache dir)")
    common.add_argument("--data-dir", help="reader data folder (default: $LECTERN_DATA_DIR or the user data dir)")
    common.add_argument("--workers", type=int, default=None, help="worker processes for indexing (default: all cores)")

    parser = argparse.ArgumentParser(prog="lectern-cli", description="Read a Jekyll post archive from the command line.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("index", parents=[common], help="index an archive and report what was found")
    p.add_argument("path", help="archive root, a _posts folder, or any folder holding posts")
    p.add_argument("--list", action="store_true", help="also list every post")
    p.add_argument("--rebuild", action="store_true", help="throw the cache away and index from scratch")
    p.set_defaults(run=_cmd_index)

    p = sub.add_parser("search", parents=[common], help="find posts (words, \"phrases\", -exclude, tag:, "
                                                        "category:, author:, before:, after:)")
    p.add_argument("path")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50, help="results to print (default 50)")
    p.add_argument("--sort", choices=SORTS, default=None, help="default: relevance with words, else newest first")
    p.set_defaults(run=_cmd_search)

    p = sub.add_parser("show", parents=[common], help="print a post's cleaned HTML (or --text)")
    p.add_argument("path")
    p.add_argument("post", help="the post's path relative to the archive root, or absolute")
    p.add_argument("--text", action="store_true", help="plain text instead of HTML")
    p.set_defaults(run=_cmd_show)

    p = sub.add_parser("mark", parents=[common], help="mark a post read, unread, starred or not")
    p.add_argument("path")
    p.add_argument("post", help="the post: a file's path (relative to the archive or absolute) or its key")
    for flag, what in (("--read", "read"), ("--unread", "unread"), ("--star", "starred"),
                       ("--unstar", "not starred")):
        p.add_argument(flag, action="store_true", help=f"mark it {what}")
    p.set_defaults(run=_cmd_mark)
    return parser


def _root(path: str) -> Path:
    p = Path(path).expanduser()
    if not p.exists():
        raise CliError(f"no such folder: {path}")
    if not p.is_dir():
        raise CliError(f"not a folder: {path}")
    return archive_root(p)[0]


def _open_index(args: argparse.Namespace, root: Path) -> tuple[Index, ScanReport]:
    """The archive's index, brought up to date."""
    cache = paths.cache_dir(args.cache_dir)
    if getattr(args, "rebuild", False):
        remove_cache(cache_folder(root, cache))
    index = Index(root, cache)
    report = index.update(workers=args.workers)
    return index, report


def _find_row(args: argparse.Namespace, root: Path, find: Callable[[Index], Row | None]) -> Row | None:
    """A post as the cache has it; the archive's metadata is read again only when it is not there."""
    with Index(root, paths.cache_dir(args.cache_dir)) as index:
        row = find(index)
        if row is None:
            index.refresh(workers=args.workers)
            row = find(index)
    return row


def _emit(args: argparse.Namespace, data: dict[str, Any], human: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=None)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(human + ("\n" if human and not human.endswith("\n") else ""))


# --- index ------------------------------------------------------------------------

def _cmd_index(args: argparse.Namespace) -> int:
    root = _root(args.path)
    start = time.perf_counter()
    index, report = _open_index(args, root)
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
            state = StateStore(root, args.data_dir)
            try:
                data["items"] = [_item(r, state) for r in index.rows(index.query_ids(sort="date_desc"))]
            finally:
                state.close()
    _emit(args, data, _index_text(data, report))
    return 0


def _item(row: Row, state: StateStore) -> dict[str, Any]:
    return {"path": row.path, "key": row.key, "location": row.location, "also_at": list(row.also_at),
            "title": row.title, "date": row.date, "tags": list(row.tags), "categories": list(row.categories),
            "author": row.author, "url": row.url, "draft": row.draft, "published": row.published,
            "read": state.is_read(row.key), "starred": state.is_starred(row.key)}


def _index_text(data: dict[str, Any], report: ScanReport) -> str:
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
        lines.append(f"{item['date'][:10]:10}  {item['title']}  [{item['path']}]{also}")
    return "\n".join(lines)


# --- search -----------------------------------------------------------------------

def _cmd_search(args: argparse.Namespace) -> int:
    root = _root(args.path)
    index, _report = _open_index(args, root)
    with index:
        result = index.search(args.query, sort=args.sort, limit=max(0, args.limit))
    data = {
        "query": result.query,
        "total": result.total,
        "results": [{"path": h.row.path, "title": h.row.title, "date": h.row.date, "snippet": h.snippet,
                     "highlights": [list(s) for s in h.highlights]} for h in result.hits],
    }
    lines = [f"{result.total} posts match {result.query!r}"]
    for h in result.hits:
        lines.append(f"{h.row.date[:10]:10}  {h.row.title}  [{h.row.path}]")
        if h.snippet:
            lines.append(f"            {h.snippet}")
    _emit(args, data, "\n".join(lines))
    return 0


# --- show ---------------------------------------------------------------------------

def _cmd_show(args: argparse.Namespace) -> int:
    root = _root(args.path)
    rel = _relative_post(root, args.post)
    article = load_article(root, rel)
    if isinstance(article, Problem):
        raise CliError(f"{rel}: cannot be read: {article.reason}")
    post = article.post
    body = article.text() if args.text else article.html
    data: dict[str, Any] = {"path": rel, "title": post.title, "date": post.date, "author": post.author,
                            "url": post.url, "tags": list(post.tags), "categories": list(post.categories),
                            "remote_images": list(article.cleaned.remote_images),
                            ("text" if args.text else "html"): body}
    if args.json:  # what the index and the reader's marks say of it
        row = _find_row(args, root, lambda index: index.row_by_path(rel))
        if row is not None:
            state = StateStore(root, args.data_dir)
            try:
                data.update(key=row.key, location=row.location,
                            also_at=[p for p in (row.path, *row.also_at) if p != rel],
                            read=state.is_read(row.key), starred=state.is_starred(row.key))
            finally:
                state.close()
    _emit(args, data, body)
    return 0


# --- mark -----------------------------------------------------------------------------

def _cmd_mark(args: argparse.Namespace) -> int:
    flags = {"read": args.read, "unread": args.unread, "star": args.star, "unstar": args.unstar}
    if not any(flags.values()) or (args.read and args.unread) or (args.star and args.unstar):
        raise CliError("mark: say --read or --unread, and/or --star or --unstar", 2)
    root = _root(args.path)
    named = root / args.post if not Path(args.post).is_absolute() else Path(args.post)
    rel = _relative_post(root, args.post) if named.is_file() else None  # a file's path, else a key
    row = _find_row(args, root, lambda index: index.row_by_path(rel) if rel else index.row_by_key(args.post))
    if row is None:
        raise CliError(f"no such post: {args.post}")
    state = StateStore(root, args.data_dir)
    try:
        if args.read or args.unread:
            state.set_read(row.key, args.read)
        if args.star or args.unstar:
            state.set_starred(row.key, args.star)
        data = {"path": row.path, "key": row.key, "read": state.is_read(row.key), "starred": state.is_starred(row.key)}
    finally:
        state.close()
    _emit(args, data, f"{row.key}: {'read' if data['read'] else 'unread'}"
                      f"{', starred' if data['starred'] else ''}")
    return 0


def _relative_post(root: Path, post: str) -> str:
    candidate = Path(post).expanduser()
    if not candidate.is_absolute():
        candidate = root / candidate
    try:
        rel = candidate.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        raise CliError(f"{post} is not inside the archive {root}") from None
    if not candidate.is_file():
        raise CliError(f"no such post: {post}")
    return rel


if __name__ == "__main__":
    sys.exit(main())
