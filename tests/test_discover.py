"""Which files are posts, the Jekyll way."""

from __future__ import annotations

import os

from helpers import write_post
from reader.core.discover import archive_root, scan


def rels(root):
    return [f.rel for f in scan(root)]


def test_posts_at_any_depth_with_folder_categories(tmp_path):
    write_post(tmp_path / "_posts", "2020-01-01-a.md", "title: a")
    write_post(tmp_path / "world" / "asia" / "_posts", "2020-01-02-b.html", "title: b")
    write_post(tmp_path / "_posts" / "2020", "2020-01-03-c.markdown", "title: c")
    found = {f.rel: f for f in scan(tmp_path)}
    assert sorted(found) == ["_posts/2020-01-01-a.md", "_posts/2020/2020-01-03-c.markdown",
                             "world/asia/_posts/2020-01-02-b.html"]
    assert found["world/asia/_posts/2020-01-02-b.html"].categories == ("world", "asia")
    assert found["_posts/2020-01-01-a.md"].categories == ()


def test_every_post_extension(tmp_path):
    for ext in ("md", "markdown", "mkd", "mkdn", "html", "htm", "MD"):
        write_post(tmp_path / "_posts", f"2020-01-01-x.{ext}", "title: x")
    assert len(scan(tmp_path)) == 7


def test_non_posts_are_neither_posts_nor_problems(tmp_path):
    posts = tmp_path / "_posts"
    write_post(posts, "2020-01-01-real.md", "title: real")
    write_post(posts, "README.md", None, "# About this folder")
    (posts / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (posts / ".DS_Store").write_bytes(b"\x00\x00")
    (posts / "notes.txt").write_text("x")
    assert rels(tmp_path) == ["_posts/2020-01-01-real.md"]


def test_undated_file_with_front_matter_is_a_candidate(tmp_path):
    write_post(tmp_path / "_posts", "about-undated.md", "title: undated")
    assert rels(tmp_path) == ["_posts/about-undated.md"]


def test_skipped_folders(tmp_path):
    for folder in (".git", "_site", ".jekyll-cache", ".sass-cache", "node_modules", "vendor", ".bundle", ".hidden"):
        write_post(tmp_path / folder / "_posts", "2020-01-01-x.md", "title: x")
    write_post(tmp_path / "_posts" / ".secret", "2020-01-01-y.md", "title: y")
    write_post(tmp_path / "_posts", "2020-01-01-ok.md", "title: ok")
    assert rels(tmp_path) == ["_posts/2020-01-01-ok.md"]


def test_drafts_are_flagged(tmp_path):
    write_post(tmp_path / "_drafts", "a-draft.md", "title: d")
    write_post(tmp_path / "_posts", "2020-01-01-p.md", "title: p")
    found = {f.rel: f.draft for f in scan(tmp_path)}
    assert found == {"_drafts/a-draft.md": True, "_posts/2020-01-01-p.md": False}


def test_posts_folder_itself_and_plain_folder(tmp_path):
    posts = tmp_path / "site" / "_posts"
    write_post(posts, "2020-01-01-a.md", "title: a")
    write_post(posts / "sub", "2020-01-02-b.md", "title: b")
    assert rels(posts) == ["2020-01-01-a.md", "sub/2020-01-02-b.md"]
    plain = tmp_path / "plain"
    write_post(plain, "2020-01-01-c.md", "title: c")
    write_post(plain / "deeper", "2020-01-01-d.md", "title: d")
    write_post(plain / "deeper", "undated-e.md", "title: e")  # a page, not a post
    found = {f.rel: f for f in scan(plain)}
    assert sorted(found) == ["2020-01-01-c.md", "deeper/2020-01-01-d.md"]
    assert not found["2020-01-01-c.md"].loose  # no _posts anywhere: the root's files are the posts
    assert found["deeper/2020-01-01-d.md"].loose and found["deeper/2020-01-01-d.md"].location == "deeper"


def test_symlinks(tmp_path):
    root = tmp_path / "archive"
    outside = tmp_path / "outside"
    write_post(outside, "2020-01-01-secret.md", "title: secret")
    write_post(root / "_posts", "2020-01-01-real.md", "title: real")
    os.symlink(outside / "2020-01-01-secret.md", root / "_posts" / "2020-01-02-link-out.md")
    os.symlink(root / "_posts" / "2020-01-01-real.md", root / "_posts" / "2020-01-03-link-in.md")
    os.symlink(outside, root / "_posts" / "linked-dir")
    assert rels(root) == ["_posts/2020-01-01-real.md", "_posts/2020-01-03-link-in.md"]


def test_archive_root_of_a_post_file(tmp_path):
    post = write_post(tmp_path / "site" / "world" / "_posts", "2020-01-01-a.md", "title: a")
    assert archive_root(post) == (tmp_path / "site" / "world", "_posts/2020-01-01-a.md")
    assert archive_root(tmp_path / "site") == (tmp_path / "site", None)
    loose = write_post(tmp_path / "loose", "2020-01-01-b.md", "title: b")
    assert archive_root(loose) == (tmp_path / "loose", "2020-01-01-b.md")


def test_has_posts(tmp_path):
    from reader.core.discover import has_posts
    assert not has_posts(tmp_path)
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "README.md").write_text("# not a post")
    assert not has_posts(tmp_path)
    write_post(tmp_path / "deep" / "_posts", "2020-01-01-x.md", "title: x")
    assert has_posts(tmp_path)


def test_has_posts_stops_at_the_first_post_it_meets(tmp_path, monkeypatch):
    """Opening a folder checks it holds posts on the window's thread: 100,000 files must
    not be listed and examined for that."""
    import reader.core.discover as discover

    for i in range(300):
        (tmp_path / "_posts").mkdir(exist_ok=True)
        (tmp_path / "_posts" / f"2020-01-01-post-{i}.md").write_text("---\ntitle: x\n---\n")
    looked_at = []
    real = discover._candidate
    monkeypatch.setattr(discover, "_candidate", lambda tree, entry, *a: looked_at.append(entry.name) or real(tree, entry, *a))
    assert discover.has_posts(tmp_path)
    assert len(looked_at) == 1
    assert len(scan(tmp_path)) == 300  # a scan still finds them all


def test_scans_hold_the_cycle_collector_off_and_give_it_back(tmp_path):
    import gc

    from reader.core import collector

    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # a second scan at the same time (another archive)
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first is still running
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_archived_folders_hold_posts_with_their_location(tmp_path):
    write_post(tmp_path / "_posts", "2021-05-20-recent.md", "title: recent")
    write_post(tmp_path / "archived" / "2021-09-01", "2021-05-19-old.md", "title: old")
    write_post(tmp_path / "archived" / "2021-09-01", "notes.md", "title: not dated")  # a page
    write_post(tmp_path, "about.md", "title: About")  # a page at the root
    write_post(tmp_path, "2020-01-01-at-root.md", "title: r")
    found = {f.rel: f for f in scan(tmp_path)}
    assert sorted(found) == ["2020-01-01-at-root.md", "_posts/2021-05-20-recent.md",
                             "archived/2021-09-01/2021-05-19-old.md"]
    old = found["archived/2021-09-01/2021-05-19-old.md"]
    assert (old.location, old.loose, old.categories) == ("archived", True, ())
    assert (found["_posts/2021-05-20-recent.md"].location, found["_posts/2021-05-20-recent.md"].loose) == \
        ("_posts", False)
    assert found["2020-01-01-at-root.md"].location == "" and found["2020-01-01-at-root.md"].loose


def test_collections_from_config_and_jekyll_machinery_skipped(tmp_path):
    (tmp_path / "_config.yml").write_text("title: t\ncollections:\n  articles:\n    output: true\n  notes: {}\n",
                                          encoding="utf-8")
    write_post(tmp_path / "_articles", "undated-article.md", "title: a")  # undated: front matter makes it one
    write_post(tmp_path / "_articles" / "deep", "2020-02-02-b.md", "title: b")
    write_post(tmp_path / "_notes", "2020-02-03-n.md", "title: n")
    write_post(tmp_path / "_other", "undated.md", "title: not a declared collection")
    for machinery in ("_layouts", "_includes", "_sass", "_data", "_site", "assets", "node_modules", "vendor"):
        write_post(tmp_path / machinery, "2020-01-01-x.md", "title: x")
    write_post(tmp_path / "_posts", "2020-01-01-p.md", "title: p")
    found = {f.rel: f.location for f in scan(tmp_path)}
    assert found == {"_articles/undated-article.md": "_articles", "_articles/deep/2020-02-02-b.md": "_articles",
                     "_notes/2020-02-03-n.md": "_notes", "_posts/2020-01-01-p.md": "_posts"}


def test_collections_as_a_list_under_collections_dir(tmp_path):
    (tmp_path / "_config.yml").write_text("collections_dir: my\ncollections: [essays]\n", encoding="utf-8")
    write_post(tmp_path / "my" / "_essays", "undated.md", "title: e")
    write_post(tmp_path / "my" / "_posts", "2020-01-01-p.md", "title: p")
    assert rels(tmp_path) == ["my/_essays/undated.md", "my/_posts/2020-01-01-p.md"]


def test_a_broken_config_declares_nothing(tmp_path):
    (tmp_path / "_config.yml").write_text("collections: [unclosed\n", encoding="utf-8")
    write_post(tmp_path / "_posts", "2020-01-01-p.md", "title: p")
    assert rels(tmp_path) == ["_posts/2020-01-01-p.md"]
