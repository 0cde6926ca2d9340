"""What the parse cache keeps (see `tui.archive.cache`), and the checks that what it
unpickled is that.

The signature (`tui.sealed`) says the cache wrote a file; these say that this
version can use it: an entry of the wrong shape is treated as missing and rebuilt.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from tui.archive.model import Archive, Issue, Item, Section, SkippedFile

# Records are NamedTuples and a plain class, not dataclasses: this module is imported before
# the reader's first frame, and a dataclass costs ~0.3 ms to create (a NamedTuple ~0.02 ms).


class IssueSummary(NamedTuple):
    """What the issue list shows of an issue, without its text."""

    number: int
    date: date | None
    item_count: int


class ArchivePreview(NamedTuple):
    """Enough to draw the reader at once: every issue's row and the newest issue in full."""

    rows: tuple[IssueSummary, ...]  # newest first
    newest: Issue | None
    skipped: int


class FileRecord(NamedTuple):
    """What one file of the archive was read as, at its size and mtime."""

    size: int
    mtime_ns: int
    #: The blake2b of the bytes; "" when they could not be read (never reused: try again).
    digest: str
    result: Issue | SkippedFile


class ArchiveSnapshot:
    """The whole archive as last read, and the signature of the walk it was read at."""

    def __init__(self, signature: tuple[object, ...]) -> None:
        self.signature = signature
        self.records: dict[str, FileRecord] = {}
        self.archive: Archive | None = None


# Type checks of what was unpickled: the signature says we wrote it, these that this version
# can use it. The preview's newest issue is checked through (it is drawn before anything
# else); the snapshot's records one level down, as checking 15,000 items would cost more
# than the snapshot saves.


def valid_issue(issue: object) -> bool:
    return (
        isinstance(issue, Issue)
        and isinstance(issue.number, int)
        and isinstance(issue.sections, tuple)
        and all(
            isinstance(section, Section)
            and isinstance(section.name, str)
            and isinstance(section.items, tuple)
            and all(valid_item(item) for item in section.items)
            for section in issue.sections
        )
    )


def valid_item(item: object) -> bool:
    return (
        isinstance(item, Item)
        and isinstance(item.id, str)
        and isinstance(item.headline, str)
        and isinstance(item.paragraphs, tuple)
        and all(isinstance(paragraph, str) for paragraph in item.paragraphs)
    )


def valid_preview(preview: object) -> bool:
    return (
        isinstance(preview, ArchivePreview)
        and isinstance(preview.rows, tuple)
        and all(
            isinstance(row, IssueSummary)
            and isinstance(row.number, int)
            and (row.date is None or isinstance(row.date, date))
            and isinstance(row.item_count, int)
            for row in preview.rows
        )
        and (preview.newest is None or valid_issue(preview.newest))
        and isinstance(preview.skipped, int)
    )


def valid_snapshot(snapshot: object) -> bool:
    return (
        isinstance(snapshot, ArchiveSnapshot)
        and isinstance(snapshot.records, dict)
        and all(
            isinstance(rel, str)
            and isinstance(record, FileRecord)
            and isinstance(record.result, Issue | SkippedFile)
            for rel, record in snapshot.records.items()
        )
        and isinstance(snapshot.archive, Archive)
        and all(isinstance(issue, Issue) for issue in snapshot.archive.issues)
    )
