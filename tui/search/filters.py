"""Turning a query's filters into the set of items a search may return.

The set is a bytearray with one byte per item (1 = allowed), so that issue ranges are cleared
with one slice assignment and sets are intersected as big integers, both in C.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from tui.search.fold import fold
from tui.search.index import ArchiveIndex
from tui.search.query import (
    DateFilter,
    Filter,
    NumberFilter,
    QueryError,
    SectionFilter,
    StateFilter,
    TagFilter,
)


class ItemMarks(Protocol):
    """What the search asks of the user's library (`tui.library.marks.LibraryMarks` answers)."""

    def is_bookmarked(self, item_id: str) -> bool: ...

    def tags_of(self, item_id: str) -> Collection[str]: ...

    def has_note(self, item_id: str) -> bool: ...

    def is_read(self, item_id: str) -> bool: ...


_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
NO_LIBRARY = "library not available: #tag and is: filters need the library"


def allowed_items(
    index: ArchiveIndex, filters: Sequence[Filter], library: ItemMarks | None
) -> bytearray | None:
    """One byte per item, 1 where every filter lets it through; None when there are none."""
    if not filters:
        return None
    mask = bytearray(b"\x01") * len(index)
    for item_filter in filters:
        if isinstance(item_filter, NumberFilter):
            for issue, start, end in index.issue_spans:
                if not item_filter.accepts(issue.number):
                    mask[start:end] = bytes(end - start)
        elif isinstance(item_filter, DateFilter):
            for issue, start, end in index.issue_spans:
                if not item_filter.accepts(issue.date):
                    mask[start:end] = bytes(end - start)
        elif isinstance(item_filter, SectionFilter):
            mask = _intersect(mask, _section_mask(index, item_filter))
        else:
            if library is None:
                raise QueryError(NO_LIBRARY)
            mask = _intersect(mask, _library_mask(index, item_filter, library))
    return mask


def _section_mask(index: ArchiveIndex, section_filter: SectionFilter) -> bytes:
    wanted = fold(section_filter.name)
    names = index.section_names
    matching = {name for name in names if wanted in fold(name)}
    if not matching:
        shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
        raise QueryError(f"sec:{section_filter.name}? no such section (sections: {shown})")
    mask = index.in_sections(frozenset(matching))
    return mask.translate(_FLIP) if section_filter.negated else mask


def _library_mask(
    index: ArchiveIndex, library_filter: TagFilter | StateFilter, library: ItemMarks
) -> bytes:
    ids = [item.id for item in index.items]
    if isinstance(library_filter, TagFilter):
        wanted = fold(library_filter.tag)
        flags = [any(fold(tag) == wanted for tag in library.tags_of(i)) for i in ids]
    elif library_filter.state == "bookmarked":
        flags = [library.is_bookmarked(i) for i in ids]
    elif library_filter.state == "read":
        flags = [library.is_read(i) for i in ids]
    elif library_filter.state == "unread":
        flags = [not library.is_read(i) for i in ids]
    elif library_filter.state == "noted":
        flags = [library.has_note(i) for i in ids]
    else:
        flags = [bool(library.tags_of(i)) for i in ids]
    return bytes(flag != library_filter.negated for flag in flags)


def _intersect(mask: bytearray, other: bytes) -> bytearray:
    both = int.from_bytes(mask, "little") & int.from_bytes(other, "little")
    return bytearray(both.to_bytes(len(mask), "little"))
