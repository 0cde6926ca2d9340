"""The time axis of a trend: the archive's issues cut into months, quarters or issues.

A `Timeline` runs without a break from the archive's first period to its last, so a month
in which no issue of the archive appeared is still a period — with no issues, which the
chart shows as a gap, not as a zero (nothing was published that could have matched).
Each period knows the ranges of item numbers of its issues (items are numbered in the
search index's reading order, an issue's items contiguous), so counting a query's matches
per period is one bitmap range count per issue. Issues without a date have no month: they
are kept aside (`undated`), and appear only in the by-issue timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cached_property

from tui.archive.model import Issue
from tui.i18n import _

#: (issue, number of its first item, one past its last), as `ArchiveIndex.issue_spans`.
IssueSpan = tuple[Issue, int, int]


class Granularity(Enum):
    """How long one bar of the chart is."""

    MONTH = "month"
    QUARTER = "quarter"
    ISSUE = "issue"

    @property
    def label(self) -> str:
        labels = {"month": _("按月"), "quarter": _("按季度"), "issue": _("按期")}
        return labels[self.value]

    def next(self) -> Granularity:
        order = list(Granularity)
        return order[(order.index(self) + 1) % len(order)]


@dataclass(frozen=True)
class Period:
    """One bar's stretch of the archive: a month, a quarter or one issue number."""

    #: Stable and sortable: "2024-02", "2024-Q1", or the issue number as text.
    key: str
    #: As the chart's axis writes it, full and abbreviated ("2024-02" / "24-02").
    label: str
    short_label: str
    #: The issues of the archive in this period, oldest first (none: a gap).
    issues: tuple[Issue, ...]
    #: (first, one past last) item numbers of those issues, in the search index's numbering.
    ranges: tuple[tuple[int, int], ...]
    #: The first and last day it covers (None for an issue without a date).
    start: date | None
    end: date | None

    @property
    def is_gap(self) -> bool:
        """No issue of the archive falls in this period."""
        return not self.issues

    @property
    def first_issue(self) -> Issue | None:
        return self.issues[0] if self.issues else None


@dataclass(frozen=True)
class Timeline:
    """Every period from the archive's first to its last, gaps included, oldest first."""

    granularity: Granularity
    periods: tuple[Period, ...]
    #: Item ranges of issues with no date (counted apart by month and quarter).
    undated: tuple[tuple[int, int], ...] = ()

    def __len__(self) -> int:
        return len(self.periods)

    def index_of(self, key: str) -> int | None:
        return next((i for i, p in enumerate(self.periods) if p.key == key), None)

    def index_of_date(self, when: date) -> int | None:
        """The period that holds this day (None outside the timeline)."""
        return self.index_of(_key_of(self.granularity, when))

    def index_at(self, when: date) -> int | None:
        """The period holding this day: by issue, the last issue out by then."""
        if self.granularity is not Granularity.ISSUE:
            return self.index_of_date(when)
        found = None
        for index, period in enumerate(self.periods):
            if period.start is not None and period.start <= when:
                found = index
        return found

    @cached_property
    def anchors(self) -> list[date | None]:
        """The day each period stands for when the granularity changes: its newest issue's
        date (so month → quarter → issue → month comes back to the same month)."""
        return [next((i.date for i in reversed(p.issues) if i.date), p.start) for p in self.periods]


def build_timeline(spans: Iterable[IssueSpan], granularity: Granularity) -> Timeline:
    """The periods of these issues (given in any order) at this granularity."""
    ordered = sorted(spans, key=lambda span: (span[0].date or date.min, span[0].number))
    if granularity is Granularity.ISSUE:
        return _by_issue(ordered)
    dated = [span for span in ordered if span[0].date is not None]
    undated = tuple((start, end) for issue, start, end in ordered if issue.date is None)
    if not dated:
        return Timeline(granularity, (), undated)
    by_key: dict[str, list[IssueSpan]] = {}
    for span in dated:
        assert span[0].date is not None
        by_key.setdefault(_key_of(granularity, span[0].date), []).append(span)
    first, last = dated[0][0].date, dated[-1][0].date
    assert first is not None and last is not None
    periods = [
        _period(key, label, short, by_key.get(key, ()), start, end)
        for key, label, short, start, end in _calendar(granularity, first, last)
    ]
    return Timeline(granularity, tuple(periods), undated)


def _by_issue(ordered: list[IssueSpan]) -> Timeline:
    """One period per issue number; numbers missing between two issues are gaps (the
    archive lacks those issues). Two files of one issue share a period."""
    by_number: dict[int, list[IssueSpan]] = {}
    for span in ordered:
        by_number.setdefault(span[0].number, []).append(span)
    numbers = sorted(by_number)
    periods: list[Period] = []
    for number in range(numbers[0], numbers[-1] + 1) if numbers else ():
        spans = by_number.get(number, [])
        day = spans[0][0].date if spans else None
        label = _("第 {number} 期").format(number=number)
        periods.append(_period(str(number), label, str(number), spans, day, day))
    return Timeline(Granularity.ISSUE, tuple(periods))


def _period(
    key: str,
    label: str,
    short: str,
    spans: Sequence[IssueSpan],
    start: date | None,
    end: date | None,
) -> Period:
    issues = tuple(issue for issue, _s, _e in spans)
    ranges = tuple((first, stop) for _i, first, stop in spans)
    return Period(key, label, short, issues, ranges, start, end)


def _key_of(granularity: Granularity, when: date) -> str:
    if granularity is Granularity.QUARTER:
        return f"{when.year}-Q{(when.month - 1) // 3 + 1}"
    return f"{when.year}-{when.month:02d}"


def _calendar(
    granularity: Granularity, first: date, last: date
) -> Iterable[tuple[str, str, str, date, date]]:
    """(key, label, short label, first day, last day) of each month or quarter from the one
    holding `first` to the one holding `last`."""
    step = 3 if granularity is Granularity.QUARTER else 1
    year, month = first.year, first.month - (first.month - 1) % step
    while (year, month) <= (last.year, last.month):
        start = date(year, month, 1)
        next_year, next_month = (year + 1, 1) if month + step > 12 else (year, month + step)
        end = date.fromordinal(date(next_year, next_month, 1).toordinal() - 1)
        key = _key_of(granularity, start)
        if granularity is Granularity.QUARTER:
            quarter = (month - 1) // 3 + 1
            yield key, f"{year} Q{quarter}", f"{year % 100:02d}Q{quarter}", start, end
        else:
            yield key, key, f"{year % 100:02d}-{month:02d}", start, end
        year, month = next_year, next_month
