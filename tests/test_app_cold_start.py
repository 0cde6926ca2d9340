"""An empty cache: the issue to open at is parsed first and shown at once; progress is
posted a few times a second, not once a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_app_navigation import SAMPLES, reader_item, started
from textual.message import Message

from tui.app import ZhoubaoApp
from tui.archive.cache import ParseCache, first_to_parse, issue_number_in_name
from tui.archive.model import Issue
from tui.archive.walk import FoundFile
from widgets.archive_loader import ArchiveLoader


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("403-2024-02-26.md", 403),
        ("2024-02-26-403.txt", 403),
        ("行业动态周报（2024年第403期）.pdf", 403),
        ("0500-2025-07-28.txt", 500),
        ("周报.pdf", None),
        ("2024-02-26.md", None),
        ("2024年2月26日 第 1 期.txt", 1),
        ("周报20240226-12.md", 12),
    ],
)
def test_the_issue_number_in_a_file_name(name: str, number: int | None) -> None:
    assert issue_number_in_name(name) == number


def found(name: str, mtime: int = 0) -> FoundFile:
    return FoundFile(Path(name), name, 1, mtime)


def test_the_file_to_parse_first() -> None:
    files = [found("393-2023-12-18.txt"), found("403-2024-02-26.md"), found("notes.txt", 9)]
    assert first_to_parse(files, None) == files[1]  # the highest issue number
    assert first_to_parse(files, 393) == files[0]  # the issue the reader reopens at
    assert first_to_parse(files, 999) == files[1]
    unnumbered = [found("a.txt", 1), found("b.txt", 5), found("c.txt", 3)]
    assert first_to_parse(unnumbered, None) == unnumbered[1]  # the latest modified
    assert first_to_parse([], None) is None


def test_an_empty_cache_parses_the_newest_issue_first(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    (root / "notes.txt").write_text("no weekly", encoding="utf-8")
    cache = ParseCache(root, cache_dir=tmp_path / "cache")
    seen: list[tuple[int, int]] = []

    def first(issue: Issue) -> None:
        seen.append((issue.number, len(cache.parsed)))

    archive = cache.load(first=first)
    assert seen == [(403, 1)]  # handed over before any other file was parsed
    assert [issue.number for issue in archive.issues] == [393, 403]
    assert len(cache.parsed) == 3
    again = ParseCache(root, cache_dir=tmp_path / "cache")
    again.load(first=first)  # cached: nothing parsed, nothing handed over early
    assert seen == [(403, 1)]


async def test_the_reader_shows_the_first_issue_parsed_before_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    seen: list[Message] = []
    app = ZhoubaoApp(root)
    async with app.run_test(size=(120, 36), message_hook=seen.append) as pilot:
        await started(app, pilot)
        previews = [m for m in seen if isinstance(m, ArchiveLoader.Preview)]
        loaded = next(i for i, m in enumerate(seen) if isinstance(m, ArchiveLoader.Loaded))
        assert previews and seen.index(previews[0]) < loaded
        assert [row.number for row in previews[0].preview.rows] == [403]
        item = reader_item(app)
        assert item is not None and item.startswith("403-")


async def test_progress_is_posted_a_few_times_a_second(tmp_path: Path) -> None:
    seen: list[Message] = []
    app = ZhoubaoApp(tmp_path)
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await started(app, pilot)
        loader = app.screen.query_one(ArchiveLoader)
        seen.clear()
        for done in range(1, 1001):  # a thousand files parsed in a few milliseconds
            loader._progress(done, 1000)
        await pilot.pause()
        progress = [m for m in seen if isinstance(m, ArchiveLoader.Progress)]
        assert 1 <= len(progress) <= 5
        assert (progress[-1].done, progress[-1].total) == (1000, 1000)
