"""A synthetic archive with holes, for the trend tests: 60 weekly issues from 2016-01-04
without issues 14–26 (so April, May and June 2016 have none: gaps) and issue 40 (October
keeps its other issues: a gap by issue number only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import prepared_engine

from benchmarks.synthetic import build_archive
from tui.archive import load_archive
from tui.search import SearchEngine

ISSUES = 60
MISSING = (*range(14, 27), 40)
GAP_MONTHS = ("2016-04", "2016-05", "2016-06")


def build_holey_archive(folder: Path) -> Path:
    build_archive(folder, ISSUES)
    for number in MISSING:
        for path in folder.glob(f"{number:04d}-*"):
            path.unlink()
    return folder


@pytest.fixture(scope="module")
def holey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    """The engine over that archive, with its full index (cache and data of its own)."""
    folder = build_holey_archive(tmp_path_factory.mktemp("holey"))
    with prepared_engine(load_archive(folder), tmp_path_factory) as engine:
        yield engine
