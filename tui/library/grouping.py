"""Filtering and grouping library records, as the library view lists them and exports
order them."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime
from itertools import groupby
from typing import Literal

from tui.i18n import N_, _
from tui.library.records import LibraryRecord, Snapshot

GroupBy = Literal["tag", "issue", "kept"]
#: The groupings in the order `s` in the library view steps through them.
GROUPINGS: tuple[GroupBy, ...] = ("tag", "issue", "kept")
#: The heading of the items with no tag (a key, shown translated: `_(UNTAGGED)`).
UNTAGGED = N_("（无标签）")


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def matches(record: LibraryRecord, query: str) -> bool:
    """Every word of `query` is found: `#word` among the tags (by prefix), any other word in
    the headline, note, section, tags, id or issue number (case and width folded)."""
    snap = record.snapshot
    haystack = _fold(" ".join((snap.headline, record.note, snap.section, snap.id, *record.tags)))
    tags = [_fold(tag) for tag in record.tags]
    for word in query.split():
        if word.startswith("#") and len(word) > 1:
            if not any(tag.startswith(_fold(word[1:])) for tag in tags):
                return False
        elif _fold(word) not in haystack and _fold(word) != str(snap.number):
            return False
    return True


def group_records(
    records: Sequence[LibraryRecord], by: GroupBy
) -> list[tuple[str, list[LibraryRecord]]]:
    """(heading, records) pairs. By tag: one group per tag, alphabetical, an item under each
    of its tags, untagged items last. By issue: newest issue first, items in issue order. By
    the day kept: the latest first, and the items of a day the latest first."""
    groups: dict[str, list[LibraryRecord]] = {}
    in_order = sorted(records, key=lambda r: (r.snapshot.number, r.snapshot.position, r.id))
    if by == "kept":
        for record in sorted(in_order, key=lambda r: r.kept_at, reverse=True):
            groups.setdefault(kept_day(record.kept_at), []).append(record)
        return list(groups.items())
    if by == "tag":
        for record in in_order:
            for tag in record.tags or (UNTAGGED,):
                groups.setdefault(tag, []).append(record)
        order = sorted(groups, key=lambda tag: (tag == UNTAGGED, tag.casefold()))
        return [(tag, groups[tag]) for tag in order]
    for record in sorted(in_order, key=lambda r: -r.snapshot.number):
        snap = record.snapshot
        heading = _("第 {number} 期 · {date}").format(number=snap.number, date=snap.date_label)
        groups.setdefault(heading, []).append(record)
    return list(groups.items())


def kept_day(stamp: str) -> str:
    """The local day of a stored UTC time ("2024-03-01"), or a heading saying it is unknown."""
    try:
        return datetime.fromisoformat(stamp).astimezone().date().isoformat()
    except ValueError:
        return _("（收藏日期不详）")


def by_issue_and_section(
    records: Sequence[LibraryRecord],
) -> list[tuple[Snapshot, list[tuple[str, list[LibraryRecord]]]]]:
    """Records (already in issue order) as (issue's first snapshot, [(section, records)]).

    Sections come in the order they first appear; a record kept from an older reading of
    the issue joins its section rather than opening a second one.
    """
    issues: list[tuple[Snapshot, list[tuple[str, list[LibraryRecord]]]]] = []
    for _number, in_issue in groupby(records, key=lambda r: r.snapshot.number):
        issue_records = list(in_issue)
        sections: dict[str, list[LibraryRecord]] = {}
        for record in issue_records:
            sections.setdefault(record.snapshot.section, []).append(record)
        issues.append((issue_records[0].snapshot, list(sections.items())))
    return issues
