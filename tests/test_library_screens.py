"""Pilot tests of the library's screens: tag editor, note editor, library view, export dialog.

Each screen is pushed on a bare host app and judged by what it holds and what it dismisses
with, as the reader app will use it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from screen_text import screen_text
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, OptionList, RadioButton, Static, TextArea
from waiting import wait_until

from tui.library import LibraryRecord, Snapshot
from tui.screens.export_dialog import ExportDialog, Exported
from tui.screens.library_screen import EMPTY_LIBRARY, LibraryScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.tag_editor import TagEditor, split_tags
from tui.settings import ExportChoice
from tui.typeset.cells import cell_width
from tui.typeset.wrap import wrap_paragraph
from widgets.library_list import RecordOption
from widgets.wrapped_text import WrappedText

SIZE = (120, 40)


class Host(App[None]):
    """Pushes one screen at start and keeps what it dismisses with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, self.results.append)


def _text(static: Static) -> str:
    return str(static.render())


def record(
    n: int,
    number: int = 393,
    tags: tuple[str, ...] = (),
    note: str = "",
    bookmarked: bool = True,
    in_archive: bool = True,
) -> LibraryRecord:
    snap = Snapshot(
        id=f"{number}-{n:06x}",
        number=number,
        date=date(2023, 12, 18),
        section="要闻",
        headline=f"新闻标题 {n}",
        paragraphs=(f"第 {n} 条的正文。",),
        position=n,
    )
    return LibraryRecord(snap, bookmarked, tags, note, read=False, in_archive=in_archive)


# The tag editor.


def test_split_tags_accepts_chinese_and_ascii_separators() -> None:
    assert split_tags(" AI，短剧、政策;AI  #行业 ") == ("AI", "短剧", "政策", "行业")


async def test_tag_editor_completes_from_known_tags_and_saves() -> None:
    host = Host(TagEditor("标题", ["AI"], known_tags=["短剧", "政策", "AI"]))
    async with host.run_test(size=SIZE) as pilot:
        field = host.screen.query_one(Input)
        assert field.value == "AI "
        await pilot.press("短")
        await pilot.pause()
        assert "AI 短剧" in screen_text(host)  # "剧" suggested after what was typed
        assert "短剧" in host.screen.query_one("#tag-known", WrappedText).text
        await pilot.press("right", "space", "#", "x", "enter")
    assert host.results == [("AI", "短剧", "x")]


async def test_tag_editor_escape_cancels() -> None:
    host = Host(TagEditor("标题", ["AI"], known_tags=[]))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("b", "escape")
    assert host.results == [None]


# The note editor.


async def test_note_editor_saves_markup_literally() -> None:
    host = Host(NoteEditor("标题", "第一行"))
    async with host.run_test(size=SIZE) as pilot:
        area = host.screen.query_one(TextArea)
        assert area.has_focus
        area.insert("\n[bold]x[/bold] **y**")
        await pilot.press("ctrl+s")
    assert host.results == ["第一行\n[bold]x[/bold] **y**"]


async def test_note_editor_asks_before_dropping_changes() -> None:
    host = Host(NoteEditor("标题", ""))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("a", "escape")
        assert host.results == []
        assert "未保存" in _text(host.screen.query_one("#note-warning", Static))
        await pilot.press("escape")
    assert host.results == [None]


# The library view.


LIBRARY = [
    record(1, tags=("政策", "AI"), note="[bold]不是粗体[/bold]\n第二行"),
    record(2, tags=("AI",)),
    record(3, number=403, bookmarked=True),
    record(4, number=390, note="旧文件", in_archive=False),
    record(5, bookmarked=False),  # only read: not listed
]


def _listed(screen: Screen[Any]) -> list[str]:
    """The list as text: headings as-is, items as their ids."""
    lines = []
    for option in screen.query_one(OptionList).options:
        lines.append(option.record.id if isinstance(option, RecordOption) else str(option.prompt))
    return lines


async def test_library_view_groups_by_tag_then_issue() -> None:
    screen = LibraryScreen(LIBRARY)
    host = Host(screen)
    async with host.run_test(size=SIZE) as pilot:
        assert _listed(screen) == [
            "#AI  2", "393-000001", "393-000002",
            "#政策  1", "393-000001",
            "（无标签）  2", "390-000004", "403-000003",
        ]  # fmt: skip
        await pilot.press("s")
        assert _listed(screen) == [
            "第 403 期 · 2023-12-18  1", "403-000003",
            "第 393 期 · 2023-12-18  2", "393-000001", "393-000002",
            "第 390 期 · 2023-12-18  1", "390-000004",
        ]  # fmt: skip
        assert [r.id for r in screen.shown] == [
            "403-000003",
            "393-000001",
            "393-000002",
            "390-000004",
        ]


async def test_library_view_shows_notes_literally_and_marks_missing_items() -> None:
    host = Host(LibraryScreen(LIBRARY))
    async with host.run_test(size=SIZE) as pilot:
        detail = host.screen.query_one("#library-detail", WrappedText)
        assert "[bold]不是粗体[/bold]\n第二行" in detail.text
        items = host.screen.query_one(OptionList)
        items.highlighted = _listed(host.screen).index("390-000004")
        await pilot.pause()
        assert "不在存档中" in detail.text
        assert "不在存档中" in str(items.highlighted_option.prompt)  # type: ignore[union-attr]


async def test_library_view_filters_and_opens_the_chosen_item() -> None:
    screen = LibraryScreen(LIBRARY)
    host = Host(screen)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "#", "政", "enter")
        assert [r.id for r in screen.shown] == ["393-000001"]
        await pilot.press("enter")
    assert host.results == ["393-000001"]


async def test_library_view_filter_with_no_match_and_empty_library() -> None:
    host = Host(LibraryScreen(LIBRARY))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "z", "z", "z")
        assert _listed(host.screen) == ["没有符合筛选的条目。"]
        await pilot.press("escape")
    assert host.results == [None]
    empty = Host(LibraryScreen([]))
    async with empty.run_test(size=SIZE):
        assert _listed(empty.screen) == [EMPTY_LIBRARY]


# The export dialog.


async def test_export_dialog_writes_the_bookmarked_items(tmp_path: Path) -> None:
    dialog = ExportDialog(LIBRARY, tmp_path, exported_at=lambda: "2024-03-01T00:00:00+00:00")
    host = Host(dialog)
    async with host.run_test(size=SIZE) as pilot:
        # State, not clicks: a click lands wherever the layout has put the button so far.
        dialog.query_one("#export-json", RadioButton).value = True
        field = dialog.query_one("#export-path", Input)
        await wait_until(pilot, lambda: field.value.endswith(".json"), "the .json suffix")
        path = field.value
        assert "将导出 4 条" in _text(host.screen.query_one("#export-summary", Static))
        await pilot.press("ctrl+s")
        await host.workers.wait_for_complete()
        await pilot.pause()
    [written] = host.results
    assert written == Exported(Path(path), ExportChoice("json", "bookmarked"), 4)
    document = json.loads(written.path.read_text(encoding="utf-8"))
    assert document["count"] == 4 and document["exported_at"] == "2024-03-01T00:00:00+00:00"


async def test_export_dialog_asks_before_overwriting(tmp_path: Path) -> None:
    target = tmp_path / "mine.md"
    target.write_text("keep me")
    host = Host(ExportDialog(LIBRARY, tmp_path))
    async with host.run_test(size=SIZE) as pilot:
        dialog = host.screen_under_test
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path", Input).value = "mine.md"
        dialog.query_one("#export-all", RadioButton).value = True
        await wait_until(pilot, lambda: dialog.chosen.everything, "the scope set to all")
        warning = dialog.query_one("#export-warning", Static)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "已存在" in _text(warning), "the overwrite warning")
        assert target.read_text() == "keep me" and host.results == []
        await pilot.press("ctrl+s")  # the second press overwrites
        await wait_until(pilot, lambda: host.results, "the dialog dismissed")
    assert [done.path for done in host.results] == [target]
    text = target.read_text(encoding="utf-8")
    assert 'filter: "all"' in text and "count: 4" in text


async def test_export_dialog_reports_a_failed_write(tmp_path: Path) -> None:
    host = Host(ExportDialog(LIBRARY, tmp_path / "missing-folder"))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await host.workers.wait_for_complete()
        await pilot.pause()
        assert "导出失败" in _text(host.screen.query_one("#export-warning", Static))
        await pilot.press("escape")
    assert host.results == [None]


# Control characters: shown as pictures, saved back as they were.


async def test_note_editor_shows_escape_sequences_and_keeps_them() -> None:
    note = "红 \x1b[31mred\x1b[0m\r\n[b]x[/b]"
    host = Host(NoteEditor("标题", note))
    async with host.run_test(size=SIZE) as pilot:
        assert host.screen.query_one(TextArea).text == "红 ␛[31mred␛[0m\n[b]x[/b]"
        await pilot.press("ctrl+s")
    assert host.results == [note]


async def test_tag_editor_keeps_control_characters_in_tags() -> None:
    host = Host(TagEditor("标题", ["\x1b[1m"], known_tags=[]))
    async with host.run_test(size=SIZE) as pilot:
        assert host.screen.query_one(Input).value == "␛[1m "
        await pilot.press("enter")
    assert host.results == [("\x1b[1m",)]


CHINESE_WITH_SPACES = "2 月 19 日，国务院国资委召开“AI 赋能 产业焕新”中央企业人工智能专题会。" * 2


async def test_wrapped_text_fills_each_line_and_keeps_markup_literal() -> None:
    class Page(Screen[None]):
        def compose(self) -> ComposeResult:
            yield WrappedText((CHINESE_WITH_SPACES, "bold"), "[b]x[/b]", id="text")

    host = Host(Page())
    async with host.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        widget = host.screen.query_one(WrappedText)
        lines = [line for line, _style in widget.lines(40)]
        assert lines == [*wrap_paragraph(CHINESE_WITH_SPACES, 40), "[b]x[/b]"]
        assert all(cell_width(line) >= 38 for line in lines[:-2])  # filled, not ragged
        assert widget.size.height == len(lines)
        shown = screen_text(host).split("\n")
        assert shown[: len(lines)] == lines
        await pilot.resize_terminal(30, 12)
        await pilot.pause()
        assert widget.size.height == len(wrap_paragraph(CHINESE_WITH_SPACES, 30)) + 1


async def test_dialog_headlines_are_set_as_chinese() -> None:
    for screen in (TagEditor(CHINESE_WITH_SPACES, (), ()), NoteEditor(CHINESE_WITH_SPACES, "")):
        host = Host(screen)
        async with host.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            headline = host.screen.query_one(WrappedText)
            width = headline.content_size.width
            assert headline.size.height == len(wrap_paragraph(CHINESE_WITH_SPACES, width))
