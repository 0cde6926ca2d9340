"""benchmarks/bench_catch_up.py still drives the real app through a catch-up and its undo
(on a small archive)."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks import bench_catch_up
from benchmarks.synthetic import build_archive


def test_the_catch_up_benchmark_runs(tmp_path: Path) -> None:
    archive = build_archive(tmp_path / "archive", 3)
    figures = bench_catch_up.measure(archive, tmp_path, argparse.Namespace(issues=3))
    for figure in ("catch_up_ms_3issues", "undo_catch_up_ms_3issues", "redo_catch_up_ms_3issues"):
        assert figures[figure] > 0
    assert figures["catch_up_items"] > 60
