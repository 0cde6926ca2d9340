"""Chinese in a toast renders whole at every width: no character dropped where the toast
lies over a pane's edge (Textual blanks a wide character that straddles one), and lines
broken as Chinese is broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from screen_text import screen_text
from test_app_navigation import make_archive, started
from test_problems_screen import troubled_archive
from waiting import wait_until

from tui.app import ZhoubaoApp, toast_lines, toast_text_width


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 36), (160, 40), (200, 50)])
async def test_the_problems_toast_shows_every_character(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = ZhoubaoApp(tmp_path, archive=troubled_archive(tmp_path))
    async with app.run_test(size=size, notifications=True) as pilot:
        await started(app, pilot)
        await wait_until(pilot, lambda: "▌" in screen_text(app), "the toast on screen")
        toast = [line.split("▌", 1)[1] for line in screen_text(app).splitlines() if "▌" in line]
        text = "".join(line.strip(" │") for line in toast).replace(" ", "")
        assert "读取存档" in text
        assert "跳过2个文件，2条提示—按!查看" in text


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 36), (200, 50)])
@pytest.mark.parametrize("message", ["中" * 60, "a" + "中" * 60])
async def test_toast_lines_are_as_wide_as_the_toast_and_no_wider(
    tmp_path: Path, size: tuple[int, int], message: str
) -> None:
    """The lines the toast is given fill it: Textual breaks none of them again (a line one
    cell too wide left a character alone on the next line: 撤 / 销)."""
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    expected = toast_lines(message, toast_text_width(size[0]), False).split("\n")
    assert max(cell_len(line) for line in expected) >= toast_text_width(size[0]) - 1
    async with app.run_test(size=size, notifications=True) as pilot:
        await started(app, pilot)
        app.notify(message, timeout=30)
        await wait_until(pilot, lambda: "▌" in screen_text(app), "the toast on screen")
        rows = [line.split("▌", 1)[1] for line in screen_text(app).splitlines() if "▌" in line]
        shown = [text for row in rows if (text := row.strip(" │╮╯─"))]
        assert shown == expected
