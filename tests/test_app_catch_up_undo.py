"""Pilot tests: catching up (`M`), undo and redo (ctrl+z / U, ctrl+y), batches that ask.

What a key did is checked in the library file as another process would read it, and on
screen. The library writes on a thread of its own: `press` waits until they are made.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_app_library import issue_row, ready, stored, tree_row
from test_app_navigation import make_archive, press
from textual.pilot import Pilot
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive.model import Archive
from tui.library.records import Snapshot
from tui.screens.catch_up import CatchUpDialog
from tui.screens.confirm import ConfirmDialog
from tui.screens.search import SearchScreen
from tui.screens.tag_editor import TagEditor

SIZE = (120, 36)


def new_app(root: Path, numbers: tuple[int, ...] = (1, 2, 3)) -> ZhoubaoApp:
    built = ZhoubaoApp(root, archive=make_archive(root, numbers))
    built.reader.reading_timer.delay_s = 60  # nothing turns read behind the test's back
    return built


@pytest.fixture
def app(tmp_path: Path) -> ZhoubaoApp:
    return new_app(tmp_path)


def ids(issue: int) -> list[str]:
    return [f"{issue}-0.0", f"{issue}-0.1", f"{issue}-1.0", f"{issue}-1.1", f"{issue}-1.2"]


def read_ids() -> set[str]:
    with stored() as store:
        return set(store.view.read_ids)


async def catch_up(pilot: Pilot[None], down: int) -> None:
    """`M`, the `down`-th choice, Enter; wait for the write."""
    await press(pilot, "M")
    assert isinstance(pilot.app.screen, CatchUpDialog)
    await press(pilot, *["j"] * down, "enter")
    assert not isinstance(pilot.app.screen, CatchUpDialog)


async def test_M_marks_the_issue_read_and_ctrl_z_takes_it_back(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "•5" in issue_row(app, 0)
        await press(pilot, "m")  # one item read by hand first
        await catch_up(pilot, 0)
        assert read_ids() == set(ids(3))
        assert "•" not in issue_row(app, 0) and "•5" in issue_row(app, 1)
        assert "•" not in tree_row(app, "3-1.2")

        await press(pilot, "ctrl+z")
        assert read_ids() == {"3-0.0"}  # the item read before the catch-up stays read
        assert "•4" in issue_row(app, 0) and "•" in tree_row(app, "3-1.2")
        await press(pilot, "ctrl+y")
        assert read_ids() == set(ids(3))
        await press(pilot, "U", "U")  # U undoes too: the catch-up, then the `m`
        assert read_ids() == set()


async def test_M_marks_the_older_issues_or_the_whole_archive_read(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await catch_up(pilot, 1)
        assert read_ids() == {*ids(1), *ids(2)}
        assert "•5" in issue_row(app, 0) and "•" not in issue_row(app, 2)
        await press(pilot, "M")
        dialog = app.screen
        assert isinstance(dialog, CatchUpDialog)
        assert [len(choice.unread) for choice in dialog.choices] == [5, 0, 5]
        await press(pilot, "escape")  # nothing happens
        assert read_ids() == {*ids(1), *ids(2)}
        await catch_up(pilot, 1)  # the older issues have nothing unread: skipped to "all"
        assert read_ids() == {*ids(1), *ids(2), *ids(3)}
        await press(pilot, "ctrl+z")
        assert read_ids() == {*ids(1), *ids(2)}


async def test_undo_after_a_restart_the_same_day(tmp_path: Path) -> None:
    first = new_app(tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await ready(first, pilot)
        await press(pilot, "b", "n", "b")
    with stored() as store:
        assert store.view.bookmarked_ids == {"3-0.0", "3-0.1"}

    again = new_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        await press(pilot, "U")
        with stored() as store:
            assert store.view.bookmarked_ids == {"3-0.0"}
        assert "★" not in tree_row(again, "3-0.1") and "★" in tree_row(again, "3-0.0")


async def test_undo_keeps_another_process_writes(app: ZhoubaoApp, tmp_path: Path) -> None:
    archive: Archive = make_archive(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b")
        with stored() as other:  # `zhoubao bookmark` from a script, meanwhile
            other.add_tags([Snapshot.at(archive.places["3-0.0"])], ["别处"])
            other.set_bookmark(Snapshot.at(archive.places["3-0.1"]))
        await press(pilot, "ctrl+z")
        with stored() as store:
            assert not store.view.is_bookmarked("3-0.0")
            assert store.view.tags_of("3-0.0") == {"别处"}
            assert store.view.is_bookmarked("3-0.1")
        session = app.reader.library
        assert session is not None
        await wait_until(pilot, lambda: session.view.is_bookmarked("3-0.1"), "the watcher")
        assert "★" in tree_row(app, "3-0.1") and "★" not in tree_row(app, "3-0.0")


async def test_undo_is_not_for_a_dialog_editing_text(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b", "t")
        assert isinstance(app.screen, TagEditor)
        await press(pilot, "ctrl+z")
        assert isinstance(app.screen, TagEditor)
        with stored() as store:
            assert store.view.is_bookmarked("3-0.0")


async def test_nothing_to_undo_is_said(app: ZhoubaoApp) -> None:
    said: list[str] = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
        await press(pilot, "ctrl+z", "ctrl+y")
    assert said == ["没有可以撤销的操作。", "没有可以重做的操作。"]


async def search_for(pilot: Pilot[None], query: str) -> SearchScreen:
    app = pilot.app
    await press(pilot, "slash", *query)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await wait_until(pilot, lambda: screen.result is not None, "the search's hits")
    return screen


async def test_ctrl_b_on_more_than_twenty_results_asks_and_toggles(tmp_path: Path) -> None:
    app = new_app(tmp_path, tuple(range(1, 8)))  # 35 items
    everything = {item_id for n in range(1, 8) for item_id in ids(n)}
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        search = await search_for(pilot, "条目")
        assert search.result is not None and len(search.result) == 35
        await press(pilot, "ctrl+b")
        assert isinstance(app.screen, ConfirmDialog)
        assert "35" in app.screen.question
        await press(pilot, "escape")
        with stored() as store:
            assert not store.view.bookmarked_ids
        await press(pilot, "ctrl+b", "enter")
        assert app.screen is search
        with stored() as store:
            assert store.view.bookmarked_ids == everything
        assert search.results.render_row(0, 80, False).plain.startswith("★")

        await press(pilot, "ctrl+b")  # all bookmarked: ctrl+b takes the bookmarks off
        assert isinstance(app.screen, ConfirmDialog) and "取消" in app.screen.question
        await press(pilot, "enter")
        with stored() as store:
            assert not store.view.bookmarked_ids
        assert not search.results.render_row(0, 80, False).plain.startswith("★")

        await press(pilot, "ctrl+z")  # undone from the overlay: the marks come back
        assert app.screen is search
        with stored() as store:
            assert store.view.bookmarked_ids == everything
        assert search.results.render_row(0, 80, False).plain.startswith("★")


async def test_ctrl_b_on_a_few_results_does_not_ask(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b")  # one of them is bookmarked already
        search = await search_for(pilot, "条目0")
        assert search.result is not None
        found = {hit.id for hit in search.result.hits()}
        await press(pilot, "ctrl+b")
        assert app.screen is search
        with stored() as store:
            assert store.view.bookmarked_ids == found
        await press(pilot, "ctrl+z")  # the one bookmarked before stays
        with stored() as store:
            assert store.view.bookmarked_ids == {"3-0.0"}


async def test_a_zhoubao_bookmark_process_writing_meanwhile_keeps_its_writes(
    tmp_path: Path,
) -> None:
    """The real CLI in a second process, between the app's catch-up and its undo."""
    from test_app_navigation import SAMPLES

    app = ZhoubaoApp(SAMPLES)
    app.reader.reading_timer.delay_s = 60
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        archive = app.reader.archive
        assert archive is not None
        ids = list(archive.places)
        await catch_up(pilot, 2)  # the whole archive
        assert read_ids() == set(ids)
        script = [sys.executable, "-m", "tui.cli.main", "bookmark", ids[3], str(SAMPLES)]
        done = subprocess.run([*script, "--tag", "脚本"], capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        await press(pilot, "ctrl+z")
        with stored() as store:
            assert not store.view.read_ids  # the catch-up is undone…
            assert store.view.is_bookmarked(ids[3])  # …and the script's write stays
            assert store.view.tags_of(ids[3]) == {"脚本"}


def library_state() -> tuple[frozenset[str], frozenset[str], str, frozenset[str]]:
    """Bookmarks, the tags and note of 3-0.0, read marks: as stored."""
    with stored() as store:
        view = store.view
        return (
            frozenset(view.bookmarked_ids),
            frozenset(view.tags_of("3-0.0")),
            view.note_of("3-0.0"),
            frozenset(view.read_ids),
        )


async def test_undo_and_redo_walk_back_and_forth_through_every_kind_of_action(
    tmp_path: Path,
) -> None:
    app = new_app(tmp_path)
    states = [library_state()]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b")  # a bookmark
        states.append(library_state())
        await press(pilot, "t", *"AI", "enter")  # tags
        states.append(library_state())
        await press(pilot, "a", *"note", "ctrl+s")  # a note
        states.append(library_state())
        await press(pilot, "n", "m")  # a read mark, on 3-0.1
        states.append(library_state())
        await catch_up(pilot, 0)  # the issue
        states.append(library_state())
        search = await search_for(pilot, "第2期 条目")
        assert search.result is not None and 1 < len(search.result) <= 20
        await press(pilot, "ctrl+b", "escape")  # a batch, from search
        states.append(library_state())
        assert len(set(states)) == len(states)  # each action changed the library

        for back in range(len(states) - 2, -1, -1):
            await press(pilot, "U")
            assert library_state() == states[back], back
        await press(pilot, "ctrl+z")  # nothing left to undo: nothing changes
        assert library_state() == states[0]
        for forward in range(1, len(states)):
            await press(pilot, "ctrl+y")
            assert library_state() == states[forward], forward

        for back in range(len(states) - 2, len(states) - 4, -1):  # two undone before quitting
            await press(pilot, "ctrl+z")
            assert library_state() == states[back]

    again = new_app(tmp_path)  # the same day, after a restart: the history goes on
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        await press(pilot, "ctrl+y", "ctrl+y")
        assert library_state() == states[-1]
        await press(pilot, "U", "U", "U")
        assert library_state() == states[-4]
