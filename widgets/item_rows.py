"""A list of items, one line each: date, 期号, section and headline — the items of a period
of a trend, or an entity's timeline. Enter (or a double click) chooses one (`Chosen`).

Only the rows on screen are drawn (`RowList`). Headlines come from files: sanitised, never
read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.archive.model import Item
from tui.i18n import N_, _
from tui.sanitize import sanitize
from tui.trends.legend import clip
from tui.typeset.cells import cell_width
from widgets.row_list import RowList, cursor_bindings

#: Below this width a row shows the issue number and the headline only.
NARROW_WIDTH = 60


class ItemRows(RowList):
    """Items in the order given; the cursor row is the one Enter opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *cursor_bindings("trend.items"),
        Binding("enter", "choose", N_("打开"), id="trend.items.open", tooltip=N_("在阅读器中打开")),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"item-rows--cursor", "item-rows--meta"}

    DEFAULT_CSS = """
    ItemRows {
        height: 1fr;
        scrollbar-size-vertical: 1;
        & > .item-rows--cursor { background: $block-cursor-blurred-background; }
        &:focus > .item-rows--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .item-rows--meta { color: $text-muted; }
    }
    """

    class Chosen(Message):
        """Enter or a double click on the item with this id."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class Highlighted(Message):
        """The cursor moved to this item."""

        def __init__(self, item: Item) -> None:
            super().__init__()
            self.item = item

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ItemRows.Highlighted)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: Sequence[Item] = ()

    def show_items(self, items: Sequence[Item], cursor: int = 0) -> None:
        self.items = items
        self.rows_changed(cursor)

    @property
    def current(self) -> Item | None:
        return self.items[self.cursor] if 0 <= self.cursor < len(self.items) else None

    def row_count(self) -> int:
        return len(self.items)

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        item = self.items[index]
        base = self.style_for("item-rows--cursor" if at_cursor else "")
        # Muted beside the cursor's colours would not read: the cursor row is one style.
        meta = base if at_cursor else self.style_for("item-rows--meta")
        if width >= NARROW_WIDTH:
            when = item.date.isoformat() if item.date else _("日期不详")
            label = _("{date} 第{number}期 {section}").format(
                date=when, number=item.number, section=sanitize(item.section)
            )
        else:
            label = str(item.number)
        label += "  "
        headline = clip(sanitize(item.headline), max(1, width - cell_width(label)))
        text = Text(label, style=meta, no_wrap=True)
        text.append(headline, style=base)
        text.style = base
        return text

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.Highlighted(self.items[index]))

    def row_chosen(self, index: int) -> None:
        self.post_message(self.Chosen(self.items[index].id))
