"""The network side of git archives: Lectern's bare clones, cloned, updated, checked, repaired.

A remote archive is kept as a bare clone of its default branch only (never `gh-pages`, a ~20 MB
force-push every hour), depth 1 unless the reader asks for history; posts are read from the git
objects elsewhere.  `clone` builds in a hidden sibling folder and renames it into place when
complete; `update` fetches with a forced refspec (a rewritten upstream simply replaces ours), one
update per archive at a time (`FileLock`), the repository left at its last good state on any
failure.  `clean_stale`/`clean_partials` remove what killed runs left; `check`/`reclone` find and
cure damage.  Every failure is a `GitSyncError` (reader/core/gitsync_base.py, re-exported here with
the settings, results and addresses: the pure-Python half).
pygit2 is imported inside the functions that use it: importing this module stays cheap.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.cachefs import FileLock
from reader.core.gitsync_base import (KINDS, TIMEOUTS, Cancelled, CredentialsAsked, Fetched, GitSyncError, Proxy,
                                      Transfer, error_from, folder_name, host_of, is_git_error, is_git_url, size_text)

TYPE_CHECKING = False  # pygit2 only for annotations: importing this module must not load it
if TYPE_CHECKING:
    import pygit2

__all__ = ["Proxy", "Transfer", "GitSyncError", "Fetched", "TIMEOUTS", "KINDS", "LOCK_NAME", "is_git_url",
           "folder_name", "clone", "update", "reclone", "clean_stale", "clean_partials", "tip", "origin_url", "check",
           "configure_tls", "error_from", "compact", "MAX_PACKS", "remove_tree", "size_text", "host_of"]

LOCK_NAME = "lectern-update.lock"
PROGRESS_INTERVAL = 0.1  # seconds between two progress reports (a full clone has ~110,000 callbacks)
_PARTIAL = re.compile(r"^\..+\.(partial|old)-[0-9a-f]+$")
_GIT_LOCKS = ("HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock", "FETCH_HEAD.lock",
              "ORIG_HEAD.lock", "index.lock")


# --- network set-up --------------------------------------------------------------------------

_tls_configured = False


def configure_tls() -> None:
    """Point the wheel's OpenSSL at certifi's certificates on Linux (and any frozen build that is
    not Windows or macOS, whose system stores libgit2 uses).  Once per process; a no-op after."""
    global _tls_configured
    if _tls_configured:
        return
    _tls_configured = True
    frozen = bool(getattr(sys, "frozen", False))
    if not (sys.platform.startswith("linux") or (frozen and sys.platform not in ("win32", "darwin"))):
        return
    try:
        import certifi
    except ImportError:
        return
    import pygit2

    try:
        pygit2.settings.set_ssl_cert_locations(certifi.where(), None)
    except Exception:  # noqa: BLE001 - a build without OpenSSL: keep libgit2's own defaults
        pass


def _prepare(proxy: Proxy, url: str) -> str | None:
    """Settings before a network call; returns pygit2's proxy argument."""
    problem = proxy.problem(url)
    if problem:
        raise GitSyncError("proxy", problem)
    configure_tls()
    import pygit2

    pygit2.settings.server_connect_timeout = int(TIMEOUTS["connect_ms"])
    pygit2.settings.server_timeout = int(TIMEOUTS["stall_ms"])
    return proxy.for_pygit2(url)


def _callbacks(progress: Callable[[Transfer], None] | None, cancel: Callable[[], bool] | None) -> pygit2.RemoteCallbacks:
    """libgit2's callbacks: progress (time-throttled), cancel polled at each, credentials refused."""
    import pygit2

    class Callbacks(pygit2.RemoteCallbacks):
        def __init__(self) -> None:
            super().__init__()
            self.last, self.phase, self.report = -1.0, "", Transfer("done")

        def credentials(self, url: str, username: str | None, allowed: object) -> None:  # type: ignore[override]
            raise CredentialsAsked(url)  # never prompt, never hang: public archives only

        def sideband_progress(self, string: str) -> None:
            if cancel is not None and cancel():
                raise Cancelled()

        def transfer_progress(self, stats: pygit2.remotes.TransferProgress) -> None:
            if cancel is not None and cancel():
                raise Cancelled()
            receiving = stats.received_objects < stats.total_objects or not stats.total_deltas
            self.report = Transfer("receiving" if receiving else "resolving", stats.received_objects,
                                   stats.total_objects, stats.received_bytes, stats.indexed_deltas, stats.total_deltas)
            now = time.monotonic()
            if progress is not None and (self.report.phase != self.phase or now - self.last >= PROGRESS_INTERVAL):
                self.phase, self.last = self.report.phase, now
                progress(self.report)

        def done(self) -> None:
            if progress is not None:
                r = self.report
                progress(Transfer("done", r.objects, r.total_objects, r.bytes, r.deltas, r.total_deltas))

    return Callbacks()


def _default_branch(repo: pygit2.Repository, url: str, callbacks: pygit2.RemoteCallbacks,
                    proxy_arg: str | None) -> str:
    """The remote's default branch: its HEAD, else master, else main, else the first branch."""
    heads = repo.remotes.create_anonymous(url).list_heads(callbacks=callbacks, proxy=proxy_arg)
    branches = [h.name for h in heads if h.name and h.name.startswith("refs/heads/")]
    target = next((h.symref_target for h in heads if h.name == "HEAD" and h.symref_target), None)
    if target and target.startswith("refs/heads/"):
        return target[len("refs/heads/"):]
    for name in ("refs/heads/master", "refs/heads/main", *branches):
        if name in branches:
            return name[len("refs/heads/"):]
    raise GitSyncError("not_a_repo", f"The repository at {host_of(url)} is empty: it has no branch to read yet.",
                       retry=True)


def _fetch(repo: pygit2.Repository, branch: str, depth: int, callbacks: pygit2.RemoteCallbacks,
           proxy_arg: str | None, cancel: Callable[[], bool] | None) -> int:
    """Fetch refs/heads/`branch` alone (forced) into origin's refspec; returns the bytes received."""
    spec = f"+refs/heads/{branch}:refs/heads/{branch}"
    config = repo.config
    if list(config.get_multivar("remote.origin.fetch")) != [spec]:
        config.delete_multivar("remote.origin.fetch", ".*")
        config["remote.origin.fetch"] = spec
    if cancel is not None and cancel():
        raise Cancelled()
    stats = repo.remotes["origin"].fetch([spec], callbacks=callbacks, proxy=proxy_arg, depth=depth,
                                         message="lectern: fetch")
    return int(stats.received_bytes)


def _set_head(repo: pygit2.Repository, branch: str) -> None:
    repo.references.create("HEAD", f"refs/heads/{branch}", force=True)


# --- clone -----------------------------------------------------------------------------------

def clone(url: str, dest: str | os.PathLike[str], *, full: bool = False, proxy: Proxy = Proxy(),
          progress: Callable[[Transfer], None] | None = None, cancel: Callable[[], bool] | None = None) -> Fetched:
    """A bare clone of `url`'s default branch at `dest` (which must not exist): depth 1 unless `full`.
    Built in a hidden sibling folder, renamed into place when complete; nothing is left on failure."""
    dest = Path(dest)
    if dest.exists():
        raise GitSyncError("other", f"{dest} already exists: Lectern will not download over it.", retry=False)
    partial = _partial_dir(dest, "partial")
    try:
        fetched = _clone_into(partial, url, full, proxy, progress, cancel)
        os.replace(partial, dest)
    except BaseException as exc:
        remove_tree(partial)
        if isinstance(exc, GitSyncError) or is_git_error(exc):
            raise error_from(exc, url, proxy.resolved(url), TIMEOUTS) from exc
        raise
    return Fetched(str(dest), url, fetched.branch, "", fetched.new_tip, fetched.bytes, fetched.seconds, fetched.shallow)


def remove_tree(path: Path) -> None:
    """Remove a folder, git's read-only pack files included (Windows refuses to delete those)."""
    def retry(func: Callable[[str], object], name: str, _exc: object) -> None:
        try:
            os.chmod(name, stat.S_IWRITE)
            func(name)
        except OSError:
            pass  # still open elsewhere: clean_partials tries again later

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)


def _partial_dir(dest: Path, what: str) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.parent / f".{dest.name}.{what}-{os.urandom(4).hex()}"
    partial.mkdir()
    return partial


def _clone_into(folder: Path, url: str, full: bool, proxy: Proxy, progress: Callable[[Transfer], None] | None,
                cancel: Callable[[], bool] | None) -> Fetched:
    """Clone into the existing empty `folder` (held by its lock while at work, so `clean_partials`
    of another process leaves it alone)."""
    started = time.monotonic()
    proxy_arg = _prepare(proxy, url)
    import pygit2

    lock = FileLock(folder / LOCK_NAME)
    lock.acquire("cloning")
    repo = None
    try:
        callbacks = _callbacks(progress, cancel)
        if progress is not None:
            progress(Transfer("connecting"))
        repo = pygit2.init_repository(str(folder), bare=True)
        repo.remotes.create("origin", url, "+refs/heads/master:refs/heads/master")
        branch = _default_branch(repo, url, callbacks, proxy_arg)
        # libgit2's local transport (a path or file:// URL) cannot fetch shallow: a local clone is whole.
        received = _fetch(repo, branch, 0 if full or _local(url) else 1, callbacks, proxy_arg, cancel)
        _set_head(repo, branch)
        new_tip = str(repo.references[f"refs/heads/{branch}"].target)
        shallow = repo.is_shallow
        callbacks.done()  # type: ignore[attr-defined]
    finally:
        if repo is not None:
            repo.free()
        lock.release()
    return Fetched(str(folder), url, branch, "", new_tip, received, time.monotonic() - started, shallow)


def _local(url: str) -> bool:
    """Whether `url` names a repository on this machine (a path or a file:// URL)."""
    return url.lower().startswith("file://") or "://" not in url and not is_git_url(url)


# --- update ----------------------------------------------------------------------------------

def _open(path: Path) -> pygit2.Repository:
    import pygit2

    if not (path / "HEAD").is_file() or not (path / "objects").is_dir():
        raise GitSyncError("not_a_repo", f"{path} is not an archive Lectern downloaded (no git repository there).",
                           retry=False)
    try:
        return pygit2.Repository(str(path))
    except Exception as exc:  # noqa: BLE001 - libgit2 refuses it: a damaged repository
        raise GitSyncError("damaged", f"The downloaded copy of this archive cannot be opened ({exc}). "
                           "A fresh download will repair it.", fresh_clone=True, detail=str(exc)) from exc


def _take_lock(path: Path, wait: bool, cancel: Callable[[], bool] | None, status: str) -> FileLock:
    lock = FileLock(path / LOCK_NAME)
    if not wait:
        if not lock.acquire(status):
            raise GitSyncError("busy", "This archive is already being updated: try again when that is done.")
        return lock
    if not lock.wait(status, waiting=lambda _holder: bool(cancel and cancel())):
        raise GitSyncError("cancelled", "The download was cancelled.")
    return lock


def update(path: str | os.PathLike[str], *, proxy: Proxy = Proxy(), progress: Callable[[Transfer], None] | None = None,
           cancel: Callable[[], bool] | None = None, wait: bool = True) -> Fetched:
    """Bring the archive at `path` to its origin's default branch tip (depth 1 when shallow).
    One update of an archive at a time: a second waits (or, with wait=False, fails "busy")."""
    path = Path(path)
    _open(path).free()  # not a repository: say so before creating a lock file in it
    lock = _take_lock(path, wait, cancel, "updating")
    url, proxy_url = "", ""
    try:
        _clean_stale(path)
        url = origin_url(path)
        proxy_url = proxy.resolved(url)
        damage = check(path)
        if damage:
            raise GitSyncError("damaged", damage, fresh_clone=True)
        fetched = _update_locked(path, url, proxy, progress, cancel)
        compact(path)
        return fetched
    except BaseException as exc:
        _clean_stale(path)
        if isinstance(exc, GitSyncError) or is_git_error(exc):
            raise error_from(exc, url, proxy_url, TIMEOUTS) from exc
        raise
    finally:
        lock.release()


def _update_locked(path: Path, url: str, proxy: Proxy, progress: Callable[[Transfer], None] | None,
                   cancel: Callable[[], bool] | None) -> Fetched:
    started = time.monotonic()
    proxy_arg = _prepare(proxy, url)
    repo = _open(path)
    try:
        old_branch, old_tip = _head(repo)
        callbacks = _callbacks(progress, cancel)
        if progress is not None:
            progress(Transfer("connecting"))
        branch = _default_branch(repo, url, callbacks, proxy_arg)
        received = _fetch(repo, branch, 1 if repo.is_shallow else 0, callbacks, proxy_arg, cancel)
        if branch != old_branch:  # upstream changed its default branch
            _set_head(repo, branch)
            if f"refs/heads/{old_branch}" in repo.references:
                repo.references.delete(f"refs/heads/{old_branch}")
        new_tip = str(repo.references[f"refs/heads/{branch}"].target)
        shallow = repo.is_shallow
        callbacks.done()  # type: ignore[attr-defined]
    finally:
        repo.free()
    return Fetched(str(path), url, branch, old_tip, new_tip, received, time.monotonic() - started, shallow)


def reclone(path: str | os.PathLike[str], *, proxy: Proxy = Proxy(), progress: Callable[[Transfer], None] | None = None,
            cancel: Callable[[], bool] | None = None, url: str | None = None) -> Fetched:
    """A fresh clone of `path`'s origin (shallow if it was), swapped in only once complete.
    `url` serves when the old repository is too damaged to say its origin."""
    path = Path(path)
    url = url or origin_url(path)
    shallow = (path / "shallow").is_file() if path.is_dir() else True
    old_tip = ""
    try:
        old_tip = tip(path)[1]
    except GitSyncError:
        pass
    lock = _take_lock(path, True, cancel, "recloning") if path.is_dir() else None
    partial = _partial_dir(path, "partial")
    try:
        fetched = _clone_into(partial, url, not shallow, proxy, progress, cancel)
        if lock is not None:
            lock.release()  # Windows cannot rename a folder holding an open file
        aside = path.parent / f".{path.name}.old-{os.urandom(4).hex()}"
        if path.exists():
            os.replace(path, aside)
        try:
            os.replace(partial, path)
        except OSError:
            if aside.exists():
                os.replace(aside, path)
            raise
        remove_tree(aside)
    except BaseException as exc:
        remove_tree(partial)
        if isinstance(exc, GitSyncError) or is_git_error(exc):
            raise error_from(exc, url, proxy.resolved(url), TIMEOUTS) from exc
        raise
    finally:
        if lock is not None:
            lock.release()
    return Fetched(str(path), url, fetched.branch, old_tip, fetched.new_tip, fetched.bytes, fetched.seconds,
                   fetched.shallow)


# --- compaction ------------------------------------------------------------------------------

MAX_PACKS = 24  # an hourly update adds a pack: about once a day they are packed into one


def compact(path: str | os.PathLike[str], max_packs: int | None = None) -> int:
    """Pack a shallow archive's objects of its tip alone into one pack once updates have left more
    than `max_packs` (each update adds one, and libgit2 has no gc: reading slows down as they pile
    up, and the posts of rewritten histories are never freed).  The old packs are removed (one still
    open by a reader on Windows is left for the next time).  Called with the update lock held;
    returns the number of packs removed (0 when there was nothing to do)."""
    import pygit2

    folder = Path(path) / "objects" / "pack"
    old = sorted(folder.glob("pack-*.pack"))
    if len(old) <= (MAX_PACKS if max_packs is None else max_packs):
        return 0
    repo = pygit2.Repository(str(path))
    try:
        if not repo.is_shallow:
            return 0  # a whole history is kept whole
        tip = repo.head.target
        repo.pack(pack_delegate=lambda builder: builder.add_recur(tip))
        (Path(path) / "shallow").write_text(f"{tip}\n", encoding="ascii")  # the one commit kept, its parents not
    finally:
        repo.free()
    removed = 0
    for pack in old:
        for part in (pack, pack.with_suffix(".idx"), pack.with_suffix(".rev")):
            try:
                part.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                break  # open elsewhere (Windows): the next compaction removes it
        else:
            removed += 1
    return removed


# --- leftovers -------------------------------------------------------------------------------

def clean_stale(path: str | os.PathLike[str]) -> list[str]:
    """When no update holds the archive: remove the lock and temporary files a killed fetch left
    (git's *.lock files, objects/pack/tmp_* and libgit2's *_git2_* files).  Returns what went."""
    path = Path(path)
    if not (path / "HEAD").is_file():
        return []
    lock = FileLock(path / LOCK_NAME)
    if not lock.acquire("cleaning"):
        return []
    try:
        return _clean_stale(path)
    finally:
        lock.release()


def _clean_stale(path: Path) -> list[str]:
    found = [path / name for name in _GIT_LOCKS]
    for folder in ("refs", "logs"):
        found.extend(p for p in (path / folder).rglob("*.lock"))
    pack = path / "objects" / "pack"
    if pack.is_dir():
        found.extend(p for p in pack.iterdir() if p.name.startswith("tmp_") or "_git2_" in p.name
                     or p.name.endswith(".lock"))
    objects = path / "objects"
    if objects.is_dir():
        for sub in objects.iterdir():
            if len(sub.name) == 2 and sub.is_dir():
                found.extend(p for p in sub.iterdir() if p.name.startswith("tmp_") or "_git2_" in p.name)
    removed = []
    for item in found:
        try:
            item.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            continue  # still open elsewhere (Windows): the next update tries again
        removed.append(item.relative_to(path).as_posix())
    return sorted(removed)


def clean_partials(folder: str | os.PathLike[str]) -> list[str]:
    """Remove the hidden ".<name>.partial-*" (and ".old-*") folders a killed clone or reclone left
    in `folder`; one still being built (its lock held) is left alone.  Returns the names removed."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    removed = []
    for item in sorted(folder.iterdir()):
        if not (_PARTIAL.match(item.name) and item.is_dir()):
            continue
        lock = FileLock(item / LOCK_NAME)
        try:
            if not lock.acquire("removing"):
                continue
            lock.release()
        except OSError:
            continue
        remove_tree(item)
        if not item.exists():
            removed.append(item.name)
    return removed


# --- local facts -----------------------------------------------------------------------------

def _head(repo: pygit2.Repository) -> tuple[str, str]:
    ref = repo.references["HEAD"].target  # symbolic: "refs/heads/B"
    branch = ref[len("refs/heads/"):] if isinstance(ref, str) and ref.startswith("refs/heads/") else ""
    try:
        return branch, str(repo.head.target)
    except Exception:  # noqa: BLE001 - an unborn or broken HEAD
        return branch, ""


def tip(path: str | os.PathLike[str]) -> tuple[str, str]:
    """(branch, commit hex) of the archive's HEAD, from the local repository alone."""
    path = Path(path)
    repo = _open(path)
    try:
        branch, commit = _head(repo)
    finally:
        repo.free()
    if not commit:
        raise GitSyncError("damaged", f"The downloaded copy of this archive has no commit on {branch or 'its branch'}. "
                           "A fresh download will repair it.", fresh_clone=True)
    return branch, commit


def origin_url(path: str | os.PathLike[str]) -> str:
    """The address the archive was cloned from (read from its config even when libgit2 cannot open it)."""
    path = Path(path)
    try:
        text = (path / "config").read_text("utf-8", "replace")
    except OSError as exc:
        raise GitSyncError("not_a_repo", f"{path} is not an archive Lectern downloaded ({exc.strerror}).",
                           retry=False) from exc
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section.replace(" ", "") in ('[remote"origin"]',) and re.match(r"url\s*=", line):
            return line.split("=", 1)[1].strip().strip('"')
    raise GitSyncError("not_a_repo", f"{path} has no origin address: Lectern did not download it.", retry=False)


def check(path: str | os.PathLike[str], *, deep: bool = False) -> str | None:
    """What is wrong with the local repository (a sentence for the reader), None when sound.
    Reads HEAD, the tip commit and every tree under it, and checks each pack's end against its
    index; `deep` also verifies every pack's checksum (reads all of them)."""
    path = Path(path)
    try:
        repo = _open(path)
    except GitSyncError as exc:
        return str(exc)
    lead = "The downloaded copy of this archive is damaged"
    try:
        for pack in sorted((path / "objects" / "pack").glob("*.pack")):
            problem = _pack_problem(pack, deep)
            if problem:
                return f"{lead}: {pack.name} {problem}. A fresh download will repair it."
        import pygit2

        commit = repo.head.peel(pygit2.Commit)
        trees = [commit.tree]
        while trees:
            for entry in trees.pop():
                if entry.type_str == "tree":
                    trees.append(repo[entry.id])
    except Exception as exc:  # noqa: BLE001 - whatever libgit2 says, the repository cannot be read
        return f"{lead} ({exc}). A fresh download will repair it."
    finally:
        repo.free()
    return None


def _pack_problem(pack: Path, deep: bool) -> str | None:
    index = pack.with_suffix(".idx")
    try:
        size = pack.stat().st_size
        with open(pack, "rb") as fh:
            header = fh.read(12)
            fh.seek(max(size - 20, 0))
            trailer = fh.read(20)
        idx = b""
        if index.is_file():
            with open(index, "rb") as fh:
                fh.seek(-40, os.SEEK_END)  # an index ends with its pack's checksum, then its own
                idx = fh.read(20)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if size < 32 or not header.startswith(b"PACK"):
        return "is not a pack file"
    if idx and idx != trailer:
        return "does not match its index (truncated or overwritten)"
    if deep:
        import hashlib

        digest = hashlib.sha1()
        with open(pack, "rb") as fh:
            remaining = size - 20
            while remaining > 0 and (block := fh.read(min(1 << 20, remaining))):
                digest.update(block)
                remaining -= len(block)
        if digest.digest() != trailer:
            return "fails its checksum"
    return None
