"""The search overlay with Pilot: typing shows hits, Enter returns an id, errors are shown.

The snapshot (pytest-textual-snapshot) is of the overlay over a plain host screen, so that
changes to the reader's panes do not touch it. Update it after an intended change with
`pytest tests/test_search_screen.py --snapshot-update` and look at the SVG first.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui import paths
from tui.archive import Archive
from tui.screens.search import SearchScreen
from tui.search import SearchEngine
from widgets.search_results import SearchResults


class Host(App[None]):
    """Opens the overlay at once and keeps what it dismissed with."""

    def __init__(self, screen: SearchScreen) -> None:
        super().__init__()
        self.search_screen = screen
        self.chosen: list[str | None] = []

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


async def test_typing_shows_hits_and_enter_returns_the_id(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"短剧")
        results = app.screen.query_one(SearchResults)
        assert results.hits
        assert all("短剧" in hit.headline for hit in results.hits[:5])
        assert "条" in message(app)
        first = results.hits[0].id
        await pilot.press("enter")
        assert app.chosen == [first]
    assert json.loads(paths.search_history_file().read_text(encoding="utf-8")) == ["短剧"]


async def test_down_chooses_the_second_hit(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine, query="tengxun"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        results = app.screen.query_one(SearchResults)
        assert "腾讯" in results.hits[0].headline
        second = results.hits[1].id
        await pilot.press("down", "enter")
        assert app.chosen == [second]


async def test_escape_returns_none(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test() as pilot:
        await pilot.press(*"AI", "escape")
        assert app.chosen == [None]


async def test_bad_filter_shows_a_message(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"no:abc")
        assert "no:abc?" in message(app)
        assert app.screen.query_one("#search-message").has_class("-error")
        await pilot.press("backspace", "backspace", "backspace", *"403")
        assert not app.screen.query_one("#search-message").has_class("-error")
        assert {hit.number for hit in app.screen.query_one(SearchResults).hits} == {403}


async def test_headlines_are_data_not_markup(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine, query="txsp"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        results = app.screen.query_one(SearchResults)
        row = results.render_row(0, 100, at_cursor=True)
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
        assert app.screen.query_one(SearchResults).hits


async def test_from_an_archive_builds_the_engine_in_a_worker(archive: Archive) -> None:
    app = Host(SearchScreen(archive, query="曹淑敏"))
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(SearchResults).hits
        assert [hit.headline for hit in hits] == ["国家广播电视总局召开地方局台网负责同志座谈会"]


async def test_library_filters_without_a_library_say_so(engine: SearchEngine) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test() as pilot:
        await pilot.press(*"is:unread")
        assert "library not available" in message(app)


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
