"""What the reader draws is exactly what the line breaker laid out: nothing clipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.typeset import cell_width, layout_item_lines
from widgets.item_reader import ItemReader

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_drawn_line_is_the_laid_out_line(size: tuple[int, int]) -> None:
    archive = load_archive(SAMPLES)
    app = ZhoubaoApp(SAMPLES, archive=archive)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.screen.query_one(ItemReader)
        # The longest item: at 80×24 it scrolls, so the scrollbar is on show.
        longest = max(
            (i for issue in archive.issues for i in issue.items), key=lambda i: len(i.body)
        )
        app.reader.open_item(longest.id)
        await pilot.pause()
        width = reader.scrollable_content_region.width
        laid = [line.text for line in layout_item_lines(longest, width)]
        assert len(laid) > 20
        for y in range(min(len(laid), reader.scrollable_content_region.height)):
            drawn = reader.render_line(y).text.rstrip()
            assert drawn == laid[y].rstrip()
            assert cell_width(laid[y]) <= width
