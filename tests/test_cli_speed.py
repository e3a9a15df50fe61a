"""The command line's warm path does only what it needs (what `make bench` times: bench/cli_bench.py).

A warm `lectern-cli search` or `index` imports no YAML, Markdown or HTML parser, no process
pool and no OpenCC; `show` imports the index only for --json and BeautifulSoup without its CSS
engine; an unchanged archive is known to be unchanged from one digest of what the scan found,
and a scan cut short never leaves that digest claiming a cache it did not finish.  Nothing here
is timed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import write_post
from reader.core import index as index_module
from reader.core import scanstore
from reader.core.cli import main
from reader.core.index import Cancelled, Index

ROOT = Path(__file__).resolve().parents[1]

# Never imported by a warm search or index: parsers, renderers, process pools, OpenCC, and the modules
# of Lectern that hold them.
HEAVY = ("bs4", "soupsieve", "lxml", "markdown_it", "mdit_py_plugins", "yaml", "frontmatter", "opencc",
         "concurrent.futures.process", "multiprocessing", "email.utils",
         "reader.core.posts", "reader.core.article", "reader.core.clean", "reader.core.render",
         "reader.core.workers", "reader.core.state")


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: A site\nmarkdown: kramdown\n", encoding="utf-8")  # as real archives have
    write_post(root / "_posts", "2020-07-16-putin.md", "title: 普京访华\ndate: 2020-07-16\ntags: [ 泡泡 ]",
               "<p>普京今天抵达北京，習近平迎接。</p>")
    write_post(root / "_posts", "2021-01-01-other.md", "title: Other\ndate: 2021-01-01", "Some *markdown* words.\n")
    write_post(root / "archived" / "2019-01-01", "2019-01-01-old.md", "title: 臺灣\ndate: 2019-01-01",
               "<p>臺灣的選舉。</p>")
    return root


def run_fresh(code: str, tmp_path: Path) -> dict:
    """Run `code` in a new interpreter (with this test's cache and data folders); it prints JSON."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


WARM = """
import io, json, sys
from reader.core.cli import main
out = io.StringIO()
sys.stdout, real = out, sys.stdout
statuses = [main(["search", {root!r}, "普京"]), main(["search", {root!r}, "台湾 -选举"]),
            main(["index", {root!r}, "--json"])]
sys.stdout = real
index = json.loads(out.getvalue().strip().splitlines()[-1])
print(json.dumps({{"statuses": statuses, "cache": index["cache"], "posts": index["posts"], "out": out.getvalue(),
                  "modules": sorted(sys.modules)}}))
"""


def test_a_warm_search_and_index_import_no_parser(archive, tmp_path, capsys):
    assert main(["index", str(archive)]) == 0  # the cache is built (that needs the parsers)
    capsys.readouterr()
    got = run_fresh(WARM.format(root=str(archive)), tmp_path)
    assert got["statuses"] == [0, 0, 0]
    assert got["cache"] == "warm" and got["posts"] == 3
    assert "1 posts match '普京'" in got["out"] and "_posts/2020-07-16-putin.md" in got["out"]
    loaded = set(got["modules"])
    assert [m for m in HEAVY if m in loaded] == []
    assert "reader.core._fold_table" in loaded  # the fold table is read from disk, not built


SHOW = """
import io, json, sys
from reader.core.cli import main
out = io.StringIO()
sys.stdout, real = out, sys.stdout
status = main(["show", {root!r}, "_posts/2020-07-16-putin.md"])
sys.stdout = real
print(json.dumps({{"status": status, "html": out.getvalue(), "modules": sorted(sys.modules)}}))
"""


def test_show_renders_the_same_without_the_index_or_soupsieve(archive, tmp_path, capsys):
    assert main(["show", str(archive), "_posts/2020-07-16-putin.md"]) == 0  # this process: soupsieve and all
    expected = capsys.readouterr().out
    got = run_fresh(SHOW.format(root=str(archive)), tmp_path)
    assert got["status"] == 0 and got["html"] == expected and "普京今天抵达北京" in expected
    loaded = set(got["modules"])
    assert "bs4" in loaded and "soupsieve" not in loaded
    assert not {"reader.core.index", "reader.core.cachedb", "reader.core.queries", "reader.core.state"} & loaded


def test_the_sorts_offered_are_the_index_s_and_a_bad_query_fails_before_any_work(archive, capsys, monkeypatch):
    from reader.core import cli, queries

    assert cli.SORTS == queries.SORTS  # written out in cli so that `show` need not import the index's queries
    monkeypatch.setattr(index_module.Index, "update", lambda *a, **k: pytest.fail("indexed for a bad query"))
    assert main(["search", str(archive), "before:soon"]) == 2
    assert capsys.readouterr().err.startswith("lectern-cli: search: before: wants a date")


def test_an_unchanged_archive_is_not_compared_file_by_file(archive, monkeypatch):
    with Index(archive) as ix:
        ix.update(workers=1)
    with Index(archive) as ix:  # caches made before the digest existed get one at their next scan
        assert ix.refresh(workers=1).cache == "warm"

    def plan(*args, **kwargs):
        raise AssertionError("an unchanged archive was compared with the cache file by file")

    monkeypatch.setattr(scanstore, "plan", plan)
    with Index(archive) as ix:
        report = ix.refresh(workers=1)
        assert report.cache == "warm" and report.posts == 3 and report.files == 3


def test_a_changed_file_is_noticed_even_by_its_time_alone(archive):
    with Index(archive) as ix:
        ix.update(workers=1)
    post = archive / "_posts" / "2021-01-01-other.md"
    write_post(post.parent, post.name, "title: Other, edited\ndate: 2021-01-01", "Same *size*, new words.\n")
    with Index(archive) as ix:
        report = ix.refresh(workers=1)
        assert (report.cache, report.parsed) == ("incremental", 1)
        assert ix.row_by_path("_posts/2021-01-01-other.md").title == "Other, edited"
    st = post.stat()
    os.utime(post, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # the time alone
    with Index(archive) as ix:
        assert ix.refresh(workers=1).parsed == 1


def test_a_scan_cut_short_leaves_no_digest_behind(archive, monkeypatch):
    """Files change, a scan stores some of them and is stopped, the files change back: the cache
    holds the changed reading, so the next scan must compare again, never trust the old digest."""
    with Index(archive) as ix:
        ix.update(workers=1)
    post = archive / "_posts" / "2021-01-01-other.md"
    before, st = post.read_bytes(), post.stat()
    write_post(post.parent, post.name, "title: Changed for a moment\ndate: 2021-01-01", "x\n")
    real_store = scanstore.store_parsed

    def store_then_stop(con, batch):
        real_store(con, batch)
        raise Cancelled()

    monkeypatch.setattr(index_module.scanstore, "store_parsed", store_then_stop)
    with Index(archive) as ix, pytest.raises(Cancelled):
        ix.refresh(workers=1)
    monkeypatch.setattr(index_module.scanstore, "store_parsed", real_store)
    post.write_bytes(before)
    os.utime(post, ns=(st.st_atime_ns, st.st_mtime_ns))  # exactly the files of the first scan again
    with Index(archive) as ix:
        report = ix.refresh(workers=1)
        assert report.parsed == 1  # read again, not skipped
        assert ix.row_by_path("_posts/2021-01-01-other.md").title == "Other"
