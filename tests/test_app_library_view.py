"""Pilot tests: the library view (`B`) acts on its items as the reader does, and `o` / `y`
work the same from the library view and from the search overlay.

The library view is a dialog over the reader: its `b`, `t`, `a`, `m` and `x` (remove from
the library) go to the reader's library, and the view is shown the library again after
each change, with the cursor on the same item (or the next one, when its item left).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_app_catch_up_undo import new_app, search_for
from test_app_library import ready, stored
from test_app_navigation import press
from test_app_open_source import PDF, _recording_opener
from textual.pilot import Pilot
from textual.widgets import OptionList
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.opener import OPENER_ENV
from tui.screens.library_screen import LibraryScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.search import SearchScreen
from tui.screens.tag_editor import TagEditor
from tui.typeset import plain_item_text
from widgets.item_reader import ItemReader
from widgets.library_list import RecordOption

SIZE = (120, 36)


@pytest.fixture
def app(tmp_path: Path) -> ZhoubaoApp:
    return new_app(tmp_path)


async def open_view(pilot: Pilot[None]) -> LibraryScreen:
    """`B`, and wait for the records (read in a thread)."""
    await press(pilot, "B")
    view = pilot.app.screen
    assert isinstance(view, LibraryScreen)
    await wait_until(pilot, lambda: view.loaded, "the library view's records")
    return view


def listed(view: LibraryScreen) -> list[str]:
    """The item ids listed, in order (an item once under each of its tags)."""
    options = view.query_one(OptionList).options
    return [o.record.id for o in options if isinstance(o, RecordOption)]


async def changed(pilot: Pilot[None], view: LibraryScreen, condition: str) -> None:
    """Wait until the view shows the library as it is after a change."""
    checks = {
        "gone": lambda: "3-0.0" not in listed(view),
        "back": lambda: "3-0.0" in listed(view),
    }
    await wait_until(pilot, checks[condition], f"the view: {condition}")


async def test_keys_of_the_library_view_act_on_the_item_under_the_cursor(
    app: ZhoubaoApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b", "n", "b", "n", "b")  # three bookmarks, in issue 3
        view = await open_view(pilot)
        assert listed(view) == ["3-0.0", "3-0.1", "3-1.0"]
        assert view.current is not None and view.current.id == "3-0.0"

        await press(pilot, "t")
        assert isinstance(app.screen, TagEditor)
        await press(pilot, *"AI", "enter")
        assert app.screen is view
        tagged = lambda: "#AI" in str(view.query_one(OptionList).options[0].prompt)  # noqa: E731
        await wait_until(pilot, tagged, "the tag listed")
        assert view.current is not None and view.current.id == "3-0.0"  # the cursor stayed
        with stored() as store:
            assert store.view.tags_of("3-0.0") == {"AI"}

        await press(pilot, "a")
        assert isinstance(app.screen, NoteEditor)
        await press(pilot, *"note", "ctrl+s")
        await wait_until(pilot, lambda: view.current is not None and view.current.note, "note")
        await press(pilot, "m")
        await wait_until(pilot, lambda: view.current is not None and view.current.read, "read")
        with stored() as store:
            assert store.view.note_of("3-0.0") == "note" and store.view.is_read("3-0.0")

        await press(pilot, "x")  # out of the library: bookmark, tags and note
        await changed(pilot, view, "gone")
        assert view.current is not None and view.current.id == "3-0.1"  # the next one
        with stored() as store:
            assert not store.view.is_kept("3-0.0")
            assert store.view.is_read("3-0.0")  # reading is not keeping: the mark stays

        await press(pilot, "U")  # undone from the view
        await changed(pilot, view, "back")
        with stored() as store:
            assert store.view.tags_of("3-0.0") == {"AI"} and store.view.is_bookmarked("3-0.0")
            assert store.view.note_of("3-0.0") == "note"

        assert view.current is not None and view.current.id == "3-0.1"  # still there
        await press(pilot, "b")  # the bookmark off an item kept by nothing else
        await wait_until(pilot, lambda: len(listed(view)) == 2, "the unbookmarked item gone")
        assert "3-0.1" not in listed(view)


async def test_the_library_view_groups_by_tag_issue_and_day_kept(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "]", "]", "b", "[", "b", "[", "b")  # issue 1, then 2, then 3
        view = await open_view(pilot)
        assert view.group_by == "tag"
        await press(pilot, "s")
        assert view.group_by == "issue" and listed(view) == ["3-0.0", "2-0.0", "1-0.0"]
        await press(pilot, "s")
        assert view.group_by == "kept"
        assert "按收藏时间" in str(view.query_one("Vertical").border_title)
        assert listed(view) == ["3-0.0", "2-0.0", "1-0.0"]  # the latest kept first
        await press(pilot, "s")
        assert view.group_by == "tag"


async def test_enter_in_the_library_view_opens_the_item_in_the_reader(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "n", "b", "p")
        view = await open_view(pilot)
        await press(pilot, "enter")
        assert app.screen is not view
        reader = app.screen.query_one(ItemReader)
        assert reader.item is not None and reader.item.id == "3-0.1"
        assert isinstance(app.focused, ItemReader)


async def test_y_copies_the_item_from_the_library_view_and_from_search(app: ZhoubaoApp) -> None:
    copied: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
        await press(pilot, "b")
        await open_view(pilot)
        await press(pilot, "y", "escape")
        search = await search_for(pilot, "第2期 行业 条目2")
        await press(pilot, "y")  # typed into the query: the input has the focus
        assert search.query_text.endswith("y") and len(copied) == 1
        await press(pilot, "backspace", "tab")
        assert search.results.has_focus
        await press(pilot, "y")
        assert app.screen is search
    session_archive = app.reader.archive
    assert session_archive is not None
    items = session_archive.places
    assert copied == [plain_item_text(items["3-0.0"].item), plain_item_text(items["2-1.2"].item)]


async def test_o_opens_the_pdf_from_the_library_view_and_from_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(PDF, root / "393 周报.pdf")
    command, record = _recording_opener(tmp_path)
    monkeypatch.setenv(OPENER_ENV, command)
    archive = load_archive(root)
    item = next(item for item in archive.issues[0].items if item.page == 3)
    app = ZhoubaoApp(root, archive=archive)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.reader.open_item(item.id)
        await press(pilot, "b")
        await open_view(pilot)
        await press(pilot, "o")
        await wait_until(pilot, record.exists, "the viewer started from the library view")
        assert record.read_text().splitlines() == [str(root / "393 周报.pdf"), "3"]
        record.unlink()
        await press(pilot, "escape")

        search = await search_for(pilot, item.headline[:8])
        assert search.result is not None and search.result.hit(0).id == item.id
        await press(pilot, "tab", "o")
        await wait_until(pilot, record.exists, "the viewer started from search")
        assert record.read_text().splitlines() == [str(root / "393 周报.pdf"), "3"]
        assert isinstance(app.screen, SearchScreen)
        await press(pilot, "tab")  # back to the input
        assert search.query_one("#search-input").has_focus
