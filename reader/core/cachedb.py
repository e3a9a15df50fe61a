"""Opening an archive's cache database: its schema, the checks that decide it is
sound, creating it, and throwing it away when it is not (see `reader.core.index`).

`CacheDatabaseMixin` is the part of `Index` that owns ``index.sqlite`` and the
shard files as files: connecting, attaching the shards, and rebuilding after damage.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import cachefs, fulltext
from .queries import attach_state_db

__all__ = ["SCHEMA_VERSION", "SCHEMA", "CacheDatabaseMixin"]

log = cachefs.Log(__name__)

SCHEMA_VERSION = 6  # 2: shard text folded to one Chinese script (hanzi.fold); 3: FTS values end with END;
# 4: fold keeps 么 (was 幺); 5: files (every copy) apart from posts (one row per post identity);
# 6: an undated post has date '' and ts NULL (was the file's time)

# `files`: every post file found, with what it holds; `posts`: one row per post (identity `key`,
# see reader.core.identity), a copy of the metadata of the file shown (`path`).  A post's id stays
# while its files move, so its text, the list and the tree follow it.
_META_COLUMNS = """
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,          -- git blob id of the bytes
    stem TEXT NOT NULL,          -- file name without extension: the post's name within the archive
    sig TEXT NOT NULL,           -- what tells two articles with one name apart (identity.signature)
    location TEXT NOT NULL,      -- _posts, _drafts, a collection, a top folder such as archived
    title TEXT NOT NULL,
    date TEXT NOT NULL,          -- local time as written, ISO 8601; '' when undated
    ts INTEGER,                  -- UTC seconds, for sorting; NULL when undated (listed after the dated)
    date_source TEXT NOT NULL,   -- 'front matter', 'filename' or 'none'
    author TEXT NOT NULL,
    url TEXT NOT NULL,
    layout TEXT NOT NULL,
    published INTEGER NOT NULL,  -- 0 for 'published: false' in the front matter
    draft INTEGER NOT NULL,      -- 1 for a file in _drafts/
    fmt TEXT NOT NULL,
    encoding TEXT NOT NULL,
    extra TEXT NOT NULL,
    tags TEXT NOT NULL,          -- JSON lists, for display; `labels` is for queries
    categories TEXT NOT NULL"""

SCHEMA = f"""
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    path TEXT PRIMARY KEY,
    origin TEXT NOT NULL,        -- JSON [folder categories, draft]: a moved file keeps its reading only if equal
    notes TEXT NOT NULL,         -- what was read leniently ('' for none)
    key TEXT,                    -- the post it is a copy of; NULL until grouped
    {_META_COLUMNS}
);
CREATE INDEX files_stem ON files(stem);
CREATE INDEX files_key ON files(key);
-- Covering indexes for what every open reads (a scan's comparison, the report's counts): a warm
-- `lectern-cli index` or `search` then reads a few hundred KB of the cache, not all its rows.
CREATE INDEX files_stamp ON files(path, size, mtime_ns, hash, origin);
CREATE INDEX files_location ON files(location);
CREATE INDEX files_notes ON files(path, notes) WHERE notes != '';
CREATE TABLE posts(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL UNIQUE,   -- the copy shown
    copies INTEGER NOT NULL,     -- files holding this post
    seen_ns INTEGER NOT NULL,    -- when this archive's index first held the post: what is 'new'
    shard INTEGER,               -- full-text shard holding its text; NULL until indexed
    {_META_COLUMNS}
);
CREATE INDEX posts_ts ON posts(ts);
CREATE INDEX posts_url ON posts(url);
CREATE INDEX posts_stem ON posts(stem);
CREATE INDEX posts_pending ON posts(shard) WHERE shard IS NULL;
CREATE INDEX posts_location ON posts(location);
CREATE INDEX posts_author ON posts(author);
CREATE TABLE labels(post_id INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX labels_name ON labels(kind, name);
CREATE INDEX labels_post ON labels(post_id);
CREATE TABLE problems(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                      reason TEXT NOT NULL);
"""



class CacheDatabaseMixin:
    """Needs `root`, `folder`, `_files` (a `cachefs.CacheFolder`), `_shards_wanted`,
    `on_wait`, `_reader_cons` and `_close_connections` from `Index`."""

    root: Path
    folder: Path
    cold: bool
    shard_count: int
    con: sqlite3.Connection
    _files: cachefs.CacheFolder
    _shards_wanted: int
    _reader_cons: list[sqlite3.Connection]
    _state_file: str | None

    def _close_connections(self) -> None:
        raise NotImplementedError

    def _open(self) -> sqlite3.Connection:
        con = self._open_existing(repair=False)  # the usual case: sound, no lock needed
        if con is not None:
            return con
        self._files.acquire("open", on_wait=self.on_wait)
        try:
            con = self._open_existing(repair=True)  # another process may have built it while we waited
            if con is None:
                self._files.discard()
                con = self._create()
            return con
        finally:
            self._files.release()

    def _open_existing(self, repair: bool) -> sqlite3.Connection | None:
        """A connection to the cache if it is sound, else None (to be rebuilt).

        With `repair` (the lock held), missing or empty shards are started again."""
        if not (self.folder / "index.sqlite").exists():
            return None
        why = self._files.damage([self.folder / "index.sqlite", *sorted(self.folder.glob("text-*.sqlite"))])
        con: sqlite3.Connection | None = None
        if why is None:
            try:
                con = self._connect()
                why = self._unusable(con) or self._check_shards(con, repair)
            except sqlite3.DatabaseError as exc:
                why = f"{type(exc).__name__}: {exc}"
        if why is None:
            return con
        if con is not None:
            con.close()
        if repair:
            log.warning("rebuilding the cache %s: %s", self.folder, why)
        return None

    def _connect(self) -> sqlite3.Connection:
        # A URI, so that ATTACH can open the reader's state read-only (mode=ro).
        con = sqlite3.connect((self.folder / "index.sqlite").as_uri(), uri=True, timeout=30,
                              isolation_level=None, check_same_thread=False)
        cachefs.use_wal(con)
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=OFF")
        con.execute("PRAGMA cache_size=-32768")  # 32 MB, used only as pages are read: a 30,000-post scan
        con.execute("PRAGMA temp_store=MEMORY")  # writes its indexes without going back to disk
        return con

    def _unusable(self, con: sqlite3.Connection) -> str | None:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            return f"schema version {version}, not {SCHEMA_VERSION}"
        try:
            root = self._meta(con, "root")
            shards = int(self._meta(con, "shards"))
        except (TypeError, ValueError):
            return "no root or shard count"
        if root != str(self.root) or shards < 1:
            return f"made for {root!r} with {shards} shards"
        self.shard_count = shards
        return None

    def _check_shards(self, con: sqlite3.Connection, repair: bool) -> str | None:
        """Attach the shards; a missing or empty one means indexing all text again
        (the metadata is still good)."""
        bad = [n for n in range(self.shard_count) if not cachefs.has_table(self._shard_path(n), "docs")]
        if bad and not repair:
            return f"{self._shard_path(bad[0]).name} is missing or empty"
        if bad:
            log.warning("%s: full text to be indexed again (%s missing or empty)", self.folder,
                        self._shard_path(bad[0]).name)
            self._reset_text(con)
        self._attach_shards(con, create=bool(bad))
        return None

    def _reset_text(self, con: sqlite3.Connection) -> None:
        for n in range(self.shard_count):
            self._files.remove_db(self._shard_path(n))
        con.execute("UPDATE posts SET shard=NULL")

    def _create(self) -> sqlite3.Connection:
        self.cold = True
        con = self._connect()
        self.shard_count = self._shards_wanted
        con.executescript("BEGIN;\n" + SCHEMA)  # one transaction: a kill leaves all of it or nothing
        con.executemany("INSERT INTO meta VALUES(?, ?)",
                        [("root", str(self.root)), ("shards", str(self.shard_count))])
        con.execute("COMMIT")
        self._attach_shards(con, create=True)
        return con

    def _attach_shards(self, con: sqlite3.Connection, create: bool = False) -> None:
        for n in range(self.shard_count):
            if create:
                fulltext.open_shard(str(self._shard_path(n))).close()
            con.execute(f"ATTACH DATABASE ? AS s{n}", (str(self._shard_path(n)),))

    def _rebuild(self, exc: BaseException) -> None:
        """Damage met while writing (the lock is held): throw the cache away, start again."""
        log.warning("the cache %s is damaged (%s): rebuilding it", self.folder, exc)
        self._close_connections()
        self._files.discard()
        self.con = self._create()
        if self._state_file is not None:
            attach_state_db(self.con, self._state_file)

    def _shard_path(self, n: int) -> Path:
        return self.folder / f"text-{n}.sqlite"

    @staticmethod
    def _meta(con: sqlite3.Connection, key: str) -> str | None:
        row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _readers(self) -> list[sqlite3.Connection]:
        if not self._reader_cons:
            for _ in range(self.shard_count):
                con = self._connect()
                self._attach_shards(con)
                if self._state_file is not None:
                    attach_state_db(con, self._state_file)
                self._reader_cons.append(con)
        return self._reader_cons
