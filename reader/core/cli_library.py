"""lectern-cli and the reader's library: `library list|add|remove|rename`, an archive named by
its name, number or id in place of a folder, and `--library` for index, search, show and mark.

Imported only by those (reader/core/cli.py imports it where it needs it; what both use is in
reader/core/cli_base.py): a command given a folder never loads the library, and stays as quick
as it was (tests/test_cli_speed.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from . import paths
from .cli_base import (CliError, day, emit, find_row, hit_json, index_data, index_text, marks_note, marks_text,
                       open_index, relative_post, set_marks, show_post)
from .library import Library, LibraryArchive, LibraryError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .libindex import LibraryIndex
    from .queries import Row
    from .search import Query

__all__ = ["library_command", "library_root", "index_library", "search_library", "show_library", "mark_library"]

_ADD_ONE = "add one with `lectern-cli library add PATH`"


def _open(args: argparse.Namespace) -> Library:
    return Library(args.data_dir)


def _has(archives: list[LibraryArchive]) -> str:
    """What the library holds, for an error message."""
    if not archives:
        return f"the library is empty: {_ADD_ONE}"
    return "the library has: " + ", ".join(f"{n} {a.name}" for n, a in enumerate(archives, 1))


def _archives(args: argparse.Namespace) -> list[LibraryArchive]:
    with _open(args) as library:
        archives = library.archives()
    if not archives:
        raise CliError(f"the library is empty: {_ADD_ONE}")
    return archives


def _named(a: LibraryArchive) -> dict[str, str]:
    return {"id": a.id, "name": a.name}


def _archive_json(a: LibraryArchive, number: int) -> dict[str, Any]:
    return {"number": number, "id": a.id, "name": a.name, "path": a.path, "kind": a.kind,
            "position": a.position, "missing": a.missing}


def _number(library: Library, archive_id: str) -> int:
    return next((n for n, a in enumerate(library.archives(), 1) if a.id == archive_id), 0)


def _find(library: Library, token: str) -> LibraryArchive:
    found = library.find(token)
    if found is None:
        raise CliError(f"no archive “{token}” in the library ({_has(library.archives())})")
    return found


def _usable(a: LibraryArchive) -> Path:
    """The archive's folder; an error when it is gone."""
    missing = a.missing
    if missing:
        raise CliError(f"{a.name}: {missing} ({a.path}); `lectern-cli library remove {a.name}` takes it out")
    return Path(a.path)


# --- library list / add / remove / rename ---------------------------------------------

def library_command(action: str, args: argparse.Namespace) -> int:
    if action == "update" or (action == "add" and _is_url(args.path)):
        from . import cli_git  # here: only a git archive's commands load the network side

        return cli_git.run(action, args)
    try:
        with _open(args) as library:
            data, text = _ACTIONS[action](args, library)
    except LibraryError as exc:
        raise CliError(str(exc)) from None
    emit(args, data, text)
    return 0


def _is_url(text: str) -> bool:
    from .gitsync import is_git_url

    return is_git_url(text) and not Path(text).exists()


def _list(args: argparse.Namespace, library: Library) -> tuple[dict[str, Any], str]:
    items = []
    for n, a in enumerate(library.archives(), 1):
        item = _archive_json(a, n)
        item["posts"] = None if item["missing"] else _post_count(args, Path(a.path))
        items.append(item)
    if not items:
        return {"archives": []}, f"the library is empty: {_ADD_ONE}"
    width = max(len(i["name"]) for i in items)
    lines = []
    for i in items:
        state = (f"missing: {i['missing']}" if i["missing"]
                 else f"{i['posts']} posts" if i["posts"] is not None else "not indexed yet")
        lines.append(f"{i['number']:>2}  {i['name']:{width}}  {i['id']}  {i['path']}  ({state})")
    return {"archives": items}, "\n".join(lines)


def _post_count(args: argparse.Namespace, root: Path) -> int | None:
    """Posts in the archive's cache, when it has one (nothing is indexed here)."""
    from .index import Index, index_folder

    cache = paths.cache_dir(args.cache_dir)
    if not (index_folder(root, cache) / "index.sqlite").is_file():
        return None
    try:
        with Index(root, cache) as index:
            return index.count()
    except Exception:  # a cache being rebuilt or damaged: the count is only a courtesy
        return None


def _add(args: argparse.Namespace, library: Library) -> tuple[dict[str, Any], str]:
    before = {a.id for a in library.archives()}
    a = library.add(args.path, name=args.name)
    new = a.id not in before
    read, starred = _mark_counts(args, a)
    data = {"added": _archive_json(a, _number(library, a.id)), "new": new,
            "marks": {"read": read, "starred": starred}}
    if new:
        text = f"added “{a.name}” ({a.id}) at {a.path}"
        if read or starred:
            text += f"; its marks from before are back: {read} read, {starred} starred"
    else:
        text = f"“{a.name}” is already in the library (number {data['added']['number']}) at {a.path}"
    return data, text


def _mark_counts(args: argparse.Namespace, a: LibraryArchive) -> tuple[int, int]:
    from .state import StateStore

    state = StateStore(a.path, args.data_dir, adopt=a.id)
    try:
        return len(state.read_keys()), len(state.starred_keys())
    finally:
        state.close()


def _remove(args: argparse.Namespace, library: Library) -> tuple[dict[str, Any], str]:
    a = _find(library, args.archive)
    number = _number(library, a.id)
    library.remove(a.id, forget=args.forget)
    kept = "its read and starred marks are forgotten" if args.forget else \
        "its read and starred marks are kept: adding it again brings them back"
    deleted = False
    if a.kind == "git":  # a download Lectern made goes with it (its address downloads it again)
        from .gitlibrary import delete_download

        deleted = delete_download(a, library.data_dir)
        if deleted:
            kept += f"; its download at {a.path} is deleted"
    return ({"removed": _archive_json(a, number), "forgot_marks": bool(args.forget), "deleted_download": deleted},
            f"removed “{a.name}” ({a.id}) from the library; {kept}")


def _rename(args: argparse.Namespace, library: Library) -> tuple[dict[str, Any], str]:
    a = _find(library, args.archive)
    renamed = library.rename(a.id, args.name)
    return ({"renamed": _archive_json(renamed, _number(library, a.id)), "old_name": a.name},
            f"“{a.name}” is now “{renamed.name}”")


_ACTIONS = {"list": _list, "add": _add, "remove": _remove, "rename": _rename}


# --- an archive of the library in place of a folder --------------------------------------

def library_root(args: argparse.Namespace, token: str) -> Path:
    """The folder of the library's archive `token` names (not a folder on disk); the commands'
    marks then go to that archive (`args.archive_id`)."""
    archives: list[LibraryArchive] = []
    found = None
    if (paths.data_dir(args.data_dir) / "state.sqlite").is_file():  # a typo never creates the data file
        with _open(args) as library:
            found = library.find(token)
            archives = library.archives()
    if found is None:
        raise CliError(f"no such folder: {token}, nor an archive of that name in the library ({_has(archives)})")
    root = _usable(found)
    args.archive_id = found.id
    return root


# --- index --library ----------------------------------------------------------------------

def index_library(args: argparse.Namespace) -> int:
    with _open(args) as library:
        order = library.indexing_order()
    if not order:
        raise CliError(f"the library is empty: {_ADD_ONE}")
    start = time.perf_counter()
    entries: list[dict[str, Any]] = []
    for a in order:  # one at a time, the most recently read first
        missing = a.missing
        if missing:
            entry: dict[str, Any] = {"archive": _named(a), "root": a.path, "missing": missing}
            text = f"{a.name}: missing: {missing} ({a.path})"
        else:
            root = Path(a.path)
            args.archive_id = a.id
            began = time.perf_counter()
            index, report = open_index(args, root)
            data = index_data(args, root, index, report, began)
            entry = {"archive": _named(a), "missing": None, **data}
            text = f"{a.name}: {index_text(data, report)}"
        entries.append(entry)
        if not args.json:  # each as it is done
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
    if args.json:
        emit(args, {"archives": entries, "posts": sum(e.get("posts", 0) for e in entries),
                         "missing": sum(1 for e in entries if e["missing"]),
                         "seconds": round(time.perf_counter() - start, 3)}, "")
    return 0


# --- search --library -------------------------------------------------------------------

def search_library(args: argparse.Namespace, query: Query) -> int:
    from .libindex import LibraryIndex
    from .queries import Scope
    from .search import QuerySyntaxError

    archives = _archives(args)
    view = LibraryIndex(archives)
    try:
        asked = view.archives_for(query, Scope())  # an archive:NAME the library lacks fails before any work
    except QuerySyntaxError as exc:
        raise CliError(f"search: {exc}", 2) from None
    skipped = []
    with ExitStack() as stack:
        for a in asked:
            missing = a.missing
            if missing:
                skipped.append({"archive": _named(a), "missing": missing})
                print(f"lectern-cli: {a.name} left out: {missing} ({a.path})", file=sys.stderr)
                continue
            index, _report = open_index(args, Path(a.path))  # brought up to date, text and all
            view.set_index(a.id, stack.enter_context(index))
        result = view.search(args.query, sort=args.sort, limit=max(0, args.limit))
        names = {a.id: a for a in archives}
        results = [{**hit_json(h), "key": h.row.key, "archive": _named(names[h.row.archive]),
                    "also_in": [_named(o) for o in view.also_in(h.row.id)]} for h in result.hits]
    data = {"query": result.query, "total": result.total, "results": results, "skipped": skipped}
    lines = [f"{result.total} posts match {result.query!r} in the library"]
    width = max((len(r["archive"]["name"]) for r in results), default=0)
    for h, r in zip(result.hits, results):
        also = f" (also in {', '.join(o['name'] for o in r['also_in'])})" if r["also_in"] else ""
        lines.append(f"{day(h.row.date):10}  {r['archive']['name']:{width}}  {h.row.title}"
                     f"{marks_note(h.row.draft, h.row.published)}  [{h.row.path}]{also}")
        if h.snippet:
            lines.append(" " * (14 + width) + h.snippet)
    emit(args, data, "\n".join(lines))
    return 0


# --- show / mark --library ------------------------------------------------------------------

def show_library(args: argparse.Namespace) -> int:
    with ExitStack() as stack:
        a, rel, _row = _locate(args, args.post, stack)
    args.archive_id = a.id
    with _open(args) as library:
        library.touch(a.id)  # read now: indexed first next time
    return show_post(args, Path(a.path), rel)


def mark_library(args: argparse.Namespace) -> int:
    with ExitStack() as stack:
        a, _rel, row = _locate(args, args.post, stack, need_row=True)
        assert row is not None
        args.archive_id = a.id
        data = set_marks(args, Path(a.path), row)
        copies = []
        view = _view(args, stack)
        listed = view.row_by_key(a.id, row.key)
        for other in view.copies(listed.id) if listed is not None else []:  # one article, kept by several
            copy, where = view.row(other), view.archive_of(other)
            if copy is None or where is None or where.id == a.id:
                continue
            args.archive_id = where.id
            set_marks(args, Path(where.path), copy)
            copies.append({"archive": _named(where), "path": copy.path, "key": copy.key})
    data = {**data, "archive": _named(a), "copies": copies}
    also = f" (and its copy in {', '.join(c['archive']['name'] for c in copies)})" if copies else ""
    emit(args, data, f"{a.name}: {marks_text(data)}{also}")
    return 0


def _view(args: argparse.Namespace, stack: ExitStack) -> LibraryIndex:
    """Every archive there is, as its cache has it (nothing is indexed here)."""
    view = getattr(args, "_view", None)
    if view is None:
        from .index import Index
        from .libindex import LibraryIndex

        archives = _archives(args)
        view = LibraryIndex(archives)
        cache = paths.cache_dir(args.cache_dir)
        for a in archives:
            if not a.missing:
                view.set_index(a.id, stack.enter_context(Index(Path(a.path), cache)))
        args._view = view
    return view


def _locate(args: argparse.Namespace, post: str, stack: ExitStack,
            need_row: bool = False) -> tuple[LibraryArchive, str, Row | None]:
    """The archive and post `post` names: ARCHIVE:PATH-or-KEY, a file's absolute path, or a key
    (or path) only one archive of the library has."""
    with _open(args) as library:
        archives = library.archives()
        if not archives:
            raise CliError(f"the library is empty: {_ADD_ONE}")
        named = _split(library, archives, post)
    if named is not None:
        a, rest = named
        root = _usable(a)
        if Path(rest).is_absolute() or (root / rest).is_file():
            rel = relative_post(root, rest)
            row = find_row(args, root, lambda index: index.row_by_path(rel)) if need_row else None
            if need_row and row is None:
                raise CliError(f"no such post in {a.name}: {rest}")
            return a, rel, row
        row = find_row(args, root, lambda index: index.row_by_key(rest) or index.row_by_path(rest))
        if row is None:
            raise CliError(f"no such post in {a.name}: {rest}")
        return a, row.path, row
    found = _everywhere(args, archives, post, stack)
    if not found:
        raise CliError(f"no such post in the library: {post} (name its archive: ARCHIVE:{post})")
    if len(found) > 1:
        listed = [f"{a.name}:{row.key}" for a, row in found]
        raise CliError(f"{post} is in several archives; say which: {', '.join(listed)}", 2)
    a, row = found[0]
    return a, row.path, row


def _split(library: Library, archives: list[LibraryArchive], post: str) -> tuple[LibraryArchive, str] | None:
    """(archive, the rest) when `post` says its archive: ARCHIVE:REST, or the absolute path of a file in one."""
    candidate = Path(post).expanduser()
    if candidate.is_absolute():
        inside = [a for a in archives if paths.is_inside(candidate, a.path)]
        if inside:
            return max(inside, key=lambda a: len(a.path)), str(candidate)
        return None
    for a in sorted(archives, key=lambda a: -len(a.id)):  # ids hold a colon themselves (local:…, git:…)
        if post.startswith(a.id + ":"):
            return a, post[len(a.id) + 1:]
    prefix, colon, rest = post.partition(":")
    if colon and prefix and rest:
        found = library.find(prefix)
        if found is None:
            raise CliError(f"no archive “{prefix}” in the library ({_has(archives)})")
        return found, rest
    return None


def _everywhere(args: argparse.Namespace, archives: list[LibraryArchive], post: str,
                stack: ExitStack) -> list[tuple[LibraryArchive, Row]]:
    """Each archive holding a post of this key (or relative path): from the caches, else after a refresh;
    copies of one article (the library lists it once) count once."""
    view = _view(args, stack)
    for refresh in (False, True):
        found = []
        for a in archives:
            index = view.index_of(a.id)
            if index is None:
                continue
            if refresh:
                index.refresh(workers=args.workers)
                view.set_index(a.id, index)  # its copies worked out again
            row = index.row_by_key(post) or index.row_by_path(post)
            if row is not None:
                found.append((a, row))
        if found:
            break
    if len(found) > 1:
        first = view.row_by_key(found[0][0].id, found[0][1].key)
        copies = set(view.copies(first.id)) if first is not None else set()
        rest = [view.row_by_key(a.id, row.key) for a, row in found[1:]]
        if all(r is not None and r.id in copies for r in rest):
            return found[:1]  # one article kept by several archives: the copy listed first
    return found
