"""zhoubao's benchmark: builds a synthetic archive from the samples and prints figures.

    python benchmarks/bench.py [--issues N] [--json]

With --json the last line is one JSON object of every figure. Each part of the program
measures itself in a module of its own (bench_parse, bench_start, bench_search, …).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build_archive

PARTS = (
    "bench_parse",
    "bench_pdf",
    "bench_start",
    "bench_search",
    "bench_library",
    "bench_catch_up",
    "bench_trend",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=500, help="issues in the archive")
    parser.add_argument("--json", action="store_true", help="print figures as JSON last")
    parser.add_argument("--only", nargs="*", default=None, help="run only these parts")
    args = parser.parse_args()
    unknown = set(args.only or ()) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}; choose from {', '.join(PARTS)}")
    figures: dict[str, float | int | str] = {}
    with tempfile.TemporaryDirectory(prefix="zhoubao-bench-") as tmp:
        root = Path(tmp)
        archive = build_archive(root / "archive", args.issues)
        figures["issues"] = args.issues
        for name in PARTS:
            if args.only and name not in args.only:
                continue
            module = importlib.import_module(f"benchmarks.{name}")
            part = module.measure(archive, root, args)
            figures.update(part)
            if not args.json:
                for key, value in part.items():
                    print(f"{key:>24}: {value}")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
