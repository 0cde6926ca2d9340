"""The trend laid out as cells, and as data: every row fits its width (Chinese counted as
two), gaps look like gaps, labels never overlap, tables and JSON say gap rather than 0.
Property tests over random counts, queries and dates."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

from tui.archive.model import Issue, Section
from tui.sanitize import sanitize
from tui.trends.bars import Role, lay_out_bars
from tui.trends.counts import Series, Trend, count_per_period
from tui.trends.legend import clip, cursor_row, legend_row
from tui.trends.periods import Granularity, build_timeline
from tui.trends.tables import trend_csv, trend_json, trend_table
from tui.typeset.cells import cell_width


def issue(number: int, when: date | None) -> Issue:
    return Issue(number=number, date=when, sections=(Section("行业", ()),))


def make_trend(
    dates: list[date | None],
    counts: list[list[int]],
    queries: list[str],
    granularity: Granularity = Granularity.MONTH,
) -> Trend:
    """Issue k (number k + 1) on dates[k] holding counts[s][k] matches of query s (one item
    number per match: issue k's items are numbers k*100 …)."""
    spans = [(issue(k + 1, when), k * 100, k * 100 + 100) for k, when in enumerate(dates)]
    timeline = build_timeline(spans, granularity)
    series = []
    for query, per_issue in zip(queries, counts, strict=True):
        found = BitMap()
        for k, n in enumerate(per_issue):
            found.add_range(k * 100, k * 100 + n)
        series.append(Series(query, found))
    rows = tuple(count_per_period(s.found, timeline) for s in series)
    undated = tuple(
        sum(s.found.range_cardinality(a, b) for a, b in timeline.undated) for s in series
    )
    return Trend(timeline, tuple(series), rows, undated)


def weekly(start: date, weeks: int, skip: range = range(0)) -> list[date | None]:
    return [start + timedelta(days=7 * k) for k in range(weeks) if k not in skip]


def row_width(row: list) -> int:  # type: ignore[type-arg]
    return sum(cell_width(run.text) for run in row)


def test_gap_months_have_no_bar_and_a_dotted_axis() -> None:
    dates = weekly(date(2024, 1, 1), 30, skip=range(5, 14))  # February and March: no issue
    trend = make_trend(dates, [[3] * len(dates)], ["短剧"])
    keys = [p.key for p in trend.periods]
    assert [p.key for p in trend.periods if p.is_gap] == ["2024-02", "2024-03"]
    chart = lay_out_bars(trend, 80, 12)
    axis = chart.rows[-2]
    gap_runs = [run for run in axis if run.role is Role.GAP]
    assert len(gap_runs) == 2 and all(set(run.text) == {"┄"} for run in gap_runs)
    for row in chart.rows[:-2]:
        for run in row:
            if run.role is Role.GAP:
                assert not run.text.strip(), "nothing drawn above a gap"
    assert keys[0] == "2024-01" and keys[-1] == "2024-07"


def test_zero_has_an_unbroken_axis_and_no_bar() -> None:
    trend = make_trend(weekly(date(2024, 1, 1), 10), [[0] * 5 + [5] * 5], ["AI"])
    chart = lay_out_bars(trend, 60, 10)
    assert all(run.role is not Role.GAP for row in chart.rows for run in row)
    january = [row[1].text for row in chart.rows[:-2]]
    assert not "".join(january).strip()


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_a_long_archive_shows_a_window_at_the_cursor(width: int) -> None:
    dates = weekly(date(2016, 1, 4), 500)
    trend = make_trend(dates, [[k % 7 for k in range(500)]] * 3, ["短剧", "AI", "版权"])
    last = len(trend.periods) - 1
    chart = lay_out_bars(trend, width, 12, cursor=last)
    assert chart.first + chart.shown == len(trend.periods), "the newest periods first"
    assert chart.rows[-2][-1].text != "▶" and chart.rows[-2][0].text.endswith("◀")
    moved = lay_out_bars(trend, width, 12, cursor=3, first=chart.first)
    assert moved.first == 3, "the window follows the cursor, no further"
    assert moved.period_at(moved.left) == 3
    assert moved.period_at(moved.left - 1) is None


def test_packed_bars_fit_more_periods() -> None:
    dates = weekly(date(2016, 1, 4), 600)  # 47 quarters
    trend = make_trend(dates, [[1] * 600, [2] * 600], ["A", "B"], Granularity.QUARTER)
    spread = lay_out_bars(trend, 120, 10)
    packed = lay_out_bars(trend, 120, 10, packed=True)
    assert spread.shown < len(trend.periods) == packed.shown


def test_month_labels_shorten_with_room() -> None:
    dates = weekly(date(2023, 1, 2), 60)
    trend = make_trend(dates, [[2] * 60], ["短剧"])
    wide = "".join(run.text for run in lay_out_bars(trend, 200, 10).rows[-1])
    narrow = "".join(run.text for run in lay_out_bars(trend, 30, 10).rows[-1])
    assert wide.split() == [f"23-{m:02d}" for m in range(1, 13)] + ["24-01", "24-02"]
    assert narrow.split() == ["23-01", "23-07", "24-01"]
    quarters = make_trend(weekly(date(2010, 1, 4), 600), [[1] * 600], ["AI"], Granularity.QUARTER)
    years = "".join(run.text for run in lay_out_bars(quarters, 40, 10).rows[-1]).split()
    assert years and all(len(label) == 4 and label.isdigit() for label in years)


def test_undated_issues_are_counted_apart() -> None:
    dates: list[date | None] = [date(2024, 1, 1), None, date(2024, 3, 4)]
    trend = make_trend(dates, [[1, 4, 2]], ["AI"])
    assert [p.key for p in trend.periods] == ["2024-01", "2024-02", "2024-03"]
    assert trend.counts[0] == (1, None, 2) and trend.undated == (4,)
    lines = trend_table(trend)
    assert lines[-1].split() == ["日期不详", "4"]
    by_issue = make_trend(dates, [[1, 4, 2]], ["AI"], Granularity.ISSUE)
    assert by_issue.counts[0] == (1, 4, 2) and by_issue.undated == (0,)


def test_tables_say_gap_not_zero() -> None:
    dates = weekly(date(2024, 1, 1), 20, skip=range(5, 9))
    trend = make_trend(dates, [[1] * 16, [0] * 16], ["短剧", "=SUM(A1)"])
    data = trend_json(trend, "/archive")
    february = next(p for p in data["periods"] if p["period"] == "2024-02")
    january = data["periods"][0]
    assert february["counts"] is None and february["issues"] == []
    assert january["counts"] == [5, 0] and january["issues"] == [1, 2, 3, 4, 5]
    assert data["queries"][0] == {"query": "短剧", "total": 16, "undated": 0}
    json.dumps(data)
    rows = list(csv.reader(io.StringIO(trend_csv(trend))))
    assert rows[0] == ["期间", "开始", "结束", "期数", "短剧", "'=SUM(A1)"]
    assert rows[2] == ["2024-02", "2024-02-01", "2024-02-29", "0", "", ""]
    assert rows[1][-2:] == ["5", "0"]
    table = trend_table(trend)
    assert table[2].split() == ["2024-02", "0", "—", "—"]
    assert len({cell_width(line.split("  ")[0]) for line in table}) >= 1


def test_legend_and_cursor_line() -> None:
    dates = weekly(date(2024, 1, 1), 12, skip=range(5, 9))
    trend = make_trend(dates, [[2] * 8, [1] * 8], ["短剧", "AI"])
    legend = "".join(run.text for run in legend_row(trend, 120, active=1))
    assert "■ 短剧 16 条" in legend and "▶ AI 8 条" in legend and "┄ 无期刊" in legend
    line = "".join(run.text for run in cursor_row(trend, 0))
    assert line == "2024-01 · 5 期（第 1–5 期） · ■ 短剧 10 · ■ AI 5"
    gap = "".join(run.text for run in cursor_row(trend, 1))
    assert gap.startswith("2024-02 · 存档中没有")


counts_strategy = st.lists(st.integers(0, 5000), min_size=1, max_size=80)


@settings(max_examples=150, deadline=None)
@given(
    counts=counts_strategy,
    skip=st.lists(st.integers(0, 79), max_size=20),
    queries=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=3),
    width=st.integers(20, 220),
    height=st.integers(3, 40),
    granularity=st.sampled_from(list(Granularity)),
    cursor=st.integers(0, 200),
)
def test_every_row_fits_and_every_column_maps_back(
    counts: list[int],
    skip: list[int],
    queries: list[str],
    width: int,
    height: int,
    granularity: Granularity,
    cursor: int,
) -> None:
    dates = weekly(date(2020, 1, 6), len(counts), skip=range(0))
    kept = [d for k, d in enumerate(dates) if k not in set(skip)] or dates[:1]
    per_issue = [[c % (k + 7) for k in range(len(kept))] for c in counts[: len(queries)]]
    per_issue += [[0] * len(kept)] * (len(queries) - len(per_issue))
    trend = make_trend(kept, per_issue, queries, granularity)
    cursor = min(cursor, len(trend.periods) - 1)
    chart = lay_out_bars(trend, width, height, cursor=cursor)
    assert len(chart.rows) == max(1, height - 2) + 2
    for row in chart.rows:
        assert row_width(row) <= width
    assert row_width(legend_row(trend, width, 0)) <= max(width, row_width(legend_row(trend, 0)))
    assert chart.first <= cursor < chart.first + max(1, chart.shown) or chart.shown == 0
    for index in range(chart.first, chart.first + chart.shown):
        x = chart.left + (index - chart.first) * chart.period_width
        assert chart.period_at(x) == index
    labels = "".join(run.text for run in chart.rows[-1])
    assert cell_width(labels) <= width


@given(st.text(max_size=60), st.integers(1, 40))
def test_clip_keeps_within_the_cells(text: str, cells: int) -> None:
    clipped = clip(text, cells)
    assert cell_width(clipped) <= cells
    assert clipped == sanitize(clipped), "safe to show"
    if cell_width(text) <= cells:
        assert clipped == sanitize(text)
    else:
        assert clipped.endswith("…")
