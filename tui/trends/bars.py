"""A trend as a bar chart of terminal cells: the one layout the app and the CLI both draw.

`lay_out_bars` turns a `Trend` into rows of runs — text and what it is (`Role`) — for a given
size; the chart widget paints the roles in the theme's colours, `zhoubao trend` in ANSI
colours or none. Bars grow in eighths of a cell (▁▂▃▄▅▆▇█); the series of a period stand
side by side, one colour each; a period without any issue in the archive has no bar and a
broken axis under it (a gap, where a period with issues but no match has an unbroken axis
and no bar: a zero). When the periods do not all fit, the chart shows a window of them
around the cursor (newest at first), and its axis says so with ◀ ▶.

Labels are measured in cells (Chinese is two wide): the y axis is labelled in counts at
round steps, the x axis in dates as long as there is room ("2024-02", then "24-02", then
the year at each January).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from tui.trends.axis import axis_labels
from tui.trends.counts import Trend
from tui.trends.periods import Granularity, Period
from tui.typeset.cells import cell_width

#: The bar's top cell, by eighths filled (1…8).
EIGHTHS = " ▁▂▃▄▅▆▇█"
#: Widest bar of one series, in cells.
MAX_BAR = 6


class Role(Enum):
    """What a run of the chart is, for its colour."""

    BLANK = "blank"
    AXIS = "axis"
    LABEL = "label"
    GAP = "gap"
    SERIES_0 = "series-0"
    SERIES_1 = "series-1"
    SERIES_2 = "series-2"

    @staticmethod
    def series(index: int) -> Role:
        return (Role.SERIES_0, Role.SERIES_1, Role.SERIES_2)[index % 3]


class Run(NamedTuple):
    """A stretch of one look. (A tuple, not a dataclass: a chart is ~2,000 of them, made
    at each cursor move.)"""

    text: str
    role: Role
    #: In the column of the period under the cursor.
    cursor: bool = False
    #: Stressed (the series the tables describe, the period under the cursor).
    emphasis: bool = False


Row = list[Run]


@dataclass(frozen=True)
class BarChart:
    """The laid-out chart: its rows, and which periods are on show where."""

    rows: list[Row]
    #: Index of the first period on show, and how many are.
    first: int
    shown: int
    #: Cells before the first period (the y axis) and cells per period.
    left: int
    period_width: int
    #: The count at the top of the scale.
    top: int

    def period_at(self, x: int) -> int | None:
        """The period drawn at column x (None: the axis, or past the last)."""
        if x < self.left:
            return None
        index = self.first + (x - self.left) // self.period_width
        return index if index < self.first + self.shown else None


def lay_out_bars(
    trend: Trend,
    width: int,
    height: int,
    cursor: int | None = None,
    first: int | None = None,
    *,
    packed: bool = False,
) -> BarChart:
    """The chart in `width` × `height` cells (at least 3 rows: bars, axis, labels).

    `first` is the first period on show last time: the window moves only as far as the
    cursor needs (None: the newest periods). `packed` (printed, where nothing scrolls):
    when the periods do not fit one cell apart, their bars touch before a window is cut.
    """
    periods = trend.periods
    series = max(1, len(trend.series))
    top, ticks = _scale(trend.peak, max(1, height - 2))
    labels = [f"{tick:,}" for tick in ticks]
    left = max(cell_width(label) for label in labels) + 1
    bar, gap = _bar_width(len(periods), series, width - left, packed)
    period_width = bar * series + gap
    shown = max(0, min(len(periods), (width - left - 1) // period_width))
    first = _window(len(periods), shown, cursor, first)
    bar_rows = max(1, height - 2)
    rows: list[Row] = []
    eighths = _eighths(trend, first, shown, top, bar_rows)
    for line in range(bar_rows):
        level = bar_rows - 1 - line  # 0: the row on the axis
        y_label = _y_label(labels, ticks, top, bar_rows, level, left)
        bars = _bar_cells(trend, first, shown, cursor, level, bar, gap, eighths)
        rows.append([y_label, *bars])
    rows.append(_axis(periods, first, shown, cursor, period_width, left))
    granularity = trend.timeline.granularity
    rows.append(_x_labels(granularity, periods, first, shown, period_width, left, width))
    return BarChart(rows, first, shown, left, period_width, top)


def _scale(peak: int, rows: int) -> tuple[int, list[int]]:
    """The top of the scale and the counts to label, at a round step; a label every two
    rows at most, so they can be read."""
    if peak <= 0:
        return 1, [0]
    most = max(1, rows // 2)
    step = 1
    for magnitude in (10**k for k in range(10)):
        for base in (1, 2, 5):
            step = base * magnitude
            if -(-peak // step) <= most:
                top = -(-peak // step) * step
                return top, list(range(0, top + 1, step))
    return peak, [0, peak]


def _bar_width(periods: int, series: int, room: int, packed: bool) -> tuple[int, int]:
    """(cells per series' bar, cells between periods): as wide as the room allows, one cell
    apart; when even one cell each does not fit, the bars of one series touch (of several,
    only when `packed`: side by side, their colours alone tell periods apart)."""
    if periods == 0:
        return 1, 1
    per_period = (room - 1) // periods
    bar = min(MAX_BAR, (per_period - 1) // series)
    if bar >= 1:
        return bar, 1
    return 1, (0 if series == 1 or packed else 1)


def _window(count: int, shown: int, cursor: int | None, first: int | None) -> int:
    """The first period on show: the same as before unless the cursor left the window."""
    if shown >= count:
        return 0
    start = count - shown if first is None else max(0, min(first, count - shown))
    if cursor is not None:
        if cursor < start:
            start = cursor
        elif cursor >= start + shown:
            start = cursor - shown + 1
    return start


def _y_label(
    labels: list[str], ticks: list[int], top: int, rows: int, level: int, left: int
) -> Run:
    """The count labelling this row (its top edge), if a tick falls on it (0 is on the
    axis line, under the bars)."""
    for label, tick in zip(labels, ticks, strict=True):
        if tick and round(tick * rows / top) - 1 == level:
            return Run(_pad_left(label, left - 1) + "┤", Role.AXIS)
    return Run(" " * (left - 1) + "│", Role.AXIS)


def _eighths(trend: Trend, first: int, shown: int, top: int, rows: int) -> list[list[int]]:
    """For each series, the height of each period's bar on show, in eighths of a cell
    (0: no bar; at least 1 for a count above 0)."""
    return [
        [_height(counts[index] or 0, top, rows) for index in range(first, first + shown)]
        for counts in trend.counts
    ]


def _height(count: int, top: int, rows: int) -> int:
    return max(1, round(count * rows * 8 / top)) if count > 0 else 0


def _bar_cells(
    trend: Trend,
    first: int,
    shown: int,
    cursor: int | None,
    level: int,
    bar: int,
    gap: int,
    eighths: list[list[int]],
) -> Row:
    runs: Row = []
    floor = level * 8
    gap_text = " " * (bar * len(trend.series) + gap)
    spacing = " " * gap
    roles = [Role.series(number) for number in range(len(trend.counts))]
    periods = trend.periods
    for offset, index in enumerate(range(first, first + shown)):
        at_cursor = index == cursor
        if periods[index].is_gap:
            runs.append(Run(gap_text, Role.GAP, at_cursor))
            continue
        for heights, role in zip(eighths, roles, strict=True):
            height = heights[offset]
            char = EIGHTHS[max(0, min(8, height - floor))] if height else " "
            runs.append(Run(char * bar, role, at_cursor))
        if gap:
            runs.append(Run(spacing, Role.BLANK, at_cursor))
    return runs


def _axis(
    periods: tuple[Period, ...], first: int, shown: int, cursor: int | None, width: int, left: int
) -> Row:
    """The x axis: unbroken under periods with issues, dotted under gaps; ◀ and ▶ where
    periods lie beyond the window."""
    runs = [Run(_pad_left("0", left - 1) + ("◀" if first > 0 else "└"), Role.AXIS)]
    for index in range(first, first + shown):
        gap = periods[index].is_gap
        runs.append(
            Run(("┄" if gap else "─") * width, Role.GAP if gap else Role.AXIS, index == cursor)
        )
    if first + shown < len(periods):
        runs.append(Run("▶", Role.AXIS))
    return runs


def _x_labels(
    granularity: Granularity,
    periods: tuple[Period, ...],
    first: int,
    shown: int,
    width: int,
    left: int,
    total: int,
) -> Row:
    """Dates under the axis, at a round step, as long as the room between them allows;
    the last may reach past the bars, up to `total` cells."""
    line = " " * left
    for index, text in axis_labels(granularity, periods, width):
        if not first <= index < first + shown:
            continue
        at = left + (index - first) * width
        if at >= cell_width(line) and at + cell_width(text) <= total:
            line += " " * (at - cell_width(line)) + text
    return [Run(line, Role.LABEL)]


def _pad_left(text: str, cells: int) -> str:
    return " " * max(0, cells - cell_width(text)) + text
