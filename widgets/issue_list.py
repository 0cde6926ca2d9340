"""The left pane: one row per issue, newest first — 期号, 新 for an issue that arrived since
the last session, date, item count, and once the library is open the unread (•) and
bookmarked (★) counts. Below the issues, the saved searches (views), each with its hit
count and unread count; `R` renames one, `delete` deletes it.

Only the rows on screen are drawn (see `RowList`), so 3,000 issues cost what 30 do. Typing
digits jumps to that issue; below `NARROW_WIDTH` cells a row is the number, a short date and
a dot and a star.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from tui.archive.model import Issue
from tui.i18n import N_, _, _n
from tui.sanitize import sanitize
from widgets.row_list import RowList, cursor_bindings

if TYPE_CHECKING:
    from tui.library.marks import LibraryMarks
    from tui.search.views import ViewRow

#: Below this width a row shows the number, a short date and marks without counts.
NARROW_WIDTH = 24
#: The mark of an issue that arrived since the last session.
NEW_MARK = N_("新")
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
        Binding("enter", "choose", N_("打开"), id="issues.open", tooltip=N_("到目录")),
        Binding("R", "saved('rename')", N_("重命名"), show=False, id="issues.rename_view"),
        Binding("delete", "saved('delete')", N_("删除"), show=False, id="issues.delete_view"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "issue-list--cursor",
        "issue-list--dim",
        "issue-list--unread",
        "issue-list--bookmark",
        "issue-list--new",
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
        & > .issue-list--new { color: $success; text-style: bold; }
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

    class ViewHighlighted(Message):
        """The cursor moved to row `index`, a saved search: show its items."""

        def __init__(self, index: int, name: str, chosen: bool = False) -> None:
            super().__init__()
            self.index = index
            self.name = name
            #: Enter (or a double click) on it: go on to its items.
            self.chosen = chosen

    class ViewAction(Message):
        """`R` or `delete` on a saved search."""

        def __init__(self, action: str, name: str) -> None:
            super().__init__()
            self.action = action
            self.name = name

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = _("期刊")
        self._rows: Sequence[IssueRow] = ()
        self._status = _("读取中…")
        self._digits = ""
        self._digit_time = 0.0
        self._marks: LibraryMarks | None = None
        self._new: frozenset[int] = frozenset()
        self._number_width = 3
        self._views: Sequence[ViewRow] = ()

    @property
    def numbers(self) -> list[int]:
        return [row.number for row in self._rows]

    def set_rows(self, rows: Sequence[IssueRow], number: int | None = None) -> None:
        """Show `rows` (newest first) with the cursor on issue `number` (default: the top)."""
        self._rows = rows
        self._number_width = max((len(str(row.number)) for row in rows), default=3)
        self.rows_changed(self._index_of(number) or 0 if number is not None else 0)

    def set_new(self, numbers: frozenset[int]) -> None:
        """Mark these issues 新: they arrived since the last session."""
        if numbers != self._new:
            self._new = numbers
            self._strips.clear()
            self.refresh()

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

    def set_views(self, views: Sequence[ViewRow]) -> None:
        """The saved searches to list below the issues (the cursor stays where it is)."""
        self._views = views
        self._strips.clear()
        self.rows_changed(min(self.cursor, max(0, self.row_count() - 1)), scroll=False)

    def view_name(self, index: int) -> str | None:
        """The name of the saved search on row `index`, if it is one."""
        at = index - len(self._rows) - 1
        return self._views[at].name if 0 <= at < len(self._views) else None

    def view_row(self, name: str) -> int | None:
        names = [view.name for view in self._views]
        return len(self._rows) + 1 + names.index(name) if name in names else None

    def row_count(self) -> int:
        return len(self._rows) + (len(self._views) + 1 if self._views else 0)

    def can_rest_on(self, index: int) -> bool:
        return index != len(self._rows)  # the heading over the saved searches

    def render_line(self, y: int) -> Strip:
        if not self._rows and y == 0:
            width = self.scrollable_content_region.width
            status = Segment(self._status, self.style_for("issue-list--dim"))
            return Strip([status]).adjust_cell_length(width, self.style_for(""))
        return super().render_line(y)

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        """ "403新 2024-02-26 22条 •21 ★1" (narrow: "403新 24-02-26•★"), or a saved search."""
        if index >= len(self._rows):
            return self._render_view(index - len(self._rows) - 1, width, at_cursor)
        row = self._rows[index]
        narrow = width < NARROW_WIDTH
        text = Text(
            f"{row.number:>{self._number_width}}",
            style=self.style_for("issue-list--cursor" if at_cursor else ""),
        )
        if self._new:  # a column for 新 only while some issue is new
            new = row.number in self._new
            mark = _(NEW_MARK)
            text.append(
                mark if new else " " * cell_len(mark), self.mark_style("issue-list--new", at_cursor)
            )
        if row.date is None:  # as wide as a date, so that the counts line up
            undated = _("日期不详")
            when = undated + " " * max(0, (8 if narrow else 10) - cell_len(undated))
        else:
            when = row.date.strftime("%y-%m-%d") if narrow else row.date.isoformat()
        count = _n("{count:>2}条", row.item_count).format(count=row.item_count)
        text.append(f" {when}" if narrow else f" {when} {count}")
        if self._marks is not None and isinstance(row, Issue):
            self._append_counts(text, row, self._marks, narrow, at_cursor)
        return text

    def _append_counts(
        self, text: Text, issue: Issue, marks: LibraryMarks, narrow: bool, at_cursor: bool
    ) -> None:
        """Add " •3 ★1": unread and bookmarked items (narrow: a dot and a star, no numbers)."""
        ids = [item.id for item in issue.items]
        unread = marks.unread_count(ids)
        bookmarked = sum(1 for item_id in ids if marks.is_bookmarked(item_id))
        unread_style = self.mark_style("issue-list--unread", at_cursor)
        star_style = self.mark_style("issue-list--bookmark", at_cursor)
        if narrow:
            text.append("•" if unread else " ", unread_style)
            text.append("★" if bookmarked else " ", star_style)
            return
        text.append(f" {'•' + str(unread) if unread else '':<3}", unread_style)
        text.append(f" ★{bookmarked}" if bookmarked else "", star_style)

    def _render_view(self, at: int, width: int, at_cursor: bool) -> Text:
        """The heading over the saved searches (at -1), or one: ⌕ name  hits •unread."""
        if at < 0:
            return Text(_("保存的搜索"), style=self.style_for("issue-list--dim"), no_wrap=True)
        view = self._views[at]
        text = Text(style=self.style_for("issue-list--cursor" if at_cursor else ""), no_wrap=True)
        counts = (
            "" if view.hits is None else " " + _n("{count}条", view.hits).format(count=view.hits)
        )
        unread = f" •{view.unread}" if view.unread else ""
        room = max(1, width - 2 - len(counts) - len(unread)) if width >= NARROW_WIDTH else width - 1
        text.append("⌕ " if width >= NARROW_WIDTH else "⌕")
        text.append(sanitize(view.name)[:room])
        if width >= NARROW_WIDTH:
            text.append(counts, self.style_for("issue-list--dim", partial=True))
            text.append(unread, self.style_for("issue-list--unread", partial=True))
        return text

    def cursor_moved(self, index: int) -> None:
        name = self.view_name(index)
        if name is not None:
            self.post_message(self.ViewHighlighted(index, name))
        elif index < len(self._rows):
            self.post_message(self.Highlighted(index, self._rows[index].number))

    def row_chosen(self, index: int) -> None:
        name = self.view_name(index)
        if name is not None:
            self.post_message(self.ViewHighlighted(index, name, chosen=True))
        elif index < len(self._rows):
            self.post_message(self.Chosen(index, self._rows[index].number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Rename and delete act on a saved search: off (and out of the command palette)
        while the cursor is on an issue."""
        if action == "saved":
            return self.view_name(self.cursor) is not None or None
        return True

    def action_saved(self, action: str) -> None:
        """`R` / `delete` on a saved search: the screen asks for a name, or deletes it."""
        name = self.view_name(self.cursor)
        if name is not None:
            self.post_message(self.ViewAction(action, name))

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
