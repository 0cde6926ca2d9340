"""What every CLI command shares: finding the archive, reporting errors in one line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tui import paths
from tui.archive import Archive, load_archive


def fail(message: str, code: int = 1) -> int:
    """Print a one-line error (no traceback) and return the exit code."""
    print(f"zhoubao: {message}", file=sys.stderr)
    return code


def archive_root(argument: str | None) -> Path:
    """The archive folder named on the command line, or the bundled samples."""
    return Path(argument).expanduser() if argument else paths.sample_archive()


def open_archive(argument: str | None) -> Archive | None:
    """Load the archive, reporting a missing folder; None when there is nothing to load."""
    root = archive_root(argument)
    if not root.exists():
        fail(f"no archive at {root}")
        return None
    return load_archive(root)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))
