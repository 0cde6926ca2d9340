"""Pilot tests of the reader's keys: which item the reader shows after each key."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive.model import Archive, Issue, Item, Section, SummaryBullet
from tui.navigation import Position, ReadingOrder
from widgets import issue_list
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader
from widgets.library_keys import LibraryKeys
from widgets.section_tree import SectionTree

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
SECTIONS = (("要闻", 2), ("行业", 3))


def make_issue(number: int, sections: tuple[tuple[str, int], ...] = SECTIONS) -> Issue:
    """An issue whose item ids say where they are: "<number>-<section>.<item>"."""
    when = date(2023, 1, 2) + timedelta(weeks=number)
    built = []
    for s, (name, count) in enumerate(sections):
        items = tuple(
            Item(
                id=f"{number}-{s}.{i}",
                headline=f"第{number}期 {name} 条目{i}",
                paragraphs=(f"正文 {number}-{s}.{i}。" * 3,),
                section=name,
                number=number,
                date=when,
            )
            for i in range(count)
        )
        built.append(Section(name, items))
    summary = (SummaryBullet(f"摘要 {number}", f"{number}-1.1"),)
    return Issue(number=number, date=when, sections=tuple(built), summary=summary)


def make_archive(root: Path, numbers: tuple[int, ...] = (1, 2, 3)) -> Archive:
    return Archive(root=root, issues=tuple(make_issue(n) for n in numbers))


def reader_item(app: ZhoubaoApp) -> str | None:
    item = app.screen.query_one(ItemReader).item
    return item.id if item else None


async def started(app: ZhoubaoApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys; wait until what they asked of the app is done and shown (the library's
    writes are made on a thread of their own)."""
    await pilot.press(*keys)
    await pilot.pause()
    await app_drained(pilot)
    await library_settled(pilot)


async def app_drained(pilot: Pilot[None]) -> None:
    """Wait until the App has handled what is queued for it now. A dialog's result reaches
    the callback of the App that pushed it after the keys are handled on the screen
    (`Screen.dismiss` schedules it): the callback may ask the library for a change, which
    `library_settled` could not know of before it is asked."""
    handled = asyncio.Event()
    if pilot.app.call_later(handled.set):
        await handled.wait()


async def library_settled(pilot: Pilot[None]) -> None:
    """Wait until every change asked of the library has been made and shown."""
    keys = pilot.app.query(LibraryKeys)
    await wait_until(pilot, lambda: all(k.settled for k in keys), "the library's writes")


@pytest.fixture
def app(tmp_path: Path) -> ZhoubaoApp:
    return ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))


async def test_opens_at_the_newest_issue_first_item(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        assert reader_item(app) == "3-0.0"
        assert app.screen.query_one(IssueList).numbers == [3, 2, 1]
        assert isinstance(app.focused, IssueList)


async def test_n_runs_through_sections_and_into_the_next_issue(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        seen = [reader_item(app)]
        for _ in range(6):
            await press(pilot, "n")
            seen.append(reader_item(app))
        assert seen == ["3-0.0", "3-0.1", "3-1.0", "3-1.1", "3-1.2", "2-0.0", "2-0.1"]
        assert app.screen.query_one(IssueList).cursor == 1
        await press(pilot, "p", "p")
        assert reader_item(app) == "3-1.2"


async def test_brackets_move_by_issue_and_braces_by_section(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "right_square_bracket")
        assert reader_item(app) == "2-0.0"
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert reader_item(app) == "1-0.0"
        await press(pilot, "left_square_bracket")
        assert reader_item(app) == "2-0.0"
        await press(pilot, "right_curly_bracket")
        assert reader_item(app) == "2-1.0"
        await press(pilot, "right_curly_bracket")
        assert reader_item(app) == "1-0.0"
        await press(pilot, "left_curly_bracket")
        assert reader_item(app) == "2-1.0"
        await press(pilot, "left_curly_bracket")
        assert reader_item(app) == "2-0.0"


async def test_issue_list_keys_first_last_and_digits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The digits' pause is read from a clock of the test's own: a loaded machine could take
    # longer than the pause between two key presses, and waiting for one costs time.
    clock = [1000.0]
    monkeypatch.setattr(issue_list, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    archive = make_archive(tmp_path, (5, 12, 120, 121, 393))
    app = ZhoubaoApp(tmp_path, archive=archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "G")
        assert reader_item(app) == "5-0.0"
        await press(pilot, "g")
        assert reader_item(app) == "393-0.0"
        await press(pilot, "1", "2", "1")
        assert reader_item(app) == "121-0.0"
        clock[0] += issue_list.DIGIT_PAUSE_S + 0.1  # a pause starts a new number
        await press(pilot, "1", "2")
        assert reader_item(app) == "12-0.0"
        await press(pilot, "k")
        assert reader_item(app) == "120-0.0"


async def test_tree_cursor_shows_items_and_enter_focuses_the_reader(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "tab")
        assert isinstance(app.focused, SectionTree)
        await press(pilot, "j")
        assert reader_item(app) == "3-0.1"
        await press(pilot, "j")  # over the 行业 heading to its first item
        assert reader_item(app) == "3-1.0"
        await press(pilot, "enter")
        assert isinstance(app.focused, ItemReader)
        await press(pilot, "h")
        assert isinstance(app.focused, SectionTree)
        await press(pilot, "h", "h")
        assert isinstance(app.focused, IssueList)
        await press(pilot, "l", "l", "l")
        assert isinstance(app.focused, ItemReader)


async def test_a_summary_bullet_shows_the_item_it_announces(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "tab", "k")  # from the first item up to the 摘要 bullet
        tree = app.screen.query_one(SectionTree)
        assert tree.rows[tree.cursor].kind == "bullet"
        assert reader_item(app) == "3-1.1"
        assert tree.shown_item == "3-1.1"  # the item's own row is marked as on show
        row = next(i for i, r in enumerate(tree.rows) if r.kind == "item" and r.item_id == "3-1.1")
        shown_style = tree.get_component_rich_style("section-tree--shown", partial=True)
        label = tree.render_row(row, 40, False).spans[-1]
        assert label.style == shown_style
        await press(pilot, "enter")
        assert isinstance(app.focused, ItemReader)
        assert reader_item(app) == "3-1.1"


async def test_clicking_a_tree_row_shows_its_item(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        tree = app.screen.query_one(SectionTree)
        row = next(i for i, r in enumerate(tree.rows) if r.item_id == "3-1.2" and r.kind == "item")
        await pilot.click(SectionTree, offset=(4, row + 1))  # +1: the border
        await pilot.pause()
        assert reader_item(app) == "3-1.2"


async def test_space_pages_the_reader_then_goes_on_to_the_next_item(tmp_path: Path) -> None:
    issue = make_issue(7)
    long_item = Item(
        "7-long", "很长的条目", tuple(f"第 {i} 段。" * 30 for i in range(12)), "要闻", 7, issue.date
    )
    first = Section("要闻", (long_item, *issue.sections[0].items))
    archive = Archive(tmp_path, (Issue(7, issue.date, (first, *issue.sections[1:])),))
    app = ZhoubaoApp(tmp_path, archive=archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        reader = app.screen.query_one(ItemReader)
        assert reader.max_scroll_y > 0
        pages = 0
        while reader_item(app) == "7-long" and pages < 50:
            await press(pilot, "space")
            pages += 1
        assert reader_item(app) == "7-0.0"
        assert pages > 2
        assert reader.scroll_y == 0


async def test_zoom_hides_the_list_and_tree_and_comes_back(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        reader = app.screen.query_one(ItemReader)
        narrow = reader.size.width
        await press(pilot, "z")
        assert not app.screen.query_one(IssueList).display
        assert reader.size.width > narrow
        assert isinstance(app.focused, ItemReader)
        await press(pilot, "z")
        assert app.screen.query_one(IssueList).display
        assert reader.size.width == narrow


async def test_y_copies_headline_meta_line_and_body(app: ZhoubaoApp) -> None:
    copied: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
        await press(pilot, "y")
    assert len(copied) == 1
    lines = copied[0].splitlines()
    assert lines[0] == "第3期 要闻 条目0"
    assert lines[1].startswith("行业动态周报 第 3 期 · ")
    assert "正文 3-0.0。" in copied[0]


async def test_narrow_terminal_lists_issue_numbers_and_dates(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        issue_list = app.screen.query_one(IssueList)
        first_row = issue_list.render_line(0).text
        assert first_row.strip().rstrip("•★ ") == "3 23-01-23"  # number, date, marks
    wide = ZhoubaoApp(app.archive_root, archive=app.reader.archive)
    async with wide.run_test(size=(120, 36)) as pilot:
        await started(wide, pilot)
        first_row = wide.screen.query_one(IssueList).render_line(0).text
        assert "3" in first_row and "2023-01-23" in first_row and "5条" in first_row


async def test_reload_rereads_the_folder_and_keeps_the_position(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    app = ZhoubaoApp(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "right_square_bracket", "n", "n")
        before = reader_item(app)
        assert before is not None and before.startswith("393-")
        (root / "403-2024-02-26.md").unlink()
        await press(pilot, "r")
        await started(app, pilot)
        assert app.screen.query_one(IssueList).numbers == [393]
        assert reader_item(app) == before


def test_reading_order_at_the_ends(tmp_path: Path) -> None:
    order = ReadingOrder(make_archive(tmp_path))
    assert order.previous_item(Position(0, "3-0.0")) is None
    assert order.next_item(Position(2, "1-1.2")) is None
    assert order.previous_section(Position(0, "3-0.1")) is None
    assert order.next_section(Position(2, "1-1.0")) is None
    assert order.previous_section(Position(1, "2-0.1")) == (0, "3-1.0")
    assert order.next_item(Position(1, "2-1.2")) == (2, "1-0.0")
    assert order.locate("2-1.1") == (1, "2-1.1")
    assert order.locate("9-nothing") is None


async def test_slash_searches_and_enter_opens_the_hit_in_the_reader(tmp_path: Path) -> None:
    from tui.archive import load_archive
    from tui.screens.search import SearchScreen

    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"越南通信传媒部")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await press(pilot, "enter")
        assert not isinstance(app.screen, SearchScreen)
        item = app.screen.query_one(ItemReader).item
        assert item is not None and "越南通信传媒部" in item.headline
        assert isinstance(app.focused, ItemReader)
        assert app.screen.query_one(IssueList).cursor == 1  # issue 393, below 403


async def test_open_item_of_an_unknown_id_changes_nothing(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        app.reader.open_item("999-nothing")
        await pilot.pause()
        assert reader_item(app) == "3-0.0"


async def test_an_empty_folder_opens_and_says_so(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await press(pilot, "n", "right_square_bracket", "space", "y", "G", "tab", "j", "enter")
        assert reader_item(app) is None
        assert app.reader.sub_title == "0 期 · 0 条"
        assert app.is_running


async def test_an_issue_without_items_is_passed_over_by_n(tmp_path: Path) -> None:
    empty = Issue(number=2, date=date(2023, 6, 1), sections=(Section("要闻", ()),))
    archive = Archive(tmp_path, (make_issue(1), empty, make_issue(3)))
    app = ZhoubaoApp(tmp_path, archive=archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "right_curly_bracket")
        assert reader_item(app) == "3-1.0"
        await press(pilot, "right_curly_bracket")
        assert reader_item(app) == "1-0.0"
        await press(pilot, "k")  # the list cursor onto the empty issue
        assert reader_item(app) is None
        assert app.screen.query_one(SectionTree).rows[0].text == "要闻"


async def test_command_palette_offers_search() -> None:
    from textual.command import CommandList, CommandPalette

    from tui.archive import load_archive
    from tui.screens.search import SearchScreen

    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"搜索")
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0, "the palette's matches")
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_g_and_g_in_the_tree_keep_the_cursor_on_the_item_in_the_reader(
    app: ZhoubaoApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        tree = app.screen.query_one(SectionTree)
        await press(pilot, "tab", "G")
        assert reader_item(app) == "3-1.2" == tree.rows[tree.cursor].item_id
        await press(pilot, "g")
        assert reader_item(app) == "3-0.0" == tree.rows[tree.cursor].item_id
        assert tree.rows[tree.cursor].kind == "item"
        assert tree.scroll_offset.y == 0  # the 摘要 above the first item in view


async def test_a_restored_position_deep_in_the_tree_is_in_view(tmp_path: Path) -> None:
    sections = tuple((f"栏目{s}", 8) for s in range(6))  # 54 rows: more than the pane shows
    archive = Archive(tmp_path, (make_issue(1, sections), make_issue(2, sections)))
    first = ZhoubaoApp(tmp_path, archive=archive)
    async with first.run_test(size=(100, 30)) as pilot:
        await started(first, pilot)
        await press(pilot, "j", "tab", "G", "k")
        assert reader_item(first) == "1-5.6"
        await press(pilot, "q")
    again = ZhoubaoApp(tmp_path, archive=archive)
    async with again.run_test(size=(100, 30)) as pilot:
        await started(again, pilot)
        tree = again.screen.query_one(SectionTree)
        assert reader_item(again) == "1-5.6" == tree.rows[tree.cursor].item_id
        top, height = tree.scroll_offset.y, tree.scrollable_content_region.height
        assert top <= tree.cursor < top + height
        await press(pilot, "l", "j")
        assert reader_item(again) == "1-5.7" == tree.rows[tree.cursor].item_id
