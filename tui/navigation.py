"""The order the reader moves through an archive: items, sections and issues, in list order.

Issues are in the order of the issue list (newest first), so "next" always moves down the
screen: the next item after the last one of an issue is the first item of the issue below.
A `Position` is (row of the issue in that list, item id). Items are found through the
archive's one id index (`Archive.places`). No Textual here: pure and tested.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.archive.model import Archive, Issue, Item


class Position(NamedTuple):
    """Where the reader is: the issue's row in the issue list (newest first), and the item."""

    row: int
    item_id: str


class ReadingOrder:
    """Moves over the issues of `archive` in list order: item, section or issue at a time."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.issues: tuple[Issue, ...] = archive.newest_first
        self._items: dict[int, tuple[Item, ...]] = {}

    def step(self, position: Position, unit: str, step: int) -> Position | None:
        """One item or section (`unit`) down the list (`step` > 0) or up it."""
        if unit == "section":
            return self.next_section(position) if step > 0 else self.previous_section(position)
        return self.next_item(position) if step > 0 else self.previous_item(position)

    def row_of_issue(self, number: int | None) -> int | None:
        """The row of the issue with this number in the list, if it is there."""
        return next((i for i, issue in enumerate(self.issues) if issue.number == number), None)

    def locate(self, item_id: str) -> Position | None:
        """The position of the item with this id, if the archive has it."""
        place = self.archive.locate(item_id)
        if place is None:
            return None
        return Position(len(self.issues) - 1 - place.issue_index, item_id)

    def item_at(self, position: Position) -> Item | None:
        """The item at `position` (None if it is not in this archive)."""
        place = self.archive.locate(position.item_id)
        return place.item if place is not None else None

    def items_of(self, row: int) -> tuple[Item, ...]:
        if row not in self._items:
            self._items[row] = tuple(self.issues[row].items)
        return self._items[row]

    def first_item(self, row: int) -> Item | None:
        items = self.items_of(row)
        return items[0] if items else None

    def _item_index(self, position: Position) -> int:
        place = self.archive.locate(position.item_id)
        return place.item_index if place is not None else -1

    def next_item(self, position: Position) -> Position | None:
        """The item after `position`, going on into the next issue that has items."""
        row = position.row
        items = self.items_of(row)
        offset = self._item_index(position)
        if offset + 1 < len(items):
            return Position(row, items[offset + 1].id)
        for later in range(row + 1, len(self.issues)):
            first = self.first_item(later)
            if first is not None:
                return Position(later, first.id)
        return None

    def previous_item(self, position: Position) -> Position | None:
        """The item before `position`, going back into the last item of the issue above."""
        row = position.row
        offset = self._item_index(position)
        if offset > 0:
            return Position(row, self.items_of(row)[offset - 1].id)
        for earlier in range(row - 1, -1, -1):
            items = self.items_of(earlier)
            if items:
                return Position(earlier, items[-1].id)
        return None

    def _section_starts(self, row: int) -> list[str]:
        """The first item of each non-empty section of the issue."""
        return [section.items[0].id for section in self.issues[row].sections if section.items]

    def _section_of(self, position: Position) -> int:
        """Index of the item's section among the issue's non-empty sections (-1 if unknown)."""
        place = self.archive.locate(position.item_id)
        if place is None:
            return -1
        sections = self.issues[position.row].sections[: place.section_index]
        return sum(1 for section in sections if section.items)

    def next_section(self, position: Position) -> Position | None:
        """The first item of the next section (or of the next issue's first section)."""
        current = self._section_of(position)
        starts = self._section_starts(position.row)
        if current + 1 < len(starts):
            return Position(position.row, starts[current + 1])
        for later in range(position.row + 1, len(self.issues)):
            later_starts = self._section_starts(later)
            if later_starts:
                return Position(later, later_starts[0])
        return None

    def previous_section(self, position: Position) -> Position | None:
        """The first item of the previous section (or of the last section of the issue above)."""
        current = self._section_of(position)
        starts = self._section_starts(position.row)
        if current > 0:
            return Position(position.row, starts[current - 1])
        for earlier in range(position.row - 1, -1, -1):
            earlier_starts = self._section_starts(earlier)
            if earlier_starts:
                return Position(earlier, earlier_starts[-1])
        return None

    def item_ids(self) -> list[str]:
        """Every item id in reading order (for `u`, the next unread)."""
        return [item.id for row in range(len(self.issues)) for item in self.items_of(row)]
