"""Read marks mean "I read it": nothing at launch, nothing while a cursor passes over items.

An item turns read after the delay in the focused reader, or after a reading key (n, p,
space, u, Enter in search) brought it; paged past its end it is read at once. The tests wait
on state: `reading_timer.timing` says which item is being timed, and a reading key's item
turning read shows that every earlier timer (with a delay of 1 ms) had its chance to fire.
"""

from __future__ import annotations

from pathlib import Path

from test_app_navigation import make_archive, press, reader_item
from textual.pilot import Pilot
from waiting import wait_until

from tui.app import ZhoubaoApp
from widgets.item_reader import ItemReader
from widgets.section_tree import SectionTree

SIZE = (120, 36)


def reading_app(root: Path, delay_s: float) -> ZhoubaoApp:
    app = ZhoubaoApp(root, archive=make_archive(root))
    app.reader.reading_timer.delay_s = delay_s
    return app


async def ready(app: ZhoubaoApp, pilot: Pilot[None]) -> None:
    await wait_until(
        pilot,
        lambda: app.reader.library is not None and app.reader.library.archive is not None,
        "the library open",
    )


def is_read(app: ZhoubaoApp, item_id: str) -> bool:
    library = app.reader.library
    return library is not None and library.view.is_read(item_id)


async def read_by_key(app: ZhoubaoApp, pilot: Pilot[None], key: str) -> str:
    """Press a reading key and wait until the item it brings is read: every timer started
    before it (the delay is a millisecond) has fired by then."""
    await press(pilot, key)
    item_id = reader_item(app)
    assert item_id is not None
    await wait_until(pilot, lambda: is_read(app, item_id), f"{item_id} read")
    return item_id


async def test_nothing_turns_read_at_launch(tmp_path: Path) -> None:
    app = reading_app(tmp_path, 60)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert reader_item(app) == "3-0.0"
        assert app.reader.reading_timer.timing is None  # the item on show is not being read
        app.reader.reading_timer.delay_s = 0.001
        assert await read_by_key(app, pilot, "n") == "3-0.1"
        assert not is_read(app, "3-0.0")


async def test_cursors_over_the_list_and_tree_preview_without_marking(tmp_path: Path) -> None:
    app = reading_app(tmp_path, 0.001)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        passed = []
        for key in ("j", "j", "k"):  # the issue list: the first item of each issue passed
            await press(pilot, key)
            passed.append(reader_item(app))
            assert app.reader.reading_timer.timing is None
        await press(pilot, "tab")
        assert isinstance(app.focused, SectionTree)
        for key in ("j", "j", "right_curly_bracket", "right_curly_bracket"):
            await press(pilot, key)
            passed.append(reader_item(app))
            assert app.reader.reading_timer.timing is None
        assert passed == ["2-0.0", "1-0.0", "2-0.0", "2-0.1", "2-1.0", "1-0.0", "1-1.0"]
        await read_by_key(app, pilot, "n")
        assert not any(is_read(app, item_id) for item_id in passed)


async def test_an_item_in_the_focused_reader_turns_read(tmp_path: Path) -> None:
    app = reading_app(tmp_path, 0.001)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "tab", "j", "enter")  # the tree, its second item, into the reader
        assert isinstance(app.focused, ItemReader)
        await wait_until(pilot, lambda: is_read(app, "3-0.1"), "3-0.1 read")
        await press(pilot, "right_curly_bracket")  # sections, with the reader focused: read
        await wait_until(pilot, lambda: is_read(app, "3-1.0"), "3-1.0 read")
        assert not is_read(app, "3-0.0")


async def test_leaving_the_reader_before_the_delay_keeps_the_item_unread(
    tmp_path: Path,
) -> None:
    app = reading_app(tmp_path, 60)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "tab", "enter")
        assert app.reader.reading_timer.timing == "3-0.0"
        await press(pilot, "h")  # back to the tree after a glance
        assert app.reader.reading_timer.timing is None


async def test_an_item_brought_by_a_reading_key_is_timed_wherever_the_focus_is(
    tmp_path: Path,
) -> None:
    app = reading_app(tmp_path, 60)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "n")  # from the issue list
        assert app.reader.reading_timer.timing == "3-0.1"
        await press(pilot, "tab", "tab", "h")  # through the reader and out again
        assert app.reader.reading_timer.timing == "3-0.1"
        await press(pilot, "p")
        assert app.reader.reading_timer.timing == "3-0.0"
