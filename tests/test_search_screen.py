"""The search overlay with Pilot: typing shows hits, Enter opens one, the list scrolls to
every hit, errors are shown.

The snapshot (pytest-textual-snapshot) is of the overlay over a plain host screen, so that
changes to the reader's panes do not touch it. Update it after an intended change with
`pytest tests/test_search_screen.py --snapshot-update` and look at the SVG first.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from engines import prepared_engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Static
from waiting import wait_until

from benchmarks.synthetic import build_archive
from tui import paths
from tui.archive import load_archive
from tui.screens.search import SearchScreen
from tui.screens.search_query import OpenHit
from tui.search import Order, SearchEngine
from widgets.search_results import SearchResults


class Host(App[None]):
    """Opens the overlay at once and keeps what it dismissed with."""

    def __init__(self, screen: SearchScreen) -> None:
        super().__init__()
        self.search_screen = screen
        self.chosen: list[OpenHit | None] = []

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def on_mount(self) -> None:
        self.push_screen(self.search_screen, self.chosen.append)


def test_overlay_snapshot(engine: SearchEngine, snap_compare: Callable[..., bool]) -> None:
    app = Host(SearchScreen(engine))
    app.theme = "textual-dark"

    async def type_query(pilot: Pilot[None]) -> None:
        await pilot.press(*"tengxun")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 16), run_before=type_query)


def message(app: App[None]) -> str:
    return str(app.screen.query_one("#search-message", Static).content)


def screen_of(app: App[None]) -> SearchScreen:
    assert isinstance(app.screen, SearchScreen)
    return app.screen


async def test_typing_shows_hits_and_enter_returns_the_id(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"短剧")
        result = screen_of(app).result
        assert result is not None and len(result) >= 5
        assert all("短剧" in hit.headline for hit in result.hits(0, 5))
        assert message(app).startswith(f"{len(result)} 条")
        first = result.hit(0).id
        await pilot.press("enter")
        assert app.chosen == [OpenHit(first, result.needles)]
        assert "短剧" in result.needles.words
    assert json.loads(paths.search_history_file().read_text(encoding="utf-8")) == ["短剧"]


async def test_down_chooses_the_second_hit(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine, query="tengxun"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        result = screen_of(app).result
        assert result is not None and "腾讯" in result.hit(0).headline
        second = result.hit(1).id
        await pilot.press("down", "enter")
        assert [c.item_id if c else None for c in app.chosen] == [second]


async def test_escape_returns_none(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test() as pilot:
        await pilot.press(*"AI", "escape")
        assert app.chosen == [None]


async def test_bad_filter_shows_a_message(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"no:abc")
        assert "no:abc？" in message(app)
        assert app.screen.query_one("#search-message").has_class("-error")
        await pilot.press("backspace", "backspace", "backspace", *"403")
        assert not app.screen.query_one("#search-message").has_class("-error")
        result = screen_of(app).result
        assert result is not None and {hit.number for hit in result.hits()} == {403}


async def test_headlines_are_data_not_markup(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine, query="txsp"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        results = app.screen.query_one(SearchResults)
        row = results.render_row(0, 100, at_cursor=True)
        assert "拼音" in _as_text_line(results, 0, 100)
        assert row.plain.startswith("优酷、腾讯视频：电视剧《画眉》开播")
        assert "第393期 2023-12-18 内容" in row.plain
        bold = [span for span in row.spans if span.start == 3 and span.end == 7]
        assert bold, "the matched 腾讯视频 is styled"


async def test_history_on_ctrl_r_and_up(engine: SearchEngine) -> None:
    paths.search_history_file().parent.mkdir(parents=True, exist_ok=True)
    paths.search_history_file().write_text('["短剧", "txsp"]', encoding="utf-8")
    app = Host(SearchScreen(engine))
    async with app.run_test() as pilot:
        query = app.screen.query_one(Input)
        await pilot.press("up")
        assert query.value == "txsp"
        await pilot.press("ctrl+r")
        assert query.value == "短剧"
        assert screen_of(app).result


async def test_before_the_engine_is_there_it_says_so(engine: SearchEngine) -> None:
    app = Host(SearchScreen(None, query="曹淑敏"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert message(app) == "正在建立索引…"
        screen_of(app).engine_ready(engine)
        await pilot.pause()
        result = screen_of(app).result
        assert result is not None
        assert [hit.headline for hit in result.hits()] == [
            "国家广播电视总局召开地方局台网负责同志座谈会"
        ]


async def test_the_library_and_the_index_may_come_before_the_overlay_is_drawn(
    engine: SearchEngine,
) -> None:
    """On a loaded machine the library's marks or the full index can arrive between `/`
    pushing the overlay and its first compose; both crashed the app (NoMatches)."""
    app = App[None]()
    async with app.run_test() as pilot:
        screen = SearchScreen(None, query="曹淑敏")
        app.push_screen(screen)  # not awaited: nothing of it is composed yet
        assert not screen.is_mounted
        screen.marks_changed()
        screen.engine_ready(engine)
        await wait_until(pilot, lambda: screen.result is not None, "the hits of the query")
        assert screen.result is not None
        assert [hit.headline for hit in screen.result.hits()] == [
            "国家广播电视总局召开地方局台网负责同志座谈会"
        ]


async def test_library_filters_use_the_library_as_it_is_now(engine: SearchEngine) -> None:
    libraries: list[object] = [None]
    app = Host(SearchScreen(engine, lambda: libraries[-1]))  # type: ignore[arg-type, return-value]
    async with app.run_test() as pilot:
        await pilot.press(*"is:unread")
        assert "资料库" in message(app)
        libraries.append(NothingRead())  # the library opens while the overlay is up
        await pilot.press("space")
        result = screen_of(app).result
        assert result is not None and len(result) == len(engine.index)


class NothingRead:
    def is_bookmarked(self, item_id: str) -> bool:
        return False

    def tags_of(self, item_id: str) -> frozenset[str]:
        return frozenset()

    def has_note(self, item_id: str) -> bool:
        return False

    def is_read(self, item_id: str) -> bool:
        return False


def _as_text_line(results: SearchResults, row: int, width: int) -> str:
    return "".join(segment.text for segment in results.row_strip(row, width, False, 1))


@pytest.fixture(scope="module")
def big_engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    folder = build_archive(tmp_path_factory.mktemp("archive"), 20)
    with prepared_engine(load_archive(folder), tmp_path_factory) as engine:
        return engine


def on_screen(results: SearchResults, row: int) -> bool:
    top = results.scroll_offset.y
    first_line = row * results.ROW_HEIGHT
    return top <= first_line and first_line + 1 < top + results.scrollable_content_region.height


async def test_the_list_scrolls_to_the_150th_hit_and_back(big_engine: SearchEngine) -> None:
    app = Host(SearchScreen(big_engine, query="短剧"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        results = screen.results
        assert screen.result is not None and len(screen.result) > 160
        await pilot.press(*["down"] * 149)
        assert results.cursor == 149
        assert results.scroll_offset.y > 0 and on_screen(results, 149)
        assert big_engine.search("短剧").hit(149) in results.hits_on_screen()
        await pilot.press("enter")
        assert app.chosen[-1] is not None
        assert app.chosen[-1].item_id == big_engine.search("短剧").hit(149).id


async def test_page_keys_home_end_and_the_wheel(big_engine: SearchEngine) -> None:
    app = Host(SearchScreen(big_engine, query="短剧"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        results = screen.results
        assert screen.result is not None
        count = len(screen.result)
        await pilot.press("pagedown", "pagedown")
        assert results.cursor == 2 * (results.rows_on_screen - 1) and on_screen(
            results, results.cursor
        )
        await pilot.press("end")
        assert results.cursor == count - 1 and on_screen(results, count - 1)
        assert "短剧" in screen.query_one(Input).value  # End went to the list, not the input
        await pilot.press("home")
        assert results.cursor == 0 and results.scroll_offset.y == 0
        results.post_message(events.MouseScrollDown(results, 2, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert results.scroll_offset.y > 0


async def test_the_order_key_cycles(big_engine: SearchEngine) -> None:
    app = Host(SearchScreen(big_engine, query="短剧"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("ctrl+o")
        assert screen.order is Order.NEWEST and "最新在前" in message(app)
        await pilot.press("ctrl+o")
        assert screen.order is Order.OLDEST
        assert screen.result is not None and screen.result.hit(0).number == 1
        await pilot.press("ctrl+o")
        assert screen.order is Order.RELEVANCE


async def test_body_hits_show_a_snippet_and_aliases_say_why(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine, query="俞敏洪"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        results = screen_of(app).results
        assert "俞敏洪" in _as_text_line(results, 0, 100)
        strip = results.row_strip(0, 100, False, 1)
        marked = [s.text for s in strip if s.style and s.style.underline]
        assert "俞敏洪" in marked
        screen_of(app).query_one(Input).value = "广电"
        await pilot.pause()
        lines = [_as_text_line(results, row, 100) for row in range(3)]
        assert any("别名：广播电视" in line for line in lines)


QUERY_TEXT = st.text(alphabet=st.sampled_from('短剧腾讯tx sp"-:#.no23ec是[]/\\'), max_size=8)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=QUERY_TEXT)
async def test_no_typed_query_crashes_the_overlay(engine: SearchEngine, text: str) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test(size=(80, 24)) as pilot:
        for char in text:
            await pilot.press("space" if char == " " else char)
        await pilot.pause()
        assert app.screen.query_one(Input).value == text
