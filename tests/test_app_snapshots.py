"""SVG snapshots of the three-pane screen (pytest-textual-snapshot): the three sizes the
reader is checked at, each in a dark and a light theme.

Update after an intended change with `pytest tests/test_app_snapshots.py --snapshot-update`
and look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.app import ZhoubaoApp
from tui.archive import load_archive

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


def sample_app(theme: str = "textual-dark") -> ZhoubaoApp:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    app.theme = theme
    return app


async def loaded(pilot: Pilot[None]) -> None:
    """The archive is read and the library open (its marks are part of the picture)."""
    app = pilot.app
    assert isinstance(app, ZhoubaoApp)
    while app.reader.library is None:
        await app.workers.wait_for_complete()
        await pilot.pause()


SIZES = [(80, 24), (120, 36), (200, 50)]
THEMES = ["textual-dark", "catppuccin-latte"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_three_panes(snap_compare: Callable[..., bool], size: tuple[int, int], theme: str) -> None:
    assert snap_compare(sample_app(theme), terminal_size=size, run_before=loaded)


def test_reading_an_item_in_the_second_issue(snap_compare: Callable[..., bool]) -> None:
    async def navigate(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("right_square_bracket", "tab", "j", "j", "enter")
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=(120, 36), run_before=navigate)


def test_help_screen(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(
        sample_app(), terminal_size=(100, 40), press=["question_mark"], run_before=loaded
    )
