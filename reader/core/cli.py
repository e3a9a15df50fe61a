"""lectern-cli: index, search, show and mark posts of an archive from the command line.

An archive is named by its folder, or by its name, number or id in the reader's library;
``--library`` asks every archive of the library at once, and ``lectern-cli library``
lists, adds, renames and removes them (reader/core/cli_library.py).
Every command takes ``--json`` for a stable machine-readable answer, and
``--cache-dir`` / ``--data-dir`` (or LECTERN_CACHE_DIR / LECTERN_DATA_DIR).
Exit status: 0 done, 1 nothing to show (no such folder or post, a post that
cannot be read), 2 a usage or query error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .cli_base import (CliError, day, emit, find_row, hit_json, index_data, index_text, marks_note, marks_text,
                       open_index, relative_post, set_marks, show_post)
from .discover import archive_root

# Each command imports what it uses where it uses it: a warm `search` or `index` never
# imports a YAML, Markdown or HTML parser, a process pool or OpenCC, and `show` never
# imports the index unless asked for --json (tests/test_cli_speed.py, bench/cli_bench.py).

__all__ = ["main"]

SORTS = ("relevance", "date_desc", "date_asc", "title", "title_desc", "author", "author_desc")  # queries.SORTS (a test holds them equal)


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


_PATH_HELP = ("archive root, a _posts folder, or any folder holding posts; "
              "or an archive of the library (its name, number or id)")
_LIBRARY_HELP = "every archive of the library"
_PROXY_HELP = ("an HTTP(S) proxy, http://host:port (default: none; 'env' takes HTTPS_PROXY and the like "
               "from the environment); SOCKS is not supported")


def _parser() -> argparse.ArgumentParser:
    base = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    base.add_argument("--json", action="store_true", help="print one JSON object")
    base.add_argument("--cache-dir", help="index cache folder (default: $LECTERN_CACHE_DIR or the user cache dir)")
    base.add_argument("--data-dir", help="reader data folder (default: $LECTERN_DATA_DIR or the user data dir)")
    common = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter, parents=[base])
    common.add_argument("--workers", type=int, default=None, help="worker processes for indexing (default: all cores)")

    parser = argparse.ArgumentParser(prog="lectern-cli", formatter_class=_Formatter,
                                     description="Read a Jekyll post archive from the command line.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, what: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], formatter_class=_Formatter, help=what)

    p = command("index", "index an archive and report what was found")
    p.add_argument("path", nargs="?", metavar="PATH", help=_PATH_HELP)
    p.add_argument("--library", action="store_true", help=_LIBRARY_HELP + ", the most recently read first")
    p.add_argument("--list", action="store_true", help="also list every post")
    p.add_argument("--rebuild", action="store_true", help="throw the cache away and index from scratch")
    p.set_defaults(run=_cmd_index)

    p = command("search", "find posts (words, \"phrases\", -exclude, tag:, category:, author:, before:, after:, "
                          "archive:)")
    p.add_argument("path", nargs="?", metavar="PATH", help=_PATH_HELP)
    p.add_argument("query")
    p.add_argument("--library", action="store_true", help=_LIBRARY_HELP + " (archive:NAME picks some)")
    p.add_argument("--limit", type=int, default=50, help="results to print (default 50)")
    p.add_argument("--sort", choices=SORTS, default=None, help="default: relevance with words, else newest first")
    p.set_defaults(run=_cmd_search)

    p = command("show", "print a post's cleaned HTML (or --text)")
    p.add_argument("path", nargs="?", metavar="PATH", help=_PATH_HELP)
    p.add_argument("post", help="the post's path relative to the archive root, or absolute "
                                "(with --library: ARCHIVE:PATH-or-KEY, or a key no other archive has)")
    p.add_argument("--library", action="store_true", help=_LIBRARY_HELP)
    p.add_argument("--text", action="store_true", help="plain text instead of HTML")
    p.set_defaults(run=_cmd_show)

    p = command("mark", "mark a post read, unread, starred or not")
    p.add_argument("path", nargs="?", metavar="PATH", help=_PATH_HELP)
    p.add_argument("post", help="the post: a file's path (relative to the archive or absolute) or its key "
                                "(with --library: ARCHIVE:PATH-or-KEY, or a key no other archive has)")
    p.add_argument("--library", action="store_true", help=_LIBRARY_HELP)
    for flag, what in (("--read", "read"), ("--unread", "unread"), ("--star", "starred"),
                       ("--unstar", "not starred")):
        p.add_argument(flag, action="store_true", help=f"mark it {what}")
    p.set_defaults(run=_cmd_mark)

    p = sub.add_parser("library", formatter_class=_Formatter,
                       help="list, add, update, rename or remove the library's archives")
    lib = p.add_subparsers(required=True, metavar="ACTION")
    p = lib.add_parser("list", parents=[base], formatter_class=_Formatter, help="the archives, in the reader's order")
    p.set_defaults(run=_library("list"))
    p = lib.add_parser("add", parents=[base], formatter_class=_Formatter,
                       help="add an archive by its folder, or clone one by its git URL (its marks come back)")
    p.add_argument("path", metavar="PATH|URL", help="archive root, a _posts folder, any folder holding posts, "
                   "or a git URL (https://...): its default branch is cloned (progress on stderr)")
    p.add_argument("--name", help="the name to show (default: _config.yml's name or title, else the folder's)")
    p.add_argument("--full", action="store_true", help="a URL: clone the whole history (default: the last commit)")
    p.add_argument("--folder", metavar="DIR", help="a URL: clone into DIR (default: the data folder's archives/)")
    p.add_argument("--proxy", metavar="URL", help=_PROXY_HELP)
    p.set_defaults(run=_library("add"))
    p = lib.add_parser("update", parents=[base], formatter_class=_Formatter,
                       help="fetch git archives' new posts (only when asked: Lectern never connects by itself)")
    p.add_argument("archives", metavar="ID", nargs="*", help="names, numbers or ids of git archives")
    p.add_argument("--all", action="store_true", help="every git archive of the library")
    p.add_argument("--proxy", metavar="URL", help=_PROXY_HELP)
    p.set_defaults(run=_library("update"))
    p = lib.add_parser("remove", parents=[base], formatter_class=_Formatter, help="take an archive out of the library")
    p.add_argument("archive", metavar="ID", help="its name, number, id (or the start of it) or folder")
    p.add_argument("--forget", action="store_true", help="also forget its read and starred marks")
    p.set_defaults(run=_library("remove"))
    p = lib.add_parser("rename", parents=[base], formatter_class=_Formatter, help="give an archive another name")
    p.add_argument("archive", metavar="ID", help="its name, number, id (or the start of it) or folder")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(run=_library("rename"))
    return parser


def _library(action: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from . import cli_library

        return cli_library.library_command(action, args)
    return run


def _library_mode(args: argparse.Namespace, command: str) -> bool:
    """True for --library; otherwise PATH must be there (and is resolved by `_root`)."""
    if args.library and args.path is not None:
        raise CliError(f"{command}: give an archive ({args.path}) or --library, not both", 2)
    if not args.library and args.path is None:
        raise CliError(f"{command}: give an archive's PATH (or its name in the library), or --library", 2)
    return bool(args.library)


def _root(path: str, args: argparse.Namespace | None = None) -> Path:
    p = Path(path).expanduser()
    if not p.exists():
        if args is not None:  # not a folder: an archive of the library, by name, number or id?
            from .cli_library import library_root

            return library_root(args, path)
        raise CliError(f"no such folder: {path}")
    if not p.is_dir():
        raise CliError(f"not a folder: {path}")
    return archive_root(p)[0]


# --- index ------------------------------------------------------------------------

def _cmd_index(args: argparse.Namespace) -> int:
    if _library_mode(args, "index"):
        from .cli_library import index_library

        return index_library(args)
    root = _root(args.path, args)
    start = time.perf_counter()
    index, report = open_index(args, root)
    data = index_data(args, root, index, report, start)
    emit(args, data, index_text(data, report))
    return 0


# --- search -----------------------------------------------------------------------

def _cmd_search(args: argparse.Namespace) -> int:
    from .search import QuerySyntaxError, parse_query

    library = _library_mode(args, "search")
    root = None if library else _root(args.path, args)
    try:
        query = parse_query(args.query)  # a query that cannot be read fails before any work
    except QuerySyntaxError as exc:
        raise CliError(f"search: {exc}", 2) from None
    if root is None:
        from .cli_library import search_library

        return search_library(args, query)
    index, _report = open_index(args, root)
    with index:
        result = index.search(args.query, sort=args.sort, limit=max(0, args.limit))
    data = {
        "query": result.query,
        "total": result.total,
        "results": [hit_json(h) for h in result.hits],
    }
    lines = [f"{result.total} posts match {result.query!r}"]
    for h in result.hits:
        lines.append(f"{day(h.row.date):10}  {h.row.title}{marks_note(h.row.draft, h.row.published)}  [{h.row.path}]")
        if h.snippet:
            lines.append(f"            {h.snippet}")
    emit(args, data, "\n".join(lines))
    return 0


# --- show ---------------------------------------------------------------------------

def _cmd_show(args: argparse.Namespace) -> int:
    if _library_mode(args, "show"):
        from .cli_library import show_library

        return show_library(args)
    root = _root(args.path, args)
    return show_post(args, root, relative_post(root, args.post))


# --- mark -----------------------------------------------------------------------------

def _cmd_mark(args: argparse.Namespace) -> int:
    flags = {"read": args.read, "unread": args.unread, "star": args.star, "unstar": args.unstar}
    if not any(flags.values()) or (args.read and args.unread) or (args.star and args.unstar):
        raise CliError("mark: say --read or --unread, and/or --star or --unstar", 2)
    if _library_mode(args, "mark"):
        from .cli_library import mark_library

        return mark_library(args)
    root = _root(args.path, args)
    named = root / args.post if not Path(args.post).is_absolute() else Path(args.post)
    rel = relative_post(root, args.post) if named.is_file() else None  # a file's path, else a key
    row = find_row(args, root, lambda index: index.row_by_path(rel) if rel else
                   (index.row_by_key(args.post) or index.row_by_path(args.post)))  # (a git archive's path)
    if row is None:
        raise CliError(f"no such post: {args.post}")
    data = set_marks(args, root, row)
    emit(args, data, marks_text(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
