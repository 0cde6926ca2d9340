"""The trend screen with Pilot: cycling the period, choosing a bar, opening an item, the
entity view, a second query; the whole way from the search overlay to the reader in the
real app; snapshots at 120×36 and 80×24 (dark) and in a light theme.

Update the snapshots after an intended change with
`pytest tests/test_trend_screen.py --snapshot-update` and look at the SVGs first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, Input, Static
from trends_archive import build_holey_archive, holey  # noqa: F401 (a fixture)
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.commands import palette_commands
from tui.screens.entity import EntityScreen
from tui.screens.search import SearchScreen
from tui.screens.search_query import OpenHit
from tui.screens.trend import TrendScreen
from tui.screens.trend_kept import KEPT_AS
from tui.search import SearchEngine
from tui.trends import Granularity
from widgets.entity_table import EntityTable
from widgets.item_rows import ItemRows
from widgets.trend_chart import TrendChart


class Host(App[None]):
    """Opens a trend screen at once and keeps what it dismissed with."""

    def __init__(self, screen: TrendScreen) -> None:
        super().__init__()
        self.trend_screen = screen
        self.chosen: list[OpenHit | None] = []

    def compose(self) -> ComposeResult:
        yield Static("search")

    def on_mount(self) -> None:
        self.push_screen(self.trend_screen, self.chosen.append)


def trend_screen(app: App[None]) -> TrendScreen:
    assert isinstance(app.screen, TrendScreen)
    return app.screen


def trend_shown(app: App[None]) -> bool:
    """A trend screen is on top, its chart counted."""
    return isinstance(app.screen, TrendScreen) and app.screen.trend is not None


def timeline_shown(app: App[None]) -> bool:
    """An entity screen is on top, its chart counted."""
    return isinstance(app.screen, EntityScreen) and app.screen.trend is not None


def opened_in_reader(app: ZhoubaoApp, item_id: str) -> bool:
    """The reader is on top and shows this item. (The screen above is popped at once, but
    the reader opens the item it was dismissed with a message later: on a loaded machine
    the test saw the reader still on the item it had before.)"""
    item = app.reader.current_item
    return app.screen is app.reader and item is not None and item.id == item_id


async def entities_listed(pilot: Pilot[None]) -> None:
    table = pilot.app.screen.query_one(EntityTable)
    await wait_until(pilot, lambda: bool(table.entities), "the entity table filled")


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_snapshot(
    holey: SearchEngine,  # noqa: F811
    snap_compare: Callable[..., bool],
    size: tuple[int, int],
) -> None:
    app = Host(TrendScreen(holey, queries=["短剧", "AI"]))
    app.theme = "textual-dark"
    assert snap_compare(app, terminal_size=size, run_before=entities_listed)


def test_snapshot_light_by_quarter(
    holey: SearchEngine,  # noqa: F811
    snap_compare: Callable[..., bool],
) -> None:
    app = Host(TrendScreen(holey, queries=["腾讯"], granularity=Granularity.QUARTER))
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(100, 30), run_before=entities_listed)


async def test_the_bars_are_drawn_without_waiting_for_a_resize(
    holey: SearchEngine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The chart lays itself out when first drawn at its size: the screen's first frame has
    the bars (laid out on the Resize event, they came a frame later: 25–50 ms when loaded)."""
    monkeypatch.setattr(TrendChart, "on_resize", lambda self: None, raising=False)
    app = Host(TrendScreen(holey, queries=["短剧"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        chart = trend_screen(app).query_one(TrendChart)
        drawn = "".join(chart.render_line(y).text for y in range(chart.size.height))
        assert "█" in drawn and "短剧" in drawn
        wide = chart.chart
        await pilot.resize_terminal(60, 24)
        await wait_until(pilot, lambda: chart.size.width < 60, "the chart narrower")
        narrow = chart.chart
        assert wide is not None and narrow is not None
        assert narrow.period_width < wide.period_width, "laid out again at the new size"
        assert chart.render_line(2).cell_length == chart.size.width


async def test_totals_are_the_search_counts_and_m_cycles(holey: SearchEngine) -> None:  # noqa: F811
    app = Host(TrendScreen(holey, queries=["短剧"]))
    async with app.run_test(size=(120, 36)) as pilot:
        screen = trend_screen(app)
        chart = screen.query_one(TrendChart)
        assert screen.trend is not None
        assert screen.trend.series[0].total == len(holey.search("短剧"))
        assert chart.has_focus and chart.cursor == len(screen.trend.periods) - 1
        await pilot.press("left", "left", "left")
        november = screen.trend.periods[chart.cursor]
        assert november.key == "2016-11"
        await pilot.press("m")
        assert screen.granularity is Granularity.QUARTER
        assert screen.trend.periods[chart.cursor].key == "2016-Q4"
        await pilot.press("m")
        assert screen.granularity is Granularity.ISSUE
        issue = screen.trend.periods[chart.cursor]
        assert issue.key == str(november.issues[-1].number), "November's last issue"
        await pilot.press("m")
        assert screen.granularity is Granularity.MONTH
        assert screen.trend.periods[chart.cursor].key == "2016-11"


async def test_choosing_a_bar_lists_its_items_and_enter_opens_one(
    holey: SearchEngine,  # noqa: F811
) -> None:
    app = Host(TrendScreen(holey, queries=["AI"]))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = trend_screen(app)
        chart = screen.query_one(TrendChart)
        await pilot.press("home", "right")
        assert screen.trend is not None
        period = screen.trend.periods[chart.cursor]
        await pilot.press("enter")
        rows = screen.query_one(ItemRows)
        assert screen.query_one(ContentSwitcher).current == "trend-items" and rows.has_focus
        expected = screen.trends.items_in(period, screen.trend.series[0].found)
        assert [item.id for item in rows.items] == [item.id for item in expected]
        assert len(rows.items) == screen.trend.counts[0][chart.cursor]
        assert all(item.date and period.start <= item.date <= period.end for item in rows.items)
        await pilot.press("down", "enter")
        assert app.chosen == [OpenHit(expected[1].id, screen.trend.series[0].needles)]


async def test_a_gap_has_no_items_and_escape_steps_back(holey: SearchEngine) -> None:  # noqa: F811
    app = Host(TrendScreen(holey, queries=["AI"]))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = trend_screen(app)
        chart = screen.query_one(TrendChart)
        await pilot.press("home", "right", "right", "right", "enter")
        assert screen.trend is not None and screen.trend.periods[chart.cursor].is_gap
        assert screen.query_one(ContentSwitcher).current == "trend-overview"
        await pilot.press("right", "right", "right", "enter")
        assert screen.query_one(ContentSwitcher).current == "trend-items"
        await pilot.press("escape")
        assert screen.query_one(ContentSwitcher).current == "trend-overview"
        assert chart.has_focus
        await pilot.press("escape")
        assert app.chosen == [None]


async def test_a_second_and_third_query_then_remove(holey: SearchEngine) -> None:  # noqa: F811
    app = Host(TrendScreen(holey, queries=["短剧"]))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = trend_screen(app)
        await pilot.press("a", *"版权", "enter")
        assert screen.trend is not None
        assert [s.query for s in screen.trend.series] == ["短剧", "版权"]
        assert screen.query_one(TrendChart).active == 1, "the tables describe the new one"
        await pilot.press("a", *"no:abc", "enter")
        assert len(screen.trend.series) == 2 and screen.query_one(Input).has_focus
        await pilot.press("escape", "a", *"会员", "enter", "a")
        assert [s.query for s in screen.trend.series] == ["短剧", "版权", "会员"]
        assert not screen.query_one(Input).has_class("-shown"), "three at most"
        await pilot.press("s", "x")
        assert [s.query for s in screen.trend.series] == ["版权", "会员"]
        totals = [s.total for s in screen.trend.series]
        assert totals == [len(holey.search("版权")), len(holey.search("会员"))]


async def test_the_entity_view_is_a_timeline(holey: SearchEngine) -> None:  # noqa: F811
    app = Host(TrendScreen(holey, queries=["短剧"]))
    async with app.run_test(size=(120, 36)) as pilot:
        await entities_listed(pilot)
        table = app.screen.query_one(EntityTable)
        table.focus()
        first = table.entities[0]
        await pilot.press("enter")
        await wait_until(pilot, lambda: timeline_shown(app), "the timeline")
        assert isinstance(app.screen, EntityScreen)
        entity_screen = app.screen
        rows = entity_screen.query_one(ItemRows)
        expected = entity_screen.trends.entity_items(first.name)
        assert [item.id for item in rows.items] == [item.id for item in expected]
        assert len(expected) >= first.count, "all its items, not only the matches"
        dates = [item.date for item in rows.items]
        assert dates == sorted(dates, reverse=True)
        chart = entity_screen.query_one(TrendChart)
        await pilot.press("G")
        last = rows.items[-1]
        assert chart.trend is not None and chart.trend.periods[chart.cursor].key == (
            f"{last.date.year}-{last.date.month:02d}" if last.date else ""
        )
        await pilot.press("enter")
        assert app.chosen == [OpenHit(last.id, entity_screen.series.needles)]


async def trend_of_search(pilot: Pilot[None], app: ZhoubaoApp, query: str) -> None:
    """The real app loaded: / QUERY once the index is built, then ctrl+g to its trend."""
    await wait_until(pilot, lambda: app.reader.archive is not None, "the archive loaded")
    await pilot.press("slash", *query)
    await wait_until(
        pilot,
        lambda: app.reader.search_engine is not None and app.reader.search_engine.ready,
        "the search index built",
    )
    await pilot.press("ctrl+g")
    await wait_until(pilot, lambda: trend_shown(app), "the trend shown")


async def test_from_search_to_the_reader(tmp_path: Path) -> None:
    """The real app: / 短剧, ctrl+g, a bar, Enter, an item: the reader shows it."""
    root = build_holey_archive(tmp_path / "archive")
    app = ZhoubaoApp(root, archive=load_archive(root))
    async with app.run_test(size=(120, 36)) as pilot:
        await trend_of_search(pilot, app, "短剧")
        screen = trend_screen(app)
        assert screen.trend is not None and screen.trend.series[0].query == "短剧"
        await pilot.press("enter")
        rows = screen.query_one(ItemRows)
        wanted = rows.items[0]
        await pilot.press("enter")
        await wait_until(pilot, lambda: opened_in_reader(app, wanted.id), "the item in the reader")
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"AI", "ctrl+g")
        await wait_until(pilot, lambda: trend_shown(app), "the trend shown")
        await entities_listed(pilot)
        app.screen.query_one(EntityTable).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: timeline_shown(app), "the timeline")
        assert isinstance(app.screen, EntityScreen)
        wanted = app.screen.query_one(ItemRows).items[0]
        await pilot.press("enter")
        await wait_until(pilot, lambda: opened_in_reader(app, wanted.id), "the item in the reader")


async def test_the_trend_screen_is_kept_started_over_and_let_go_on_a_new_archive(
    tmp_path: Path,
) -> None:
    """ctrl+g a second time shows the screen of the first, as a new one would be; reading
    the archive again lets it go (it holds the old engine)."""
    root = build_holey_archive(tmp_path / "archive")
    app = ZhoubaoApp(root, archive=load_archive(root))
    async with app.run_test(size=(120, 36)) as pilot:
        await trend_of_search(pilot, app, "短剧")
        first = trend_screen(app)
        await pilot.press("m", "a")
        assert first.granularity is Granularity.QUARTER
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the overlay")
        search = app.screen
        assert isinstance(search, SearchScreen)
        search.query_one("#search-input", Input).value = "AI"
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: app.screen is first, "the same trend screen")
        assert first.trend is not None and [s.query for s in first.trend.series] == ["AI"]
        assert first.granularity is Granularity.MONTH and first.chart.has_focus
        assert not first.query_one("#trend-input", Input).has_class("-shown")
        assert first.trend.series[0].total == len(first.engine.search("AI"))
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: app.screen is app.reader, "back in the reader")
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.is_screen_installed(KEPT_AS), "let go")


async def test_ctrl_g_before_the_index_is_ready_waits_for_it(tmp_path: Path) -> None:
    """Counted on headlines alone, the chart would disagree with the search: it opens once
    the full index is there."""
    archive = load_archive(build_holey_archive(tmp_path / "archive"))
    engine = SearchEngine(archive)
    search = SearchScreen(None, query="短剧")
    app = SearchHost(search)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        search.engine_ready(engine)
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, SearchScreen)
        assert "建好就显示趋势" in str(app.screen.query_one("#search-message", Static).content)
        engine.prepare()
        search.engine_ready(engine)
        await wait_until(pilot, lambda: trend_shown(app), "the trend shown")
        screen = trend_screen(app)
        assert screen.trend is not None
        assert screen.trend.series[0].total == len(engine.search("短剧"))


async def test_ctrl_g_counts_the_hits_on_show_without_searching_again(
    holey: SearchEngine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    search = SearchScreen(holey, query="短剧")
    app = SearchHost(search)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: search.result is not None, "the hits shown")
        assert search.result is not None
        shown = search.result.found()
        searched: list[str] = []
        search_again = holey.search
        monkeypatch.setattr(
            holey, "search", lambda *a, **k: searched.append(a[0]) or search_again(*a, **k)
        )
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: trend_shown(app), "the trend shown")
        screen = trend_screen(app)
        assert screen.trend is not None and searched == []
        assert screen.trend.series[0].found == shown and screen.sub_title == "短剧"


class SearchHost(App[None]):
    """Opens a search overlay at once."""

    def __init__(self, screen: SearchScreen) -> None:
        super().__init__()
        self.search_screen = screen

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def on_mount(self) -> None:
        self.push_screen(self.search_screen)


async def test_the_entity_timeline_from_the_reader(tmp_path: Path) -> None:
    """The command palette offers the timeline of the item's source; Enter on an item of
    it opens that item in the reader."""
    root = build_holey_archive(tmp_path / "archive")
    app = ZhoubaoApp(root, archive=load_archive(root))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.reader.archive is not None, "the archive loaded")
        reader = app.reader
        archive = reader.archive
        assert archive is not None
        item = next(i for issue in archive.newest_first for i in issue.items if i.entity == "腾讯")
        reader.open_item(item.id)
        titles = [command.name for command in palette_commands(app, reader)]
        assert "实体时间线：腾讯" in titles
        reader.action_entity_timeline()
        assert not isinstance(app.screen, EntityScreen), "waits for the index (aliases)"
        await wait_until(
            pilot,
            lambda: reader.search_engine is not None and reader.search_engine.ready,
            "the search index built",
        )
        reader.action_entity_timeline()
        await wait_until(pilot, lambda: timeline_shown(app), "the timeline")
        screen = app.screen
        assert isinstance(screen, EntityScreen) and screen.entity == "腾讯"
        rows = screen.query_one(ItemRows)
        assert item.id in {row.id for row in rows.items}
        assert all("腾讯" in row.headline.split("：")[0] for row in rows.items)
        await pilot.press("down", "enter")
        chosen = rows.items[1].id
        await wait_until(pilot, lambda: opened_in_reader(app, chosen), "the item in the reader")


async def test_a_click_moves_the_cursor_and_a_double_click_chooses(
    holey: SearchEngine,  # noqa: F811
) -> None:
    app = Host(TrendScreen(holey, queries=["AI"]))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = trend_screen(app)
        chart = screen.query_one(TrendChart)
        layout = chart.chart
        assert layout is not None and layout.first == 0
        # The chart has one cell of padding; its bars start `left` cells in, on line 2.
        x = 1 + layout.left + 1 * layout.period_width
        await pilot.click(TrendChart, offset=(x, 4))
        assert chart.cursor == 1
        await pilot.click(TrendChart, offset=(x, 4), times=2)
        assert screen.query_one(ContentSwitcher).current == "trend-items"
        assert screen.query_one(ItemRows).border_title.startswith("2016-02")
