"""The issue rows of the left pane: one per issue, newest first — 期号, 新 for an issue that
arrived since the last session, date, item count, and once the library is open the unread
(•) and bookmarked (★) counts. Below `NARROW_WIDTH` cells a row is the number, a short date
and a dot and a star.

`IssueListIssues` holds the rows and draws them; `IssueList` (widgets/issue_list.py) adds
the saved searches below them and the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from tui.archive.model import Issue
from tui.i18n import N_, _, _n
from widgets.row_list import RowList

if TYPE_CHECKING:
    from tui.library.marks import LibraryMarks
    from tui.search.views import ViewRow

#: Below this width a row shows the number, a short date and marks without counts.
NARROW_WIDTH = 24
#: The mark of an issue that arrived since the last session.
NEW_MARK = N_("新")
#: Digits typed within this many seconds of each other form one issue number.


class IssueRow(Protocol):
    """What the list needs of an issue (an `Issue` or a cached summary of one)."""

    @property
    def number(self) -> int: ...
    @property
    def date(self) -> date | None: ...
    @property
    def item_count(self) -> int: ...


class IssueListIssues(RowList):
    """The issues, newest first, with their marks; the cursor row is the issue on show."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "issue-list--cursor",
        "issue-list--dim",
        "issue-list--unread",
        "issue-list--bookmark",
        "issue-list--new",
    }

    DEFAULT_CSS = """
    IssueListIssues {
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
        /* Light themes: the darker text variants (the bright accent is ~2.7:1 on white). */
        &:light > .issue-list--unread { color: $text-accent; }
        &:light > .issue-list--bookmark { color: $text-warning; }
    }
    """

    # Messages take their fields in a plain `__init__`: a dataclass costs ~0.3 ms to create
    # at import, and the app imports every pane before its first frame.
    class Highlighted(Message, namespace="issue_list"):
        """The cursor moved to row `index`, the issue with this number."""

        def __init__(self, index: int, number: int) -> None:
            super().__init__()
            self.index = index
            self.number = number

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, IssueListIssues.Highlighted)

    class Chosen(Message, namespace="issue_list"):
        """Enter (or a double click) on row `index`, the issue with this number."""

        def __init__(self, index: int, number: int) -> None:
            super().__init__()
            self.index = index
            self.number = number

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

    def render_line(self, y: int) -> Strip:
        if not self._rows and y == 0:
            width = self.scrollable_content_region.width
            status = Segment(self._status, self.style_for("issue-list--dim"))
            return Strip([status]).adjust_cell_length(width, self.style_for(""))
        return super().render_line(y)

    def _issue_row_text(self, row: IssueRow, width: int, at_cursor: bool) -> Text:
        """ "403新 2024-02-26 22条 •21 ★1" (narrow: "403新 24-02-26•★")."""
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
