"""One post, ready to show: read its file, render its body, clean the HTML.

This is the only place that turns a post into what the reader sees; the
command line's ``show`` and the GUI's article view both call `load_article`.

Two promises hold for any post, however hostile (see ``limits.py``):

* Bounded work: a body over MAX_BODY_CHARS is cut at a safe place before it
  is rendered, and the cleaner keeps at most MAX_SHOWN_TEXT characters; the
  article then ends with a note saying how much is shown and has
  ``truncated`` set.
* Nothing outside the archive is read because a post asked: the post file
  and every local image must resolve (symlinks followed) inside the
  archive's real path; ``file:`` URLs, absolute, ``..``, drive and UNC paths
  that leave it show the image's alt text instead.
"""

from __future__ import annotations

import dataclasses
import html
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from functools import partial
from urllib.parse import quote, unquote, urlsplit

from ._clean_steps import LOCAL_SCHEMES
from .clean import Cleaned, clean_html, html_to_text
from .limits import MAX_BODY_CHARS, MAX_LOCAL_IMAGES, cut_markup
from .posts import Post, Problem, parse_post
from .render import body_to_html
from .sources import Source, open_source

__all__ = ["Article", "load_article", "local_image_resolver", "truncation_note", "IMAGE_EXTS", "GIT_IMAGE_SCHEME"]

GIT_IMAGE_SCHEME = LOCAL_SCHEMES[1]  # an image of a git archive: lectern-git:PATH (its blob at the tip)
IMAGE_EXTS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg", ".avif"})


@dataclass(frozen=True)
class Article:
    post: Post
    cleaned: Cleaned  # its html ends with the note when truncated
    truncated: bool = False  # only the beginning of the post is shown
    note: str = ""  # the note saying so, as plain text ("" when not truncated)

    @property
    def html(self) -> str:
        return self.cleaned.html

    def text(self) -> str:
        return html_to_text(self.cleaned.html)


def load_article(root: str | os.PathLike[str], rel: str) -> Article | Problem:
    """Read and clean the post at `rel` (relative to the archive root)."""
    root_path = Path(root)
    got = open_source(root_path).read(rel, checked=True)
    if isinstance(got, Problem):
        return got
    post = parse_post(got[0], rel)
    if isinstance(post, Problem):
        return post
    try:
        body, scale = _bounded_body(post.body)
        html_text = body_to_html(body, post.fmt)
        cleaned = clean_html(html_text, title=post.title, source_url=post.url or None,
                             local_image=local_image_resolver(root_path, rel), source_scale=scale)
    except Exception as exc:  # a cleaner bug must cost one post, never the reader's session
        return Problem(rel, f"cannot be shown ({type(exc).__name__}: {exc})")
    if cleaned.cut is None:
        return Article(post, cleaned)
    note = truncation_note(*cleaned.cut)
    note_html = f'<hr/><p class="embed truncated"><i>{html.escape(note, quote=False)}</i></p>'
    return Article(post, dataclasses.replace(cleaned, html=cleaned.html + note_html), True, note)


def truncation_note(shown: int, total: int) -> str:
    """The sentence ending a post that is only partly shown."""
    if total <= 0:
        return "This post is very long, so only its beginning is shown."
    return (f"This post is very long, so only its beginning is shown: about {shown:,} "
            f"of {max(total, shown):,} characters.")


def _bounded_body(body: str) -> tuple[str, float]:
    """(the part of body to render, how many times longer the whole body is)."""
    if len(body) <= MAX_BODY_CHARS:
        return body, 1.0
    kept = body[: cut_markup(body, MAX_BODY_CHARS)]
    return kept, len(body) / max(len(kept), 1)


# --- local images -------------------------------------------------------------------


def local_image_resolver(root: Path, rel: str) -> Callable[[str], str | None]:
    """A function mapping an image src to a file URL inside the archive, or None.

    ``/x.png`` is taken from the archive root, ``x.png`` and ``../x.png`` from
    the post's folder, then from the root.  Anything that resolves outside
    the archive (checked on the path as written before any file is touched,
    then on the real path, symlinks followed), does not exist, or is not an
    image file gives None.  At most MAX_LOCAL_IMAGES addresses are looked up.
    A git archive has no files: its images are blobs of its tree, named by a
    ``lectern-git:PATH`` URL (`GIT_IMAGE_SCHEME`) that the article view reads
    through the archive's source.
    """
    source = open_source(root)
    if source.kind == "git":
        find: Callable[[str], str | None] = partial(_find_git_image, source, posixpath.dirname(rel))
    else:
        real_root = os.path.realpath(root)
        find = partial(_find_local_image, real_root, os.path.dirname(os.path.join(real_root, *rel.split("/"))))
    answers: dict[str, str | None] = {}

    def resolve(src: str) -> str | None:
        if src not in answers:
            if len(answers) >= MAX_LOCAL_IMAGES:
                return None
            answers[src] = find(src)
        return answers[src]

    return resolve


def _image_path(src: str) -> str | None:
    """The path an image's src names in the archive (None: an address elsewhere, or odd)."""
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or any(ch < " " or ch == "\x7f" for ch in path):
        return None
    return path


def _find_git_image(source: Source, post_dir: str, src: str) -> str | None:
    path = _image_path(src)
    if path is None:
        return None
    path = path.replace("\\", "/")
    candidates = [path.lstrip("/")] if path.startswith("/") else [posixpath.join(post_dir, path), path]
    for candidate in candidates:
        rel = posixpath.normpath(candidate)
        if rel in (".", "") or rel.startswith("../") or rel == "..":
            continue  # never outside the archive's tree
        if posixpath.splitext(rel)[1].lower() in IMAGE_EXTS and source.size(rel) > 0:
            return f"{GIT_IMAGE_SCHEME}:{quote(rel)}"
    return None


def _find_local_image(real_root: str, post_dir: str, src: str) -> str | None:
    path = _image_path(src)
    if path is None:
        return None
    candidates = ([os.path.join(real_root, path.lstrip("/\\"))] if path.startswith("/")
                  else [os.path.join(post_dir, path), os.path.join(real_root, path)])
    for candidate in candidates:
        try:
            if not _inside(os.path.normpath(candidate), real_root):
                continue  # never touch a path outside the archive, not even to stat it
            real = os.path.realpath(candidate)
            if _inside(real, real_root) and os.path.splitext(real)[1].lower() in IMAGE_EXTS and os.path.isfile(real):
                return Path(real).as_uri()
        except (OSError, ValueError):
            continue
    return None


def _inside(path: str, real_root: str) -> bool:
    """Is path strictly below real_root (compared as the platform compares paths)?"""
    path, real_root = os.path.normcase(path), os.path.normcase(real_root)
    return path.startswith(real_root.rstrip(os.sep) + os.sep)
