"""The search overlay's result list: one row per hit, only the rows on screen drawn.

Each row is the headline with its matched characters highlighted, then 期号, date and
section, dimmed, at the right. Rows are built as Rich `Text` from the item's own strings —
never markup — so a headline holding "[bold]" shows exactly that. Replacing the hits costs
nothing per row until a row is drawn (see `RowList`), which is what lets the list follow
every key press. With the user's library, a bookmarked hit starts with ★.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from tui.sanitize import sanitize
from tui.search import Hit, ItemMarks
from widgets.row_list import RowList

#: Below this width the row shows the issue number only, not the date and section.
NARROW_WIDTH = 60


class SearchResults(RowList, can_focus=False):
    """Hits, best first, and a cursor moved from the search input (which keeps the focus)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "search-results--cursor",
        "search-results--match",
        "search-results--meta",
        "search-results--bookmark",
    }

    DEFAULT_CSS = """
    SearchResults {
        & > .search-results--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .search-results--match { color: $text-warning; text-style: bold underline; }
        & > .search-results--meta { color: $text-muted; }
        & > .search-results--bookmark { color: $warning; }
    }
    """

    @dataclass
    class Chosen(Message):
        """A row was double-clicked: open this item."""

        item_id: str

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: tuple[Hit, ...] = ()
        #: The user's library, for the bookmark mark; None leaves no room for it.
        self.marks: ItemMarks | None = None

    def marks_changed(self) -> None:
        """Bookmarks changed (a batch action): draw the rows again."""
        self._strips.clear()
        self.refresh()

    def show_hits(self, hits: Sequence[Hit]) -> None:
        """Replace the rows; the cursor goes to the best hit."""
        self.hits = tuple(hits)
        self.rows_changed(0)

    @property
    def current(self) -> Hit | None:
        """The hit under the cursor, if there are any."""
        return self.hits[self.cursor] if 0 <= self.cursor < len(self.hits) else None

    def row_count(self) -> int:
        return len(self.hits)

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        """The row as Text (for tests and tools; the screen draws `row_strip`)."""
        strip = self.row_strip(index, width, at_cursor)
        row = Text(no_wrap=True, end="")
        for segment in strip:
            row.append(segment.text, segment.style)
        return row

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self.hits):
            return Strip.blank(width, self.style_for(""))
        at_cursor = index == self.cursor
        strip = self._strips.get((index, at_cursor))
        if strip is None:
            strip = self._strips[index, at_cursor] = self.row_strip(index, width, at_cursor)
        return strip

    def row_strip(self, index: int, width: int, at_cursor: bool) -> Strip:
        """Headline (matches highlighted, cut with … to fit), then 期号, date and section.

        Built from segments directly: a row is drawn on every key press for every visible
        hit, and going through Rich's console would cost several times more.
        """
        hit = self.hits[index]
        base = self.style_for("search-results--cursor" if at_cursor else "")
        match = base + self.style_for("search-results--match", partial=True)
        when = hit.date.isoformat() if hit.date else "日期不详"
        meta = f"  第{hit.number}期"
        if width >= NARROW_WIDTH:
            meta += f" {when} {hit.section}"
        mark: list[Segment] = []
        if self.marks is not None:
            star = "★ " if self.marks.is_bookmarked(hit.id) else "  "
            mark.append(Segment(star, base + self.style_for("search-results--bookmark", True)))
        # Parsed headlines hold no controls but layout ones, which become one space each:
        # the match spans stay put.
        headline = sanitize(hit.headline, "flow")
        room = max(1, width - cell_len(meta) - sum(seg.cell_length for seg in mark))
        cut = len(headline)
        if cell_len(headline) > room:
            # Cut between characters (never through a wide one) and end with "…".
            cut = _chars_within(headline, room - 1)
        segments = []
        at = 0
        for start, end in hit.spans:
            start, end = min(start, cut), min(end, cut)
            if start > at:
                segments.append(Segment(headline[at:start], base))
            if end > start:
                segments.append(Segment(headline[start:end], match))
            at = max(at, end)
        segments.append(Segment(headline[at:cut] + ("…" if cut < len(headline) else ""), base))
        title = Strip(segments).adjust_cell_length(room, base)
        meta_style = base + self.style_for("search-results--meta", partial=True)
        row = [Strip(mark), title, Strip([Segment(meta, meta_style)])]
        return Strip.join(row).adjust_cell_length(width, base)

    def row_chosen(self, index: int) -> None:
        self.post_message(self.Chosen(self.hits[index].id))


def _chars_within(text: str, cells: int) -> int:
    """How many leading characters of `text` fit in `cells` terminal cells."""
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > cells:
            return index
    return len(text)
