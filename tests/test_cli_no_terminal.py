"""`zhoubao [ARCHIVE]` needs a terminal; a script gets one line and status 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_reader_without_a_terminal_says_so_instead_of_waiting(tmp_path: Path) -> None:
    # From a script or cron: no keys can come, and the screen would go into a log.
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", str(REPO / "sample_data")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "终端" in result.stderr and "\x1b" not in result.stderr
