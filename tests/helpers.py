"""Small helpers for tests that write their own fixture posts."""

from __future__ import annotations

import json
from pathlib import Path


def write_post(folder: Path, name: str, front: str | None = None, body: str = "<p>Body text.</p>\n",
               encoding: str = "utf-8") -> Path:
    """Write a post file: front matter lines (None: no front matter) then the body."""
    folder.mkdir(parents=True, exist_ok=True)
    text = body if front is None else f"---\n{front.strip()}\n---\n{body}"
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def cli_run(capsys, *argv) -> tuple[int, str, str]:
    """lectern-cli in-process: (exit status, stdout, stderr)."""
    from reader.core.cli import main

    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def cli_json(capsys, *argv):
    """lectern-cli's --json answer of a command that must succeed."""
    status, out, err = cli_run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)
