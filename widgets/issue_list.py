"""The left pane: one row per issue, newest first — 期号, date and item count.

Archives hold hundreds or thousands of issues, and stock list widgets build a widget or a
rendered line per row up front (ListView with 2,000 rows takes seconds). This is a
`ScrollView` that renders only the rows on screen. Typing digits jumps to that issue.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: Below this width the list shows only the issue numbers.
NARROW_WIDTH = 24
#: Digits typed within this many seconds of each other form one issue number.
DIGIT_PAUSE_S = 1.2


class IssueRow(Protocol):
    """What the list needs of an issue (an `Issue` or a cached summary of one)."""

    @property
    def number(self) -> int: ...
    @property
    def date(self) -> date | None: ...
    @property
    def item_count(self) -> int: ...


class IssueList(ScrollView, can_focus=True):
    """Issues newest first; the cursor row is the issue shown in the other panes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="issues.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="issues.up"),
        Binding("g,home", "first", "First", show=False, id="issues.first"),
        Binding("G,end", "last", "Last", show=False, id="issues.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="issues.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="issues.page_up"),
        Binding("enter", "choose", "Open", id="issues.open", tooltip="Go to the section tree"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"issue-list--cursor", "issue-list--dim"}

    DEFAULT_CSS = """
    IssueList {
        & > .issue-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .issue-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .issue-list--dim { color: $text-muted; }
    }
    """

    cursor: var[int] = var(0)
    """Index of the highlighted row (0 is the newest issue)."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to row `index`, the issue with this number."""

        index: int
        number: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, IssueList.Highlighted)

    @dataclass
    class Chosen(Message):
        """Enter (or a double click) on row `index`, the issue with this number."""

        index: int
        number: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: Sequence[IssueRow] = ()
        self._status = "读取中…"
        self.border_title = "期刊"
        self._digits = ""
        self._digit_time = 0.0
        #: Rich styles by component class ("" is the widget's own), resolved per style change.
        self._styles: dict[str, Style] = {}

    @property
    def numbers(self) -> list[int]:
        return [row.number for row in self._rows]

    @property
    def highlighted_number(self) -> int | None:
        return self._rows[self.cursor].number if self._rows else None

    def set_rows(self, rows: Sequence[IssueRow], number: int | None = None) -> None:
        """Show `rows` (newest first) with the cursor on issue `number` (default: the top)."""
        self._rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        index = self._index_of(number) if number is not None else None
        self.set_reactive(IssueList.cursor, index or 0)
        self._scroll_to_cursor()
        self.refresh()

    def set_status(self, status: str) -> None:
        """Text shown while there are no rows (loading progress, or why the list is empty)."""
        self._status = status
        if not self._rows:
            self.refresh()

    def select_number(self, number: int) -> None:
        """Move the cursor to issue `number`, if the list has it."""
        index = self._index_of(number)
        if index is not None:
            self.cursor = index

    def _index_of(self, number: int) -> int | None:
        for index, row in enumerate(self._rows):
            if row.number == number:
                return index
        return None

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - self.scroll_offset.y)
        self.refresh_line(new - self.scroll_offset.y)
        self._scroll_to_cursor()
        if self._rows:
            self.post_message(self.Highlighted(new, self._rows[new].number))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, component: str) -> Style:
        style = self._styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style += self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("")
        index = self.scroll_offset.y + y
        if not self._rows:
            text = self._status if y == 0 else ""
            style = self._style("issue-list--dim")
            return Strip([Segment(text, style)]).adjust_cell_length(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        style = self._style("issue-list--cursor") if index == self.cursor else base
        if width < NARROW_WIDTH:
            text = f"{row.number:>5}"
        else:
            when = row.date.isoformat() if row.date else "日期不详  "
            text = f"{row.number:>5}  {when} {row.item_count:>3}条"
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows))

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_choose(self) -> None:
        if self._rows:
            self.post_message(self.Chosen(self.cursor, self._rows[self.cursor].number))

    def on_key(self, event: events.Key) -> None:
        """Digits typed in a quick run jump to the issue with that number."""
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        now = time.monotonic()
        if now - self._digit_time > DIGIT_PAUSE_S:
            self._digits = ""
        self._digit_time = now
        self._digits = (self._digits + event.character)[-6:]
        wanted = int(self._digits)
        exact = self._index_of(wanted)
        if exact is not None:
            self.cursor = exact
            return
        for index, row in enumerate(self._rows):
            if str(row.number).startswith(self._digits):
                self.cursor = index
                return

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self._rows):
            if index == self.cursor and event.chain >= 2:
                self.action_choose()
            self.cursor = index
