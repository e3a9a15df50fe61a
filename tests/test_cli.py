"""lectern-cli: index, search, show; JSON answers; errors and exit codes."""

from __future__ import annotations

import json

import pytest

from helpers import write_post
from reader.core.cli import main


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "site"
    write_post(root / "_posts", "2020-07-16-first.md",
               "title: 第一篇\ndate: 2020-07-16T19:41:00.000Z\nauthor: 甲\nfrom: https://example.org/first\n"
               "tags: [ 泡泡 ]\ncategories: [ 泡泡 ]",
               "<p>普京今天抵达北京。</p><script>alert(1)</script><p><a href=\"/next\">下一篇</a></p>")
    write_post(root / "world" / "_posts", "2021-01-01-second.md",
               "title: Second\ndate: 2021-01-01\npublished: false", "Some *markdown* words.\n")
    write_post(root / "_drafts", "draft.md", "title: Draft\ndate: 2019-01-01", "draft text")
    write_post(root / "_posts", "2020-01-01-bad.md", None, "---\n- a list\n---\nbody")
    return root


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_index_json_then_warm(archive, capsys):
    status, out, _ = run(capsys, "index", archive, "--json", "--list")
    assert status == 0
    data = json.loads(out)
    assert data["root"] == str(archive)
    assert data["posts"] == 3
    assert data["problems"] == [{"path": "_posts/2020-01-01-bad.md",
                                 "reason": "front matter: is a list, not 'key: value' lines"}]
    assert data["tags"] == {"泡泡": 1}
    assert data["categories"] == {"泡泡": 1, "world": 1}
    assert data["authors"] == {"甲": 1}
    assert data["cache"] == "cold" and data["seconds"] >= 0
    items = {i["path"]: i for i in data["items"]}
    assert items["_posts/2020-07-16-first.md"] == {
        "path": "_posts/2020-07-16-first.md", "key": "2020-07-16-first", "location": "_posts", "also_at": [],
        "title": "第一篇", "date": "2020-07-16T19:41:00Z", "tags": ["泡泡"],
        "categories": ["泡泡"], "author": "甲", "url": "https://example.org/first", "draft": False, "published": True,
        "read": False, "starred": False}
    assert (data["files"], data["duplicates"]) == (3, 0)
    assert data["locations"] == {"_drafts": {"posts": 1, "files": 1}, "_posts": {"posts": 2, "files": 2}}
    assert items["world/_posts/2021-01-01-second.md"]["published"] is False
    assert items["_drafts/draft.md"]["draft"] is True
    status, out, _ = run(capsys, "index", archive, "--json")
    assert json.loads(out)["cache"] == "warm" and "items" not in json.loads(out)


def test_index_human_output_and_rebuild(archive, capsys):
    run(capsys, "index", archive)
    status, out, _ = run(capsys, "index", archive, "--rebuild")
    assert status == 0
    assert "3 posts in 3 files (0 duplicates; _drafts 1, _posts 2), 1 problems" in out and "cold cache" in out
    assert "problem: _posts/2020-01-01-bad.md: front matter: is a list" in out


def test_search_json(archive, capsys):
    status, out, _ = run(capsys, "search", archive, "普京", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["query"] == "普京" and data["total"] == 1
    (hit,) = data["results"]
    assert hit["path"] == "_posts/2020-07-16-first.md" and hit["title"] == "第一篇"
    assert hit["date"] == "2020-07-16T19:41:00Z" and "普京今天抵达北京" in hit["snippet"]
    assert "alert" not in hit["snippet"]


def test_search_limit_and_empty_query(archive, capsys):
    status, out, _ = run(capsys, "search", archive, "", "--json", "--limit", "1")
    data = json.loads(out)
    assert data["total"] == 3 and len(data["results"]) == 1
    assert data["results"][0]["path"] == "world/_posts/2021-01-01-second.md"  # newest first


def test_search_syntax_error_exits_2(archive, capsys):
    status, out, err = run(capsys, "search", archive, '"unclosed')
    assert status == 2 and out == ""
    assert "closing quote" in err


def test_show_html_text_and_absolute_path(archive, capsys):
    status, out, _ = run(capsys, "show", archive, "_posts/2020-07-16-first.md")
    assert status == 0 and "普京今天抵达北京" in out and "<script" not in out
    assert 'href="https://example.org/next"' in out  # relative link resolved against the source URL
    status, out, _ = run(capsys, "show", archive, archive / "world/_posts/2021-01-01-second.md", "--text")
    assert status == 0 and "Some markdown words." in out and "<" not in out
    status, out, _ = run(capsys, "show", archive, "_posts/2020-07-16-first.md", "--json")
    data = json.loads(out)
    assert data["title"] == "第一篇" and "普京" in data["html"] and data["tags"] == ["泡泡"]


def test_show_errors(archive, capsys, tmp_path):
    status, _, err = run(capsys, "show", archive, "_posts/nope.md")
    assert status == 1 and "no such post" in err
    status, _, err = run(capsys, "show", archive, "_posts/2020-01-01-bad.md")
    assert status == 1 and "cannot be read: front matter: is a list" in err
    status, _, err = run(capsys, "show", archive, tmp_path / "elsewhere.md")
    assert status == 1 and "not inside the archive" in err
    status, _, err = run(capsys, "index", tmp_path / "missing")
    assert status == 1 and "no such folder" in err


def test_cache_and_data_dir_options(archive, capsys, tmp_path):
    cache = tmp_path / "my-cache"
    run(capsys, "index", archive, "--cache-dir", cache, "--data-dir", tmp_path / "my-data")
    assert list(cache.glob("*/index.sqlite"))


def test_entry_point_runs_as_a_program(archive):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "reader.core.cli", "search", str(archive), "markdown", "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 1
