"""Shared fixtures. Every test runs with its own data and cache directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import prepared_engine

from tui import i18n, paths
from tui.archive import Archive, load_archive
from tui.search import SearchEngine

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data and cache directories at tmp_path: tests never touch real user data."""
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path / "cache"))
    # Chinese on screen whatever the machine's locale (a CLI run in a subprocess reads it).
    monkeypatch.setenv(i18n.LANG_ENV, i18n.SOURCE_LANGUAGE)
    yield tmp_path


@pytest.fixture
def working_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory of the test's own: where an export given no path goes."""
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    return out


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="module")
def archive() -> Archive:
    """The bundled sample archive, read once per test module."""
    return load_archive(paths.sample_archive())


@pytest.fixture(scope="module")
def engine(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    """A search engine over the samples with its full index, its cache and data in
    directories of their own."""
    with prepared_engine(archive, tmp_path_factory) as built:
        yield built
