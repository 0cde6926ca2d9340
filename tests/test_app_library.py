"""Pilot tests of the library keys in the real app: b, t, a, m, u, B, e and the read timer.

Each test has its own data directory (conftest), so the library starts empty; what a key
did is checked in a second `LibraryStore` opened on the same file, and on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notices import Notices
from screen_text import screen_text
from test_app_navigation import SAMPLES, make_archive, press, reader_item
from textual.pilot import Pilot
from waiting import wait_until

from tui import paths
from tui.app import ZhoubaoApp
from tui.library.store import LibraryStore
from tui.screens.export_dialog import ExportDialog
from tui.screens.library_screen import LibraryScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.search import SearchScreen
from tui.screens.tag_editor import TagEditor
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader
from widgets.library_keys import LibraryKeys
from widgets.section_tree import SectionTree
from widgets.title_bar import READ_ONLY_MARK, TitleBar

SIZE = (120, 36)


@pytest.fixture
def app(tmp_path: Path) -> ZhoubaoApp:
    built = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    # Nothing turns read behind a test's back, unless it asks.
    built.reader.reading_timer.delay_s = 60
    return built


async def ready(app: ZhoubaoApp, pilot: Pilot[None]) -> None:
    """The archive is read and the library open and attached."""
    while app.reader.library is None or app.reader.library.archive is None:
        await app.workers.wait_for_complete()
        await pilot.pause()


def stored() -> LibraryStore:
    """The library file as another zhoubao process would see it."""
    return LibraryStore(paths.library_db())


def reader_text(app: ZhoubaoApp) -> str:
    reader = app.screen.query_one(ItemReader)
    return "\n".join(reader.render_line(y).text for y in range(reader.size.height))


def tree_row(app: ZhoubaoApp, item_id: str) -> str:
    tree = app.screen.query_one(SectionTree)
    index = next(
        i for i, row in enumerate(tree.rows) if row.kind == "item" and row.item_id == item_id
    )
    return tree.render_row(index, 40, False).plain


def issue_row(app: ZhoubaoApp, index: int) -> str:
    return app.screen.query_one(IssueList).render_row(index, 30, False).plain


async def test_b_bookmarks_the_item_and_marks_it_in_tree_and_reader(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "★" not in tree_row(app, "3-0.0")
        await press(pilot, "b")
        with stored() as store:
            assert store.view.is_bookmarked("3-0.0")
        assert "★" in tree_row(app, "3-0.0")
        assert "★ 已收藏" in reader_text(app)
        assert "★1" in issue_row(app, 0)
        await press(pilot, "b")
        with stored() as store:
            assert not store.view.is_bookmarked("3-0.0")
        assert "★" not in tree_row(app, "3-0.0") and "★" not in reader_text(app)


async def test_b_works_with_the_reader_focused(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "tab", "enter")
        assert isinstance(app.focused, ItemReader)
        await press(pilot, "b")
        assert app.reader.library is not None and app.reader.library.view.is_bookmarked("3-0.0")


async def test_t_edits_tags_which_are_stored_and_shown(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "t")
        assert isinstance(app.screen, TagEditor)
        await press(pilot, *"AI", "space", *"policy", "enter")
        assert not isinstance(app.screen, TagEditor)
        with stored() as store:
            assert store.view.tags_of("3-0.0") == {"AI", "policy"}
        assert "#AI #policy" in reader_text(app)
        assert reader_item(app) == "3-0.0"  # p and y went to the editor, not to the app
        await press(pilot, "n", "t")  # the next item: the tags in use are offered
        assert isinstance(app.screen, TagEditor)
        assert app.screen.suggester.known == ("AI", "policy")
        await press(pilot, "escape")
        assert app.reader.library is not None and not app.reader.library.view.tags_of("3-0.1")


async def test_a_writes_a_multi_line_note_which_is_stored_and_shown(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, NoteEditor)
        await press(pilot, *"first", "enter", *"second", "ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        with stored() as store:
            assert store.note_of("3-0.0") == "first\nsecond"
        shown = reader_text(app)
        assert "▎ first" in shown and "▎ second" in shown
        await press(pilot, "a")  # the editor opens on the note as saved
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "first\nsecond"


async def test_markup_and_escapes_in_tags_and_notes_show_literally(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.reader.library is not None
        app.reader.library.change_tags("3-0.0", add=["[bold]x"])
        app.reader.library.set_note("3-0.0", "[red]红[/] \x1b[31mesc")
        app.reader.library_keys.post_message(LibraryKeys.MarksChanged())
        await pilot.pause()
        shown = screen_text(app)
        assert "#[bold]x" in shown
        assert "▎ [red]红[/] ␛[31mesc" in shown
        assert "\x1b" not in shown


async def test_m_toggles_read_and_the_counts_follow(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "•5" in issue_row(app, 0)
        assert tree_row(app, "3-0.0").startswith("├ •")
        await press(pilot, "m")
        assert app.reader.library is not None and app.reader.library.view.is_read("3-0.0")
        assert "•4" in issue_row(app, 0)
        assert tree_row(app, "3-0.0").startswith("├  ")
        await press(pilot, "m")
        assert not app.reader.library.view.is_read("3-0.0")
        with stored() as store:
            assert not store.view.is_read("3-0.0")


async def test_an_item_read_for_the_delay_becomes_read(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)  # 3-0.0 on show, its timer set to the fixture's 60 s
        app.reader.reading_timer.delay_s = 0.05
        await press(pilot, "n")  # the timer starts again for the item now on show
        library = app.reader.library
        assert library is not None
        await wait_until(pilot, lambda: library.view.is_read("3-0.1"), "3-0.1 read")
        assert not library.view.is_read("3-0.0")  # left before its time was up
        assert "•4" in issue_row(app, 0)
        with stored() as store:
            assert store.view.is_read("3-0.1")


async def test_paging_past_the_end_marks_the_item_read(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "space")  # a short item: the end is on screen, on to the next
        assert reader_item(app) == "3-0.1"
        assert app.reader.library is not None and app.reader.library.view.is_read("3-0.0")


async def test_u_goes_to_the_next_unread_item(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.reader.library is not None
        for item_id in ("3-0.1", "3-1.0"):
            app.reader.library.mark_read(item_id)
        await press(pilot, "u")
        assert reader_item(app) == "3-1.1"
        await press(pilot, "u", "u")
        assert reader_item(app) == "2-0.0"  # on into the issue below


async def test_library_view_lists_bookmarks_and_opens_the_chosen(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "right_square_bracket", "b", "left_square_bracket")
        assert reader_item(app) == "3-0.0"
        await press(pilot, "B")
        assert isinstance(app.screen, LibraryScreen)
        assert [record.id for record in app.screen.shown] == ["2-0.0"]
        await press(pilot, "enter")
        assert not isinstance(app.screen, LibraryScreen)
        assert reader_item(app) == "2-0.0"
        assert isinstance(app.focused, ItemReader)


async def test_e_exports_to_the_working_directory(app: ZhoubaoApp, working_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b", "e")
        # The dialog opens once the records are read (in a worker).
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), "the dialog")
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        written = list(working_dir.glob("zhoubao-*.md"))
        assert len(written) == 1
        assert "第3期 要闻 条目0" in written[0].read_text(encoding="utf-8")


async def test_a_corrupt_library_is_moved_aside_and_the_app_works(tmp_path: Path) -> None:
    db = paths.library_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await ready(app, pilot)
        warnings = notices.texts("warning")
        assert warnings and "corrupt-" in warnings[0]
        await press(pilot, "b")
        assert app.reader.library is not None and app.reader.library.view.is_bookmarked("3-0.0")
    assert list(db.parent.glob("library.db.corrupt-*"))


async def test_a_read_only_library_says_so_instead_of_failing(
    app: ZhoubaoApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await ready(app, pilot)
        assert app.reader.library is not None
        monkeypatch.setattr(app.reader.library.store, "read_only", True)
        await press(pilot, "b")
        assert notices.texts("error")
        assert not app.reader.library.view.is_bookmarked("3-0.0")


async def test_reload_keeps_the_library_and_its_marks() -> None:
    app = ZhoubaoApp(SAMPLES)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        library = app.reader.library
        await press(pilot, "b", "r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reader.library is library and app.reader.position is not None
        assert "★" in tree_row(app, app.reader.position.item_id) and "★ 已收藏" in reader_text(app)


async def test_search_results_are_bookmarked_and_tagged_all_at_once(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "slash", *"条目1")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.result is not None
        hits = [hit.id for hit in app.screen.result.hits()]
        assert len(hits) > 1
        assert not app.screen.results.render_row(0, 80, False).plain.startswith("★")
        await press(pilot, "ctrl+b")
        assert isinstance(app.screen, SearchScreen)  # the overlay stays open
        assert app.screen.results.render_row(0, 80, False).plain.startswith("★")
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TagEditor)
        await press(pilot, *"batch", "enter")
        assert isinstance(app.screen, SearchScreen)
    with stored() as store:
        assert {i for i in hits if store.view.is_bookmarked(i)} == set(hits)
        assert all(store.view.tags_of(item_id) == {"batch"} for item_id in hits)


async def test_search_filters_on_the_library(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b", "slash", *"is:bookmarked")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.result is not None
        assert [hit.id for hit in app.screen.result.hits()] == ["3-0.0"]


async def test_a_read_only_session_is_marked_in_the_title_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"  # a file where the data folder should be: read-only
    blocker.write_text("")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocker / "zhoubao"))
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert READ_ONLY_MARK in str(app.screen.query_one(TitleBar).render())
        app.reader.action_reload()
        await ready(app, pilot)
        assert READ_ONLY_MARK in str(app.screen.query_one(TitleBar).render())


async def test_a_writable_session_has_no_read_only_mark(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert READ_ONLY_MARK not in str(app.screen.query_one(TitleBar).render())


async def test_export_dialog_fits_80_by_24(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await press(pilot, "e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), "the dialog")
        screen = app.screen
        assert isinstance(screen, ExportDialog)
        box = screen.query_one("ExportDialog > Vertical").region
        assert box.y >= 0 and box.bottom <= 24
        for button in ("#export-go", "#export-cancel"):
            region = screen.query_one(button).region
            assert region.height > 0 and box.contains_region(region)
        await pilot.click("#export-cancel")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
