"""Exporting library items: Markdown, JSON, CSV (for Excel) and CSL-JSON (for Zotero).

Exports read the library's snapshots, not the archive, so an item whose file is gone still
exports. Files are written atomically and never overwritten unless asked.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.archive.model import PUBLISHER
from tui.library.export_markdown import render_markdown
from tui.library.records import LibraryRecord
from tui.library.rows import clean_tag
from tui.library.store import LibraryError

FORMATS = ("md", "json", "csv", "csl-json")
SUFFIXES = {"md": ".md", "json": ".json", "csv": ".csv", "csl-json": ".csl.json"}
CSV_COLUMNS = (
    "id", "number", "date", "section", "headline", "tags", "note",
    "bookmarked", "read", "in_archive", "source_title", "body",
)  # fmt: skip
# A cell starting with one of these is a formula to Excel; a quote in front keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportExists(LibraryError):
    """The export file exists and overwriting was not asked for."""


@dataclass(frozen=True)
class ExportFilter:
    """Which records to export: the bookmarked ones by default, or every kept item
    (`everything`); `tags` narrows either to items carrying every one of them.
    With tags given, tagged items export even if not bookmarked."""

    tags: tuple[str, ...] = ()
    everything: bool = False

    def select(self, records: Sequence[LibraryRecord]) -> list[LibraryRecord]:
        wanted = {clean_tag(tag) for tag in self.tags} - {""}
        broad = self.everything or bool(wanted)
        return [
            record
            for record in records
            if (record.kept if broad else record.bookmarked) and wanted <= set(record.tags)
        ]

    @property
    def label(self) -> str:
        """ "bookmarked", "all", "tag:短剧 tag:AI": what the front matter calls the filter."""
        words = ["all"] if self.everything else [] if self.tags else ["bookmarked"]
        words += [f"tag:{clean_tag(tag)}" for tag in self.tags]
        return " ".join(words)


def render(
    fmt: str, records: Sequence[LibraryRecord], exported_at: str, filter_label: str
) -> bytes:
    """The export file's bytes; `exported_at` is passed in so the output is reproducible."""
    if fmt not in _RENDERERS:
        raise LibraryError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return _RENDERERS[fmt](records, exported_at, filter_label)


def _markdown(records: Sequence[LibraryRecord], exported_at: str, label: str) -> bytes:
    return render_markdown(records, exported_at, label).encode()


def _json(records: Sequence[LibraryRecord], exported_at: str, label: str) -> bytes:
    document = {
        "format": "zhoubao-export",
        "version": 1,
        "exported_at": exported_at,
        "filter": label,
        "count": len(records),
        "items": [record.as_dict() for record in records],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def _csv(records: Sequence[LibraryRecord], exported_at: str, label: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # quotes cells holding newlines, commas and quotes
    writer.writerow(CSV_COLUMNS)
    for record in records:
        snap = record.snapshot
        text = [snap.section, snap.headline, "; ".join(record.tags), record.note, snap.body]
        section, headline, tags, note, body = (_no_formula(cell) for cell in text)
        writer.writerow(
            [
                snap.id, snap.number, snap.date.isoformat() if snap.date else "", section,
                headline, tags, note, _flag(record.bookmarked), _flag(record.read),
                _flag(record.in_archive), snap.source_title, body,
            ]
        )  # fmt: skip
    # The BOM tells Excel (notably on Chinese Windows) that the file is UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _csl_json(records: Sequence[LibraryRecord], exported_at: str, label: str) -> bytes:
    entries = []
    for record in records:
        snap = record.snapshot
        entry: dict[str, object] = {
            "id": snap.id,
            "type": "article-newspaper",
            "title": snap.headline,
            "container-title": snap.source_title,
            "publisher": PUBLISHER,
            "issue": str(snap.number),
            "section": snap.section,
        }
        if snap.page is not None:
            entry["page"] = str(snap.page)
        if snap.date is not None:
            entry["issued"] = {"date-parts": [[snap.date.year, snap.date.month, snap.date.day]]}
        if snap.paragraphs:
            entry["abstract"] = "\n\n".join(snap.paragraphs)
        if record.tags:
            entry["keyword"] = ", ".join(record.tags)
        if record.note:
            entry["note"] = record.note
        entries.append(entry)
    return (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode()


_RENDERERS: dict[str, Callable[[Sequence[LibraryRecord], str, str], bytes]] = {
    "md": _markdown,
    "json": _json,
    "csv": _csv,
    "csl-json": _csl_json,
}


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _no_formula(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def write_atomically(target: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to `target` through a temporary file in the same folder and a rename, so
    a reader (or a crash) never sees half a file. Refuses to replace a file unless `force`."""
    if target.exists() and not force:
        raise ExportExists(f"{target} exists; use --force to overwrite it")
    if target.is_dir():
        raise LibraryError(f"{target} is a folder")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise LibraryError(f"cannot write in {target.parent}: {error.strerror}") from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; an export gets the usual permissions.
        temp.chmod(0o644)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise LibraryError(f"cannot write {target}: {error.strerror}") from error
