"""The tree is formatted by `ruff format` (as `.ci/run` checks): a change that is not fails
here, at landing, with the command that fixes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_tree_is_ruff_formatted() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, f"run `.venv/bin/ruff format .`:\n{out.stdout}{out.stderr}"
