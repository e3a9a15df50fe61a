"""The pure-Python half of reader.core.gitsync (which re-exports all of it): network settings
(`Proxy`, `TIMEOUTS`), results (`Transfer`, `Fetched`), addresses (`is_git_url`, `folder_name`)
and failures: `GitSyncError`, a kind for the GUI and one or two plain sentences naming the host for
the reader, mapped by `error_from` from libgit2's own messages (each provoked in tests/test_gitsync.py
against tests/gitserver.py).  Imports neither pygit2 nor Qt.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["Proxy", "Transfer", "Fetched", "GitSyncError", "TIMEOUTS", "KINDS", "is_git_url", "folder_name", "size_text",
           "host_of", "error_from", "is_git_error", "Cancelled", "CredentialsAsked"]

TIMEOUTS = {"connect_ms": 15000, "stall_ms": 30000}  # read at every network call: tests lower them
KINDS = ("dns", "refused", "reset", "timeout", "auth", "not_found", "server", "eof", "tls", "disk_full",
         "cancelled", "busy", "damaged", "proxy", "not_a_repo", "other")

_PROXY_VARS = {"https": ("HTTPS_PROXY", "https_proxy"), "http": ("HTTP_PROXY", "http_proxy")}
_ALL_PROXY = ("ALL_PROXY", "all_proxy")
_SOCKS = "SOCKS proxies are not supported: use an HTTP proxy (http://host:port)"
_SCP_LIKE = re.compile(r"^[A-Za-z0-9._~+-]+@[A-Za-z0-9.-]+:(?![/\\]{2})\S+$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


# --- settings and results --------------------------------------------------------------------

@dataclass(frozen=True)
class Proxy:
    """How to reach the network: "none" (direct, whatever the environment says), "env" (the
    HTTPS_PROXY/HTTP_PROXY/ALL_PROXY variables, NO_PROXY honoured) or "url" (this proxy)."""

    mode: str = "none"
    url: str = ""

    def resolved(self, remote: str = "") -> str:
        """The proxy URL used for `remote` ('' for a direct connection).  libgit2 1.9 puts only
        https remotes through a proxy, so "env" goes direct for an http:// one."""
        scheme = urlsplit(remote).scheme.lower() if "://" in remote else ""
        if self.mode == "url":
            text = self.url.strip()
            return text if "://" in text or not text else f"http://{text}"
        if self.mode != "env" or scheme == "http":
            return ""
        names = _PROXY_VARS.get(scheme, _PROXY_VARS["https"] + _PROXY_VARS["http"]) + _ALL_PROXY
        value = next((os.environ[n].strip() for n in names if os.environ.get(n, "").strip()), "")
        if value and remote and _no_proxy(urlsplit(remote).hostname or ""):
            return ""
        return value if "://" in value or not value else f"http://{value}"

    def problem(self, remote: str = "") -> str | None:
        """Why this proxy cannot be used (a sentence for the reader), None when it can."""
        if self.mode not in ("none", "env", "url"):
            return f"Unknown proxy setting {self.mode!r}: choose none, env or url."
        if self.mode == "url" and not self.url.strip():
            return "No proxy address is set: enter one like http://proxy.example.com:8080."
        url = self.resolved(remote)
        if not url:
            return None
        where = " (from the environment)" if self.mode == "env" else ""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return f"The proxy address {url}{where} is not valid: write it like http://host:port."
        if parts.scheme.lower().startswith("socks"):
            return _SOCKS + (f": {url}{where} is one." if where else ".")
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == 0:
            return f"The proxy address {url}{where} is not valid: write it like http://host:port."
        if remote.lower().startswith("http://"):
            return (f"Lectern can use a proxy for https:// addresses only ({host_of(remote)} would be reached "
                    "directly): use the repository's https:// address.")
        return None

    def for_pygit2(self, remote: str = "") -> None | str:
        """pygit2's `proxy=` argument: None (direct) or the proxy URL."""
        return self.resolved(remote) or None


def _no_proxy(host: str) -> bool:
    """Whether NO_PROXY/no_proxy excludes `host` from the environment's proxy."""
    value = os.environ.get("NO_PROXY") or os.environ.get("no_proxy") or ""
    host = host.lower().strip("[]")
    for entry in (e.strip().lower() for e in value.split(",")):
        entry = entry.rsplit(":", 1)[0] if entry.count(":") == 1 else entry
        if entry == "*" or (entry and (host == entry.lstrip(".") or host.endswith("." + entry.lstrip(".")))):
            return True
    return False


@dataclass(frozen=True)
class Transfer:
    """A progress report: "connecting", "receiving" (objects), "resolving" (deltas), "done"."""

    phase: str
    objects: int = 0
    total_objects: int = 0
    bytes: int = 0
    deltas: int = 0
    total_deltas: int = 0


@dataclass(frozen=True)
class Fetched:
    """What a clone or update did."""

    path: str
    url: str
    branch: str
    old_tip: str  # '' for a clone
    new_tip: str
    bytes: int
    seconds: float
    shallow: bool

    @property
    def changed(self) -> bool:
        return self.old_tip != self.new_tip


class GitSyncError(Exception):
    """A failure the reader is told about: `kind` for the GUI's choices, str() for the reader."""

    def __init__(self, kind: str, message: str, *, retry: bool | None = None, fresh_clone: bool = False,
                 detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind if kind in KINDS else "other"
        self.retry = kind not in ("not_a_repo", "damaged") if retry is None else retry  # damaged: fresh_clone
        self.fresh_clone = fresh_clone
        self.detail = detail  # libgit2's own message, for logs


class Cancelled(Exception):
    """Raised inside a libgit2 callback when the reader cancels."""


class CredentialsAsked(Exception):
    """Raised inside libgit2's credentials callback: never prompt, never hang."""


# --- addresses -------------------------------------------------------------------------------

def is_git_url(text: str) -> bool:
    """Whether `text` is a remote repository address (https, http, ssh, git, file, or user@host:path)."""
    text = text.strip()
    if not text or any(c.isspace() for c in text):
        return False
    low = text.lower()
    if low.startswith(("https://", "http://", "ssh://", "git://")):
        try:
            return bool(urlsplit(text).hostname)
        except ValueError:
            return False
    if low.startswith("file://"):
        return len(text) > len("file://")
    return bool(_SCP_LIKE.match(text))


def size_text(n: int) -> str:
    """Bytes received, for a progress line or a message: KiB, or MiB from one MiB up."""
    return f"{n / 1048576:.1f} MiB" if n >= 1048576 else f"{max(n, 0) / 1024:.0f} KiB"


def host_of(url: str) -> str:
    """The server's name for messages ('this address' when there is none)."""
    if "://" in url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
    elif _SCP_LIKE.match(url):
        host = url.split("@", 1)[1].split(":", 1)[0]
    else:
        host = ""
    return host or "this address"


def folder_name(url: str) -> str:
    """A folder name for the bare clone of `url`, safe on every OS: "nodebe4-oped2.git"."""
    text = url.strip().rstrip("/\\")
    if "://" in text:
        try:
            parts = urlsplit(text)
            path, host = parts.path, parts.hostname or ""
        except ValueError:
            path, host = text.split("://", 1)[1], ""
    elif _SCP_LIKE.match(text):
        host, path = text.split("@", 1)[1].split(":", 1)
    else:
        path, host = text, ""
    path = re.sub(r"\.git$", "", path.rstrip("/\\"), flags=re.IGNORECASE)
    pieces = [p for p in re.split(r"[\\/]+", path) if p]
    name = "-".join(pieces[-2:]) or host or "archive"
    name = re.sub(r"[^\w.-]+", "-", name.lower(), flags=re.UNICODE).strip("-. ")[:80].strip("-. ")
    if not name or name.split(".")[0] in _RESERVED:
        name = f"archive-{name}".strip("-")
    return f"{name}.git"


# --- errors ----------------------------------------------------------------------------------

_DAMAGE = ("missing delta bases", "invalid pack file", "packfile", "failed to decompress", "corrupt",
           "distance too far back", "incorrect header check", "invalid stored block", "object not found",
           "cannot be peeled", "bad object", "invalid object", "failed to parse", "unborn", "index is corrupted")


def _seconds(ms: int) -> str:
    return f"{ms / 1000:g} second" + ("" if ms == 1000 else "s")


_DAMAGED = "The downloaded copy of this archive is damaged ({text}). A fresh download will repair it."
_RULES = (  # (kind, fragments of libgit2's or the OS's message ("a&b": both), what the reader is told): first wins
    ("dns", ("failed to resolve address", "could not be resolved", "name or service not known"),
     "Could not find the server {host} (DNS lookup failed). Check the address and your connection."),
    ("refused", ("connection refused", "actively refused"),
     "{host} refused the connection: the server is down or the address is wrong."),
    ("timeout", ("failed to connect to&timed out",),
     "Could not connect to {host}: no answer within {connect}. Check your connection."),
    ("timeout", ("timed out", "timeout"), "The connection to {host} stalled: no data for {stall}."),
    ("reset", ("reset by peer", "connection reset", "was reset", "broken pipe", "connection abort"),
     "The connection to {host} was cut (connection reset). Try again later."),
    ("auth", ("status code: 401", "status code: 403"),
     "{host} asks for a user name and password (HTTP {code}): Lectern only reads public archives."),
    ("not_found", ("status code: 404",), "{host} has no repository at this address (HTTP 404)."),
    ("server", ("status code: 5", "status code: 429"), "{host} has a problem of its own (HTTP {code}). Try again later."),
    ("not_a_repo", ("invalid content-type", "is this a git repository", "invalid packet line"),
     "{host} answered, but not as a git server: check the repository's address."),
    ("eof", ("eof", "http parser", "unexpected end", "short read", "premature"),
     "The connection to {host} closed before the download finished. Try again."),
    ("tls", ("certificate", "ssl", "tls", "securetransport", "schannel"),
     "The certificate of {host} could not be verified, so Lectern did not connect. Check the computer's "
     "date and time, or a network filter in between."),
    ("damaged", _DAMAGE, _DAMAGED),
    ("server", ("status code:",), "{host} answered with an unexpected HTTP {code}."),
)


def error_from(exc: BaseException, url: str = "", proxy: str = "",
               timeouts: dict[str, int] | None = None) -> GitSyncError:
    """The `GitSyncError` for an exception met while fetching from `url` through `proxy` (its URL,
    '' when direct), or while reading the local repository (no `url`).  `timeouts`: those in force
    (gitsync passes its own TIMEOUTS, which a test may have replaced)."""
    limits = TIMEOUTS if timeouts is None else timeouts
    if isinstance(exc, GitSyncError):
        return exc
    host, text = host_of(url), str(exc)
    m = text.lower()
    if isinstance(exc, Cancelled):
        return GitSyncError("cancelled", "The download was cancelled.")
    if isinstance(exc, CredentialsAsked) or type(exc).__name__ == "AuthError":
        code = " (HTTP 401)" if url.lower().startswith(("https:", "http:")) else ""
        return GitSyncError("auth", f"{host} asks for a user name and password{code}: Lectern only reads public "
                            "archives.", detail=text)
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "no space left" in m or "disk full" in m:
        return GitSyncError("disk_full", "The disk is full: Lectern could not save the archive. Free some space "
                            "and try again.", detail=text)
    if "unknown http scheme" in m:
        return GitSyncError("proxy", _SOCKS + ".", detail=text)
    if proxy and ("proxy" in m or m.startswith(("failed to connect", "failed to resolve"))):
        return GitSyncError("proxy", f"Could not go through the proxy {host_of(proxy)} ({text}). Check the proxy "
                            "setting.", detail=text)
    code = (re.findall(r"status code: (\d+)", m) or [""])[0]
    for kind, fragments, message in _RULES:
        if any(all(part in m for part in f.split("&")) for f in fragments):
            return GitSyncError(kind, message.format(host=host, text=text, code=code, stall=_seconds(
                limits["stall_ms"]), connect=_seconds(limits["connect_ms"])), detail=text,
                retry=True if kind == "not_a_repo" else None, fresh_clone=kind == "damaged")
    if getattr(exc, "error_class", None) in (5, 9, 15):  # libgit2's zlib, odb, indexer classes
        return GitSyncError("damaged", _DAMAGED.format(text=text), detail=text, fresh_clone=True)
    if isinstance(exc, OSError):
        return GitSyncError("other", f"Could not write the archive: {exc.strerror or exc}.", detail=text)
    return GitSyncError("other", f"Could not download from {host}: {text}.", detail=text)


def is_git_error(exc: BaseException) -> bool:
    return isinstance(exc, (OSError, Cancelled, CredentialsAsked)) or type(exc).__module__ in ("_pygit2", "pygit2")
