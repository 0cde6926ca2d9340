"""Text pasted into a field: the search query, a tag, a note, is never held or drawn raw.

Textual's Input and TextArea keep pasted control characters as they are; a bidi override
pasted into the search field reversed what the terminal drew, and a pasted tag or note was
stored with its escape sequences. `SafeInput`/`SafeTextArea` sanitise what goes in.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.sanitize import sanitize
from tui.screens.note_editor import NoteEditor
from tui.screens.search import SearchScreen
from tui.screens.tag_editor import TagEditor
from tui.search import SearchEngine
from widgets.safe_input import SafeInput

PASTED = "短剧\x1b[2J\x1b]52;c;aGk=\x07\u202eAI\u200b\tX\r\nsecond line"
PASTE_ONE_LINE = PASTED.split("\r\n")[0]


class Host(App[None]):
    """Pushes one screen at start and keeps what it dismisses with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, self.results.append)


async def test_a_query_pasted_into_search_is_shown_and_searched_with_pictures(
    engine: SearchEngine,
) -> None:
    app = Host(SearchScreen(engine))
    async with app.run_test(size=(100, 16)) as pilot:
        field = app.screen.query_one(Input)
        app.post_message(events.Paste(PASTE_ONE_LINE))
        await pilot.pause()
        await pilot.pause()
        assert field.value == "短剧␛[2J␛]52;c;aGk=␇\ufffdAI X"
        assert field.cursor_position == len(field.value)
        shown = field.render_line(0).text
        assert "短剧␛[2J" in shown
        assert "\u202e" not in shown and "\x1b" not in shown


async def test_a_pasted_tag_is_stored_with_pictures_not_controls() -> None:
    app = Host(TagEditor("标题", [], known_tags=[]))
    async with app.run_test(size=(100, 20)) as pilot:
        app.post_message(events.Paste("政策\x1b[1m\u202e反"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [("政策␛[1m\ufffd反",)]


async def test_a_pasted_note_is_stored_with_pictures_and_its_lines() -> None:
    app = Host(NoteEditor("标题", ""))
    async with app.run_test(size=(100, 20)) as pilot:
        app.post_message(events.Paste(PASTED))  # as the driver does
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == ["短剧␛[2J␛]52;c;aGk=␇\ufffdAI\tX\nsecond line"]


class OneField(App[None]):
    def compose(self) -> ComposeResult:
        yield SafeInput()


async def test_whatever_goes_into_a_safe_input_it_holds_only_safe_text() -> None:
    app = OneField()
    async with app.run_test(size=(60, 5)):
        field = app.query_one(SafeInput)

        @settings(max_examples=300, deadline=None)
        @given(st.text(), st.text(), st.integers(-3, 40))
        def holds_safe_text(start: str, pasted: str, at: int) -> None:
            field.value = start
            field.replace(pasted, at, at)
            assert sanitize(field.value, "flow") == field.value
            assert field.value.startswith(sanitize(start, "flow")[: max(at, 0)])
            assert 0 <= field.cursor_position <= len(field.value)

        holds_safe_text()
