"""The three panes side by side — issue list, section tree, item reader — shown as one.

The app decides what to show (it owns the reading position) and calls `show`; this
container puts the list cursor, the tree and the reader text in step, moves the focus
between the panes and zooms the reader. Messages of the panes pass through to the app.
Once the library is open, `set_marks` hands its view to the list and the tree, and the app
passes the user's notes on the item on show with each `show`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal

from tui.archive.model import Issue, Item
from tui.typeset.item_notes import NO_NOTES, ItemNotes
from widgets.issue_list import IssueList
from widgets.issue_list_issues import IssueRow
from widgets.item_reader import ItemReader
from widgets.section_tree import SectionTree

if TYPE_CHECKING:
    from tui.library.marks import LibraryMarks


class ReaderPanes(Horizontal):
    """Issue list | section tree | item reader."""

    def compose(self) -> ComposeResult:
        yield IssueList(id="issues")
        yield SectionTree(id="tree")
        yield ItemReader(id="reader")

    @property
    def issue_list(self) -> IssueList:
        return self.query_one(IssueList)

    @property
    def section_tree(self) -> SectionTree:
        return self.query_one(SectionTree)

    @property
    def reader(self) -> ItemReader:
        return self.query_one(ItemReader)

    def show_rows(self, rows: Sequence[IssueRow], number: int | None = None) -> None:
        """New issue rows (newest first), the cursor on issue `number`."""
        self.issue_list.set_rows(rows, number)

    def show(self, index: int, issue: Issue, item: Item, notes: ItemNotes = NO_NOTES) -> None:
        """Row `index` (the issue), the issue's tree with the cursor on `item`, the item
        with what the user keeps about it."""
        self.issue_list.cursor = index
        if self.section_tree.issue is not issue:
            self.section_tree.show_issue(issue, item.id)
        else:
            self.section_tree.select_item(item.id)
        self.reader.show_item(item, notes=notes)

    def set_marks(self, marks: LibraryMarks | None) -> None:
        """The library's marks (unread, bookmarked) for the list and the tree to show."""
        self.issue_list.set_marks(marks)
        self.section_tree.set_marks(marks)

    def marks_changed(self, marks: LibraryMarks, notes: ItemNotes) -> None:
        """A mark changed: redraw the counts and marks, and the notes of the item on show."""
        self.set_marks(marks)
        self.reader.set_notes(notes)

    def show_nothing(self, reason: str, issue: Issue | None = None) -> None:
        """No item to read (still loading, an empty issue or archive): say why."""
        self.section_tree.show_issue(issue)
        self.reader.show_item(None, reason)
        if not self.issue_list.row_count():
            self.issue_list.set_status(reason)

    def focus_pane(self, step: int) -> None:
        """Focus the visible pane `step` places right (positive) or left of the focused one."""
        panes = [pane for pane in (self.issue_list, self.section_tree, self.reader) if pane.display]
        focused = self.screen.focused
        index = panes.index(focused) if focused in panes else 0
        panes[max(0, min(index + step, len(panes) - 1))].focus()

    def toggle_zoom(self) -> None:
        """The reader alone at full width, or the three panes again."""
        zoomed = not self.has_class("zoomed")
        self.set_class(zoomed, "zoomed")
        if zoomed:
            self.reader.focus()
