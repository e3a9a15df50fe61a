"""The git part of `lectern --self-test`: libgit2 is in the bundle and works, with no network at all.

`check_git(scratch)` builds a small bare repository with pygit2 in `scratch` (two commits of
Jekyll posts: a post moved from ``_posts/`` to ``archived/2024-01-01/`` as ``archive.sh`` does, and a
file name with ``|`` and ``:`` that Windows cannot check out), clones it with `gitsync.clone`
through a ``file://`` URL (libgit2's local transport: no socket is opened), reads it through
`GitSource` and the `Index`, adds a commit upstream, runs `gitsync.update` and checks the new tip
and the post count.  It also says which libgit2 the bundle loads and whether https certificates
are set up (`gitsync.configure_tls`, certifi's ``cacert.pem``).  Returns a one-line summary or
raises `RuntimeError` with the reason.

Qt-free (tests/test_packaging_files.py runs it in-process); it lives under `gui` only because the
self-test does.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

__all__ = ["check_git", "tls_summary"]

_WHEN = 1704067200  # 2024-01-01T00:00:00Z: the repository is the same on every run
ODD_NAME = "_posts/2024-01-03-a|b:c.md"  # `|` and `:`: no Windows checkout can hold it; git objects can
MOVED_FROM, MOVED_TO = "_posts/2024-01-01-a.md", "archived/2024-01-01/2024-01-01-a.md"


def _post(title: str, day: str, body: str) -> bytes:
    return (f'---\nlayout: post\ntitle: "{title}"\ndate: {day} 08:00:00 +0800\ncategories: [self-test]\n---\n'
            f"<p>{body}</p>\n").encode("utf-8")


FIRST = {
    MOVED_FROM: _post("First post", "2024-01-01", "The first post of the self-test archive."),
    "_posts/2024-01-02-b.md": _post("第二篇", "2024-01-02", "自检用的第二篇文章。"),
    "_config.yml": b"title: Lectern self-test archive\n",
}
SECOND = {k: v for k, v in FIRST.items() if k != MOVED_FROM} | {
    MOVED_TO: FIRST[MOVED_FROM],  # archive.sh's move: the same bytes under archived/DATE/
    ODD_NAME: _post("A | B: C", "2024-01-03", "A name Windows cannot check out."),
}
THIRD = SECOND | {"_posts/2024-01-04-d.md": _post("Fourth post", "2024-01-04", "Added upstream after the clone.")}


def _commit(repo, files: dict[str, bytes], message: str, when: int):  # type: ignore[no-untyped-def]
    """Commit exactly `files` (path -> bytes) on HEAD's branch; returns the commit id (hex)."""
    import pygit2

    folders: dict[str, dict[str, tuple[object, int]]] = {"": {}}
    for path in sorted(files):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), {})
        folder = "/".join(parts[:-1])
        folders[folder][parts[-1]] = (repo.create_blob(files[path]), pygit2.GIT_FILEMODE_BLOB)
    for folder in sorted(folders, key=lambda f: f.count("/") + bool(f), reverse=True):  # deepest first
        builder = repo.TreeBuilder()
        for name, (oid, mode) in sorted(folders[folder].items()):
            builder.insert(name, oid, mode)
        tree = builder.write()
        if folder:
            parent, _, name = folder.rpartition("/")
            folders[parent][name] = (tree, pygit2.GIT_FILEMODE_TREE)
    signature = pygit2.Signature("Lectern self-test", "self-test@lectern.invalid", when, 0)
    parents = [] if repo.head_is_unborn else [repo.head.target]
    return str(repo.create_commit("HEAD", signature, signature, message, tree, parents))


def tls_summary() -> str:
    """How https certificates are checked: libgit2's https back end and certifi's bundle (set by
    `gitsync.configure_tls` wherever the wheel's own OpenSSL is used).  Raises when a bundle that
    needs certifi's file lacks it or libgit2 refuses it."""
    import pygit2

    from reader.core import gitsync

    if not pygit2.features & pygit2.enums.Feature.HTTPS:
        raise RuntimeError("this libgit2 was built without https: no archive can be cloned from GitHub")
    gitsync.configure_tls()
    if sys.platform in ("win32", "darwin"):
        return "TLS certificates from the system store"
    try:
        import certifi
    except ImportError as exc:
        raise RuntimeError("certifi is missing: https clones fail with 'user rejected certificate'") from exc
    where = Path(certifi.where())
    if not where.is_file():
        raise RuntimeError(f"certifi's {where} is not in the bundle: https clones would fail")
    count = where.read_bytes().count(b"-----BEGIN CERTIFICATE-----")
    if count < 50:
        raise RuntimeError(f"certifi's {where} holds only {count} certificates")
    try:  # what configure_tls did, once more: libgit2's OpenSSL must accept the file (it says why not)
        pygit2.settings.set_ssl_cert_locations(str(where), None)
    except Exception as exc:  # noqa: BLE001 - any refusal is the failure reported
        raise RuntimeError(f"libgit2 refused certifi's {where}: {exc}") from exc
    return f"TLS certificates configured from certifi ({count} in {where.name})"


def _check(scratch: Path) -> str:
    import pygit2

    from reader.core import gitsync
    from reader.core.index import Index
    from reader.core.sources import GitSource, is_git_store

    upstream = pygit2.init_repository(str(scratch / "upstream.git"), bare=True)
    try:
        _commit(upstream, FIRST, "two posts", _WHEN)
        second = _commit(upstream, SECOND, "archive one post, add one", _WHEN + 86400)
        url = (scratch / "upstream.git").as_uri()  # file:///...: the local transport, no socket
        dest = scratch / "archives" / gitsync.folder_name(url)
        # libgit2's local transport cannot fetch shallow: a local clone is a full one.
        cloned = gitsync.clone(url, dest, full=True)
        if cloned.new_tip != second or gitsync.tip(dest) != (cloned.branch, second):
            raise RuntimeError(f"the clone is at {cloned.new_tip[:10]}, not at the upstream tip {second[:10]}")
        if not is_git_store(dest):
            raise RuntimeError(f"the clone at {dest} is not a bare repository")
        source = GitSource(dest)
        try:
            rels = {row[0] for row in source.rows()}
            if not {MOVED_TO, ODD_NAME} <= rels or MOVED_FROM in rels:
                raise RuntimeError(f"the clone's tree lists {sorted(rels)}")
            data = source.read(ODD_NAME)
            if not isinstance(data, tuple) or b"A | B: C" not in data[0]:
                raise RuntimeError(f"reading {ODD_NAME} from the git objects gave {data!r:.200}")
        finally:
            source.repo.free()
        cache = scratch / "git-cache"
        with Index(dest, cache) as index:
            report = index.refresh(workers=1)
        if report.posts != 3 or report.unreadable:
            raise RuntimeError(f"the clone indexed {report.posts} posts ({report.unreadable} unreadable), not 3")

        third = _commit(upstream, THIRD, "one more post", _WHEN + 2 * 86400)
        fetched = gitsync.update(dest)
        if (fetched.old_tip, fetched.new_tip) != (second, third) or gitsync.tip(dest)[1] != third:
            raise RuntimeError(f"the update went {fetched.old_tip[:10]} -> {fetched.new_tip[:10]}, "
                               f"not {second[:10]} -> {third[:10]}")
        problem = gitsync.check(dest)
        if problem:
            raise RuntimeError(f"the updated clone fails its check: {problem}")
        with Index(dest, cache) as index:
            report = index.refresh(workers=1)
        if report.posts != 4 or report.added != 1:
            raise RuntimeError(f"after the update the index has {report.posts} posts ({report.added} added), "
                               "not 4 (1 added)")
    finally:
        upstream.free()
    return f"cloned and updated a local repo ({report.posts} posts)"


def check_git(scratch: str | os.PathLike[str]) -> str:
    """The git line of the self-test: "git: ... (4 posts), libgit2 1.9.7, TLS ...".

    Runs in a thread of its own: the repositories `reader.core.sources` keeps open per thread are
    closed when it ends, so that `scratch` can be removed (Windows keeps open files)."""
    import pygit2

    folder = Path(scratch) / "git"
    folder.mkdir(parents=True, exist_ok=True)
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(_check(folder))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            outcome.append(exc)

    thread = threading.Thread(target=work, name="lectern-self-test-git")
    thread.start()
    thread.join()
    import gc

    gc.collect()  # the thread's repository objects: freed now, not whenever
    result = outcome[0] if outcome else RuntimeError("the git check ended without a result")
    if isinstance(result, BaseException):
        if isinstance(result, RuntimeError):
            raise result
        raise RuntimeError(f"{type(result).__name__}: {result}") from result
    return f"git: {result}, libgit2 {pygit2.LIBGIT2_VERSION}, {tls_summary()}"
