"""Turning a query's filters into the set of items a search may return (a bitmap).

Issue numbers and dates select whole issues, which are ranges of item numbers; sections
have a bitmap each; the library's marks come from the `ItemMarks` passed with the query
— the library is an argument of a search, never state kept on the engine.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from typing import Protocol

from pyroaring import BitMap

from tui.i18n import _
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


def no_library_message() -> str:
    return _("资料库还没打开：#标签 和 is: 筛选要用到资料库")


def allowed_items(
    index: ArchiveIndex, filters: Sequence[Filter], library: ItemMarks | None
) -> BitMap | None:
    """The items every filter lets through; None when there are no filters."""
    if not filters:
        return None
    allowed = BitMap(index.all)
    for item_filter in filters:
        if isinstance(item_filter, NumberFilter | DateFilter):
            allowed &= index.in_issues(item_filter.accepts_issue)
        elif isinstance(item_filter, SectionFilter):
            allowed &= _section_items(index, item_filter)
        else:
            if library is None:
                raise QueryError(no_library_message())
            allowed &= _library_items(index, item_filter, library)
    return allowed


def _section_items(index: ArchiveIndex, section_filter: SectionFilter) -> BitMap:
    wanted = fold(section_filter.name)
    names = index.section_names
    matching = frozenset(name for name in names if wanted in fold(name))
    if not matching:
        shown = "、".join(names[:8]) + ("…" if len(names) > 8 else "")
        raise QueryError(
            _("sec:{name}？没有这个栏目（栏目有：{sections}）").format(
                name=section_filter.name, sections=shown
            )
        )
    found = BitMap(index.in_sections(matching))
    return BitMap(index.all) - found if section_filter.negated else found


def _library_items(
    index: ArchiveIndex, library_filter: TagFilter | StateFilter, library: ItemMarks
) -> BitMap:
    ids = [item.id for item in index.items]
    if isinstance(library_filter, TagFilter):
        wanted = fold(library_filter.tag)
        flags = map(lambda i: any(fold(t) == wanted for t in library.tags_of(i)), ids)
    elif library_filter.state == "bookmarked":
        flags = map(library.is_bookmarked, ids)
    elif library_filter.state in ("read", "unread"):
        flags = map(library.is_read, ids)
    elif library_filter.state == "noted":
        flags = map(library.has_note, ids)
    else:
        flags = map(bool, map(library.tags_of, ids))
    found = BitMap(itertools.compress(range(len(ids)), flags))
    negated = library_filter.negated != (
        isinstance(library_filter, StateFilter) and library_filter.state == "unread"
    )
    return BitMap(index.all) - found if negated else found
