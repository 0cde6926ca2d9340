"""Saved searches as views of the archive: counted for the issue list, opened as a list of
items to read through (`n` / `p`) the way an issue's tree lists its items.

A view lists its items in reading order — the newest issue first, each issue's items in
order — like a virtual mailbox: what is new comes first, and reading on goes back in time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from tui.archive.model import Issue, Item, Section
from tui.i18n import _
from tui.search.engine import SearchEngine
from tui.search.filters import ItemMarks
from tui.search.query import QueryError
from tui.search.results import Order
from tui.search.saved import SavedSearch
from tui.search.snippets import Needles


class ViewRow(NamedTuple):
    """What the issue list shows of a saved search: its name and counts (None: not yet
    counted, or a query this archive cannot answer)."""

    name: str
    query: str
    hits: int | None = None
    unread: int | None = None


@dataclass(frozen=True)
class SearchView:
    """A saved search opened: its items in reading order, and its words to highlight."""

    name: str
    items: tuple[Item, ...]
    needles: Needles

    def index_of(self, item_id: str) -> int | None:
        return next((k for k, item in enumerate(self.items) if item.id == item_id), None)

    def item(self, item_id: str) -> Item | None:
        index = self.index_of(item_id)
        return None if index is None else self.items[index]

    def step(self, item_id: str, step: int) -> Item | None:
        """The item `step` places after (or before) this one, if there is one."""
        index = self.index_of(item_id)
        target = (0 if step > 0 else len(self.items) - 1) if index is None else index + step
        return self.items[target] if 0 <= target < len(self.items) else None

    def as_issue(self) -> Issue:
        """The view as the section tree shows an issue: a section per issue it found items
        in ("第 403 期 · 2024-02-26"), newest first."""
        groups: dict[tuple[int, date | None], list[Item]] = {}
        for item in self.items:
            groups.setdefault((item.number, item.date), []).append(item)
        sections = tuple(Section(_heading(*issue), tuple(items)) for issue, items in groups.items())
        return Issue(number=0, date=None, sections=sections)


def _heading(number: int, when: date | None) -> str:
    day = when.isoformat() if when else _("日期不详")
    return _("第 {number} 期 · {date}").format(number=number, date=day)


def open_view(engine: SearchEngine, search: SavedSearch, marks: ItemMarks | None) -> SearchView:
    """Run a saved search; raise QueryError if this archive cannot answer it."""
    result = engine.search(search.query, marks, Order.NEWEST)
    items = tuple(engine.index.items[number] for number in result.found())
    return SearchView(search.name, items, result.needles)


def count_views(
    engine: SearchEngine, searches: Sequence[SavedSearch], marks: ItemMarks | None
) -> list[ViewRow]:
    """Each saved search's hits and unread hits (slow for many: call from a worker)."""
    rows = []
    for search in searches:
        try:
            found = engine.search(search.query, marks).found()
        except QueryError:
            rows.append(ViewRow(search.name, search.query))
            continue
        unread = None
        if marks is not None:
            items = engine.index.items
            unread = sum(1 for number in found if not marks.is_read(items[number].id))
        rows.append(ViewRow(search.name, search.query, len(found), unread))
    return rows
