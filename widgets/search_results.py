"""The search overlay's result list: two lines per hit, only the rows on screen drawn.

The first line is the headline with its matched characters highlighted, then 期号, date
and section, dimmed, at the right; the second, dimmed, says why the hit matched when it was
not as written (别名：广播电视, 拼音, 近似) and shows the body: around the match for a hit in
the body only (key word in context, highlighted), else its opening words. Every hit is
reachable: the list holds a lazy `SearchResult`, and a row's `Hit` is only built when the
row is drawn. Lines are built from the item's own strings as plain segments — never
markup — so a headline holding "[bold]" shows exactly that. With the user's library, a
bookmarked hit starts with ★.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from tui.i18n import _
from tui.sanitize import sanitize
from tui.search import Hit, ItemMarks, SearchResult
from widgets.row_list import RowList

#: Below this width the row shows the issue number only, not the date and section.
NARROW_WIDTH = 60
INDENT = "  "


class SearchResults(RowList, can_focus=False):
    """Hits in the result's order, and a cursor moved from the search input (which keeps the
    focus)."""

    ROW_HEIGHT = 2

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "search-results--cursor",
        "search-results--match",
        "search-results--meta",
        "search-results--bookmark",
        "search-results--reason",
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
        & > .search-results--reason { color: $text-accent; }
    }
    """

    @dataclass
    class Chosen(Message):
        """A row was double-clicked: open this hit."""

        hit: Hit

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.result: SearchResult | None = None
        #: The user's library, for the bookmark mark; None leaves no room for it.
        self.marks: ItemMarks | None = None
        self._lines: dict[tuple[int, bool, int], Strip] = {}

    def marks_changed(self) -> None:
        """Bookmarks changed (a batch action): draw the rows again."""
        self._lines.clear()
        self.refresh()

    def show_result(self, result: SearchResult | None, cursor: int = 0) -> None:
        """Show `result` (None: nothing), the cursor on row `cursor`."""
        self.result = result
        self._lines.clear()
        self.rows_changed(cursor)

    @property
    def current(self) -> Hit | None:
        """The hit under the cursor, if there are any."""
        if self.result is None or not 0 <= self.cursor < len(self.result):
            return None
        return self.result.hit(self.cursor)

    def hits_on_screen(self) -> Sequence[Hit]:
        """The hits of the rows the list shows now (for tests and tools)."""
        if self.result is None:
            return []
        top = self.scroll_offset.y
        first = -(-top // self.ROW_HEIGHT)
        return self.result.hits(first, (top + self.scrollable_content_region.height) // 2)

    def row_count(self) -> int:
        return 0 if self.result is None else len(self.result)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def on_resize(self) -> None:
        if self.virtual_size.width != self.size.width:
            self._lines.clear()
        super().on_resize()

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        """The row's first line as Text (for tests and tools; the screen draws strips)."""
        return _as_text(self.row_strip(index, width, at_cursor, 0))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row, line = divmod(self.scroll_offset.y + y, self.ROW_HEIGHT)
        if row >= self.row_count():
            return Strip.blank(width, self.style_for(""))
        at_cursor = row == self.cursor
        key = (row, at_cursor, line)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._lines[key] = self.row_strip(row, width, at_cursor, line)
        return strip

    def row_strip(self, index: int, width: int, at_cursor: bool, line: int) -> Strip:
        """Line 0: headline (matches highlighted, cut with …), then 期号, date and section.
        Line 1: why it matched, and the body around the match (or its opening).

        Built from segments directly: rows are drawn on every key press, and going through
        Rich's console would cost several times more.
        """
        assert self.result is not None
        hit = self.result.hit(index)
        base = self.style_for("search-results--cursor" if at_cursor else "")
        # On the cursor row matches and muted text keep the cursor's colours (a theme's
        # warning colour on its cursor background can be unreadable: brown on purple in
        # catppuccin-latte).
        match = base + (
            Style(bold=True, underline=True)
            if at_cursor
            else self.style_for("search-results--match", partial=True)
        )
        muted = base + self.mark_style("search-results--meta", at_cursor)
        mark: list[Segment] = []
        if self.marks is not None:
            star = "★ " if self.marks.is_bookmarked(hit.id) and line == 0 else "  "
            star_style = base + self.mark_style("search-results--bookmark", at_cursor)
            mark.append(Segment(star, star_style))
        room = max(1, width - sum(segment.cell_length for segment in mark))
        if line == 0:
            when = hit.date.isoformat() if hit.date else _("日期不详")
            meta = "  " + _("第{number}期").format(number=hit.number)
            if width >= NARROW_WIDTH:
                meta += f" {when} {hit.section}"
            title = _marked(hit.headline, hit.spans, max(1, room - cell_len(meta)), base, match)
            row = Strip.join([Strip(mark), title, Strip([Segment(meta, muted)])])
            return row.adjust_cell_length(width, base)
        parts = [Strip(mark), Strip([Segment(INDENT, base)])]
        room -= len(INDENT)
        if hit.reason:
            reason = f"{hit.reason} · "
            reason_style = base + self.mark_style("search-results--reason", at_cursor)
            parts.append(Strip([Segment(reason, reason_style)]))
            room -= cell_len(reason)
        if hit.snippet is not None:
            text, spans = hit.snippet.text, hit.snippet.spans
        else:
            text, spans = " ".join(hit.item.body[:300].split()), ()
        parts.append(_marked(text, spans, max(1, room), muted, match))
        return Strip.join(parts).adjust_cell_length(width, base)

    def row_chosen(self, index: int) -> None:
        if self.result is not None:
            self.post_message(self.Chosen(self.result.hit(index)))


def _marked(
    text: str, spans: Sequence[tuple[int, int]], room: int, style: Style, match: Style
) -> Strip:
    """`text` in `room` cells, `spans` in the match style, cut with "…" if it is longer."""
    # Outside text: breaks and tabs become one space each (spans stay put), controls are
    # shown as symbols.
    text = sanitize(text, "flow")
    cut = len(text)
    if cell_len(text) > room:
        # Cut between characters (never through a wide one) and end with "…".
        cut = _chars_within(text, room - 1)
    segments = []
    at = 0
    for start, end in spans:
        start, end = min(start, cut), min(end, cut)
        if start > at:
            segments.append(Segment(text[at:start], style))
        if end > max(start, at):
            segments.append(Segment(text[max(start, at) : end], match))
        at = max(at, end)
    segments.append(Segment(text[at:cut] + ("…" if cut < len(text) else ""), style))
    return Strip(segments).adjust_cell_length(room, style)


def _as_text(strip: Strip) -> Text:
    row = Text(no_wrap=True, end="")
    for segment in strip:
        row.append(segment.text, segment.style)
    return row


def _chars_within(text: str, cells: int) -> int:
    """How many leading characters of `text` fit in `cells` terminal cells."""
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > cells:
            return index
    return len(text)
