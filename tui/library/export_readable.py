"""The text of the exports people read (Markdown, Word, CSV) made safe to read, as on screen.

A tag "RTL\u202e反" holds a bidi override: kept raw, Word, Excel and a Markdown viewer show
the tag (and what follows it) reversed, and an invisible format character hides text. The
formats people read therefore take every outside text through `tui.sanitize.sanitize`, as
the screen does: bidi and C1 controls become U+FFFD, invisible format characters go, C0
controls become their pictures (ESC → ␛). The JSON and CSL-JSON exports are data and keep
the text as stored (JSON escapes what needs escaping).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tui.library.export_info import ExportInfo
from tui.library.records import LibraryRecord
from tui.sanitize import sanitize


def readable_record(record: LibraryRecord) -> LibraryRecord:
    """`record` with its text as the screen shows it: headline, section and names on one line
    (line breaks become spaces), a tag on one line (a break becomes its picture), a note and
    paragraphs with their line breaks and tabs."""
    snap = record.snapshot
    readable_snap = replace(
        snap,
        id=sanitize(snap.id),
        section=sanitize(snap.section, "flow"),
        headline=sanitize(snap.headline, "flow"),
        paragraphs=tuple(sanitize(paragraph, "text") for paragraph in snap.paragraphs),
        source_title=sanitize(snap.source_title, "flow"),
        source_file=sanitize(snap.source_file),
    )
    return replace(
        record,
        snapshot=readable_snap,
        tags=tuple(sanitize(tag) for tag in record.tags),
        note=sanitize(record.note, "text"),
    )


def readable_records(records: Sequence[LibraryRecord]) -> list[LibraryRecord]:
    return [readable_record(record) for record in records]


def readable_info(info: ExportInfo) -> ExportInfo:
    """`info` with its filter (which may quote a search) made safe as a line."""
    return replace(
        info,
        filter_label=sanitize(info.filter_label, "flow"),
        description=sanitize(info.description, "flow"),
    )
