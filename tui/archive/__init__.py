"""Reading newsletters into Archive → Issue → Section → Item. No UI imports here."""

from tui.archive.decode import NotAWeekly
from tui.archive.loader import iter_issue_files, load_archive
from tui.archive.model import Archive, Issue, Item, Section, SkippedFile, SummaryBullet
from tui.archive.parser import parse_bytes, parse_issue, parse_text

__all__ = [
    "Archive",
    "Issue",
    "Item",
    "NotAWeekly",
    "Section",
    "SkippedFile",
    "SummaryBullet",
    "iter_issue_files",
    "load_archive",
    "parse_bytes",
    "parse_issue",
    "parse_text",
]
