"""The middle pane: one issue's 摘要 bullets and sections, with the items as leaves.

Only the issue on show is laid out (a few dozen rows), and only the rows on screen are drawn
(see `RowList`). Headings are not cursor stops: j/k go leaf to leaf; g and G go to the first
and last item. While the cursor is on a 摘要 bullet, the row of the item it announces (the
one in the reader) is marked too, so the tree always shows the item being read. Headlines
are shortened with an ellipsis to the pane's width rather than scrolled sideways. Once the
library is open, each item shows an unread dot (•) and a bookmark star (★), each section its
unread count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.archive.model import Issue
from tui.i18n import N_, _
from tui.sanitize import sanitize
from widgets.row_list import RowList, cursor_bindings

if TYPE_CHECKING:
    from tui.library.marks import LibraryMarks

RowKind = Literal["heading", "bullet", "item"]


class TreeRow(NamedTuple):  # not a dataclass: ~0.3 ms less to import before the first frame
    """A heading (摘要 or a section), a 摘要 bullet or an item; `item_id` of what it opens."""

    kind: RowKind
    text: str
    item_id: str | None = None
    #: A section heading's items, for its unread count.
    item_ids: tuple[str, ...] = ()


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with a trailing "…" when it does not fit."""
    if cell_len(text) <= width:
        return text
    if width < 2:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1).rstrip() + "…"


class SectionTree(RowList):
    """The issue's summary and sections; the cursor on a leaf asks the app to show its item."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *cursor_bindings("tree"),
        Binding("enter", "choose", N_("阅读"), id="tree.read", tooltip=N_("阅读这一条")),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "section-tree--heading",
        "section-tree--bullet",
        "section-tree--guide",
        "section-tree--cursor",
        "section-tree--unread",
        "section-tree--bookmark",
        "section-tree--shown",
    }

    DEFAULT_CSS = """
    SectionTree {
        & > .section-tree--heading { color: $accent; text-style: bold; }
        & > .section-tree--bullet { color: $text-muted; }
        & > .section-tree--guide { color: $text-disabled; }
        & > .section-tree--unread { color: $accent; text-style: not bold; }
        & > .section-tree--bookmark { color: $warning; }
        & > .section-tree--shown { color: $accent; text-style: bold; }
        /* Light themes: the darker text variants (the bright accent is ~2.7:1 on white). */
        &:light > .section-tree--heading { color: $text-accent; }
        &:light > .section-tree--unread { color: $text-accent; }
        &:light > .section-tree--bookmark { color: $text-warning; }
        &:light > .section-tree--shown { color: $text-accent; }
        & > .section-tree--cursor { background: $block-cursor-blurred-background; }
        &:focus > .section-tree--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
    }
    """

    # Messages take their fields in a plain `__init__`: a dataclass costs ~0.3 ms to create
    # at import, and the app imports every pane before its first frame.
    class ItemHighlighted(Message):
        """The cursor is on a leaf (an item, or a bullet announcing one)."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SectionTree.ItemHighlighted)

    class ItemChosen(Message):
        """Enter or a double click on a leaf: the reader should take the focus."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = _("目录")
        self._issue: Issue | None = None
        self._rows: list[TreeRow] = []
        self._marks: LibraryMarks | None = None
        #: The item in the reader: its row is marked while the cursor is on a bullet.
        self._shown: str | None = None

    @property
    def issue(self) -> Issue | None:
        return self._issue

    @property
    def rows(self) -> list[TreeRow]:
        return self._rows

    def show_issue(self, issue: Issue | None, item_id: str | None = None) -> None:
        """Lay out `issue` and put the cursor on `item_id` (default: the first item)."""
        self._issue = issue
        rows: list[TreeRow] = []
        if issue is not None:
            if issue.summary:
                rows.append(TreeRow("heading", _("摘要")))
                rows.extend(TreeRow("bullet", b.text, b.item_id) for b in issue.summary)
            for section in issue.sections:
                ids = tuple(item.id for item in section.items)
                rows.append(TreeRow("heading", section.name, item_ids=ids))
                rows.extend(TreeRow("item", item.headline, item.id) for item in section.items)
        self._rows = rows
        first_item = self._first_item_row()
        self._shown = item_id or (rows[first_item].item_id if rows else None)
        self.rows_changed(self._item_row(item_id) if item_id else first_item)

    def _first_item_row(self) -> int:
        return next((i for i, row in enumerate(self._rows) if row.kind == "item"), 0)

    def _item_row(self, item_id: str) -> int:
        for index, row in enumerate(self._rows):
            if row.kind == "item" and row.item_id == item_id:
                return index
        return 0

    def set_marks(self, marks: LibraryMarks | None) -> None:
        """Mark items from `marks`; call again after they change."""
        self._marks = marks
        self._strips.clear()
        self.refresh()

    def select_item(self, item_id: str) -> None:
        """Put the cursor on the item's row, unless it is on a bullet announcing that item."""
        if item_id != self._shown:
            self._shown = item_id
            self._strips.clear()
            self.refresh()
        if self._rows and self._rows[self.cursor].item_id == item_id:
            return
        index = self._item_row(item_id)
        if self._rows and self._rows[index].item_id == item_id and index != self.cursor:
            self.cursor = index

    def row_count(self) -> int:
        return len(self._rows)

    @property
    def shown_item(self) -> str | None:
        """The item in the reader, as the tree knows it."""
        return self._shown

    def can_rest_on(self, index: int) -> bool:
        return self._rows[index].kind != "heading"

    def action_first(self) -> None:
        """`g`: the first item (the 摘要 above it stays in view)."""
        self.move_cursor(self._first_item_row())
        if self.cursor < self.scrollable_content_region.height:
            self.scroll_to(y=0, animate=False)

    def action_last(self) -> None:
        """`G`: the last item."""
        last = max((i for i, row in enumerate(self._rows) if row.kind == "item"), default=0)
        self.move_cursor(last, -1)

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        row = self._rows[index]
        base = self.style_for("")
        marks = self._marks
        if row.kind == "heading":
            unread = marks.unread_count(row.item_ids) if marks is not None else 0
            count = f" •{unread}" if unread else ""
            heading_style = self.style_for("section-tree--heading")
            heading = Text(fit(sanitize(row.text), width - len(count)), heading_style)
            heading.append(count, self.style_for("section-tree--unread", partial=True))
            return heading
        line_style = self.style_for("section-tree--cursor") if at_cursor else base
        last = index + 1 >= len(self._rows) or self._rows[index + 1].kind == "heading"
        text = Text(style=line_style, no_wrap=True)
        text.append("└ " if last else "├ ", self.mark_style("section-tree--guide", at_cursor))
        used = 2
        if marks is not None and row.kind == "item" and row.item_id is not None:
            unread = not marks.is_read(row.item_id)
            starred = marks.is_bookmarked(row.item_id)
            unread_style = self.mark_style("section-tree--unread", at_cursor)
            text.append("•" if unread else " ", unread_style)
            star_style = self.mark_style("section-tree--bookmark", at_cursor)
            text.append("★" if starred else " ", star_style)
            used = 4
        label = fit(sanitize(row.text if row.kind == "item" else "◆" + row.text), width - used)
        if at_cursor:
            label_style = None
        elif row.kind == "bullet":
            label_style = self.style_for("section-tree--bullet", partial=True)
        elif row.item_id == self._shown:
            label_style = self.style_for("section-tree--shown", partial=True)
        else:
            label_style = None
        text.append(label, label_style)
        return text

    def cursor_moved(self, index: int) -> None:
        item_id = self._rows[index].item_id
        if item_id is not None:
            self.post_message(self.ItemHighlighted(item_id))

    def row_chosen(self, index: int) -> None:
        item_id = self._rows[index].item_id
        if item_id is not None:
            self.post_message(self.ItemChosen(item_id))
