"""The order the reader moves through an archive: items, sections and issues, in list order.

Issues are in the order of the issue list (newest first), so "next" always moves down the
screen: the next item after the last one of an issue is the first item of the issue below.
A position is (index of the issue in that order, item id). No Textual here: pure and tested.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.archive.model import Issue, Item

Position = tuple[int, str]


class ReadingOrder:
    """Moves over `issues` (in list order) item by item, section by section, issue by issue."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = issues
        self._items: dict[int, list[Item]] = {}

    def step(self, position: Position, unit: str, step: int) -> Position | None:
        """One item or section (`unit`) down the list (`step` > 0) or up it."""
        if unit == "section":
            return self.next_section(position) if step > 0 else self.previous_section(position)
        return self.next_item(position) if step > 0 else self.previous_item(position)

    def index_of_issue(self, number: int | None) -> int | None:
        """Where the issue with this number is in the list, if it is there."""
        return next((i for i, issue in enumerate(self.issues) if issue.number == number), None)

    def locate(self, item_id: str) -> Position | None:
        """The position of the item with this id, if the archive has it."""
        for index, issue in enumerate(self.issues):
            if any(item.id == item_id for item in issue.items):
                return index, item_id
        return None

    def items_of(self, index: int) -> list[Item]:
        if index not in self._items:
            self._items[index] = list(self.issues[index].items)
        return self._items[index]

    def first_item(self, index: int) -> Item | None:
        items = self.items_of(index)
        return items[0] if items else None

    def _item_index(self, position: Position) -> int:
        index, item_id = position
        for offset, item in enumerate(self.items_of(index)):
            if item.id == item_id:
                return offset
        return -1

    def next_item(self, position: Position) -> Position | None:
        """The item after `position`, going on into the next issue that has items."""
        index = position[0]
        items = self.items_of(index)
        offset = self._item_index(position)
        if offset + 1 < len(items):
            return index, items[offset + 1].id
        for later in range(index + 1, len(self.issues)):
            first = self.first_item(later)
            if first is not None:
                return later, first.id
        return None

    def previous_item(self, position: Position) -> Position | None:
        """The item before `position`, going back into the last item of the issue above."""
        index = position[0]
        offset = self._item_index(position)
        if offset > 0:
            return index, self.items_of(index)[offset - 1].id
        for earlier in range(index - 1, -1, -1):
            items = self.items_of(earlier)
            if items:
                return earlier, items[-1].id
        return None

    def _section_starts(self, index: int) -> list[str]:
        issue = self.issues[index]
        return [section.items[0].id for section in issue.sections if section.items]

    def next_section(self, position: Position) -> Position | None:
        """The first item of the next section (or of the next issue's first section)."""
        index, item_id = position
        current = self._section_of(index, item_id)
        starts = self._section_starts(index)
        for section_no, start in enumerate(starts):
            if section_no > current:
                return index, start
        for later in range(index + 1, len(self.issues)):
            later_starts = self._section_starts(later)
            if later_starts:
                return later, later_starts[0]
        return None

    def previous_section(self, position: Position) -> Position | None:
        """The first item of the previous section (or of the last section of the issue above)."""
        index, item_id = position
        current = self._section_of(index, item_id)
        starts = self._section_starts(index)
        if current > 0:
            return index, starts[current - 1]
        for earlier in range(index - 1, -1, -1):
            earlier_starts = self._section_starts(earlier)
            if earlier_starts:
                return earlier, earlier_starts[-1]
        return None

    def _section_of(self, index: int, item_id: str) -> int:
        """Index of the item's section among the issue's non-empty sections (-1 if unknown)."""
        non_empty = [s for s in self.issues[index].sections if s.items]
        for section_no, section in enumerate(non_empty):
            if any(item.id == item_id for item in section.items):
                return section_no
        return -1
