"""Saved searches as views: listed under the issues with hit and unread counts, opened as a
list of items in the tree, read through with n / p, renamed and deleted from the app."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.screens.save_search import SaveSearchDialog
from tui.screens.search import SearchScreen
from tui.search.saved import SavedSearches
from widgets.archive_watcher import ArchiveWatcher
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader
from widgets.section_tree import SectionTree

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


def issue_list(app: ZhoubaoApp) -> IssueList:
    return app.reader.query_one(IssueList)


def counted(app: ZhoubaoApp) -> bool:
    rows = app.reader.view_rows
    return bool(rows) and all(row.hits is not None for row in rows)


async def test_saved_searches_are_views_under_the_issues() -> None:
    saved = SavedSearches.load()
    saved.save("短剧动态", "短剧 -抖音")
    saved.save("人事", "sec:人事")
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.reader.archive is not None, "the archive")
        app.reader.query_one("SearchIndexer").start()  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: counted(app), "the saved searches counted")
        rows = {row.name: row for row in app.reader.view_rows}
        assert rows["人事"].hits == 4
        assert rows["人事"].unread == 4  # nothing read yet
        listing = issue_list(app)
        assert listing.row_count() == 2 + 1 + 2  # two issues, a heading, two views
        assert "人事 4条 •4" in listing.render_row(4, 30, False).plain
        # Down the list onto the first view: its items fill the tree, the newest first.
        issue_list(app).focus()
        await pilot.press("G")
        await wait_until(pilot, lambda: app.reader.view is not None, "the view open")
        view = app.reader.view
        assert view is not None and view.name == "人事"
        tree = app.reader.query_one(SectionTree)
        assert [row.text for row in tree.rows if row.kind == "heading"] == [
            "第 403 期 · 2024-02-26",
            "第 393 期 · 2023-12-18",
        ]
        reader = app.reader.query_one(ItemReader)
        assert reader.item is not None and reader.item.id == view.items[0].id
        await pilot.press("n", "n")
        assert reader.item.id == view.items[2].id and reader.item.number == 393
        await pilot.press("p")
        assert reader.item.id == view.items[1].id
        assert app.reader.current_item is not None
        assert app.reader.current_item.id == view.items[1].id
        await pilot.press("k")  # back up to the other view
        await wait_until(
            pilot, lambda: app.reader.view and app.reader.view.name == "短剧动态", "view"
        )
        assert all("抖音" not in item.body for item in app.reader.view.items)  # type: ignore[union-attr]
        await pilot.press("g")  # the first issue again: the tree lists the issue
        assert app.reader.view is None and tree.issue is not None and tree.issue.number == 403


async def test_rename_and_delete_from_the_app() -> None:
    SavedSearches.load().save("旧名", "腾讯")
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.reader.archive is not None, "the archive")
        await wait_until(pilot, lambda: bool(app.reader.view_rows), "the saved searches")
        issue_list(app).focus()
        await pilot.press("G", "R")
        assert isinstance(app.screen, SaveSearchDialog)
        await pilot.press(*"腾讯动态", "enter")
        await wait_until(pilot, lambda: app.reader.view_rows[0].name == "腾讯动态", "renamed")
        assert [s.name for s in SavedSearches.load().searches] == ["腾讯动态"]
        await pilot.press("delete")
        await wait_until(pilot, lambda: not app.reader.view_rows, "deleted")
        assert SavedSearches.load().searches == []
        assert issue_list(app).row_count() == 2


async def test_ctrl_s_in_search_saves_a_view() -> None:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.reader.archive is not None, "the archive")
        await pilot.press("slash", *"短剧")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the overlay")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveSearchDialog)
        await pilot.press(*"短剧", "enter")
        assert isinstance(app.screen, SearchScreen)
        assert "已保存" in str(app.screen.query_one("#search-message").render())
        assert app.screen.query_one(Input).value == "短剧"
        await pilot.press("escape")
        await wait_until(pilot, lambda: bool(app.reader.view_rows), "the view listed")
        assert [(s.name, s.query) for s in SavedSearches.load().searches] == [("短剧", "短剧")]


async def test_a_file_changing_keeps_the_open_view_at_its_item(tmp_path: Path) -> None:
    """The folder is watched: a file added while a saved search is open in the tree reads
    the folder again, and the view comes back with the item that was being read."""
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    SavedSearches.load().save("人事", "sec:人事")
    app = ZhoubaoApp(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.reader.archive is not None, "the archive")
        watcher = app.reader.query_one(ArchiveWatcher)
        await wait_until(pilot, watcher.watching.is_set, "the folder watched")
        app.reader.query_one("SearchIndexer").start()  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: counted(app), "the saved searches counted")
        issue_list(app).focus()
        await pilot.press("G")
        await wait_until(pilot, lambda: app.reader.view is not None, "the view open")
        await pilot.press("n")
        reader = app.reader.query_one(ItemReader)
        view = app.reader.view
        assert view is not None and reader.item is not None
        reading = reader.item.id
        assert reading == view.items[1].id

        (root / "notes.txt").write_text("not a weekly", encoding="utf-8")
        await wait_until(
            pilot, lambda: bool(app.reader.archive and app.reader.archive.skipped), "read again"
        )

        def reopened() -> bool:
            view = app.reader.view
            return view is not None and view.name == "人事" and reader.item is not None

        await wait_until(pilot, reopened, "the view open again")
        assert reader.item is not None and reader.item.id == reading
        assert issue_list(app).cursor == issue_list(app).view_row("人事")
