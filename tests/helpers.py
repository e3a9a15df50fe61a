"""Small helpers for tests that write their own fixture posts."""

from __future__ import annotations

from pathlib import Path


def write_post(folder: Path, name: str, front: str | None = None, body: str = "<p>Body text.</p>\n",
               encoding: str = "utf-8") -> Path:
    """Write a post file: front matter lines (None: no front matter) then the body."""
    folder.mkdir(parents=True, exist_ok=True)
    text = body if front is None else f"---\n{front.strip()}\n---\n{body}"
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
