"""What names a post and an archive, so that the reader's marks follow them and not their paths.

A post's identity within its archive (its *key*) is its file name without the
extension (``2021-05-20-some-title``): the NodeBE4 archives ``git mv`` a post
from ``_posts/`` to ``archived/DATE/`` keeping its name, and their scrapers
re-add an archived post under the same name.  Files that share a name are one
post when they are one article: the same source URL (`normalize_url`: scheme,
``www.``, letter case of the host, trailing slash, fragment, tracking
parameters and percent-encoding, even done twice, do not count) or the same
title (a re-scrape of matters.news gets a new URL with every revision).  Two
*different* articles with one file name (different URL and title) stay two
posts; each is then keyed ``NAME#xxxxxxxx`` (8 hex digits of its title), so
that neither hides the other.  (A mark made on the bare name before the second article arrived stays
in the marks file and applies again when only one is left.)

An archive's identity is never its path: a git clone is named by its
``origin`` URL, read from ``.git/config`` (no git is run), so that moving,
renaming or cloning it again elsewhere keeps the marks; any other folder gets
an id Lectern stores with its last known path (`reader.core.state`).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

__all__ = ["normalize_url", "signature", "same_article", "post_key", "blob_id", "git_origin", "is_git_store",
           "normalize_remote", "archive_git_id"]

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|spm|ref_src|igshid|yclid|_ga|"
                       r"cmpid|ocid)$", re.IGNORECASE)  # only well-known trackers: never an article's own id
_SPACE = re.compile(r"\s+")
_SEP = "\x1f"


def normalize_url(url: str) -> str:
    """A source URL reduced to what names the article ('' for no URL)."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.lower()
    if not parts.netloc:
        return url.rstrip("/").lower()
    host = parts.hostname or ""
    host = host[4:] if host.startswith("www.") else host
    port = f":{parts.port}" if _port(parts) not in (None, 80, 443) else ""
    path = parts.path
    for _ in range(3):  # re-scrapes encode the path again: %E6 becomes %25E6
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    path = re.sub(r"/+", "/", path).rstrip("/")
    path = re.sub(r"/(index|default)\.(html?|php|aspx?)$", "", path, flags=re.IGNORECASE)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    return f"{host}{port}{path}" + (f"?{query}" if query else "")


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def signature(url: str, title: str) -> str:
    """What tells two copies with one file name apart: their normalised source URL and title
    (`same_article` compares them)."""
    return normalize_url(url) + _SEP + _SPACE.sub(" ", (title or "").strip()).casefold()


def same_article(a: str, b: str) -> bool:
    """Two copies with one file name are one article when their source URLs or their titles are
    the same: a re-scrape may get a new URL (matters.news puts the revision's hash in it) or fix
    the title, not both.  Only copies that differ in both are different articles."""
    url_a, _, title_a = a.partition(_SEP)
    url_b, _, title_b = b.partition(_SEP)
    return bool(url_a and url_a == url_b) or bool(title_a and title_a == title_b)


def post_key(stem: str, sig: str, articles: int) -> str:
    """The key of the article with `sig` among the `articles` different ones named `stem`
    (its title picks the suffix: it survives a new URL)."""
    if articles <= 1:
        return stem
    title = sig.partition(_SEP)[2] or sig
    return f"{stem}#{hashlib.sha1(title.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def blob_id(data: bytes) -> str:
    """The bytes' identity: git's blob id, so that a file and a git blob of it compare equal."""
    digest = hashlib.sha1(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


# --- archives -----------------------------------------------------------------------------

def is_git_store(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is a bare git repository (a git archive Lectern cloned), not a folder of posts."""
    p = Path(path)
    return (p / "HEAD").is_file() and (p / "objects").is_dir() and (p / "refs").is_dir() and not (p / ".git").exists()


def git_origin(root: str | os.PathLike[str]) -> tuple[str, str] | None:
    """(origin URL, the archive's path inside the repository, '' at its top) of the git clone
    `root` is in, read from ``.git/config`` (a bare repository's own ``config``); None when it is
    in none or has no origin."""
    here = Path(os.path.realpath(root))
    if is_git_store(here):  # a bare repository (a git archive Lectern cloned)
        try:
            url = _origin_url(here / "config")
        except OSError:
            return None
        return (url, "") if url else None
    for folder in [here, *here.parents]:
        dot_git = folder / ".git"
        try:
            if dot_git.is_file():  # a worktree or submodule: "gitdir: <path>"
                text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
                if not text.startswith("gitdir:"):
                    return None
                git_dir = (folder / text[len("gitdir:"):].strip()).resolve()
                config = git_dir / "config"
                if not config.is_file() and (git_dir / "commondir").is_file():
                    common = (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()).resolve()
                    config = common / "config"
            elif dot_git.is_dir():
                config = dot_git / "config"
            else:
                continue
            url = _origin_url(config)
        except OSError:
            return None
        if url is None:
            return None
        sub = here.relative_to(folder).as_posix()
        return url, "" if sub == "." else sub
    return None


def _origin_url(config: Path) -> str | None:
    import configparser  # here: only the reader's marks need an archive's git origin

    parser = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(config.read_text(encoding="utf-8", errors="replace"))
    except configparser.Error:
        return None
    for section in ('remote "origin"', "remote origin"):
        if parser.has_option(section, "url"):
            url = parser.get(section, "url").strip().strip('"')
            return url or None
    return None


def normalize_remote(url: str) -> str:
    """host/owner/name of a git remote, whatever its form (https, ssh, scp-like, with .git or not)."""
    url = url.strip()
    m = re.match(r"^(?:[\w.+-]+@)?([\w.-]+):(?!//)(.+)$", url)  # git@github.com:owner/name.git
    if m and "://" not in url:
        host, path = m.group(1), m.group(2)
    else:
        try:
            parts = urlsplit(url)
        except ValueError:
            return url.lower()
        if parts.scheme == "file" or not parts.netloc:
            return os.path.normpath(parts.path or url)
        host, path = parts.hostname or "", parts.path
    path = path.strip("/")
    path = path[:-4] if path.endswith(".git") else path
    return f"{host.lower()}/{path.rstrip('/')}"


def archive_git_id(root: str | os.PathLike[str]) -> tuple[str, str] | None:
    """('git:host/owner/name[/sub/folder]', origin URL) for an archive inside a git clone, else None."""
    found = git_origin(root)
    if found is None:
        return None
    url, sub = found
    ident = "git:" + normalize_remote(url) + (f"//{sub}" if sub else "")
    return ident, url
