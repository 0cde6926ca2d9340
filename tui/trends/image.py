"""A trend as an image for a report: PNG or SVG, drawn by matplotlib (imported only here).

The same trend the terminal shows: bars per period side by side for each query, in the
chart's three colours, the periods without any issue shaded as gaps, dates along the x
axis at round steps, counts up the y axis, and a legend with each query's total. Labels
are drawn in a Chinese font the machine has (`tui.trends.fonts`); SVG text is turned into
outlines, so the file shows the same anywhere, font or not.

Drawn with matplotlib's object API (`Figure`, no pyplot): no global state, no window.
"""

from __future__ import annotations

import io
from typing import Any, Literal

from tui.i18n import _, _n
from tui.sanitize import sanitize
from tui.trends.axis import axis_labels
from tui.trends.counts import Trend
from tui.trends.fonts import ChineseFont, use_zhoubao_cache

ImageKind = Literal["png", "svg"]
#: The chart's colours, series by series (as the terminal's primary, warning, success).
COLOURS = ("#0178d4", "#e0a000", "#2e9e44")
GAP_COLOUR = "#9e9e9e"
#: Inches, and dots per inch of a PNG: 1,650 × 750 pixels.
SIZE = (11.0, 5.0)
DPI = 150
#: Characters the x axis holds across the figure, for choosing the labels' step.
AXIS_CHARACTERS = 110


def chart_title(trend: Trend) -> str:
    queries = "、".join(sanitize(series.query) for series in trend.series)
    return _("{queries}：{granularity}匹配条目数").format(
        queries=queries, granularity=trend.timeline.granularity.label
    )


def caption(trend: Trend) -> str:
    """What the chart covers: 《行业动态周报》第 1–500 期（2016-01-04 – 2025-07-28）."""
    issues = [issue for period in trend.periods for issue in period.issues]
    if not issues:
        return ""
    first, last = issues[0], issues[-1]
    return _("《{title}》第 {first}–{last} 期（{start} – {end}）").format(
        title=first.title,
        first=min(i.number for i in issues),
        last=max(i.number for i in issues),
        start=first.date.isoformat() if first.date else "?",
        end=last.date.isoformat() if last.date else "?",
    )


def chart_texts(trend: Trend) -> list[str]:
    """Every text the image draws (to know whether it needs a Chinese font)."""
    texts = [chart_title(trend), caption(trend), _("匹配条目数"), _("无期刊")]
    texts += _legend_labels(trend)
    return texts + [label for _i, label in _labels(trend)]


def render_image(trend: Trend, kind: ImageKind, font: ChineseFont | None) -> bytes:
    """The chart as PNG or SVG bytes; labels in `font` (None: matplotlib's default)."""
    use_zhoubao_cache()
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    # Queries are text, never TeX: "$100" is not the start of a formula.
    settings: dict[str, Any] = {
        "svg.fonttype": "path",
        "svg.hashsalt": "zhoubao",
        "text.parse_math": False,
    }
    if font is not None:
        settings["font.family"] = [font.name, "DejaVu Sans"]
    with rc_context(settings):  # type: ignore[arg-type]
        figure = Figure(figsize=SIZE, layout="constrained")
        axes = figure.add_subplot()
        count = max(1, len(trend.series))
        width = 0.8 / count
        for number, (label, counts) in enumerate(
            zip(_legend_labels(trend), trend.counts, strict=True)
        ):
            offset = (number - (count - 1) / 2) * width
            xs = [index + offset for index in range(len(counts))]
            heights = [c or 0 for c in counts]
            axes.bar(xs, heights, width, label=label, color=COLOURS[number % len(COLOURS)])
        handles, _names = axes.get_legend_handles_labels()
        gaps = _gap_runs(trend)
        for start, stop in gaps:
            axes.axvspan(start - 0.5, stop - 0.5, color=GAP_COLOUR, alpha=0.2, linewidth=0)
        if gaps:
            handles.append(Patch(color=GAP_COLOUR, alpha=0.2, label=_("无期刊")))
        labels = _labels(trend)
        axes.set_xticks([index for index, _text in labels], [text for _i, text in labels])
        axes.set_xlim(-0.6, max(0, len(trend.periods) - 1) + 0.6)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel(_("匹配条目数"))
        figure.suptitle(chart_title(trend))
        figure.supxlabel(caption(trend), fontsize="small", color="#666666")
        axes.grid(axis="y", alpha=0.3)
        axes.spines[["top", "right"]].set_visible(False)
        # Above the plot, in one row: inside, it would cover the bars.
        axes.legend(
            handles=handles,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncols=len(handles),
        )
        buffer = io.BytesIO()
        metadata = {"Title": chart_title(trend)}
        if kind == "png":
            font_name = font.name if font is not None else "DejaVu Sans"
            metadata |= {"Software": "zhoubao", "Description": f"font: {font_name}"}
        figure.savefig(buffer, format=kind, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def _legend_labels(trend: Trend) -> list[str]:
    return [
        _n("{query}（{count} 条）", series.total).format(
            query=sanitize(series.query), count=f"{series.total:,}"
        )
        for series in trend.series
    ]


def _labels(trend: Trend) -> list[tuple[int, str]]:
    room = AXIS_CHARACTERS / max(1, len(trend.periods))
    return axis_labels(trend.timeline.granularity, trend.periods, room)


def _gap_runs(trend: Trend) -> list[tuple[int, int]]:
    """(first, one past last) period index of each run of periods without issues."""
    runs: list[tuple[int, int]] = []
    for index, period in enumerate(trend.periods):
        if not period.is_gap:
            continue
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs
