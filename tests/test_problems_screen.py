"""Skipped files and warnings: a short toast after loading, the details behind `!`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from notices import Notices
from screen_text import screen_text
from test_app_navigation import make_archive, make_issue, press, reader_item, started
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive.model import Archive, SkippedFile
from tui.screens.problems import (
    NOTHING_WRONG,
    SHOWN_AT_MOST,
    ProblemsScreen,
    problems_notice,
)
from widgets.item_reader import ItemReader
from widgets.wrapped_text import WrappedText

LONG_DIR = "一个很长的文件夹名字" * 4


def troubled_archive(root: Path) -> Archive:
    truncated = dataclasses.replace(
        make_issue(2), source=root / "002.txt", warnings=("no footer: [bold]truncated[/]",)
    )
    return Archive(
        root,
        (make_issue(1), truncated, make_issue(3)),
        skipped=(
            SkippedFile(root / LONG_DIR / "notes.txt", "no issue number"),
            SkippedFile(root / "[red]x[/].bin", "binary"),
        ),
        warnings=("issue 3 is in more than one file: 003-copy.txt",),
    )


def test_notice_counts_without_paths(tmp_path: Path) -> None:
    archive = troubled_archive(tmp_path)
    assert problems_notice(archive, "!") == "跳过 2 个文件，2 条提示 — 按 ! 查看"
    assert problems_notice(make_archive(tmp_path), "!") is None


async def test_loading_shows_a_short_toast_and_bang_lists_every_problem(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=troubled_archive(tmp_path))
    notices = Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notices) as pilot:
        await started(app, pilot)
        # (Broken into lines for the toast: compare without the line breaks.)
        assert notices.texts() == ["跳过2个文件，2条提示—按!查看"]
        await press(pilot, "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        shown = screen_text(app)
        assert "[red]x[/].bin" in shown  # a file name is data, not markup
        assert "no issue number" in shown
        assert "issue 3 is in more than one file: 003-copy.txt" in shown
        assert "第 2 期（002.txt）：no footer: [bold]truncated[/]" in shown
        await press(pilot, "exclamation_mark")
        assert not isinstance(app.screen, ProblemsScreen)
        assert reader_item(app) == "3-0.0"


async def test_bang_with_nothing_wrong_says_so(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    notices = Notices()
    async with app.run_test(size=(80, 24), notifications=True, message_hook=notices) as pilot:
        await started(app, pilot)
        assert not notices.seen
        await press(pilot, "exclamation_mark")
        assert NOTHING_WRONG in screen_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_hostile_file_names_are_shown_on_one_line_and_never_raw(tmp_path: Path) -> None:
    """A file named with a newline, an escape sequence or a bidi override is one line on the
    screen, with each control shown as a picture: nothing reaches the terminal raw."""
    hostile = "new\nline\x1b[2J\u202eexe.pdf"
    copy = dataclasses.replace(make_issue(2), source=tmp_path / hostile, warnings=("w\x1b[31m",))
    archive = Archive(
        tmp_path,
        (make_issue(1), copy, make_issue(3)),
        skipped=(SkippedFile(tmp_path / hostile, "binary\x07"),),
        warnings=(f"issue 2 is in more than one file: {hostile}",),
    )
    app = ZhoubaoApp(tmp_path, archive=archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        shown = screen_text(app)
        for raw in ("\n" + "line", "\x1b", "\u202e", "\x07"):
            assert raw not in shown
        assert "new␊line␛[2J\ufffdexe.pdf" in shown
        assert "第 2 期（new␊line␛[2J\ufffdexe.pdf）：w␛[31m" in shown
        assert "issue 2 is in more than one file: new␊line" in shown


async def test_an_empty_archive_says_so_in_full_however_narrow_the_reader(tmp_path: Path) -> None:
    """The reason nothing is shown is wrapped in the reader pane, not cut at its edge."""
    folder = tmp_path / "一个很长的文件夹名字，比阅读栏还宽"
    folder.mkdir()
    app = ZhoubaoApp(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.reader.query_one(ItemReader)
        await wait_until(pilot, lambda: app.reader.archive is not None, "the folder read")
        await pilot.pause()
        shown = "".join(reader.render_line(y).text.strip() for y in range(8))
    assert f"{folder}中没有可读的期刊。" in shown.replace(" ", "")


async def test_thousands_of_skipped_files_open_the_list_at_once(tmp_path: Path) -> None:
    """A folder of other documents: the list shows the first ones and counts the rest (it
    made two widgets per file, and 3,000 files froze the screen for 6 s)."""
    skipped = tuple(SkippedFile(tmp_path / f"other-{n:04}.txt", "no masthead") for n in range(3000))
    archive = Archive(tmp_path, (make_issue(1),), skipped=skipped)
    app = ZhoubaoApp(tmp_path, archive=archive)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await press(pilot, "exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        assert len(app.screen.query(WrappedText)) <= 2 * SHOWN_AT_MOST + 1
        assert (
            "还有 2,900 条没有列出（zhoubao list 列出全部）"
            in app.screen.query(WrappedText)[-1].text
        )
