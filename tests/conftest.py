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
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(CORPUS_MISSING)
    return CORPUS
