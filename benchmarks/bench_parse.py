"""parse_500_s: cold parse of the whole synthetic archive, in one process on one core."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

_PROGRAM = """
import sys, time
from pathlib import Path
import markdown_it  # the library import is start-up cost, not parsing
from tui.archive import load_archive
root = Path(sys.argv[1])
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    archive = load_archive(root)
    best = min(best, time.perf_counter() - t0)
print(best, len(archive.issues), archive.item_count, len(archive.skipped))
"""


def measure(archive_dir: Path, tmp_root: Path, args: argparse.Namespace) -> dict[str, float]:
    repo = Path(__file__).resolve().parent.parent
    # taskset pins the parse to one core where available, as the target says.
    command = [sys.executable, "-c", _PROGRAM, str(archive_dir)]
    if Path("/usr/bin/taskset").exists():
        command = ["taskset", "-c", "0", *command]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=repo)
    seconds, _issues, items, skipped = out.stdout.split()
    size = sum(p.stat().st_size for p in archive_dir.iterdir())
    return {
        f"parse_{args.issues}_s" if args.issues != 500 else "parse_500_s": round(float(seconds), 3),
        "archive_items": int(items),
        "archive_mb": round(size / 1_048_576, 1),
        "parse_skipped": int(skipped),
    }
