"""Search engines for tests: over an archive, with the full index, made with a cache and a
data directory of their own (module-scoped fixtures run outside each test's own ones)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tui import paths
from tui.archive import Archive
from tui.search import SearchEngine


@contextmanager
def prepared_engine(
    archive: Archive, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchEngine]:
    """The engine over `archive`, its index built, while its directories are the ones in use."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.CACHE_DIR_ENV, str(tmp_path_factory.mktemp("search-cache")))
        patch.setenv(paths.DATA_DIR_ENV, str(tmp_path_factory.mktemp("search-data")))
        engine = SearchEngine(archive)
        engine.prepare()
        yield engine
