"""The base of the issue list and the section tree: rows with a cursor, drawn only on screen.

A `ScrollView` with `render_line`: nothing per row is built up front, each visible row is
drawn on demand and its `Strip` cached until the rows, the width or the styles change.
Subclasses say what the rows are (`row_count`, `render_row`), which rows the cursor may rest
on (`can_rest_on`), and what to announce when it moves (`cursor_moved`) or a row is chosen
(`row_chosen`). Stock widgets build a widget or a rendered line per row: ListView with 2,000
rows takes seconds, OptionList with 15,000 a second.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.i18n import N_
from tui.keys import paging_bindings


def cursor_bindings(prefix: str) -> list[Binding]:
    """The keys that move a RowList's cursor, with ids under `prefix` ("issues.down", …)
    so that each pane's keys can be remapped on their own."""
    return [
        Binding("j,down", "cursor_down", N_("向下"), show=False, id=f"{prefix}.down"),
        Binding("k,up", "cursor_up", N_("向上"), show=False, id=f"{prefix}.up"),
        Binding("g,home", "first", N_("第一条"), show=False, id=f"{prefix}.first"),
        Binding("G,end", "last", N_("最后一条"), show=False, id=f"{prefix}.last"),
        *paging_bindings(prefix),
    ]


class RowList(ScrollView, can_focus=True):
    """Rows and a cursor; subclasses provide the rows."""

    #: Lines per row. A subclass with taller rows draws them in its own `render_line`.
    ROW_HEIGHT: ClassVar[int] = 1

    cursor: var[int] = var(0)
    """Index of the cursor row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._styles: dict[tuple[str, bool], Style] = {}

    # What subclasses provide.

    def row_count(self) -> int:
        raise NotImplementedError

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        raise NotImplementedError

    def can_rest_on(self, index: int) -> bool:
        return True

    def cursor_moved(self, index: int) -> None:
        """Called when the cursor moved to `index` (by key, click or `move_cursor`)."""

    def row_chosen(self, index: int) -> None:
        """Called on Enter or a double click on row `index`."""

    # Rows and drawing.

    def rows_changed(self, cursor: int = 0, scroll: bool = True) -> None:
        """The rows are new: redraw, and put the cursor on `cursor` without announcing it
        (`scroll`: from the top, else from where the list is)."""
        self._strips.clear()
        self.virtual_size = Size(self.size.width, self.row_count() * self.ROW_HEIGHT)
        self.set_reactive(RowList.cursor, self._rest(cursor, 1))
        if scroll:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_cursor()
        # Textual refuses to scroll until it has laid out the scrollbars for the new size:
        # once it has, make sure the cursor is in view.
        self.call_after_refresh(self._scroll_to_cursor)
        self.refresh()

    def style_for(self, component: str, partial: bool = False) -> Style:
        """The widget's style plus a component class's ("" for the widget's own), cached.

        `partial` gives only what the component class sets, for a span inside a line.
        """
        style = self._styles.get((component, partial))
        if style is None:
            style = self.rich_style
            if component:
                style += self.get_component_rich_style(component)
            if partial:
                # The component's own attributes, and its colour as resolved against the
                # widget's background: a partial style leaves "auto" and translucent colours
                # (a light theme's $text-muted) unresolved, and Rich draws them white.
                own = self.get_component_rich_style(component, partial=True)
                colour = Style(color=style.color) if own.color is not None else Style()
                style = own.without_color + colour
            self._styles[component, partial] = style
        return style

    def mark_style(self, component: str, at_cursor: bool) -> Style:
        """A mark's style inside a row (a dot, a star, a connector): on the cursor row without
        its colour, as the cursor's own colours stay readable in every theme (an accent on
        a light theme's cursor background may not be)."""
        style = self.style_for(component, partial=True)
        return style.without_color if at_cursor else style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def on_resize(self) -> None:
        # A starting terminal sends several resize events of the same size: keep the strips.
        if self.virtual_size.width != self.size.width:
            self._strips.clear()
        self.virtual_size = Size(self.size.width, self.row_count() * self.ROW_HEIGHT)
        # Rows set before the pane had a size (a position restored at launch) could not be
        # scrolled to: bring the cursor into view now.
        self.call_after_refresh(self._scroll_to_cursor)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= self.row_count():
            return Strip.blank(width, self.style_for(""))
        at_cursor = index == self.cursor
        strip = self._strips.get((index, at_cursor))
        if strip is None:
            text = self.render_row(index, width, at_cursor)
            pad = text.style if isinstance(text.style, Style) else None
            # Rich leaves a Text without spans unstyled (its callers add the base style).
            segments = Segment.apply_style(text.render(self.app.console), pad)
            strip = Strip(segments).adjust_cell_length(width, pad)
            self._strips[(index, at_cursor)] = strip
        return strip

    # The cursor.

    def _rest(self, index: int, direction: int) -> int:
        """The nearest row from `index` (going `direction`) the cursor may rest on."""
        count = self.row_count()
        index = max(0, min(index, count - 1))
        probe = index
        while 0 <= probe < count:
            if self.can_rest_on(probe):
                return probe
            probe += direction
        probe = index
        while 0 <= probe < count:
            if self.can_rest_on(probe):
                return probe
            probe -= direction
        return index

    def move_cursor(self, index: int, direction: int = 1) -> None:
        self.cursor = self._rest(index, direction)

    def watch_cursor(self, old: int, new: int) -> None:
        for row in (old, new):
            for line in range(self.ROW_HEIGHT):
                self.refresh_line(row * self.ROW_HEIGHT + line - self.scroll_offset.y)
        self._scroll_to_cursor()
        if 0 <= new < self.row_count():
            self.cursor_moved(new)

    @property
    def rows_on_screen(self) -> int:
        """Whole rows that fit in the list's height (at least one)."""
        return max(1, self.scrollable_content_region.height // self.ROW_HEIGHT)

    def _scroll_to_cursor(self) -> None:
        """Scroll the least that shows the cursor row, and the headings just above it."""
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        rows = height // self.ROW_HEIGHT
        first = self.cursor
        while first > 0 and not self.can_rest_on(first - 1) and self.cursor - first + 1 < rows:
            first -= 1
        last_line = (self.cursor + 1) * self.ROW_HEIGHT - 1
        if first * self.ROW_HEIGHT < top:
            self.scroll_to(y=first * self.ROW_HEIGHT, animate=False, immediate=True)
        elif height and last_line >= top + height:
            # Rows start at the top: a row cut in half goes at the bottom, if anywhere.
            y = -(-(last_line - height + 1) // self.ROW_HEIGHT) * self.ROW_HEIGHT
            self.scroll_to(y=y, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        if self.cursor + 1 < self.row_count():
            self.move_cursor(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1, -1)

    def action_first(self) -> None:
        self.move_cursor(0, 1)

    def action_last(self) -> None:
        self.move_cursor(self.row_count() - 1, -1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + max(1, self.rows_on_screen - 1), 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - max(1, self.rows_on_screen - 1), -1)

    def action_half_page(self, step: int) -> None:
        """Half the visible height down (`step` > 0) or up."""
        half = max(1, self.scrollable_content_region.height // 2)
        self.move_cursor(self.cursor + step * half, 1 if step > 0 else -1)

    def action_choose(self) -> None:
        if 0 <= self.cursor < self.row_count():
            self.row_chosen(self.cursor)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // self.ROW_HEIGHT
        if 0 <= index < self.row_count() and self.can_rest_on(index):
            self.cursor = index
            if event.chain >= 2:
                self.row_chosen(index)
