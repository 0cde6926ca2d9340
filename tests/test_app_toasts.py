"""Chinese in a toast renders whole at every width: no character dropped where the toast
lies over a pane's edge (Textual blanks a wide character that straddles one), and lines
broken as Chinese is broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_text import screen_text
from test_app_navigation import started
from test_problems_screen import troubled_archive
from waiting import wait_until

from tui.app import ZhoubaoApp


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
