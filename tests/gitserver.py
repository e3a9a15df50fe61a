"""Test-only git fixtures: archive repositories built with pygit2, served on 127.0.0.1.

* `make_repo`, `commit`, `squash`, `add_gh_pages`, `sample_posts`: bare repositories shaped
  like the real archives (Jekyll posts in `_posts/` and `archived/YYYY-MM-DD/`, names Windows
  cannot check out, two paths differing only in case, a big `gh-pages` that must never be fetched).
* `GitServer`: git's smart HTTP (`git http-backend` run as CGI, streamed) with fault modes
  ("stall", "stall_mid", "500", "404", "401", "html", "truncate", "reset") and a record of
  every request, so a test can prove what was (never) asked for.
* `ConnectProxy`: a loopback HTTP proxy (CONNECT tunnels and absolute-URI forwarding) that
  counts what it forwarded.  libgit2 1.9 tunnels https remotes through CONNECT; for an http://
  remote it writes an absolute URI but connects to the server itself (use_connect_proxy() in
  its httpclient.c), so proxy tests serve https (`self_signed`).

Servers are context managers; leaving one closes every socket and joins every thread.
Nothing here touches the internet.
"""

from __future__ import annotations

import gzip
import os
import random
import select
import shutil
import socket
import socketserver
import ssl
import struct
import subprocess
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pygit2

SIGNATURE_NAME = "Archive Bot"
_BASE_TIME = 1_704_067_200  # 2024-01-01


# --- repositories --------------------------------------------------------------------------

def post(slug: str, date: str = "2024-01-02", title: str = "", tags: tuple[str, ...] = ("news",),
         source: str = "Example Daily", body: str = "<p>Body text.</p>") -> bytes:
    """A Jekyll post's bytes: YAML front matter (title, date, from, tags) and an HTML body."""
    tag_list = ", ".join(tags)
    return (f"---\ntitle: \"{title or slug}\"\ndate: {date} 08:00:00 +0800\nfrom: {source}\n"
            f"tags: [{tag_list}]\n---\n{body}\n").encode("utf-8")


def sample_posts() -> dict[str, bytes]:
    """A first commit's files: plain posts, odd names, a case pair, an archived post."""
    return {
        "_config.yml": b"title: Test archive\n",
        "_posts/2024-01-02-first.md": post("first", title="\u7b2c\u4e00\u7bc7 First"),
        "_posts/2024-01-02-what|why?.md": post("what-why", title="What | why?"),
        "_posts/2024-01-03-a:b*c\".md": post("abc", date="2024-01-03", title="a:b*c"),
        "_posts/2024-01-04-Case.md": post("Case", date="2024-01-04", title="Upper case"),
        "_posts/2024-01-04-case.md": post("case", date="2024-01-04", title="lower case"),
        "archived/2023-12-30/2023-12-30-old.md": post("old", date="2023-12-30", title="Old post"),
    }


def many_posts(count: int, start: int = 0, size: int = 600) -> dict[str, bytes]:
    """`count` distinct posts (random bodies of about `size` bytes, so packs do not shrink to nothing)."""
    rng = random.Random(start)
    posts = {}
    for n in range(start, start + count):
        body = "<p>" + "".join(rng.choice("abcdefghij klmnop") for _ in range(size)) + "</p>"
        posts[f"_posts/2024-02-{n % 28 + 1:02d}-post-{n}.md"] = post(f"post-{n}", body=body)
    return posts


def _build_tree(repo: pygit2.Repository, files: dict[str, bytes]) -> pygit2.Oid:
    folders: dict[str, dict[str, bytes]] = {}
    builder = repo.TreeBuilder()
    for path, data in files.items():
        head, sep, rest = path.partition("/")
        if sep:
            folders.setdefault(head, {})[rest] = data
        else:
            builder.insert(head, repo.create_blob(data), pygit2.enums.FileMode.BLOB)
    for name, inner in folders.items():
        builder.insert(name, _build_tree(repo, inner), pygit2.enums.FileMode.TREE)
    return builder.write()


def _files_of(repo: pygit2.Repository, ref: str) -> dict[str, bytes]:
    if ref not in repo.references:
        return {}
    files: dict[str, bytes] = {}

    def walk(tree: pygit2.Tree, prefix: str) -> None:
        for entry in tree:
            if entry.type_str == "tree":
                walk(repo[entry.id], f"{prefix}{entry.name}/")
            else:
                files[prefix + entry.name] = repo[entry.id].data

    walk(repo.references[ref].peel(pygit2.Commit).tree, "")
    return files


def commit(repo: pygit2.Repository, changes: dict[str, bytes | None], branch: str = "master",
           message: str = "", moves: dict[str, str] | None = None, parents: bool = True) -> str:
    """Commit on `branch` the files of its tip with `changes` applied (None removes a path,
    `moves` renames old -> new).  `parents=False` starts a new root.  Returns the commit hex."""
    ref = f"refs/heads/{branch}"
    files = _files_of(repo, ref)
    for old, new in (moves or {}).items():
        files[new] = files.pop(old)
    for path, data in changes.items():
        if data is None:
            files.pop(path, None)
        else:
            files[path] = data
    count = sum(1 for _ in repo.walk(repo.references[ref].target)) if ref in repo.references else 0
    when = pygit2.Signature(SIGNATURE_NAME, "bot@example.invalid", _BASE_TIME + 3600 * count, 0)
    parent = [repo.references[ref].target] if parents and ref in repo.references else []
    oid = repo.create_commit(None, when, when, message or f"update {count + 1}", _build_tree(repo, files), parent)
    repo.references.create(ref, oid, force=True)
    return str(oid)


def make_repo(path: Path, commits: list[dict[str, bytes | None]], branch: str = "master") -> pygit2.Repository:
    """A bare repository at `path` whose `branch` (also its HEAD) has one commit per dict."""
    repo = pygit2.init_repository(str(path), bare=True, initial_head=branch)
    for changes in commits:
        commit(repo, changes, branch)
    return repo


def squash(repo: pygit2.Repository, branch: str = "master") -> str:
    """Force `branch` to a single root commit holding its current files (a rewritten history)."""
    return commit(repo, {}, branch, message="squashed history", parents=False)


def add_gh_pages(repo: pygit2.Repository, size: int = 2_000_000) -> str:
    """A one-commit `gh-pages` with an incompressible blob of `size` bytes; returns its tip hex."""
    data = random.Random(7).randbytes(size)
    return commit(repo, {"index.html": b"<html>site</html>", "assets/big.bin": data}, "gh-pages",
                  parents=False)


def repack(path: Path) -> None:
    """Put every object of the bare repository at `path` in one pack (fast to copy, like a real server)."""
    subprocess.run(["git", "-C", str(path), "repack", "-a", "-d", "-q"], check=True,
                   env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(path)})


def copy_repo(source: Path, dest: Path) -> pygit2.Repository:
    """A copy of a bare repository sharing its files by hard links: git only ever adds files and
    replaces refs by renaming, so writing to the copy never changes the source."""
    shutil.copytree(source, dest, copy_function=os.link)
    return pygit2.Repository(str(dest))


def tip_of(repo: pygit2.Repository, branch: str = "master") -> str:
    return str(repo.references[f"refs/heads/{branch}"].target)


def self_signed(folder: Path) -> tuple[Path, Path] | None:
    """A certificate and key for 127.0.0.1 that no authority signed (None without `openssl`)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


# --- the smart-HTTP server -----------------------------------------------------------------

def _http_backend() -> list[str]:
    for candidate in ("/usr/lib/git-core/git-http-backend", "/usr/libexec/git-core/git-http-backend"):
        if os.access(candidate, os.X_OK):
            return [candidate]
    git = shutil.which("git")
    if git is None:
        raise RuntimeError("git is not installed: the test server needs `git http-backend`")
    return [git, "http-backend"]


@dataclass(frozen=True)
class Request:
    method: str
    path: str      # without the query
    query: str
    body: bytes    # decoded (de-chunked, gunzipped)


class _Tracked:
    """A test server's half: every connection recorded (so closing cuts them all), a client that
    hung up (libgit2 after a timeout or cancel) no test failure."""

    daemon_threads = False
    block_on_close = True
    owner: _Loopback

    def process_request(self, request, client_address):  # type: ignore[no-untyped-def]
        self.owner._track(request)
        super().process_request(request, client_address)  # type: ignore[misc]

    def handle_error(self, request, client_address):  # type: ignore[no-untyped-def]
        pass


class _Loopback:
    """A server on 127.0.0.1 run by a thread of its own; leaving it closes every socket and joins
    every thread."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._server: socketserver.BaseServer | None = None
        self._thread: threading.Thread | None = None

    def _start(self, server: socketserver.BaseServer, name: str) -> None:
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=name)
        self._thread.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._server is None:
            return
        self.stopping.set()
        self._server.shutdown()
        with self._lock:
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        self._server.server_close()  # joins the handler threads
        assert self._thread is not None
        self._thread.join()
        self._server = None

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)


class _Server(_Tracked, ThreadingHTTPServer):
    def __init__(self, owner: GitServer) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _GitHandler)
        if owner.tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*owner.tls)
            self.socket = context.wrap_socket(self.socket, server_side=True)


class GitServer(_Loopback):
    """Serves the bare repositories under `root` at http://127.0.0.1:<port>/<name>."""

    FAULTS = (None, "stall", "stall_mid", "500", "404", "401", "html", "truncate", "reset")

    def __init__(self, root: Path, fault: str | None = None, partial_bytes: int = 4096,
                 tls: tuple[Path, Path] | None = None) -> None:
        super().__init__()
        self.root = Path(root)
        self.tls = tls  # (certificate, key): serve https
        self.fault = fault          # settable at any time
        self.partial_bytes = partial_bytes  # how much of a pack "stall_mid"/"truncate" send
        self.requests: list[Request] = []

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    def url(self, name: str) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/{name}"

    def count(self, part: str = "") -> int:
        """Requests whose path contains `part` (every request when empty)."""
        return sum(1 for r in self.requests if part in r.path)

    def wants(self) -> set[str]:
        """Every object id asked for in an upload-pack request ("want <hex>" lines)."""
        found: set[str] = set()
        for r in self.requests:
            if r.path.endswith("git-upload-pack") and r.method == "POST":
                for line in r.body.split(b"\n"):
                    at = line.find(b"want ")
                    if at >= 0:
                        found.add(line[at + 5:at + 45].decode("ascii", "replace"))
        return found

    def __enter__(self) -> GitServer:
        self._start(_Server(self), "git-test-server")
        return self


class _GitHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            body = b"".join(parts)
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Content-Encoding", "").lower() == "gzip":
            body = gzip.decompress(body)
        return body

    def _serve(self) -> None:
        owner = self.server.owner
        target = urlsplit(self.path)  # through a proxy, the request line holds the absolute URI
        body = self._read_body()
        owner.requests.append(Request(self.command, target.path, target.query, body))
        fault = owner.fault
        is_pack = self.command == "POST" and target.path.endswith("git-upload-pack")
        if fault == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if fault == "stall":
            owner.stopping.wait()
            self.close_connection = True
            return
        if fault in ("500", "404", "401", "html"):
            code = 200 if fault == "html" else int(fault)
            text = b"<html><body>Not a git server</body></html>" if fault == "html" else f"error {fault}\n".encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/html" if fault == "html" else "text/plain")
            if fault == "401":
                self.send_header("WWW-Authenticate", 'Basic realm="test"')
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)
            return
        self._cgi(target.path, target.query, body, fault if is_pack else None)

    def _cgi(self, path: str, query: str, body: bytes, fault: str | None) -> None:
        owner = self.server.owner
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(owner.root),
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_PROJECT_ROOT": str(owner.root), "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command, "PATH_INFO": path, "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": "127.0.0.1", "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1",
        }
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        proc = subprocess.Popen(_http_backend(), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        try:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(body)
            proc.stdin.close()
            status, headers = 200, []
            while True:
                line = proc.stdout.readline().rstrip(b"\r\n")
                if not line:
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "status":
                    status = int(value.strip().split()[0])
                else:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in ("content-length", "transfer-encoding"):
                    self.send_header(name, value)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            sent = 0
            while chunk := proc.stdout.read1(65536):
                if fault in ("stall_mid", "truncate") and sent + len(chunk) > owner.partial_bytes:
                    chunk = chunk[:max(owner.partial_bytes - sent, 1)]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                    if fault == "stall_mid":
                        owner.stopping.wait()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True
        finally:
            proc.kill()
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()


# --- the proxy -------------------------------------------------------------------------------

class _ProxyServer(_Tracked, socketserver.ThreadingTCPServer):
    allow_reuse_address = True

    def __init__(self, owner: ConnectProxy) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _ProxyHandler)


class ConnectProxy(_Loopback):
    """An HTTP proxy on 127.0.0.1: CONNECT host:port tunnels, and plain requests with an
    absolute URI forwarded to their host.  `forwarded` lists each connection's first request line."""

    def __init__(self) -> None:
        super().__init__()
        self.forwarded: list[str] = []

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ConnectProxy:
        self._start(_ProxyServer(self), "git-test-proxy")
        return self


class _ProxyHandler(socketserver.BaseRequestHandler):
    server: _ProxyServer

    def handle(self) -> None:
        owner = self.server.owner
        client: socket.socket = self.request
        head = b""
        while b"\r\n\r\n" not in head:
            data = client.recv(65536)
            if not data:
                return
            head += data
        first, _, rest = head.partition(b"\r\n")
        method, target, version = first.decode("latin-1").split(" ", 2)
        owner.forwarded.append(f"{method} {target}")
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = self._open(host, int(port))
            if upstream is None:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            pending = rest.partition(b"\r\n\r\n")[2]
        else:
            parts = urlsplit(target)
            upstream = self._open(parts.hostname or "", parts.port or 80)
            if upstream is None:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            origin = parts.path + (f"?{parts.query}" if parts.query else "")
            pending = f"{method} {origin} {version}\r\n".encode("latin-1") + rest
        with upstream:
            owner._track(upstream)
            if pending:
                upstream.sendall(pending)
            self._pipe(client, upstream)

    def _open(self, host: str, port: int) -> socket.socket | None:
        try:
            return socket.create_connection((host, port), timeout=5)
        except OSError:
            return None

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        b.settimeout(None)
        peers = {a: b, b: a}
        while not self.server.owner.stopping.is_set():
            ready, _, _ = select.select([a, b], [], [], 0.1)
            for sock in ready:
                try:
                    data = sock.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                try:
                    peers[sock].sendall(data)
                except OSError:
                    return
