"""benchmarks/bench_library.py still runs against the library's API (on a small archive)."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks import bench_library
from benchmarks.synthetic import build_archive


def test_the_library_benchmark_runs(tmp_path: Path) -> None:
    archive = build_archive(tmp_path / "archive", 3)
    figures = bench_library.measure(archive, tmp_path, argparse.Namespace())
    for figure in ("library_export_ms", "library_export_docx_ms", "library_import_ms",
                   "library_reimport_ms"):  # fmt: skip
        assert figures[figure] > 0
    assert figures["library_items"] > 60
