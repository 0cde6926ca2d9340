"""Reading newsletters into Archive → Issue → Section → Item. No UI imports here.

The names below are imported on first use (PEP 562), so that importing the model — as the
reader does before its first frame — does not load the parser and its dependencies.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.archive.decode import NotAWeekly
    from tui.archive.loader import load_archive
    from tui.archive.model import Archive, Issue, Item, Section, SkippedFile, SummaryBullet
    from tui.archive.parser import parse_bytes, parse_issue, parse_text
    from tui.archive.walk import ArchiveWalk, walk_archive

_HOME = {
    "NotAWeekly": "decode",
    "load_archive": "loader",
    "Archive": "model",
    "Issue": "model",
    "Item": "model",
    "Section": "model",
    "SkippedFile": "model",
    "SummaryBullet": "model",
    "parse_bytes": "parser",
    "parse_issue": "parser",
    "parse_text": "parser",
    "ArchiveWalk": "walk",
    "walk_archive": "walk",
}

__all__ = [
    "Archive",
    "ArchiveWalk",
    "Issue",
    "Item",
    "NotAWeekly",
    "Section",
    "SkippedFile",
    "SummaryBullet",
    "load_archive",
    "parse_bytes",
    "parse_issue",
    "parse_text",
    "walk_archive",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'tui.archive' has no attribute {name!r}")
    return getattr(importlib.import_module(f"tui.archive.{module}"), name)
