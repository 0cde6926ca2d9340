"""`zhoubao library [ARCHIVE] [--json]`: every item the library holds, with the user's marks.

Also the start shared by the library commands: read the archive, open the library, tell
the user about any notice, and re-attach records whose items changed ids.
"""

from __future__ import annotations

import argparse

from tui.archive import Archive
from tui.cli.common import open_archive, print_json, say, warn
from tui.i18n import _
from tui.library import LibraryRecord, LibraryStore, reattach


def open_archive_and_library(args: argparse.Namespace) -> tuple[Archive, LibraryStore] | None:
    """The archive of `args.archive` and the user's library, or None (reported) if no archive."""
    archive = open_archive(args.archive)  # through the parse cache, as the reader reads it
    if archive is None:
        return None
    store = LibraryStore()
    if store.notice:
        warn(store.notice)
    report = reattach(store, archive)
    for old_id, new_id in report.moved:
        warn(_("资料库的条目 {old} 现在对应 {new}").format(old=old_id, new=new_id))
    return archive, store


def describe(record: LibraryRecord) -> str:
    """One line: id, marks (B bookmarked, R read, N note), headline, tags, whereabouts."""
    marks = "".join(
        flag if on else "-"
        for flag, on in (("B", record.bookmarked), ("R", record.read), ("N", bool(record.note)))
    )
    words = [
        record.id,
        marks,
        record.snapshot.meta_line,
        " ".join(record.snapshot.headline.split()),
    ]
    words += [f"#{tag}" for tag in record.tags]
    if not record.in_archive:
        words.append(_("（不在存档中）"))
    return "  ".join(words)


def as_json(record: LibraryRecord) -> dict[str, object]:
    fields = record.as_dict()
    del fields["paragraphs"]
    return fields


def run(args: argparse.Namespace) -> int:
    opened = open_archive_and_library(args)
    if opened is None:
        return 1
    archive, store = opened
    records = store.records(present=archive.places)
    if args.json:
        document = {
            "library": str(store.path),
            "read_only": store.read_only,
            "count": len(records),
            "items": [as_json(record) for record in records],
        }
        print_json(document)
    elif not records:
        warn(_("资料库是空的（{path}）").format(path=store.path))
    else:
        for record in records:
            say(describe(record))
    return 0
