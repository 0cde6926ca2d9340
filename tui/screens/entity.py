"""An entity's timeline: every item whose headline names it (or another name of it), by date.

Opened from the entity table of a trend. Above, its items per month (quarter, issue: `m`)
as a chart; below, the items themselves, newest first. The two follow each other: moving
the chart's cursor brings the list to that period's first item, and moving through the
list moves the cursor to the item's period. Enter on an item opens it in the reader (the
screen dismisses with its `OpenHit`, names highlighted); escape goes back to the trend.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.archive.model import Item
from tui.i18n import N_, _, _n, join_list
from tui.keys import PINNED_IN_FOOTER
from tui.sanitize import sanitize
from tui.screens.search_query import OpenHit
from tui.search import Needles
from tui.trends import Granularity, Series, Trend, TrendIndex
from widgets.item_rows import ItemRows
from widgets.key_bar import KeyBar
from widgets.title_bar import TitleBar
from widgets.trend_chart import TrendChart


class EntityScreen(Screen[OpenHit | None]):
    """The timeline of one entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", N_("返回"), id="entity.back"),
        Binding("m", "cycle_period", N_("月/季/期"), id="entity.period"),
    ]

    DEFAULT_CSS = """
    EntityScreen {
        & TrendChart { height: 2fr; min-height: 8; padding: 0 1; }
        & ItemRows {
            height: 3fr;
            border: round $panel;
            border-title-color: $text-muted;
            overflow-x: hidden;
        }
        & ItemRows:focus { border: round $accent; border-title-color: $accent; }
    }
    """

    def __init__(
        self, trends: TrendIndex, name: str, granularity: Granularity = Granularity.MONTH
    ) -> None:
        super().__init__()
        self.trends = trends
        #: Held here: the trend index holds its engine only weakly.
        self.engine = trends.engine
        entities = trends.entities
        self.entity = entities.name_of(entities.key_of(name))
        found = entities.items_of(name)
        self.series = Series(self.entity, found, Needles(entities.names_of(name)))
        self.granularity = granularity
        self.trend: Trend | None = None
        self.title = _("实体：{name}").format(name=sanitize(self.entity))
        also = entities.other_names(name)
        self.sub_title = _n("{count} 条", len(found)).format(count=f"{len(found):,}")
        if also:
            self.sub_title += " · " + _("也写作 {names}").format(names=join_list(also))

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield TrendChart()
        rows = ItemRows()
        rows.border_title = _("时间线（最新在前）")
        yield rows
        yield KeyBar(pinned=PINNED_IN_FOOTER)

    def on_mount(self) -> None:
        rows = self.query_one(ItemRows)
        rows.show_items([self.trends.items[n] for n in self.series.found])
        self._count(None)
        rows.focus()

    def _count(self, cursor: int | None) -> None:
        self.trend = self.trends.trend([self.series], self.granularity)
        self.query_one(TrendChart).show(self.trend, cursor)
        item = self.query_one(ItemRows).current
        if item is not None:
            self._follow_item(item)

    def action_cycle_period(self) -> None:
        self.granularity = self.granularity.next()
        self._count(None)

    @on(ItemRows.Highlighted)
    def _item_highlighted(self, message: ItemRows.Highlighted) -> None:
        self._follow_item(message.item)

    def _follow_item(self, item: Item) -> None:
        """Put the chart's cursor on the item's period."""
        trend = self.trend
        number = self.engine.index.number_of.get(item.id)
        if trend is None or number is None:
            return
        for index, period in enumerate(trend.periods):
            if any(start <= number < stop for start, stop in period.ranges):
                chart = self.query_one(TrendChart)
                if chart.cursor != index:
                    chart.cursor = index
                return

    @on(TrendChart.CursorMoved)
    def _cursor_moved(self, message: TrendChart.CursorMoved) -> None:
        """Bring the list to the first item of the period under the cursor (if it has any)."""
        if self.trend is None or not self.query_one(TrendChart).has_focus:
            return
        period = self.trend.periods[message.index]
        rows = self.query_one(ItemRows)
        for row, item in enumerate(rows.items):
            number = self.engine.index.number_of[item.id]
            if any(start <= number < stop for start, stop in period.ranges):
                rows.move_cursor(row)
                return

    @on(TrendChart.PeriodChosen)
    def _period_chosen(self) -> None:
        self.query_one(ItemRows).focus()

    @on(ItemRows.Chosen)
    def _item_chosen(self, message: ItemRows.Chosen) -> None:
        self.dismiss(OpenHit(message.item_id, self.series.needles))
