"""Which periods of a time axis get a label, and how it is written, for a given room.

Labels go at round steps (every month, quarter, half-year, year …; every 5, 10, 50 issues),
the smallest step at which a label fits in the room its periods take, written as fully as
it fits: "2024-02", then "24-02", then "2024" alone once the step is a year or more. The
terminal chart measures the room in cells, the image in character widths.
"""

from __future__ import annotations

from tui.trends.periods import Granularity, Period
from tui.typeset.cells import cell_width


def axis_labels(
    granularity: Granularity, periods: tuple[Period, ...], room_per_period: float
) -> list[tuple[int, str]]:
    """(period index, label) of the labelled periods when each takes this much room."""
    stride, form = _label_stride(granularity, room_per_period)
    return [
        (index, _label_text(period, form))
        for index, period in enumerate(periods)
        if _labelled(granularity, period, stride)
    ]


#: Round steps between labelled periods, per granularity.
_STRIDES = {
    Granularity.MONTH: (1, 2, 3, 6, 12, 24, 60, 120),
    Granularity.QUARTER: (1, 2, 4, 8, 20, 40),
    Granularity.ISSUE: (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000),
}


def _label_stride(granularity: Granularity, width: float) -> tuple[int, str]:
    """(periods between labels, "full" / "short" / "year"): the smallest round step at
    which a label fits, in the fullest form that fits (a year alone once a step is a year
    or more)."""
    for stride in _STRIDES[granularity]:
        room = stride * width - 1
        for form, size in _forms(granularity, stride):
            if size <= room:
                return stride, form
    return _STRIDES[granularity][-1], "short"


def _forms(granularity: Granularity, stride: int) -> tuple[tuple[str, int], ...]:
    """The label forms to try, fullest first, with their width in cells."""
    if granularity is Granularity.ISSUE:
        return (("full", 9), ("short", 4))
    yearly = stride >= (12 if granularity is Granularity.MONTH else 4)
    return (("year", 4),) if yearly else (("full", 7), ("short", 5))


def _labelled(granularity: Granularity, period: Period, stride: int) -> bool:
    if granularity is Granularity.ISSUE:
        return int(period.key) % stride == 0
    assert period.start is not None
    step = stride if granularity is Granularity.MONTH else stride * 3
    months = period.start.year * 12 + period.start.month - 1
    return months % step == 0


def _label_text(period: Period, form: str) -> str:
    if form == "year":
        return period.key[:4]
    if form == "short":
        return period.short_label
    return period.label if cell_width(period.label) <= 9 else period.short_label
