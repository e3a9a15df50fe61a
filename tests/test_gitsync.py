"""reader.core.gitsync against a git server on 127.0.0.1 (tests/gitserver.py): what a reader
would notice.  Clones hold the default branch only and nothing else; updates follow upstream
whatever it did; every network fault ends quickly with a plain sentence naming the host and
leaves the archive as it was; proxies are used when asked and only then; leftovers of killed
runs are cleaned; a damaged archive is recognised and repaired by a fresh clone.
Nothing here touches the internet."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pygit2
import pytest

from gitserver import (ConnectProxy, GitServer, add_gh_pages, commit, copy_repo, make_repo, many_posts, post, repack,
                       sample_posts, self_signed, squash, tip_of)
from reader.core import gitsync
from reader.core.cachefs import FileLock
from reader.core.gitsync import GitSyncError, Proxy

pytestmark = pytest.mark.usefixtures("quick_git")

ROOT = Path(__file__).resolve().parents[1]
ODD_NAMES = ["_posts/2024-01-02-what|why?.md", '_posts/2024-01-03-a:b*c".md',
             "_posts/2024-01-04-Case.md", "_posts/2024-01-04-case.md"]
FAULT_KINDS = {"stall": "timeout", "stall_mid": "timeout", "500": "server", "404": "not_found", "401": "auth",
               "html": "not_a_repo", "truncate": "eof", "reset": ("reset", "eof")}
# A reset after the request was read reaches libgit2 as "Connection reset by peer" or, now and then,
# as "unexpected EOF" (the kernel's choice): both are a cut connection, both worth a retry.


@pytest.fixture(autouse=True)
def _no_thread_left():
    """Every server, proxy and update thread a test starts has ended when it ends."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2
    while set(threading.enumerate()) - before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not set(threading.enumerate()) - before


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, int]:
    """An archive upstream: odd names, archived posts, a moved and a removed post, 600 more posts
    over several commits, and a 2 MB gh-pages.  Returns (its folder, its number of commits)."""
    path = tmp_path_factory.mktemp("template") / "archive.git"
    repo = make_repo(path, [sample_posts(), many_posts(300), {"_posts/2024-01-02-first.md": None},
                            many_posts(300, start=300)])
    commit(repo, {}, moves={"_posts/2024-02-01-post-0.md": "archived/2024-02-01/2024-02-01-post-0.md"})
    add_gh_pages(repo)
    repack(path)
    return path, 5


@pytest.fixture
def upstream(template, tmp_path) -> pygit2.Repository:
    return copy_repo(template[0], tmp_path / "served" / "archive.git")


@pytest.fixture
def server(upstream, tmp_path):
    with GitServer(tmp_path / "served") as srv:
        yield srv


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def _blob(path: Path, name: str) -> bytes:
    repo = pygit2.Repository(str(path))
    tree = repo.head.peel(pygit2.Commit).tree
    return repo[tree[name].id].data


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _expect(kind: str | tuple[str, ...], call, *args, **kwargs) -> GitSyncError:
    started = time.monotonic()
    with pytest.raises(GitSyncError) as info:
        call(*args, **kwargs)
    assert time.monotonic() - started < 10, "a failure must come quickly, never hang"
    assert info.value.kind in ((kind,) if isinstance(kind, str) else kind), (
        info.value.kind, str(info.value), info.value.detail)
    return info.value


# --- clone ---------------------------------------------------------------------------------

def test_clone_is_bare_shallow_and_holds_the_default_branch_only(server, upstream, library):
    dest = library / "archive.git"
    fetched = gitsync.clone(server.url("archive.git"), dest)
    repo = pygit2.Repository(str(dest))
    assert repo.is_bare and repo.is_shallow and fetched.shallow
    assert list(repo.references) == ["refs/heads/master"]
    assert fetched.new_tip == tip_of(upstream) == str(repo.head.target) and fetched.branch == "master"
    assert fetched.old_tip == "" and fetched.bytes > 100_000
    assert len(list(repo.walk(repo.head.target))) == 1
    gh_pages = upstream.references["refs/heads/gh-pages"].peel(pygit2.Commit)
    assert gh_pages.id not in repo and gh_pages.tree["assets"].id not in repo
    assert tip_of(upstream, "gh-pages") not in server.wants()
    assert not (dest / "_posts").exists() and not (dest / "archived").exists()  # no working files
    assert sorted(os.listdir(library)) == ["archive.git"]  # the temporary folder was renamed
    for name in ODD_NAMES:
        folder, file = name.split("/")
        tree = repo.head.peel(pygit2.Commit).tree[folder]
        assert repo[repo[tree.id][file].id].data.startswith(b"---\ntitle:")
    assert _blob(dest, "_config.yml") == b"title: Test archive\n"
    assert gitsync.tip(dest) == ("master", fetched.new_tip) and gitsync.check(dest) is None
    assert gitsync.origin_url(dest) == server.url("archive.git")


def test_full_clone_has_the_whole_history(server, upstream, template, library):
    fetched = gitsync.clone(server.url("archive.git"), library / "full.git", full=True)
    repo = pygit2.Repository(fetched.path)
    assert not fetched.shallow and not repo.is_shallow
    assert len(list(repo.walk(repo.head.target))) == template[1]
    assert list(repo.references) == ["refs/heads/master"]
    assert tip_of(upstream, "gh-pages") not in server.wants()


def test_clone_follows_a_default_branch_that_is_not_master(tmp_path, library):
    make_repo(tmp_path / "served" / "other.git", [sample_posts()], branch="main")
    with GitServer(tmp_path / "served") as srv:
        fetched = gitsync.clone(srv.url("other.git"), library / "other.git")
    assert fetched.branch == "main" and gitsync.tip(fetched.path)[0] == "main"


def test_progress_is_reported_and_throttled(server, library):
    reports: list[gitsync.Transfer] = []
    polls = []
    started = time.monotonic()
    gitsync.clone(server.url("archive.git"), library / "a.git", progress=reports.append,
                  cancel=lambda: polls.append(1) and False)
    seconds = time.monotonic() - started
    assert reports[0].phase == "connecting" and reports[-1].phase == "done"
    assert reports[-1].objects == reports[-1].total_objects > 600
    assert {r.phase for r in reports} <= {"connecting", "receiving", "resolving", "done"}
    assert any(r.phase == "receiving" for r in reports)
    assert len(polls) > 100, "libgit2 reports often: the callbacks are many"
    assert len(reports) <= 10 * seconds + 4, (len(reports), seconds)
    sizes = [r.bytes for r in reports]
    assert sizes == sorted(sizes)


def test_cancel_mid_transfer_leaves_nothing_behind(server, library):
    polls = []

    def cancel() -> bool:
        polls.append(1)
        return len(polls) > 20

    error = _expect("cancelled", gitsync.clone, server.url("archive.git"), library / "a.git", cancel=cancel)
    assert error.retry and "cancelled" in str(error)
    assert server.count("git-upload-pack") >= 1  # it was mid-transfer
    assert os.listdir(library) == []


def test_clone_refuses_an_existing_folder(server, library):
    (library / "a.git").mkdir()
    error = _expect("other", gitsync.clone, server.url("archive.git"), library / "a.git")
    assert "already exists" in str(error) and server.count() == 0


# --- update --------------------------------------------------------------------------------

@pytest.mark.parametrize("full", [False, True], ids=["shallow", "full"])
def test_update_after_new_commits_then_a_force_pushed_squash(server, upstream, library, full):
    first = gitsync.clone(server.url("archive.git"), library / "a.git", full=full)
    new = commit(upstream, {"_posts/2024-05-05-new.md": post("new", title="New one")})
    fetched = gitsync.update(first.path)
    assert (fetched.old_tip, fetched.new_tip) == (first.new_tip, new) and fetched.changed
    assert b"New one" in pygit2.Repository(first.path).revparse_single("HEAD:_posts/2024-05-05-new.md").data
    assert fetched.shallow == (not full)
    squashed = squash(upstream)
    again = gitsync.update(first.path)
    repo = pygit2.Repository(first.path)
    assert (again.old_tip, again.new_tip) == (new, squashed) and str(repo.head.target) == squashed
    assert len(list(repo.walk(repo.head.target))) == 1
    assert list(repo.references) == ["refs/heads/master"] and gitsync.check(first.path) is None
    assert tip_of(upstream, "gh-pages") not in server.wants()


def test_hourly_updates_do_not_pile_up_packs(server, upstream, library, monkeypatch):
    """libgit2 has no gc: every update leaves a pack; past MAX_PACKS the tip's objects are packed
    into one and the old packs go, and the archive reads and updates as before."""
    monkeypatch.setattr(gitsync, "MAX_PACKS", 3)
    first = gitsync.clone(server.url("archive.git"), library / "a.git")
    packs = Path(first.path) / "objects" / "pack"
    for n in range(4):
        commit(upstream, {f"_posts/2024-06-0{n + 1}-hour-{n}.md": post(f"hour-{n}")})
        gitsync.update(first.path)
    assert len(list(packs.glob("*.pack"))) <= 3
    repo = pygit2.Repository(first.path)
    assert repo.is_shallow and str(repo.head.target) == tip_of(upstream)
    assert b"hour-3" in repo.revparse_single("HEAD:_posts/2024-06-04-hour-3.md").data
    assert gitsync.check(first.path, deep=True) is None
    last = commit(upstream, {"_posts/2024-06-09-later.md": post("later")})
    assert gitsync.update(first.path).new_tip == last


def test_update_with_nothing_new(server, library):
    first = gitsync.clone(server.url("archive.git"), library / "a.git")
    reports: list[gitsync.Transfer] = []
    fetched = gitsync.update(first.path, progress=reports.append)
    assert fetched.old_tip == fetched.new_tip == first.new_tip and not fetched.changed
    assert fetched.bytes < 10_000 and reports[-1].phase == "done"


@pytest.mark.parametrize("fault", list(FAULT_KINDS))
def test_each_fault_on_clone_fails_plainly_and_leaves_nothing(server, library, fault):
    server.fault = fault
    server.partial_bytes = 20_000
    error = _expect(FAULT_KINDS[fault], gitsync.clone, server.url("archive.git"), library / "a.git")
    assert "127.0.0.1" in str(error) and error.retry and not error.fresh_clone
    assert str(error)[0].isalnum() and str(error).endswith(".") and len(str(error)) < 200
    assert os.listdir(library) == []


@pytest.mark.parametrize("fault", list(FAULT_KINDS))
def test_each_fault_on_update_leaves_the_archive_at_its_last_good_tip(server, upstream, library, fault):
    first = gitsync.clone(server.url("archive.git"), library / "a.git")
    commit(upstream, many_posts(200, start=1000))  # a pack big enough to be cut
    server.fault, server.partial_bytes = fault, 20_000
    error = _expect(FAULT_KINDS[fault], gitsync.update, first.path)
    assert "127.0.0.1" in str(error)
    assert gitsync.tip(first.path) == ("master", first.new_tip) and gitsync.check(first.path) is None
    assert not [p for p in Path(first.path).rglob("*") if p.name.startswith("tmp_") or p.suffix == ".lock"
                and p.name != gitsync.LOCK_NAME]
    server.fault = None
    assert gitsync.update(first.path).new_tip == tip_of(upstream)  # and the next try works


def test_messages_a_reader_can_act_on(server, library):
    server.fault = "401"
    assert "asks for a user name and password (HTTP 401)" in str(
        _expect("auth", gitsync.clone, server.url("archive.git"), library / "a.git"))
    server.fault = "404"
    assert str(_expect("not_found", gitsync.clone, server.url("archive.git"), library / "a.git")) == (
        "127.0.0.1 has no repository at this address (HTTP 404).")
    server.fault = None
    _expect("not_found", gitsync.clone, server.url("missing.git"), library / "a.git")
    server.fault = "stall"
    assert str(_expect("timeout", gitsync.clone, server.url("archive.git"), library / "a.git")) == (
        "The connection to 127.0.0.1 stalled: no data for 1 second.")


def test_dns_failure_and_connection_refused(library):
    error = _expect("dns", gitsync.clone, "https://archive.invalid/owner/repo.git", library / "a.git")
    assert str(error) == ("Could not find the server archive.invalid (DNS lookup failed). "
                          "Check the address and your connection.")
    error = _expect("refused", gitsync.clone, f"http://127.0.0.1:{_closed_port()}/a.git", library / "a.git")
    assert "127.0.0.1 refused the connection" in str(error)
    assert os.listdir(library) == []


def test_untrusted_certificate(tmp_path, upstream, library):
    pair = self_signed(tmp_path)
    if pair is None:
        pytest.skip("openssl is not installed")
    with GitServer(tmp_path / "served", tls=pair) as srv:
        error = _expect("tls", gitsync.clone, srv.url("archive.git"), library / "a.git")
    assert "127.0.0.1" in str(error)


# --- proxies (https: libgit2 puts only https remotes through a proxy) -------------------------

@pytest.fixture
def tls_server(upstream, tmp_path):
    """The upstream served over https with a certificate libgit2 is told to trust."""
    pair = self_signed(tmp_path)
    if pair is None:
        pytest.skip("openssl is not installed")
    gitsync.configure_tls()  # first: it must not run after this test's trust is set
    pygit2.settings.set_ssl_cert_locations(str(pair[0]), None)  # adds to OpenSSL's store
    with GitServer(tmp_path / "served", tls=pair) as srv:
        yield srv


def test_a_proxy_url_is_used(tls_server, library):
    with ConnectProxy() as proxy:
        gitsync.clone(tls_server.url("archive.git"), library / "a.git", proxy=Proxy("url", proxy.url))
        assert proxy.forwarded and all(line == f"CONNECT 127.0.0.1:{tls_server.port}" for line in proxy.forwarded)
        assert gitsync.update(library / "a.git", proxy=Proxy("url", proxy.url)).new_tip
    assert tls_server.count("git-upload-pack") >= 1


def test_proxy_none_ignores_a_dead_proxy_in_the_environment(tls_server, library, monkeypatch):
    dead = f"http://127.0.0.1:{_closed_port()}"
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, dead)
    gitsync.clone(tls_server.url("archive.git"), library / "a.git", proxy=Proxy("none"))
    requests = tls_server.count()
    error = _expect("proxy", gitsync.clone, tls_server.url("archive.git"), library / "b.git", proxy=Proxy("env"))
    assert "Could not go through the proxy 127.0.0.1" in str(error) and tls_server.count() == requests


def test_proxy_env_uses_the_environment(tls_server, library, monkeypatch):
    url = tls_server.url("archive.git")
    with ConnectProxy() as proxy:
        monkeypatch.setenv("https_proxy", proxy.url)
        assert Proxy("env").for_pygit2(url) == proxy.url
        gitsync.clone(url, library / "a.git", proxy=Proxy("env"))
        assert proxy.forwarded
        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
        assert Proxy("env").for_pygit2(url) is None


def test_a_proxy_for_a_plain_http_address_is_refused_not_ignored(server, library):
    with ConnectProxy() as proxy:
        error = _expect("proxy", gitsync.clone, server.url("archive.git"), library / "a.git",
                        proxy=Proxy("url", proxy.url))
        assert "https://" in str(error) and not proxy.forwarded and server.count() == 0


def test_socks_and_malformed_proxies_are_refused_plainly(server, library, monkeypatch):
    socks = Proxy("url", "socks5://127.0.0.1:1080")
    assert socks.problem() == "SOCKS proxies are not supported: use an HTTP proxy (http://host:port)."
    error = _expect("proxy", gitsync.clone, server.url("archive.git"), library / "a.git", proxy=socks)
    assert "SOCKS proxies are not supported" in str(error) and server.count() == 0
    monkeypatch.setenv("ALL_PROXY", "socks5h://127.0.0.1:1080")
    assert "SOCKS" in (Proxy("env").problem() or "")
    assert Proxy("url", "").problem() and Proxy("url", "http://host:notaport").problem()
    assert Proxy("url", "proxy.example.com:3128").problem() is None
    assert Proxy("url", "proxy.example.com:3128").for_pygit2() == "http://proxy.example.com:3128"
    assert Proxy().problem() is None and Proxy().for_pygit2() is None
    assert os.listdir(library) == []


# --- locks, leftovers, damage --------------------------------------------------------------

def test_stale_locks_of_a_killed_fetch_are_cleaned(server, upstream, library):
    first = gitsync.clone(server.url("archive.git"), library / "a.git")
    path = Path(first.path)
    leftovers = ["refs/heads/master.lock", "packed-refs.lock", "shallow.lock", "objects/pack/tmp_pack_x",
                 "objects/pack/pack_git2_abc"]
    for name in leftovers:
        (path / name).write_bytes(b"")
    new = commit(upstream, {"_posts/2024-05-06-later.md": post("later")})
    assert gitsync.update(path).new_tip == new
    assert not any((path / name).exists() for name in leftovers)
    (path / "HEAD.lock").write_bytes(b"")
    holder = FileLock(path / gitsync.LOCK_NAME)
    assert holder.acquire("test")
    assert gitsync.clean_stale(path) == []  # an update is running: its locks are not stale
    holder.release()
    assert gitsync.clean_stale(path) == ["HEAD.lock"]


def test_two_updates_of_one_archive_take_turns(server, upstream, library):
    first = gitsync.clone(server.url("archive.git"), library / "a.git")
    new = commit(upstream, many_posts(100, start=2000))
    results: dict[str, object] = {}
    second_reports: list[gitsync.Transfer] = []
    release = threading.Event()
    busy: list[GitSyncError] = []

    def first_progress(report: gitsync.Transfer) -> None:
        if report.phase == "connecting":
            with pytest.raises(GitSyncError) as info:
                gitsync.update(first.path, wait=False)
            busy.append(info.value)
            second.start()
            release.wait(5)

    def run(name: str, **kwargs) -> None:
        try:
            results[name] = gitsync.update(first.path, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - reported below
            results[name] = exc

    one = threading.Thread(target=run, args=("one",), kwargs={"progress": first_progress})
    second = threading.Thread(target=run, args=("two",), kwargs={"progress": second_reports.append})
    one.start()
    time.sleep(0.5)
    assert second_reports == [], "the second update waits for the first"
    release.set()
    one.join(10)
    second.join(10)
    assert busy and busy[0].kind == "busy" and "already being updated" in str(busy[0])
    assert results["one"].new_tip == new and results["one"].old_tip == first.new_tip
    assert results["two"].new_tip == new and results["two"].old_tip == new


def test_a_damaged_archive_is_recognised_and_recloned(server, upstream, library):
    first = gitsync.clone(server.url("archive.git"), library / "a.git")
    pack = next((Path(first.path) / "objects" / "pack").glob("*.pack"))
    data = bytearray(pack.read_bytes())
    for at in range(200, len(data) - 100, 50):
        data[at] ^= 0xFF
    pack.chmod(0o644)
    pack.write_bytes(bytes(data))
    problem = gitsync.check(first.path)
    assert problem and problem.startswith("The downloaded copy of this archive is damaged")
    requests = server.count()
    error = _expect("damaged", gitsync.update, first.path)
    assert error.fresh_clone and "fresh download" in str(error) and server.count() == requests
    fixed = gitsync.reclone(first.path)
    assert gitsync.check(first.path) is None and fixed.new_tip == tip_of(upstream) and fixed.shallow
    assert sorted(os.listdir(library)) == ["a.git"]
    assert _blob(Path(first.path), "_config.yml") == b"title: Test archive\n"


@pytest.mark.parametrize("message, kind", [  # libgit2 1.9's own words (socket.c, httpclient.c, http.c, zlib)
    ("failed to connect to github.com: Operation timed out", "timeout"),
    ("could not read from socket: timed out", "timeout"),
    ("failed to resolve address for github.com: Name or service not known", "dns"),
    ("failed to connect to github.com: Connection refused", "refused"),
    ("error receiving data from socket: Connection reset by peer", "reset"),
    ("unexpected http status code: 503", "server"), ("unexpected http status code: 403", "auth"),
    ("http parser did not consume entire buffer: Invalid EOF state", "eof"), ("unexpected EOF", "eof"),
    ("invalid content-type: 'text/html'", "not_a_repo"), ("user rejected certificate for github.com", "tls"),
    ("invalid distance too far back", "damaged"), ("missing delta bases", "damaged"),
    ("invalid pack file - invalid packfile type in header", "damaged"),
    ("failed to write: No space left on device", "disk_full"), ("unknown http scheme 'socks5'", "proxy")])
def test_libgit2_messages_map_to_kinds(message, kind):
    error = gitsync.error_from(pygit2.GitError(message), "https://github.com/NodeBE4/oped2")
    assert error.kind == kind and error.detail == message
    assert error.fresh_clone == (kind == "damaged")
    assert "github.com" in str(error) or kind in ("damaged", "disk_full", "proxy")


def test_connect_timeout_and_disk_full_messages():
    error = gitsync.error_from(pygit2.GitError("failed to connect to github.com: Operation timed out"),
                               "https://github.com/a/b")
    assert str(error) == "Could not connect to github.com: no answer within 2 seconds. Check your connection."
    full = gitsync.error_from(OSError(28, "No space left on device"), "https://github.com/a/b")
    assert full.kind == "disk_full" and "disk is full" in str(full)


def test_killed_clones_leave_folders_that_clean_partials_removes(library):
    (library / ".a.git.partial-1a2b").mkdir()
    (library / ".a.git.partial-1a2b" / "objects").mkdir()
    (library / ".b.git.old-99").mkdir()
    (library / ".c.git.partial-77").mkdir()
    working = FileLock(library / ".c.git.partial-77" / gitsync.LOCK_NAME)
    assert working.acquire("cloning")
    (library / "kept.git").mkdir()
    try:
        assert gitsync.clean_partials(library) == [".a.git.partial-1a2b", ".b.git.old-99"]
    finally:
        working.release()
    assert sorted(os.listdir(library)) == [".c.git.partial-77", "kept.git"]


def test_not_a_repository(library):
    error = _expect("not_a_repo", gitsync.update, library)
    assert not error.retry and gitsync.check(library)


# --- addresses and the module itself -------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("https://github.com/NodeBE4/oped2", True), ("http://example.com/a.git", True),
    ("ssh://git@github.com/NodeBE4/oped2.git", True), ("git://example.com/a.git", True),
    ("file:///srv/git/a.git", True), ("git@github.com:NodeBE4/oped2.git", True),
    ("/home/me/oped2", False), ("C:\\archives\\oped2", False), ("oped2", False), ("https://", False),
    ("", False), ("C:/archives/oped2", False), ("https://github.com/a b", False)])
def test_is_git_url(text, expected):
    assert gitsync.is_git_url(text) is expected


@pytest.mark.parametrize("url, name", [
    ("https://github.com/NodeBE4/oped2", "nodebe4-oped2.git"), ("https://github.com/NodeBE4/oped2.git", "nodebe4-oped2.git"),
    ("https://github.com/NodeBE4/oped2/", "nodebe4-oped2.git"), ("git@github.com:NodeBE4/Society.git", "nodebe4-society.git"),
    ("https://example.com/a|b/c:d?x=1", "a-b-c-d.git"), ("https://example.com/", "example.com.git"),
    ("https://example.com/group/con", "group-con.git"), ("https://example.com/con", "archive-con.git")])
def test_folder_name_is_safe_everywhere(url, name):
    assert gitsync.folder_name(url) == name


def test_importing_gitsync_does_not_import_pygit2():
    code = "import sys, reader.core.gitsync; print('pygit2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_servers_leave_no_thread_and_no_open_port(tmp_path):
    before = set(threading.enumerate())
    (tmp_path / "served").mkdir()
    with GitServer(tmp_path / "served") as srv, ConnectProxy() as proxy:
        ports = [srv.port, int(proxy.url.rsplit(":", 1)[1])]
        srv.fault = "stall"  # a handler thread blocked in a stall must end too
        client = socket.create_connection(("127.0.0.1", ports[0]))
        client.sendall(b"GET /x/info/refs HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
    client.close()
    assert set(threading.enumerate()) <= before
    for port in ports:
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            pass
