"""Shared fixtures. Every test runs with its own data and cache directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import paths

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data and cache directories at tmp_path: tests never touch real user data."""
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path / "cache"))
    yield tmp_path


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLES
