"""A trend as data: JSON for scripts, CSV for spreadsheets, an aligned table for people.

A period without any issue in the archive is a gap, and says so in every form: `null`
counts in JSON, empty cells in CSV, "—" in the table (a zero is a period whose issues had
no match).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from tui.i18n import _
from tui.library.export import no_formula
from tui.trends.counts import Trend
from tui.trends.periods import Period
from tui.typeset.cells import cell_width

GAP_MARK = "—"


def trend_json(trend: Trend, archive: str) -> dict[str, Any]:
    """Everything the chart shows, with stable keys."""
    return {
        "archive": archive,
        "by": trend.timeline.granularity.value,
        "queries": [
            {"query": s.query, "total": s.total, "undated": undated}
            for s, undated in zip(trend.series, trend.undated, strict=True)
        ],
        "periods": [
            {
                "period": period.key,
                "label": period.label,
                "start": period.start.isoformat() if period.start else None,
                "end": period.end.isoformat() if period.end else None,
                "issues": [issue.number for issue in period.issues],
                "counts": None if period.is_gap else [row[index] for row in trend.counts],
            }
            for index, period in enumerate(trend.periods)
        ],
    }


def trend_csv(trend: Trend) -> str:
    """One row per period: period, first and last day, issues in it, then one count per
    query (empty for a gap). Headers in the UI language, each query as typed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [_("期间"), _("开始"), _("结束"), _("期数")]
    writer.writerow(header + [no_formula(s.query) for s in trend.series])
    for index, period in enumerate(trend.periods):
        counts = ["" if period.is_gap else str(row[index]) for row in trend.counts]
        writer.writerow([period.key, *_days(period), str(len(period.issues)), *counts])
    return out.getvalue()


def trend_table(trend: Trend) -> list[str]:
    """Aligned lines for a terminal or a pipe: a header, a line per period, the totals."""
    header = [_("期间"), _("期数"), *(s.query for s in trend.series)]
    rows = [header]
    for index, period in enumerate(trend.periods):
        counts = [GAP_MARK if period.is_gap else f"{row[index]:,}" for row in trend.counts]
        rows.append([period.label, str(len(period.issues)), *counts])
    issues = sum(len(p.issues) for p in trend.periods)
    rows.append([_("合计"), str(issues), *(f"{s.total:,}" for s in trend.series)])
    if any(trend.undated):
        rows.append([_("日期不详"), "", *(f"{n:,}" for n in trend.undated)])
    widths = [max(cell_width(row[col]) for row in rows) for col in range(len(header))]
    lines = []
    for row in rows:
        cells = [row[0] + " " * (widths[0] - cell_width(row[0]))]
        cells += [" " * (w - cell_width(c)) + c for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _days(period: Period) -> list[str]:
    return [day.isoformat() if day else "" for day in (period.start, period.end)]
