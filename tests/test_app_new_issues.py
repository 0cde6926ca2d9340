"""New since last time: 新 in the issue list and N to go there; the folder is watched, so a
new, changed or removed file shows without `r`, with a short notice."""

from __future__ import annotations

import shutil
from pathlib import Path

from notices import Notices
from test_app_navigation import SAMPLES, make_archive, press, reader_item, started
from textual.pilot import Pilot
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.settings import Settings, load_settings, save_settings
from widgets.archive_watcher import ArchiveWatcher
from widgets.issue_list import IssueList
from widgets.issue_list_issues import NEW_MARK

SIZE = (120, 36)


def row_text(app: ZhoubaoApp, index: int) -> str:
    return app.screen.query_one(IssueList).render_row(index, 40, False).plain


def knowing(root: Path, numbers: set[int]) -> None:
    settings = Settings()
    settings.remember_known_issues(root, frozenset(numbers))
    save_settings(settings)


async def test_nothing_is_new_the_first_time_and_the_issues_are_remembered(
    tmp_path: Path,
) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert app.reader.new_issues == frozenset()
        assert NEW_MARK not in row_text(app, 0)
        await press(pilot, "q")
    assert load_settings().known_issues_in(tmp_path) == {1, 2, 3}


async def test_issues_that_arrived_since_last_time_are_new_and_N_goes_there(
    tmp_path: Path,
) -> None:
    knowing(tmp_path, {1})
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await started(app, pilot)
        assert app.reader.new_issues == {2, 3}
        assert [NEW_MARK in row_text(app, row) for row in range(3)] == [True, True, False]
        assert "新 2 期" in str(app.reader.sub_title)
        assert any("第3、2期是上次以来新到的—按N查看" in notice for notice in notices.texts())
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert reader_item(app) == "1-0.0"
        await press(pilot, "N")  # wraps round to the first new issue, at the top
        assert reader_item(app) == "3-0.0"
        await press(pilot, "N")
        assert reader_item(app) == "2-0.0"


async def test_N_with_nothing_new_says_so(tmp_path: Path) -> None:
    knowing(tmp_path, {1, 2, 3})
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await started(app, pilot)
        await press(pilot, "N")
        assert reader_item(app) == "3-0.0"
        assert "没有上次以来新到的期刊。" in notices.texts()


def renumbered(text: str, number: int) -> str:
    return text.replace("第 403 期", f"第 {number} 期").replace("2 月 26 日", "3 月 4 日")


async def watched(app: ZhoubaoApp, pilot: Pilot[None]) -> None:
    """The archive read, and the folder watched from now on."""
    watcher = app.reader.query_one(ArchiveWatcher)
    await wait_until(pilot, watcher.watching.is_set, "the folder watched")


async def test_a_file_added_changed_or_removed_shows_without_r(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    sample = (root / "403-2024-02-26.md").read_text(encoding="utf-8")
    app = ZhoubaoApp(root)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await started(app, pilot)
        await watched(app, pilot)
        issues = app.screen.query_one(IssueList)
        (root / "404-2024-03-04.md").write_text(renumbered(sample, 404), encoding="utf-8")
        await wait_until(pilot, lambda: issues.numbers == [404, 403, 393], "404 listed")
        assert NEW_MARK in row_text(app, 0)  # it arrived since the session began
        assert reader_item(app) is not None and reader_item(app).startswith("403-")
        await wait_until(pilot, lambda: "新到第404期" in notices.texts(), "the notice")

        edited = sample.replace("国务院国资委召开", "国务院国资委再次召开")
        (root / "403-2024-02-26.md").write_text(edited, encoding="utf-8")
        await wait_until(pilot, lambda: "第403期有改动" in notices.texts(), "the edit noticed")

        (root / "393-2023-12-18.txt").unlink()
        await wait_until(pilot, lambda: issues.numbers == [404, 403], "393 gone")
        await wait_until(pilot, lambda: "第393期的文件不见了" in notices.texts(), "told")

        (root / "notes.txt").write_text("no weekly", encoding="utf-8")
        skipped = "1个新文件无法读取—按!查看"
        await wait_until(pilot, lambda: skipped in notices.texts(), "the skipped file noticed")
