"""SVG snapshots of the library's screens over a bare app, at a fixed size and theme.

Update after an intended change with `pytest tests/test_library_snapshots.py --snapshot-update`
and look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from tests.test_app_navigation import make_archive
from tests.test_library_screens import LIBRARY
from tui import i18n
from tui.library.catch_up import CatchUpChoice, catch_up_choices
from tui.screens.catch_up import CatchUpDialog
from tui.screens.confirm import ConfirmDialog
from tui.screens.library_screen import LibraryScreen
from tui.screens.tag_editor import TagEditor


class Host(App[None]):
    def __init__(self, screen: Screen[Any], theme: str = "textual-dark") -> None:
        super().__init__()
        self.screen_under_test = screen
        self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test)


def test_library_view_by_tag(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(Host(LibraryScreen(LIBRARY)), terminal_size=(110, 30))


def test_library_view_by_issue_filtered(snap_compare: Callable[..., bool]) -> None:
    async def filter_by_issue(pilot: Pilot[None]) -> None:
        await pilot.press("s", "slash", "新", "闻")

    host = Host(LibraryScreen(LIBRARY))
    assert snap_compare(host, terminal_size=(110, 30), run_before=filter_by_issue)


def test_library_view_at_80_columns_in_a_light_theme(snap_compare: Callable[..., bool]) -> None:
    host = Host(LibraryScreen(LIBRARY), "catppuccin-latte")
    assert snap_compare(host, terminal_size=(80, 24))


def test_tag_editor_completing(snap_compare: Callable[..., bool]) -> None:
    async def type_prefix(pilot: Pilot[None]) -> None:
        await pilot.press("短")
        await pilot.pause()

    editor = TagEditor("中央经济工作会议：加快推动人工智能发展", ["AI"], ["短剧", "短视频", "AI"])
    host = Host(editor)
    assert snap_compare(host, terminal_size=(90, 20), run_before=type_prefix)


CHOICES = (
    CatchUpChoice("catch_up_issue", "这一期：第 500 期（2025-07-28）", ("500-1",) * 30, 500),
    CatchUpChoice("catch_up_older", "之前的各期：第 500 期以前的 499 期", (), 500),
    CatchUpChoice("catch_up_all", "整个存档：500 期", ("1-1",) * 15220, 500),
)


def test_catch_up_dialog_at_80_columns_in_a_light_theme(snap_compare: Callable[..., bool]) -> None:
    dialog = CatchUpDialog(CHOICES, "ctrl+z")
    assert snap_compare(Host(dialog, "catppuccin-latte"), terminal_size=(80, 24))


def test_batch_question_in_a_dark_theme(snap_compare: Callable[..., bool]) -> None:
    question = ConfirmDialog("全部收藏", "收藏全部 5,170 条搜索结果？", "之后可以用 ctrl+z 撤销。")
    assert snap_compare(Host(question), terminal_size=(80, 24))


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)


def english_choices() -> list[CatchUpChoice]:
    """The catch-up choices from issue 500 of 500, in English (longer lines than Chinese)."""
    archive = make_archive(Path("archive"), tuple(range(1, 501)))
    return catch_up_choices(archive, 499, lambda item_id: item_id.startswith("500-0"))


async def test_the_catch_up_dialog_in_english_keeps_each_choice_on_one_line(
    english: None,
) -> None:
    choices = english_choices()
    assert "(" in choices[0].title and "（" not in choices[0].title
    host = Host(CatchUpDialog(choices, "ctrl+z"))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = host.screen.query_one(OptionList)
        assert options.virtual_size.height == len(choices)  # nothing wrapped


def test_catch_up_dialog_in_english_at_80_columns(
    english: None, snap_compare: Callable[..., bool]
) -> None:
    dialog = CatchUpDialog(english_choices(), "ctrl+z")
    assert snap_compare(Host(dialog), terminal_size=(80, 24))
