"""The trend chart: a legend, bars per period for up to three queries, the period under the
cursor — drawn from `tui.trends.bars`, the layout `zhoubao trend` prints too.

A plain `Widget` with `render_line`: the chart is laid out once per trend, size or cursor
move (a millisecond or two) and each line is a `Strip` of segments styled by the theme's
component classes, so wide characters in labels and queries are measured as the terminal
draws them. (plotext, tried first, counts a Chinese character as one cell and draws its
legend and title past the frame.) The layout is made when a line is first drawn at a size,
not on `Resize`: so a new screen's first frame has the bars (waiting for the resize event
cost a second frame, 25–50 ms after the key press on a loaded machine). ←/→ move the cursor
over the periods, Home/End go to the first and last, Enter chooses the period
(`PeriodChosen`); a click moves the cursor there, a double click chooses it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip
from textual.widget import Widget

from tui.i18n import N_
from tui.trends.bars import BarChart, Role, Row, lay_out_bars
from tui.trends.counts import Trend
from tui.trends.legend import cursor_row, legend_row

#: Lines the chart draws besides the bars: legend, a blank line, cursor line.
EXTRA_LINES = 3


class TrendChart(Widget, can_focus=True):
    """Bars of a `Trend`, a cursor over its periods."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", N_("前一段"), show=False, id="trend.chart.left"),
        Binding("right,l", "move(1)", N_("后一段"), show=False, id="trend.chart.right"),
        Binding("pageup", "page(-1)", N_("向前翻"), show=False, id="trend.chart.page_left"),
        Binding("pagedown", "page(1)", N_("向后翻"), show=False, id="trend.chart.page_right"),
        Binding("home,g", "to_end(-1)", N_("最早"), show=False, id="trend.chart.first"),
        Binding("end,G", "to_end(1)", N_("最新"), show=False, id="trend.chart.last"),
        Binding("enter", "choose", N_("列出条目"), id="trend.chart.choose"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "trend-chart--axis",
        "trend-chart--label",
        "trend-chart--gap",
        "trend-chart--series-0",
        "trend-chart--series-1",
        "trend-chart--series-2",
        "trend-chart--cursor",
    }

    DEFAULT_CSS = """
    TrendChart {
        height: 1fr;
        min-height: 8;
        & > .trend-chart--axis { color: $text-muted; }
        & > .trend-chart--label { color: $foreground; }
        & > .trend-chart--gap { color: $text-disabled; }
        & > .trend-chart--series-0 { color: $primary; }
        & > .trend-chart--series-1 { color: $warning; }
        & > .trend-chart--series-2 { color: $success; }
        & > .trend-chart--cursor { background: $boost; }
        &:focus > .trend-chart--cursor { background: $block-cursor-blurred-background; }
    }
    """

    class CursorMoved(Message):
        """The cursor is on period `index` now."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class PeriodChosen(Message):
        """Enter (or a double click) on period `index`: list its items."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    #: The period under the cursor.
    cursor: var[int] = var(0)
    #: The series the screen's tables describe (marked in the legend).
    active: var[int] = var(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trend: Trend | None = None
        self._chart: BarChart | None = None
        self._lines: list[Row] = []
        self._first: int | None = None
        self._styles: dict[tuple[Role, bool, bool], Style] = {}
        #: Each line drawn, until the next layout.
        self._strips: dict[int, Strip] = {}
        #: The size the layout was made for (None: make it again).
        self._laid_out_at: Size | None = None

    def show(self, trend: Trend, cursor: int | None = None) -> None:
        """Draw this trend, the cursor on period `cursor` (default: the newest)."""
        self.trend = trend
        self._first = None
        last = max(0, len(trend.periods) - 1)
        self.set_reactive(TrendChart.cursor, last if cursor is None else min(cursor, last))
        self.set_reactive(TrendChart.active, min(self.active, max(0, len(trend.series) - 1)))
        self._invalidate()

    @property
    def chart(self) -> BarChart | None:
        """The layout on show (None before a trend and a size)."""
        self._laid_out()
        return self._chart

    # Layout and drawing.

    def _invalidate(self) -> None:
        """The trend, cursor or size changed: lay out again when next drawn."""
        self._laid_out_at = None
        self._strips.clear()
        self.refresh()

    def _laid_out(self) -> None:
        """Lay out for the size now (a resize needs nothing else: lines are drawn again)."""
        if self._laid_out_at != self.size:
            self._lay_out()

    def _lay_out(self) -> None:
        trend, width, height = self.trend, self.size.width, self.size.height
        self._laid_out_at = self.size
        self._strips.clear()
        if trend is None or width <= 0 or height <= 0:
            self._chart, self._lines = None, []
            return
        bars = max(3, height - EXTRA_LINES)
        chart = lay_out_bars(trend, width, bars, self.cursor, self._first)
        self._chart, self._first = chart, chart.first
        self._lines = [legend_row(trend, width, self.active), [], *chart.rows]
        self._lines.append(cursor_row(trend, self.cursor))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def watch_cursor(self, old: int, new: int) -> None:
        self._invalidate()
        if old != new:
            self.post_message(self.CursorMoved(new))

    def watch_active(self) -> None:
        self._invalidate()

    def _style(self, role: Role, cursor: bool, emphasis: bool) -> Style:
        style = self._styles.get((role, cursor, emphasis))
        if style is None:
            style = self.rich_style
            if role is not Role.BLANK:
                style += self.get_component_rich_style(f"trend-chart--{role.value}")
            if cursor:
                # Only its background: the bars keep their colour under the cursor.
                cursor_style = self.get_component_rich_style("trend-chart--cursor")
                style += Style(bgcolor=cursor_style.bgcolor)
            if emphasis:
                style += Style(bold=True)
            self._styles[role, cursor, emphasis] = style
        return style

    def render_line(self, y: int) -> Strip:
        self._laid_out()
        width = self.size.width
        if y >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(y)
        if strip is None:
            segments = [
                Segment(text, self._style(role, cursor, emphasis))
                for text, role, cursor, emphasis in _merged(self._lines[y])
            ]
            strip = Strip(segments).adjust_cell_length(width, self.rich_style).crop(0, width)
            self._strips[y] = strip
        return strip

    # Keys and the mouse.

    def _period_count(self) -> int:
        return len(self.trend.periods) if self.trend is not None else 0

    def action_move(self, step: int) -> None:
        if self._period_count():
            self.cursor = max(0, min(self.cursor + step, self._period_count() - 1))

    def action_page(self, step: int) -> None:
        chart = self.chart
        shown = chart.shown if chart is not None else 1
        self.action_move(step * max(1, shown - 1))

    def action_to_end(self, step: int) -> None:
        if self._period_count():
            self.cursor = 0 if step < 0 else self._period_count() - 1

    def action_choose(self) -> None:
        if self._period_count():
            self.post_message(self.PeriodChosen(self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        chart = self.chart
        if offset is None or chart is None or not 2 <= offset.y < 2 + len(chart.rows):
            return
        index = chart.period_at(offset.x)
        if index is not None:
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.PeriodChosen(index))


def _merged(row: Row) -> list[tuple[str, Role, bool, bool]]:
    """The row's runs, neighbours of one look joined (fewer segments to compose: a bar
    chart's line is mostly runs of one colour)."""
    merged: list[tuple[str, Role, bool, bool]] = []
    for run in row:
        role = Role.BLANK if run.role is not Role.GAP and not run.text.strip() else run.role
        if merged and merged[-1][1:] == (role, run.cursor, run.emphasis):
            merged[-1] = (merged[-1][0] + run.text, role, run.cursor, run.emphasis)
        else:
            merged.append((run.text, role, run.cursor, run.emphasis))
    return merged
