"""One post, ready to show: read its file, render its body, clean the HTML.

This is the only place that turns a post into what the reader sees; the
command line's ``show`` and the GUI's article view both call `load_article`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .clean import Cleaned, clean_html, html_to_text
from .posts import Post, Problem, read_post
from .render import body_to_html

__all__ = ["Article", "load_article", "local_image_resolver", "IMAGE_EXTS"]

IMAGE_EXTS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg", ".avif"})


@dataclass(frozen=True)
class Article:
    post: Post
    cleaned: Cleaned

    @property
    def html(self) -> str:
        return self.cleaned.html

    def text(self) -> str:
        return html_to_text(self.cleaned.html)


def load_article(root: str | os.PathLike[str], rel: str) -> Article | Problem:
    """Read and clean the post at `rel` (relative to the archive root)."""
    root_path = Path(root)
    post = read_post(root_path.joinpath(*rel.split("/")), rel)
    if isinstance(post, Problem):
        return post
    try:
        html = body_to_html(post.body, post.fmt)
        cleaned = clean_html(html, title=post.title, source_url=post.url or None,
                             local_image=local_image_resolver(root_path, rel))
    except Exception as exc:  # a cleaner bug must cost one post, never the reader's session
        return Problem(rel, f"cannot be shown ({type(exc).__name__}: {exc})")
    return Article(post, cleaned)


def local_image_resolver(root: Path, rel: str):
    """A function mapping an image src to a file URL inside the archive, or None.

    ``/x.png`` is taken from the archive root, ``x.png`` and ``../x.png`` from
    the post's folder, then from the root.  Anything that resolves outside
    the archive, does not exist, or is not an image file gives None.
    """
    real_root = os.path.realpath(root)
    post_dir = os.path.dirname(os.path.join(real_root, *rel.split("/")))

    def resolve(src: str) -> str | None:
        parts = urlsplit(src.strip())
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = unquote(parts.path)
        candidates = ([os.path.join(real_root, path.lstrip("/"))] if path.startswith("/")
                      else [os.path.join(post_dir, path), os.path.join(real_root, path)])
        for candidate in candidates:
            real = os.path.realpath(candidate)
            inside = real.startswith(real_root.rstrip(os.sep) + os.sep)
            if inside and os.path.splitext(real)[1].lower() in IMAGE_EXTS and os.path.isfile(real):
                return Path(real).as_uri()
        return None

    return resolve
