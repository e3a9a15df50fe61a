"""With default settings Lectern opens no network connection from start to quit, whatever
posts are opened: the whole app runs in a child process under `strace`, which sees every
connect() made by Python or by Qt's C++ code (an in-process audit hook sees only Python's)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import CORPUS
from gui_helpers import GUIDE

SCRIPT = textwrap.dedent("""
    import socket, sys


    def main():
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv[:1])
        from reader.gui.app import build_window
        from reader.gui.tasks import SyncRunner
        window = build_window(runner=SyncRunner())
        window.show()
        assert window.open_path(sys.argv[1])
        window.focus_list()
        window.reading.first_post()
        opened = 1
        while True:
            before = window.reading.current_row()
            window.reading.next_post()
            app.processEvents()
            if window.reading.current_row() == before:
                break
            opened += 1
        window.close()
        app.processEvents()
        window.shutdown()
        print("opened", opened, "remote images fetched", window.fetcher.requests_made)
        # The control: a connection strace must see, or the test proves nothing.
        s = socket.socket()
        s.settimeout(0.2)
        try:
            s.connect(("127.0.0.1", 9))
        except OSError:
            pass


    if __name__ == "__main__":  # indexing workers re-import this file
        main()
""")

ARCHIVES = [pytest.param(GUIDE, id="guide"),
            pytest.param("git", id="git-archive"),  # the guide as a git archive (a bare clone whose origin is https)
            pytest.param(CORPUS / "oped2", id="oped2", marks=pytest.mark.skipif(
                not (CORPUS / "oped2").is_dir(), reason="../shared/corpus not present"))]


@pytest.mark.parametrize("archive", ARCHIVES)
def test_no_network_connection_from_start_to_quit(archive, tmp_path):
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed (apt install strace): the child-process check cannot run")
    if archive == "git":
        archive = _git_archive(tmp_path / "guide.git")
    script = tmp_path / "read_all.py"
    script.write_text(SCRIPT)
    log = tmp_path / "strace.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LECTERN_CACHE_DIR=str(tmp_path / "cache"),
               LECTERN_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([strace, "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg", "-o", str(log),
                             sys.executable, str(script), str(archive)],
                            env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 and "ptrace" in result.stderr:
        pytest.skip(f"strace cannot trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr[-2000:]
    opened = int(re.search(r"opened (\d+)", result.stdout).group(1))
    assert opened >= 10
    assert "remote images fetched 0" in result.stdout
    inet = [line for line in log.read_text().splitlines()
            if re.search(r"sa_family=AF_INET6?\b", line)]
    control = [line for line in inet if 'htons(9)' in line and '127.0.0.1' in line]
    assert control, "strace did not see the control connection: the check is blind"
    assert [line for line in inet if line not in control] == []


def _git_archive(path):
    """The guide's files committed to a bare repository with an https origin, as Lectern clones one:
    reading it must never reach for that origin."""
    from gitserver import make_repo

    files = {p.relative_to(GUIDE).as_posix(): p.read_bytes() for p in GUIDE.rglob("*") if p.is_file()}
    repo = make_repo(path, [files])
    repo.remotes.create("origin", "https://github.com/example/guide.git", "+refs/heads/master:refs/heads/master")
    return path
