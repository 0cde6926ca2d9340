"""The trend of a query: matches per month, quarter or issue, who is in them, and where.

Opened from the search overlay (ctrl+g) with the query typed there. The chart counts every
match the search finds (`tui.trends`), so its totals are the overlay's count; up to three
queries stand side by side (`a` adds one, `x` removes the one the tables describe, `s`
picks it). `m` cycles month → quarter → issue, keeping the cursor on the same stretch of
time. Under the chart, the entities named most among the matches of the chosen query, with
their first and last issue, and the split by section. Enter on a bar lists that period's
matches, and Enter on one of them opens it in the reader; Enter on an entity opens its
timeline (`EntityScreen`). Escape goes back one step: the input, the period's list, then
the search overlay.

The screen dismisses with the `OpenHit` to open (the overlay passes it on to the reader),
or None. The entity index (~20 ms for 15,000 items) is made in a worker after the first
frame; the chart itself is counted and drawn in the frame after the key press.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input

from tui.i18n import N_, _, _n
from tui.keys import PINNED_IN_FOOTER
from tui.sanitize import sanitize
from tui.screens.search_query import OpenHit
from tui.search import ItemMarks, QueryError, SearchEngine
from tui.trends import MAX_QUERIES, Granularity, Series, Trend, TrendIndex
from tui.trends.legend import clip
from widgets.entity_table import EntityTable
from widgets.item_rows import ItemRows
from widgets.key_bar import KeyBar
from widgets.safe_input import SafeInput
from widgets.section_split import SectionSplit
from widgets.title_bar import TitleBar
from widgets.trend_chart import TrendChart

#: Entities listed under the chart.
TOP_ENTITIES = 20


class TrendScreen(Screen[OpenHit | None]):
    """A chart of up to three queries over the archive, its entities and sections."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("返回"), id="trend.back"),
        Binding("m", "cycle_period", N_("月/季/期"), id="trend.period"),
        Binding("a", "ask_query", N_("加查询"), id="trend.add", tooltip=N_("与另一个查询比较")),
        Binding(
            "s", "next_series", N_("换查询"), id="trend.series", tooltip=N_("表格说明哪个查询")
        ),
        Binding("x", "remove_query", N_("去掉查询"), id="trend.remove"),
    ]

    DEFAULT_CSS = """
    TrendScreen {
        & TrendChart { height: 3fr; padding: 0 1; }
        & #trend-below { height: 2fr; min-height: 5; }
        & #trend-overview { height: 1fr; }
        & EntityTable, SectionSplit, ItemRows {
            border: round $panel;
            border-title-color: $text-muted;
            overflow-x: hidden;
            scrollbar-size-vertical: 1;
        }
        & EntityTable:focus, ItemRows:focus {
            border: round $accent;
            border-title-color: $accent;
        }
        & EntityTable { width: 3fr; }
        & SectionSplit { width: 2fr; }
        & #trend-input { dock: bottom; height: 1; border: none; padding: 0 1; display: none; }
        & #trend-input.-shown { display: block; }
    }
    """

    def __init__(
        self,
        engine: SearchEngine,
        library: Callable[[], ItemMarks | None] = lambda: None,
        queries: Sequence[str | Series] = (),
        granularity: Granularity = Granularity.MONTH,
    ) -> None:
        super().__init__()
        #: The search engine (held here: the trend index holds it only weakly).
        self.engine = engine
        self.trends = TrendIndex.of(engine)
        self._library = library
        #: The queries on the chart (those given, already searched, are counted as they are).
        self._given = list(queries)[:MAX_QUERIES]
        self._queries = [q.query if isinstance(q, Series) else q for q in self._given]
        self.granularity = granularity
        #: The trend on show (None until counted).
        self.trend: Trend | None = None
        #: The day the cursor stands for, kept across month / quarter / issue (None: the
        #: newest period).
        self._anchor: date | None = None
        self.title = _("趋势")

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield TrendChart(id="trend-chart")
        with ContentSwitcher(initial="trend-overview", id="trend-below"):
            with Horizontal(id="trend-overview"):
                entities = EntityTable(id="trend-entities")
                entities.border_title = _("实体")
                yield entities
                sections = SectionSplit(id="trend-sections")
                sections.border_title = _("栏目")
                yield sections
            yield ItemRows(id="trend-items")
        yield SafeInput(
            placeholder=_("再加一个查询来比较（最多三个），Enter 添加"), id="trend-input"
        )
        yield KeyBar(pinned=PINNED_IN_FOOTER)

    def start_over(
        self, library: Callable[[], ItemMarks | None], queries: Sequence[str | Series]
    ) -> None:
        """Show these queries as a new screen would: by month, the chart focused, the
        entities and sections under it."""
        self._library = library
        self._given = list(queries)[:MAX_QUERIES]
        self._queries = [q.query if isinstance(q, Series) else q for q in self._given]
        self.granularity = Granularity.MONTH
        self._anchor = None
        self.trend = None
        self.query_one(ContentSwitcher).current = "trend-overview"
        query_input = self.query_one("#trend-input", Input)
        query_input.value = ""
        query_input.remove_class("-shown")
        self.chart.active = 0
        self.chart.focus()
        self._count(self._given)

    @property
    def chart(self) -> TrendChart:
        return self.query_one(TrendChart)

    def on_mount(self) -> None:
        self.chart.focus()
        self._count(self._given)
        if not self.trends.entities_ready:
            # After the chart's first frame: the worker would compete with it for the GIL.
            self.call_after_refresh(self._make_entity_index)

    # Counting.

    def _count(self, queries: Sequence[str | Series], cursor: int | None = None) -> bool:
        """Count these queries (or series already searched) and show them; False (and the
        trend on show kept) when a query cannot be used."""
        try:
            trend = self.trends.trend(queries, self.granularity, self._library())
        except QueryError as error:
            self.notify(str(error), title=_("查询有误"), severity="error", markup=False)
            return False
        self.trend = trend
        self._queries = [series.query for series in trend.series]
        self.sub_title = " · ".join(clip(sanitize(q), 20) for q in self._queries)
        self.chart.show(trend, cursor)
        self._show_tables()
        return True

    @property
    def active_series(self) -> Series | None:
        if self.trend is None or not self.trend.series:
            return None
        return self.trend.series[min(self.chart.active, len(self.trend.series) - 1)]

    def _show_tables(self) -> None:
        """Entities and sections of the query the tables describe (the chart's active one)."""
        series = self.active_series
        if series is None:
            return
        self.query_one(SectionSplit).show_sections(self.trends.sections(series.found))
        table = self.query_one(EntityTable)
        if self.trends.entities_ready:
            entities = self.trends.top_entities(series.found, TOP_ENTITIES)
            table.show_entities(entities, _("匹配的条目标题中没有“来源：”"))
        else:
            table.show_entities((), _("统计中…"))
        if self.query_one(ContentSwitcher).current == "trend-items":
            self._list_period(self.chart.cursor)

    class EntitiesReady(Message):
        """The entity index has been made: fill the entity table."""

    @work(thread=True, exclusive=True, group="trend-entities", exit_on_error=False)
    def _make_entity_index(self) -> None:
        self.trends.entities  # noqa: B018 (made here, off the UI thread)
        # A message, not a call: a screen closed meanwhile never gets it.
        self.post_message(self.EntitiesReady())

    @on(EntitiesReady)
    def _entities_ready(self) -> None:
        self._show_tables()

    # The chart's messages.

    @on(TrendChart.PeriodChosen)
    def _period_chosen(self, message: TrendChart.PeriodChosen) -> None:
        if self._list_period(message.index):
            self.query_one(ContentSwitcher).current = "trend-items"
            self.query_one(ItemRows).focus()

    @on(TrendChart.CursorMoved)
    def _cursor_moved(self, message: TrendChart.CursorMoved) -> None:
        if self.trend is not None:
            self._anchor = self.trend.timeline.anchors[message.index]
        if self.query_one(ContentSwitcher).current == "trend-items":
            self._list_period(message.index)

    def _list_period(self, index: int) -> bool:
        """Show the matches of period `index` in the list; False if it has no issue."""
        series, trend = self.active_series, self.trend
        if series is None or trend is None or not 0 <= index < len(trend.periods):
            return False
        period = trend.periods[index]
        rows = self.query_one(ItemRows)
        if period.is_gap:
            self.notify(_("存档中没有这段时间的期刊。"), timeout=3)
            return False
        items = self.trends.items_in(period, series.found)
        rows.border_title = _n("{period} · {query} · {count} 条", len(items)).format(
            period=period.label, query=clip(sanitize(series.query), 20), count=len(items)
        )
        rows.show_items(items)
        return True

    @on(ItemRows.Chosen)
    def _item_chosen(self, message: ItemRows.Chosen) -> None:
        series = self.active_series
        if series is not None:
            self.dismiss(OpenHit(message.item_id, series.needles))

    @on(EntityTable.Chosen)
    def _entity_chosen(self, message: EntityTable.Chosen) -> None:
        from tui.screens.entity import EntityScreen

        screen = EntityScreen(self.trends, message.name, self.granularity)
        self.app.push_screen(screen, self._entity_closed)

    def _entity_closed(self, opened: OpenHit | None) -> None:
        if opened is not None:
            self.dismiss(opened)

    # Keys.

    def action_back(self) -> None:
        query_input = self.query_one("#trend-input", Input)
        switcher = self.query_one(ContentSwitcher)
        if query_input.has_class("-shown"):
            query_input.remove_class("-shown")
            self.chart.focus()
        elif switcher.current == "trend-items":
            switcher.current = "trend-overview"
            self.chart.focus()
        else:
            self.dismiss(None)

    def action_cycle_period(self) -> None:
        """m: month → quarter → issue, the cursor on the same stretch of time."""
        trend = self.trend
        if trend is None:
            return
        self.granularity = self.granularity.next()
        timeline = self.trends.timeline(self.granularity)
        cursor = timeline.index_at(self._anchor) if self._anchor is not None else None
        self._count(trend.series, cursor)

    def action_next_series(self) -> None:
        if self.trend is not None and self.trend.series:
            self.chart.active = (self.chart.active + 1) % len(self.trend.series)
            self._show_tables()

    def action_ask_query(self) -> None:
        if len(self._queries) >= MAX_QUERIES:
            self.notify(_("最多比较三个查询：先用 x 去掉一个。"), timeout=3)
            return
        query_input = self.query_one("#trend-input", Input)
        query_input.value = ""
        query_input.add_class("-shown")
        query_input.focus()

    @on(Input.Submitted, "#trend-input")
    def _query_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip() or self.trend is None:
            return
        if self._count([*self.trend.series, event.value], self.chart.cursor):
            self.chart.active = len(self._queries) - 1
            self._show_tables()
            event.input.remove_class("-shown")
            self.chart.focus()

    def action_remove_query(self) -> None:
        """x: take the query the tables describe off the chart (one stays)."""
        trend = self.trend
        if trend is None or len(trend.series) < 2:
            self.notify(_("至少要留一个查询。"), timeout=3)
            return
        active = self.chart.active
        kept = [s for n, s in enumerate(trend.series) if n != active]
        self.chart.active = min(active, len(kept) - 1)
        self._count(kept, self.chart.cursor)
