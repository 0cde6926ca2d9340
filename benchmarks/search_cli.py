"""`zhoubao search` from the shell, whole process, beside ripgrep over the same files.

    cli_search_warm_s   median of 7 runs of `zhoubao search 短剧 ARCHIVE --limit 20`, after
                        one run that fills the parse and search index caches
    cli_search_rg_s     median of 7 runs of `rg -c 短剧 ARCHIVE` (absent without ripgrep)

Both write their output to a pipe, as a script would read it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERY = "短剧"
RUNS = 7


def _median_run_s(command: list[str], env: dict[str, str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def measure_cli(archive_dir: Path, home: Path) -> dict[str, float]:
    env = dict(os.environ)
    env["ZHOUBAO_DATA_DIR"] = str(home / "data")
    env["ZHOUBAO_CACHE_DIR"] = str(home / "cache")
    env["PYTHONPATH"] = str(REPO)
    zhoubao = [sys.executable, "-m", "tui.cli.main", "search", QUERY, str(archive_dir)]
    subprocess.run(zhoubao, capture_output=True, check=True, cwd=REPO, env=env)  # caches
    figures = {"cli_search_warm_s": _median_run_s(zhoubao, env)}
    rg = shutil.which("rg")
    if rg is not None:
        # rg exits 1 when nothing matches; the query matches, so check=True holds.
        figures["cli_search_rg_s"] = _median_run_s([rg, "-c", QUERY, str(archive_dir)], env)
    return figures
