"""The left pane: one row per issue, newest first — 期号, date, item count, and once the
library is open the unread (•) and bookmarked (★) counts.

Only the rows on screen are drawn (see `RowList`), so 3,000 issues cost what 30 do. Typing
digits jumps to that issue; below `NARROW_WIDTH` cells only the numbers are shown.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from tui.archive.model import Issue
from widgets.row_list import RowList, cursor_bindings

if TYPE_CHECKING:
    from tui.library.marks import LibraryMarks

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


class IssueList(RowList):
    """Issues newest first; the cursor row is the issue shown in the other panes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *cursor_bindings("issues"),
        Binding("enter", "choose", "Open", id="issues.open", tooltip="Go to the section tree"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "issue-list--cursor",
        "issue-list--dim",
        "issue-list--unread",
        "issue-list--bookmark",
    }

    DEFAULT_CSS = """
    IssueList {
        & > .issue-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .issue-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .issue-list--dim { color: $text-muted; }
        & > .issue-list--unread { color: $accent; }
        & > .issue-list--bookmark { color: $warning; }
    }
    """

    # Messages take their fields in a plain `__init__`: a dataclass costs ~0.3 ms to create
    # at import, and the app imports every pane before its first frame.
    class Highlighted(Message):
        """The cursor moved to row `index`, the issue with this number."""

        def __init__(self, index: int, number: int) -> None:
            super().__init__()
            self.index = index
            self.number = number

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, IssueList.Highlighted)

    class Chosen(Message):
        """Enter (or a double click) on row `index`, the issue with this number."""

        def __init__(self, index: int, number: int) -> None:
            super().__init__()
            self.index = index
            self.number = number

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "期刊"
        self._rows: Sequence[IssueRow] = ()
        self._status = "读取中…"
        self._digits = ""
        self._digit_time = 0.0
        self._marks: LibraryMarks | None = None

    @property
    def numbers(self) -> list[int]:
        return [row.number for row in self._rows]

    def set_rows(self, rows: Sequence[IssueRow], number: int | None = None) -> None:
        """Show `rows` (newest first) with the cursor on issue `number` (default: the top)."""
        self._rows = rows
        self.rows_changed(self._index_of(number) or 0 if number is not None else 0)

    def set_marks(self, marks: LibraryMarks | None) -> None:
        """Count unread and bookmarked items from `marks`; call again after they change."""
        self._marks = marks
        self._strips.clear()
        self.refresh()

    def set_status(self, status: str) -> None:
        """Text shown while there are no rows (loading progress, or why the list is empty)."""
        self._status = status
        if not self._rows:
            self.refresh()

    def _index_of(self, number: int) -> int | None:
        for index, row in enumerate(self._rows):
            if row.number == number:
                return index
        return None

    def row_count(self) -> int:
        return len(self._rows)

    def render_line(self, y: int) -> Strip:
        if not self._rows and y == 0:
            width = self.scrollable_content_region.width
            text = Text(self._status, style=self.style_for("issue-list--dim"))
            return Strip(text.render(self.app.console)).adjust_cell_length(
                width, self.style_for("")
            )
        return super().render_line(y)

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        row = self._rows[index]
        narrow = width < NARROW_WIDTH
        if narrow:
            label = f"{row.number:>5}"
        else:
            when = row.date.isoformat() if row.date else "日期不详  "
            label = f"{row.number:>5} {when} {row.item_count:>3}条"
        text = Text(label, style=self.style_for("issue-list--cursor" if at_cursor else ""))
        if self._marks is not None and isinstance(row, Issue):
            self._append_counts(text, row, self._marks, narrow)
        return text

    def _append_counts(self, text: Text, issue: Issue, marks: LibraryMarks, narrow: bool) -> None:
        """Add " •3 ★1": unread and bookmarked items (narrow: a dot and a star, no numbers)."""
        ids = [item.id for item in issue.items]
        unread = marks.unread_count(ids)
        bookmarked = sum(1 for item_id in ids if marks.is_bookmarked(item_id))
        unread_style = self.style_for("issue-list--unread", partial=True)
        star_style = self.style_for("issue-list--bookmark", partial=True)
        if narrow:
            text.append("•" if unread else " ", unread_style)
            text.append("★" if bookmarked else " ", star_style)
            return
        text.append(f" {'•' + str(unread) if unread else '':<4}", unread_style)
        text.append(f"★{bookmarked}" if bookmarked else "", star_style)

    def cursor_moved(self, index: int) -> None:
        self.post_message(self.Highlighted(index, self._rows[index].number))

    def row_chosen(self, index: int) -> None:
        self.post_message(self.Chosen(index, self._rows[index].number))

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
        exact = self._index_of(int(self._digits))
        if exact is not None:
            self.cursor = exact
            return
        for index, row in enumerate(self._rows):
            if str(row.number).startswith(self._digits):
                self.cursor = index
                return
