"""Issue 9 §5: no crash from input, and a crash is never reported as success.

A pasted 1,000-character query, cache files that are sound JSON or pickle but hold the
wrong things, a foreign SQLite file where the library should be, and a crash in the app.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.events import Paste
from textual.widgets import Input
from waiting import wait_until

from tui.screens.search import SearchScreen
from tui.search import SearchEngine
from tui.search.pinyin import MAX_LETTERS, PinyinIndex
from tui.search.postings import Postings
from widgets.search_results import SearchResults

ROOT = Path(__file__).resolve().parent.parent
LONG_QUERIES = {
    "a": "a" * 1000,
    "zhong": "zhong" * 200,
    "xian": "xian" * 250,
    "han": "中" * 1000,
    "words": "短剧 " * 250,
}


@pytest.mark.parametrize("query", LONG_QUERIES.values(), ids=LONG_QUERIES.keys())
def test_a_pasted_long_query_is_searched_not_a_crash(engine: SearchEngine, query: str) -> None:
    result = engine.search(query)
    assert len(result.hits(0, 5)) <= 5


def test_a_thousand_letters_read_as_pinyin_without_recursion() -> None:
    readings = {"啊": ("a",), "阿": ("a", "e"), "中": ("zhong",)}
    table = PinyinIndex(readings, Postings({}), Postings({}), Postings({}))
    found = table.query("a" * MAX_LETTERS)
    assert found is not None and found.splits[0] == ("a",) * MAX_LETTERS
    assert table.query("zhong" * 6) is not None
    # Longer than a name: not read as pinyin at all (a pasted sentence), and no crash.
    assert table.query("a" * 1000) is None and table.query("zhong" * 300) is None


async def test_pasting_a_long_query_into_the_overlay_keeps_the_app(engine: SearchEngine) -> None:
    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(SearchScreen(engine))

    host = Host()
    async with host.run_test(size=(100, 30)) as pilot:
        field = host.screen.query_one(Input)
        field.post_message(Paste("a" * 1000))
        await wait_until(pilot, lambda: field.value == "a" * 1000, "the pasted query")
        await pilot.pause()
        assert host.is_running and host.screen.query_one(SearchResults) is not None


def test_zhoubao_search_with_a_long_query_exits_cleanly() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", "search", "a" * 1000, "--limit", "3"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
