"""lectern-cli: index, search, show and mark posts of an archive from the command line.

Every command takes ``--json`` for a stable machine-readable answer, and
``--cache-dir`` / ``--data-dir`` (or LECTERN_CACHE_DIR / LECTERN_DATA_DIR).
Exit status: 0 done, 1 nothing to show (no such folder or post, a post that
cannot be read), 2 a usage or query error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import paths
from .discover import archive_root

TYPE_CHECKING = False  # not from typing, which costs every run a few ms to import
if TYPE_CHECKING:
    from typing import Any

    from .index import Index, ScanReport
    from .queries import Row
    from .state import StateStore

# Each command imports what it uses where it uses it: a warm `search` or `index` never
# imports a YAML, Markdown or HTML parser, a process pool or OpenCC, and `show` never
# imports the index unless asked for --json (tests/test_cli_speed.py, bench/cli_bench.py).

__all__ = ["main"]

SORTS = ("relevance", "date_desc", "date_asc", "title", "title_desc", "author", "author_desc")  # queries.SORTS (a test holds them equal)


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
    except BrokenPipeError:  # `lectern-cli ... | head`
        return 0


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width rather than asking `shutil`
    (which every parser would import, with its compression modules, to build this one)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` gives it: $COLUMNS, the terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    common.add_argument("--json", action="store_true", help="print one JSON object")
    common.add_argument("--cache-dir", help="index cache folder (default: $LECTERN_CACHE_DIR or the user cache dir)")
    common.add_argument("--data-dir", help="reader data folder (default: $LECTERN_DATA_DIR or the user data dir)")
    common.add_argument("--workers", type=int, default=None, help="worker processes for indexing (default: all cores)")

    parser = argparse.ArgumentParser(prog="lectern-cli", formatter_class=_Formatter,
                                     description="Read a Jekyll post archive from the command line.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, what: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], formatter_class=_Formatter, help=what)

    p = command("index", "index an archive and report what was found")
    p.add_argument("path", help="archive root, a _posts folder, or any folder holding posts")
    p.add_argument("--list", action="store_true", help="also list every post")
    p.add_argument("--rebuild", action="store_true", help="throw the cache away and index from scratch")
    p.set_defaults(run=_cmd_index)

    p = command("search", "find posts (words, \"phrases\", -exclude, tag:, category:, author:, before:, after:)")
    p.add_argument("path")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50, help="results to print (default 50)")
    p.add_argument("--sort", choices=SORTS, default=None, help="default: relevance with words, else newest first")
    p.set_defaults(run=_cmd_search)

    p = command("show", "print a post's cleaned HTML (or --text)")
    p.add_argument("path")
    p.add_argument("post", help="the post's path relative to the archive root, or absolute")
    p.add_argument("--text", action="store_true", help="plain text instead of HTML")
    p.set_defaults(run=_cmd_show)

    p = command("mark", "mark a post read, unread, starred or not")
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
    from .index import Index, cache_folder, remove_cache

    cache = paths.cache_dir(args.cache_dir)
    if getattr(args, "rebuild", False):
        remove_cache(cache_folder(root, cache))
    index = Index(root, cache)
    report = index.update(workers=args.workers)
    return index, report


def _find_row(args: argparse.Namespace, root: Path, find: Callable[[Index], Row | None]) -> Row | None:
    """A post as the cache has it; the archive's metadata is read again only when it is not there."""
    from .index import Index

    with Index(root, paths.cache_dir(args.cache_dir)) as index:
        row = find(index)
        if row is None:
            index.refresh(workers=args.workers)
            row = find(index)
    return row


def _open_state(args: argparse.Namespace, root: Path) -> StateStore:
    from .state import StateStore

    return StateStore(root, args.data_dir)


def _emit(args: argparse.Namespace, data: dict[str, Any], human: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=None)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(human + ("\n" if human and not human.endswith("\n") else ""))


def _day(date: str | None) -> str:
    """A post's day for the text output; 'undated' rather than an invented date (JSON says null)."""
    return date[:10] if date else "undated"


def _marks(draft: bool, published: bool) -> str:
    return (" (draft)" if draft else "") + ("" if published else " (unpublished)")


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
            state = _open_state(args, root)
            try:
                data["items"] = [_item(r, state) for r in index.rows(index.query_ids(sort="date_desc"))]
            finally:
                state.close()
    _emit(args, data, _index_text(data, report))
    return 0


def _item(row: Row, state: StateStore) -> dict[str, Any]:
    return {"path": row.path, "key": row.key, "location": row.location, "also_at": list(row.also_at),
            "title": row.title, "date": row.date or None, "tags": list(row.tags), "categories": list(row.categories),
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
        lines.append(f"{_day(item['date']):10}  {item['title']}{_marks(item['draft'], item['published'])}  "
                     f"[{item['path']}]{also}")
    return "\n".join(lines)


# --- search -----------------------------------------------------------------------

def _cmd_search(args: argparse.Namespace) -> int:
    from .search import QuerySyntaxError, parse_query

    root = _root(args.path)
    try:
        parse_query(args.query)  # a query that cannot be read fails before any work
    except QuerySyntaxError as exc:
        raise CliError(f"search: {exc}", 2) from None
    index, _report = _open_index(args, root)
    with index:
        result = index.search(args.query, sort=args.sort, limit=max(0, args.limit))
    data = {
        "query": result.query,
        "total": result.total,
        "results": [{"path": h.row.path, "title": h.row.title, "date": h.row.date or None,
                     "draft": h.row.draft, "published": h.row.published, "snippet": h.snippet,
                     "highlights": [list(s) for s in h.highlights]} for h in result.hits],
    }
    lines = [f"{result.total} posts match {result.query!r}"]
    for h in result.hits:
        lines.append(f"{_day(h.row.date):10}  {h.row.title}{_marks(h.row.draft, h.row.published)}  [{h.row.path}]")
        if h.snippet:
            lines.append(f"            {h.snippet}")
    _emit(args, data, "\n".join(lines))
    return 0


# --- show ---------------------------------------------------------------------------

def _cmd_show(args: argparse.Namespace) -> int:
    root = _root(args.path)
    rel = _relative_post(root, args.post)
    _import_cleaner()
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
        row = _find_row(args, root, lambda index: index.row_by_path(rel))
        if row is not None:
            state = _open_state(args, root)
            try:
                data.update(key=row.key, location=row.location, draft=row.draft,
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
    state = _open_state(args, root)
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


def _import_cleaner() -> None:
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
