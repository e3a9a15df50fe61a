"""Shared test set-up: no display, no user directories, the shared corpus when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt: pytest-qt without a display would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_MISSING = "../shared/corpus not present: corpus tests need the shared test archives"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own cache and data folders: never the user's real ones."""
    base = tmp_path_factory.mktemp("lectern-dirs")
    monkeypatch.setenv("LECTERN_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("LECTERN_DATA_DIR", str(base / "data"))


@pytest.fixture
def quick_git(monkeypatch):
    """Git tests: short connect and stall timeouts (a faulty test server fails in seconds), and no
    proxy from the environment of whoever runs them.  Modules take it with `usefixtures`."""
    from reader.core import gitsync

    monkeypatch.setitem(gitsync.TIMEOUTS, "connect_ms", 2000)
    monkeypatch.setitem(gitsync.TIMEOUTS, "stall_ms", 1000)
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
                 "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(CORPUS_MISSING)
    return CORPUS


# --- hypothesis: a short run in `make test`, a long one in `make fuzz` -------------------
# HYPOTHESIS_PROFILE picks one ("ci" unless set).  Deadlines bound the time of every
# example (hostile input must never hang the reader), generously: the machine is shared.
try:
    from datetime import timedelta

    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci", max_examples=100, deadline=timedelta(seconds=3),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.register_profile(
        "fuzz", max_examples=5000, deadline=timedelta(seconds=3),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # hypothesis is in the `test` extra; the fuzz tests skip without it
    pass
