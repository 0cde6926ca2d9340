"""The entities named most among a query's matches: name, count, first and last issue.

One row per entity (`EntityCount`), under the trend chart; Enter (or a double click) asks
for the entity's timeline (`Chosen`). Names come from headlines: sanitised.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.archive.model import Item
from tui.i18n import N_, _
from tui.sanitize import sanitize
from tui.trends.entities import EntityCount
from tui.trends.legend import clip
from tui.typeset.cells import cell_width
from widgets.row_list import RowList, cursor_bindings

#: Cells for the entity's name.
NAME_CELLS = 12


class EntityTable(RowList):
    """Top entities, most named first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *cursor_bindings("trend.entities"),
        Binding(
            "enter", "choose", N_("时间线"), id="trend.entities.open", tooltip=N_("它的全部条目")
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"entity-table--cursor", "entity-table--meta"}

    DEFAULT_CSS = """
    EntityTable {
        height: 1fr;
        & > .entity-table--cursor { background: $block-cursor-blurred-background; }
        &:focus > .entity-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .entity-table--meta { color: $text-muted; }
    }
    """

    class Chosen(Message):
        """Enter or a double click on an entity: show its timeline."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: Sequence[EntityCount] = ()
        self._status = ""

    def show_entities(self, entities: Sequence[EntityCount], status: str = "") -> None:
        """Show these rows; `status` is said instead while there are none."""
        self.entities = entities
        self._status = status
        self.rows_changed(0)

    @property
    def current(self) -> EntityCount | None:
        if 0 <= self.cursor < len(self.entities):
            return self.entities[self.cursor]
        return None

    def row_count(self) -> int:
        return len(self.entities) or 1

    def can_rest_on(self, index: int) -> bool:
        return bool(self.entities)

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        if not self.entities:
            return Text(self._status, style=self.style_for("entity-table--meta"))
        entity = self.entities[index]
        base = self.style_for("entity-table--cursor" if at_cursor else "")
        # Muted beside the cursor's colours would not read: the cursor row is one style.
        meta = base if at_cursor else self.style_for("entity-table--meta")
        name = clip(sanitize(entity.name), NAME_CELLS)
        text = Text(name + " " * (NAME_CELLS - cell_width(name)), style=base, no_wrap=True)
        text.append(f"{entity.count:>6,}  ", style=base)
        room = width - NAME_CELLS - 8
        text.append(_span(entity.first, entity.last, room), style=meta)
        text.style = base
        return text

    def row_chosen(self, index: int) -> None:
        if self.entities:
            self.post_message(self.Chosen(self.entities[index].name))


def _span(first: Item, last: Item, room: int) -> str:
    """From the first item's issue to the last's, as much as fits: 第 12 期 2016-03-21 –
    第 480 期 2025-03-10, then without days, then the issue numbers alone."""
    if first.number == last.number:  # one issue: 第 403 期 2024-02-26, not a range
        one = _("第 {number} 期").format(number=first.number)
        forms: tuple[str, ...] = (f"{one} {_day(first.date, 10)}", one)
        return next((form for form in forms if cell_width(form) <= room), forms[-1])
    full = _("第 {first} 期 {first_date} – 第 {last} 期 {last_date}")
    forms = (
        full.format(
            first=first.number,
            first_date=_day(first.date, 10),
            last=last.number,
            last_date=_day(last.date, 10),
        ),
        full.format(
            first=first.number,
            first_date=_day(first.date, 7),
            last=last.number,
            last_date=_day(last.date, 7),
        ),
        _("第 {first}–{last} 期").format(first=first.number, last=last.number),
    )
    return next((form for form in forms if cell_width(form) <= room), forms[-1])


def _day(when: date | None, length: int) -> str:
    return when.isoformat()[:length] if when else "?"
