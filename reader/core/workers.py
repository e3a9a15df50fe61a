"""What runs in indexing worker processes: reading front matter in chunks, and the pools.

Workers are spawned (never forked: the GUI starts them from a thread of a Qt
process), end as soon as their parent dies, and run at a lower priority so
the reader's window always gets a core first.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from . import cachefs, fulltext, scanstore
from .discover import Found, starts_with_front_matter
from .identity import blob_id, signature
from .posts import Post, Problem, parse_post
from .sources import open_source

__all__ = ["parse_meta", "parse_meta_chunk", "meta_pool", "text_worker_init", "NOT_A_POST"]

NOT_A_POST = ("not taken as a post: it is outside the post folders and does not start with front matter "
              "(a '---' line)")

def parse_meta(root: str, f: Found) -> tuple[Post | Problem, str, str]:
    """What a file holds (without its body), the git blob id of its bytes ('' when unread) and its
    article signature (identity.signature; '' for a Problem)."""
    got = open_source(root).read(f.rel, f.token)
    if isinstance(got, Problem):
        return got, "", ""
    data = got[0]
    digest = f.token or blob_id(data)  # a git entry is named by its blob id already
    if f.loose and not starts_with_front_matter(data):
        return Problem(f.rel, NOT_A_POST), digest, ""
    item = parse_post(data, f.rel, dir_categories=f.categories, draft=f.draft)
    if isinstance(item, Problem):
        return item, digest, ""
    return replace(item, body=""), digest, signature(item.url, item.title)


def parse_meta_chunk(root: str, items: list[Found]) -> list[tuple[bool, tuple[object, ...]]]:
    """The rows to store for these files (scanstore.prepare): made here, in parallel."""
    return [scanstore.prepare(f, *parse_meta(root, f)) for f in items]


def meta_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the GUI calls this from a thread, and forking a threaded Qt process is unsafe.
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_meta_worker_init)


def _meta_worker_init() -> None:
    cachefs.exit_with_parent()
    _background_priority()


def text_worker_init(next_shard, shard_paths: list[str]) -> None:
    cachefs.exit_with_parent()
    _background_priority()
    fulltext.worker_init(next_shard, shard_paths)


def _background_priority() -> None:
    """Workers fill every core: let the reader's window (and anything else) go first, so
    its thread is never kept waiting for a core.  Throughput is the same when idle."""
    if hasattr(os, "nice"):
        try:
            os.nice(10)
        except OSError:
            pass
