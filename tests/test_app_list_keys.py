"""j/k, g/G and ctrl+d/ctrl+u move every list and scroll every dialog, not only the arrows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_app_navigation import make_archive, make_issue, press, reader_item, started
from test_library_screens import Host, record
from textual.widgets import OptionList

from tui.app import ZhoubaoApp
from tui.archive.model import Archive, Item, Section
from tui.screens.help import HelpScreen
from tui.screens.library_screen import LibraryScreen
from tui.screens.problems import ProblemsScreen
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader
from widgets.key_scroll import KeyScroll
from widgets.section_tree import SectionTree

SIZE = (120, 36)


async def test_ctrl_d_and_ctrl_u_move_the_issue_list_half_a_page(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path, tuple(range(1, 81))))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        issues = app.screen.query_one(IssueList)
        half = issues.scrollable_content_region.height // 2
        await press(pilot, "ctrl+d")
        assert issues.cursor == half
        assert reader_item(app) == f"{80 - half}-0.0"
        await press(pilot, "ctrl+d", "ctrl+u")
        assert issues.cursor == half
        await press(pilot, "G", "ctrl+u", "g")
        assert issues.cursor == 0


async def test_ctrl_d_moves_the_tree_half_a_page_over_headings(tmp_path: Path) -> None:
    sections = tuple((f"栏目{s}", 6) for s in range(8))
    app = ZhoubaoApp(tmp_path, archive=Archive(tmp_path, (make_issue(1, sections),)))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await press(pilot, "tab")
        tree = app.screen.query_one(SectionTree)
        start = tree.cursor
        await press(pilot, "ctrl+d")
        assert tree.cursor >= start + tree.scrollable_content_region.height // 2
        assert tree.rows[tree.cursor].kind == "item"
        assert reader_item(app) == tree.rows[tree.cursor].item_id
        await press(pilot, "ctrl+u")
        assert tree.cursor < start + tree.scrollable_content_region.height // 2


async def test_ctrl_d_and_ctrl_u_scroll_the_reader(tmp_path: Path) -> None:
    when = date(2024, 1, 1)
    long_item = Item("5-long", "长文", tuple("第一段。" * 40 for _ in range(20)), "要闻", 5, when)
    archive = Archive(tmp_path, (make_issue(4), make_issue(5)))
    first = Section("要闻", (long_item,))
    issue = archive.issues[1]
    archive = Archive(tmp_path, (archive.issues[0], type(issue)(5, when, (first,))))
    app = ZhoubaoApp(tmp_path, archive=archive)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        reader = app.screen.query_one(ItemReader)
        half = reader.scrollable_content_region.height // 2
        await press(pilot, "l", "l", "ctrl+d")
        assert reader.scroll_y == half
        await press(pilot, "ctrl+d", "ctrl+u")
        assert reader.scroll_y == half
        await press(pilot, "G")
        assert reader.scroll_y == reader.max_scroll_y
        await press(pilot, "g")
        assert reader.scroll_y == 0


async def test_help_scrolls_with_j_k_g_G_and_half_pages(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one(KeyScroll)
        assert scroll.max_scroll_y > 0
        await press(pilot, "j", "j")
        assert scroll.scroll_y == 2
        await press(pilot, "k")
        assert scroll.scroll_y == 1
        await press(pilot, "ctrl+d")
        assert scroll.scroll_y == 1 + scroll.scrollable_content_region.height // 2
        await press(pilot, "G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await press(pilot, "ctrl+u", "g")
        assert scroll.scroll_y == 0


async def test_problems_scroll_with_j_and_G(tmp_path: Path) -> None:
    from test_problems_screen import troubled_archive

    app = ZhoubaoApp(tmp_path, archive=troubled_archive(tmp_path))
    async with app.run_test(size=(80, 12)) as pilot:  # short: the list must scroll
        await started(app, pilot)
        await press(pilot, "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        scroll = app.screen.query_one(KeyScroll)
        assert scroll.max_scroll_y > 0
        await press(pilot, "j")
        assert scroll.scroll_y == 1
        await press(pilot, "G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await press(pilot, "g")
        assert scroll.scroll_y == 0


async def test_library_view_list_moves_with_j_k_g_G() -> None:
    records = [record(n, tags=("AI",) if n % 2 else ()) for n in range(1, 41)]
    host = Host(LibraryScreen(records))
    async with host.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        items = host.screen.query_one(OptionList)
        items.focus()
        await pilot.pause()
        first = items.highlighted
        assert first is not None
        await press(pilot, "j", "j")
        assert items.highlighted == first + 2
        await press(pilot, "k")
        assert items.highlighted == first + 1
        await press(pilot, "G")
        assert items.highlighted == items.option_count - 1
        await press(pilot, "g")
        assert items.highlighted == first
        await press(pilot, "ctrl+d")
        highlighted = items.highlighted
        assert highlighted is not None and highlighted > first + 5
        assert not items.get_option_at_index(highlighted).disabled
        await press(pilot, "ctrl+u")
        assert items.highlighted is not None and items.highlighted < highlighted
        await press(pilot, "s")  # grouping moved off g, which now goes to the top
        assert host.screen.group_by == "issue"
