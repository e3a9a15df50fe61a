"""Nothing under an archive is ever written, created or renamed.

The archive is made read-only (files 0444, folders 0555) and indexed in full
(metadata, full text, the worker-process paths), searched, and every post
shown; then every file and folder must be exactly as before: same listing,
same bytes, same modification times.  Tests may run as root, who ignores the
permissions: the byte-for-byte comparison is the real check.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest

from conftest import CORPUS, CORPUS_MISSING
from helpers import write_post
from reader.core import cli
from reader.core.article import load_article
from reader.core.index import Index
from reader.core.posts import Problem
from reader.core.state import StateStore

OPED2 = CORPUS / "oped2"


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every file and folder under `root` (hidden ones too): kind, size, mtime_ns, sha256 or listing."""
    out: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        st = here.stat()
        out[str(here.relative_to(root))] = ("dir", st.st_mtime_ns, tuple(sorted(dirnames + filenames)))
        for name in filenames:
            path = here / name
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(st.st_mode) else ""
            out[str(path.relative_to(root))] = ("file", st.st_size, st.st_mtime_ns, digest)
    return out


def set_modes(root: Path, file_mode: int, dir_mode: int) -> None:
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            os.chmod(Path(dirpath) / name, file_mode)
        os.chmod(dirpath, dir_mode)


@pytest.fixture
def read_only(tmp_path):
    """Make an archive read-only for the test; give the permissions back afterwards."""
    made: list[Path] = []

    def make(root: Path) -> dict[str, tuple[object, ...]]:
        before = snapshot(root)
        set_modes(root, 0o444, 0o555)
        made.append(root)
        return before

    yield make
    for root in made:
        set_modes(root, 0o644, 0o755)


def generated_archive(root: Path, posts: int) -> Path:
    write_post(root / "_posts", "2020-01-01-with-image.md", "title: 有图\ndate: 2020-01-01",
               '<p>看图：<img src="/assets/pic.png"> 与 <img src="local.png"></p>')
    (root / "assets").mkdir()
    (root / "assets" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "_posts" / "local.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (root / "_config.yml").write_text("title: An archive\n", encoding="utf-8")
    (root / "_drafts").mkdir()
    write_post(root / "_drafts", "a-draft.md", "title: 草稿", "<p>未完成的长江。</p>")
    write_post(root / "_posts", "2020-01-02-broken.md", None, "---\ntitle: \"unclosed\n---\nbody")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    for i in range(posts):
        write_post(root / "_posts" / f"sub{i % 3}", f"2019-{i % 12 + 1:02d}-{i % 28 + 1:02d}-p{i}.md",
                   f"title: 第{i}篇\ntags: [t{i % 4}]\ncategories: [c{i % 2}]",
                   f"<p>长江与黄河，第{i}篇，word{i:04d}x。</p>" * 3)
    return root


def use_everything(root: Path, tmp_path: Path, workers: int, extras: bool = True) -> None:
    """All that Lectern does with an archive: index, search, show, keep marks (and with
    `extras`: a cache dir set inside the archive, the command line)."""
    cache, data = tmp_path / "cache", tmp_path / "data"
    with Index(root, cache, shards=2) as ix:
        report = ix.update(workers=workers)
        assert report.posts > 0 and ix.fulltext_ready
        rows = ix.rows(ix.query_ids())
        assert len(rows) == report.posts
        assert ix.search("长江").total >= 0 and ix.query_ids("的") is not None
        state = StateStore(root, data)
        state.set_read([r.key for r in rows[:5]])
        state.set_starred(rows[0].key)
        ix.attach_state(str(state.file), state.archive)
        ix.tree_counts()
        state.close()
    for row in rows:
        article = load_article(root, row.path)
        assert not isinstance(article, Problem), article
    with Index(root, cache, shards=2) as ix:  # warm
        assert ix.update(workers=workers).cache == "warm"
    if not extras:
        return
    with Index(root, root / ".lectern-cache", shards=2) as ix:  # a cache dir set inside the archive goes elsewhere
        assert not str(ix.folder).startswith(str(root))
        ix.update(workers=1)
    assert cli.main(["index", str(root), "--cache-dir", str(cache), "--json"]) == 0
    assert cli.main(["index", str(root), "--cache-dir", str(tmp_path / "cache2"), "--rebuild", "--workers", "1"]) == 0
    assert cli.main(["search", str(root), "长江", "--cache-dir", str(cache)]) == 0
    assert cli.main(["show", str(root), rows[0].path, "--text"]) == 0


def assert_untouched(root: Path, before: dict[str, tuple[object, ...]]) -> None:
    after = snapshot(root)
    assert sorted(after.keys() - before.keys()) == [], "created under the archive"
    assert sorted(before.keys() - after.keys()) == [], "removed or renamed under the archive"
    changed = [k for k in before if before[k] != after[k]]
    assert changed == [], "changed under the archive"
    for dirpath, _dirnames, filenames in os.walk(root):  # and the permissions were left alone
        assert stat.S_IMODE(os.stat(dirpath).st_mode) == 0o555
        for name in filenames:
            assert stat.S_IMODE(os.stat(Path(dirpath) / name).st_mode) == 0o444


@pytest.mark.parametrize("posts, workers", [(30, 1), (420, 2)])  # 420: the worker-process paths
def test_generated_read_only_archive_is_never_written(tmp_path, read_only, capsys, posts, workers):
    root = generated_archive(tmp_path / "archive", posts)
    before = read_only(root)
    use_everything(root, tmp_path, workers)
    capsys.readouterr()
    assert_untouched(root, before)


@pytest.mark.skipif(not OPED2.is_dir(), reason=CORPUS_MISSING)
def test_copy_of_the_real_archive_is_never_written(tmp_path, read_only, capsys):
    root = tmp_path / "oped2"
    shutil.copytree(OPED2, root, copy_function=shutil.copy2)
    before = read_only(root)
    use_everything(root, tmp_path, 2, extras=False)
    capsys.readouterr()
    assert_untouched(root, before)
