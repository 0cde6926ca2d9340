"""The lines around a bar chart: the legend above it, the period under the cursor below it.

Runs of text with roles, like the bars (`tui.trends.bars`), so the app and the CLI colour
them the same way. Queries are outside text: sanitised here, before they are measured.
"""

from __future__ import annotations

from tui.i18n import _, _n
from tui.sanitize import sanitize
from tui.trends.bars import Role, Row, Run
from tui.trends.counts import Trend
from tui.trends.periods import Granularity
from tui.typeset.cells import cell_width, graphemes

#: A query in the legend is cut to this many cells.
QUERY_CELLS = 16


def legend_row(trend: Trend, width: int, active: int | None = None) -> Row:
    """■ 短剧 5,170 条  ■ AI 9,890 条 … and, at the right, what the axis spans and how.

    `active` marks the series the tables under the chart describe (▶ instead of ■)."""
    runs: Row = []
    for number, series in enumerate(trend.series):
        if runs:
            runs.append(Run("  ", Role.BLANK))
        marked = number == active and len(trend.series) > 1
        runs.append(Run("▶ " if marked else "■ ", Role.series(number)))
        total = _n("{count} 条", series.total).format(count=f"{series.total:,}")
        query = clip(sanitize(series.query), QUERY_CELLS)
        runs.append(Run(f"{query} {total}", Role.LABEL, emphasis=marked))
    periods = trend.periods
    span = ""
    if periods:
        span = f"{periods[0].label} – {periods[-1].label} · {trend.timeline.granularity.label}"
    if any(p.is_gap for p in periods):
        span += " · " + _("┄ 无期刊")
    if any(trend.undated):
        # Matches in issues without a date: in the totals, on no month.
        span += " · " + _("无日期 {count} 条").format(count=f"{sum(trend.undated):,}")
    used = sum(cell_width(run.text) for run in runs)
    if span and used + 2 + cell_width(span) <= width:
        runs.append(Run(" " * (width - used - cell_width(span)), Role.BLANK))
        runs.append(Run(span, Role.AXIS))
    return runs


def cursor_row(trend: Trend, cursor: int) -> Row:
    """The period under the cursor: its label, its issues and each series' count there."""
    if not 0 <= cursor < len(trend.periods):
        return []
    period = trend.periods[cursor]
    runs: Row = [Run(period.label, Role.LABEL, emphasis=True)]
    if period.is_gap:
        runs.append(Run(" · " + _("存档中没有这段时间的期刊"), Role.GAP))
        return runs
    if trend.timeline.granularity is Granularity.ISSUE:
        when = period.start.isoformat() if period.start else _("日期不详")
        runs.append(Run(" · " + when, Role.AXIS))
    else:
        numbers = [issue.number for issue in period.issues]
        first, last = min(numbers), max(numbers)
        span = (
            _("第 {number} 期").format(number=first)
            if first == last
            else _("第 {first}–{last} 期").format(first=first, last=last)
        )
        issues = _n("{count} 期（{span}）", len(numbers)).format(count=len(numbers), span=span)
        runs.append(Run(" · " + issues, Role.AXIS))
    for number, series in enumerate(trend.series):
        count = trend.counts[number][cursor] or 0
        runs.append(Run(" · ", Role.AXIS))
        runs.append(Run("■ ", Role.series(number)))
        query = clip(sanitize(series.query), QUERY_CELLS)
        runs.append(Run(f"{query} {count:,}", Role.LABEL))
    return runs


def clip(text: str, cells: int) -> str:
    """`text` (outside text: sanitised here) cut to `cells` cells, with … where it was cut."""
    text = sanitize(text)
    if cell_width(text) <= cells:
        return text
    kept, used = [], 0
    for grapheme, size in graphemes(text):
        if used + size > cells - 1:
            break
        kept.append(grapheme)
        used += size
    return "".join(kept) + "…"
