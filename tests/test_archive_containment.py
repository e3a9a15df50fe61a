"""Nothing outside the archive is read because a post asked.

A post's images may only come from files inside the archive's real path:
``file:`` URLs, absolute and ``..`` paths, percent-encoded dots, backslashes,
drive letters, UNC names, NUL bytes and symlinks pointing out all give the
alt-text placeholder, and no file outside the archive is even opened.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reader.core.article import Article, load_article, local_image_resolver
from reader.core.posts import Problem

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # records only while a test sets _opened


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """(archive, outside): an archive with its own images, and a folder beside it with secrets."""
    archive, outside = tmp_path / "archive", tmp_path / "outside"
    (archive / "_posts").mkdir(parents=True)
    (archive / "assets").mkdir()
    (archive / "assets" / "ok.png").write_bytes(PNG)
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    (outside / "secret.txt").write_text("TOP-SECRET-CONTENT")
    return archive, outside


def post(archive: Path, body: str, name: str = "2020-01-01-p.html") -> str:
    rel = f"_posts/{name}"
    (archive / rel).write_text(f"---\ntitle: t\n---\n{body}", encoding="utf-8")
    return rel


def show(archive: Path, rel: str) -> tuple[Article, list[str]]:
    """The article and every file Python opened while making it."""
    global _opened
    _opened = []
    try:
        article = load_article(archive, rel)
    finally:
        opened, _opened = _opened, None
    assert isinstance(article, Article), article
    return article, opened


def hostile_sources(archive: Path, outside: Path) -> list[str]:
    secret = outside / "secret.png"
    return [
        secret.as_uri(),
        "FILE://" + str(secret),
        "file:" + str(secret),
        "file:///etc/passwd",
        str(secret),  # absolute: taken from the archive root, where it is not
        "../../outside/secret.png",
        "../../../outside/secret.png",
        "../" * 12 + "etc/passwd",
        "%2e%2e/%2e%2e/outside/secret.png",
        "..%2f..%2foutside%2fsecret.png",
        "..\\..\\outside\\secret.png",
        "C:\\Windows\\win.ini",
        "C:/Windows/win.ini",
        "\\\\server\\share\\secret.png",
        "//server/share/secret.png",
        "/\\server\\share\\secret.png",
        "assets/ok.png%00.txt",
        "assets/ok.png\x00",
        "link-out.png",
        "../assets/dir-out/secret.png",
    ]


@pytest.fixture
def links(layout) -> tuple[Path, Path]:
    archive, outside = layout
    if not hasattr(os, "symlink"):
        pytest.skip("no symlinks here")
    try:
        (archive / "_posts" / "link-out.png").symlink_to(outside / "secret.png")
        (archive / "assets" / "dir-out").symlink_to(outside, target_is_directory=True)
        (archive / "assets" / "link-in.png").symlink_to(archive / "assets" / "ok.png")
    except OSError:
        pytest.skip("cannot make symlinks here")
    return layout


def test_no_image_source_reaches_outside_the_archive(links):
    archive, outside = links
    # A NUL makes the post a binary file; "//server/x" is a remote (https) image, fetched only if allowed.
    sources = [src for src in hostile_sources(archive, outside) if "\x00" not in src and not src.startswith("//")]
    body = "".join(f'<p><img src="{src}" alt="替代{i}"></p>' for i, src in enumerate(sources))
    article, opened = show(archive, post(archive, body))
    real_archive = os.path.realpath(archive)
    assert "outside" not in article.html and "passwd" not in article.html and "win.ini" not in article.html
    for i in range(len(sources)):
        assert f'<span class="img-placeholder">替代{i}</span>' in article.html
    assert all(os.path.realpath(path).startswith(real_archive + os.sep) for path in opened), opened


def test_each_hostile_source_alone_gives_nothing(links):
    archive, outside = links
    resolve = local_image_resolver(archive, "_posts/2020-01-01-p.html")
    for src in hostile_sources(archive, outside):
        assert resolve(src) is None, src


def test_images_inside_the_archive_still_show(links):
    archive, _ = links
    resolve = local_image_resolver(archive, "_posts/2020-01-01-p.html")
    ok = (Path(os.path.realpath(archive)) / "assets" / "ok.png").as_uri()
    assert resolve("/assets/ok.png") == ok
    assert resolve("../assets/ok.png") == ok
    assert resolve("assets/ok.png") == ok  # from the root when not beside the post
    assert resolve("/assets/link-in.png") == ok  # a symlink that stays inside
    assert resolve("/assets/../assets/./ok.png") == ok


def test_a_post_file_linked_from_outside_is_not_read(links):
    archive, outside = links
    (outside / "2020-01-01-out.md").write_text("---\ntitle: 外面\n---\nTOP-SECRET-CONTENT")
    (archive / "_posts" / "2020-01-01-out.md").symlink_to(outside / "2020-01-01-out.md")
    result = load_article(archive, "_posts/2020-01-01-out.md")
    assert isinstance(result, Problem) and "not inside the archive" in result.reason


@pytest.mark.parametrize("rel", ["../outside/secret.txt", "_posts/../../outside/secret.txt", "/etc/passwd"])
def test_a_post_path_leaving_the_archive_is_refused(layout, rel):
    archive, _ = layout
    result = load_article(archive, rel)
    assert isinstance(result, Problem)
    assert "TOP-SECRET" not in result.reason


def test_markup_that_names_outside_files_reads_nothing(layout):
    archive, outside = layout
    secret = (outside / "secret.txt").as_uri()
    body = (f'<!DOCTYPE html SYSTEM "{secret}"><!DOCTYPE x [<!ENTITY s SYSTEM "{secret}">]>'
            f'<p>&s;</p><link rel="stylesheet" href="{secret}"><iframe src="{secret}"></iframe>'
            f'<object data="{secret}"></object><embed src="{secret}"><a href="{secret}">链接</a>'
            f'<p style="background: url({secret})">正文</p><base href="{outside.as_uri()}/"><img src="secret.png">'
            "{% include_relative ../../outside/secret.txt %}{% include ../outside/secret.txt %}")
    article, opened = show(archive, post(archive, body))
    assert "TOP-SECRET" not in article.html and "outside" not in article.html
    assert "正文" in article.html and "链接" in article.html
    real_archive = os.path.realpath(archive)
    assert all(os.path.realpath(path).startswith(real_archive + os.sep) for path in opened), opened
