"""Trends: a query's matches over time, by entity and by section, as charts. No UI.

Built on the search engine's exact sets of matches (`tui.trends.counts`), so every count
agrees with what the search finds; `tui.trends.bars` lays a trend out as terminal cells and
`tui.trends.image` draws it as a PNG or SVG (matplotlib, imported only then).
"""

from tui.trends.bars import BarChart, Role, Run, lay_out_bars
from tui.trends.counts import MAX_QUERIES, SectionCount, Series, Trend, TrendIndex
from tui.trends.entities import EntityCount, EntityIndex
from tui.trends.periods import Granularity, Period, Timeline, build_timeline

__all__ = [
    "MAX_QUERIES",
    "BarChart",
    "EntityCount",
    "EntityIndex",
    "Granularity",
    "Period",
    "Role",
    "Run",
    "SectionCount",
    "Series",
    "Timeline",
    "Trend",
    "TrendIndex",
    "build_timeline",
    "lay_out_bars",
]
