"""Every mark, connector and highlight stays readable in a dark and a light theme.

Each drawn segment with text is checked for contrast between its colour and its background
(WCAG's ratio): a light theme once drew the tree's connectors white on white, and a search
match brown on the purple cursor row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color
from rich.segment import Segment
from test_app_navigation import press
from textual.pilot import Pilot
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.screens.search import SearchScreen
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader
from widgets.section_tree import SectionTree

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
THEMES = ["textual-dark", "catppuccin-latte", "solarized-light"]
#: Enough for a faint connector; body text is far above it.
LEAST_CONTRAST = 2.0
#: Words (headlines, section names, counts, marks): WCAG's least for bold and large text.
LEAST_WORD_CONTRAST = 3.0


def luminance(color: Color) -> float:
    red, green, blue = (channel / 255 for channel in color.get_truecolor(foreground=True))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(segment: Segment) -> float:
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None, segment
    lighter, darker = sorted((luminance(style.color), luminance(style.bgcolor)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def faint_segments(lines: list[list[Segment]]) -> list[tuple[str, float]]:
    return [
        (segment.text, round(contrast(segment), 2))
        for line in lines
        for segment in line
        if segment.text.strip() and contrast(segment) < LEAST_CONTRAST
    ]


def faint_words(lines: list[list[Segment]]) -> list[tuple[str, float]]:
    """Segments with a letter, digit or Chinese character under `LEAST_WORD_CONTRAST`
    (catppuccin-latte's bright accent drew headlines and section names at 2.65:1 on white)."""
    return [
        (segment.text, round(contrast(segment), 2))
        for line in lines
        for segment in line
        if any(char.isalnum() for char in segment.text) and contrast(segment) < LEAST_WORD_CONTRAST
    ]


async def ready(app: ZhoubaoApp, pilot: Pilot[None]) -> None:
    await wait_until(pilot, lambda: app.reader.library is not None, "the library open")
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
async def test_panes_are_readable(theme: str) -> None:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    app.theme = theme
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await press(pilot, "b")  # a star in the list, the tree and the reader
        for focused in ("issues", "tree"):
            lines: list[list[Segment]] = []
            for pane in (IssueList, SectionTree, ItemReader):
                widget = app.screen.query_one(pane)
                lines += [list(widget.render_line(y)) for y in range(widget.size.height)]
            assert not faint_segments(lines), (theme, focused)
            assert not faint_words(lines), (theme, focused)
            await press(pilot, "tab")


@pytest.mark.parametrize("theme", THEMES)
async def test_a_search_match_on_the_cursor_row_is_readable(theme: str) -> None:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    app.theme = theme
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await press(pilot, "slash", *"短剧")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.results
        assert results.row_count()
        rows = [
            list(results.render_line(y)) for y in range(results.scrollable_content_region.height)
        ]
        assert not faint_segments(rows), theme
