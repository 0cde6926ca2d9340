"""The parse cache: re-reads only changed files, and survives anything found on disk."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import paths
from tui.archive import load_archive, parse_issue
from tui.archive.cache import ParseCache
from tui.archive.model import Issue

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    (root / "junk.txt").write_text("这不是周报。\n", encoding="utf-8")
    return root


def counting_parse() -> tuple[Callable[[Path], Issue], list[str]]:
    calls: list[str] = []

    def parse(path: Path) -> Issue:
        calls.append(path.name)
        return parse_issue(path)

    return parse, calls


def test_first_load_equals_load_archive(archive_dir: Path) -> None:
    cached = ParseCache(archive_dir).load()
    direct = load_archive(archive_dir)
    assert cached.issues == direct.issues
    assert [s.path.name for s in cached.skipped] == [s.path.name for s in direct.skipped]


def test_second_load_reads_no_file_and_a_change_rereads_only_that_file(
    archive_dir: Path,
) -> None:
    parse, calls = counting_parse()
    first = ParseCache(archive_dir, parse=parse).load()
    assert sorted(calls) == sorted(p.name for p in archive_dir.iterdir())
    calls.clear()

    again = ParseCache(archive_dir, parse=parse).load()
    assert calls == []
    assert again.issues == first.issues

    changed = archive_dir / "393-2023-12-18.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    third = ParseCache(archive_dir, parse=parse).load()
    assert calls == ["393-2023-12-18.txt"]
    assert [i.number for i in third.issues] == [393, 403]


def test_touched_or_moved_file_with_same_bytes_is_not_parsed_again(archive_dir: Path) -> None:
    parse, calls = counting_parse()
    ParseCache(archive_dir, parse=parse).load()
    calls.clear()
    target = archive_dir / "403-2024-02-26.md"
    os.utime(target, ns=(1, 1))
    moved = archive_dir / "sub" / "renamed.md"
    moved.parent.mkdir()
    (archive_dir / "393-2023-12-18.txt").rename(moved)
    archive = ParseCache(archive_dir, parse=parse).load()
    assert calls == []
    assert {i.source for i in archive.issues} == {target, moved}


def test_added_and_removed_files_are_noticed(archive_dir: Path) -> None:
    ParseCache(archive_dir).load()
    (archive_dir / "403-2024-02-26.md").unlink()
    assert [i.number for i in ParseCache(archive_dir).load().issues] == [393]
    shutil.copy(SAMPLES / "403-2024-02-26.md", archive_dir / "copy.md")
    assert [i.number for i in ParseCache(archive_dir).load().issues] == [393, 403]


def test_preview_is_the_newest_issue_and_goes_stale_on_change(archive_dir: Path) -> None:
    assert ParseCache(archive_dir).preview() is None  # nothing cached yet
    archive = ParseCache(archive_dir).load()
    preview = ParseCache(archive_dir).preview()
    assert preview is not None
    assert preview.newest == archive.issues[-1]
    assert [row.number for row in preview.rows] == [403, 393]
    assert preview.rows[0].item_count == archive.issues[-1].item_count
    assert preview.skipped == 1
    (archive_dir / "new.txt").write_text("x", encoding="utf-8")
    assert ParseCache(archive_dir).preview() is None
    assert ParseCache(archive_dir).preview(validate=False) == preview  # the last one saved


def _cache_files() -> list[Path]:
    return [p for p in paths.parse_cache_dir().rglob("*.pickle") if p.is_file()]


def test_corrupt_cache_files_are_ignored_and_rebuilt(archive_dir: Path) -> None:
    expected = ParseCache(archive_dir).load()
    files = _cache_files()
    assert len(files) >= 4  # snapshot, preview and one entry per file
    for path in files:
        path.write_bytes(b"\x80\x05garbage")
    parse, calls = counting_parse()
    rebuilt = ParseCache(archive_dir, parse=parse).load()
    assert rebuilt.issues == expected.issues
    assert len(calls) == 3
    calls.clear()
    assert ParseCache(archive_dir, parse=parse).load().issues == expected.issues
    assert calls == []


def test_an_unwritable_cache_directory_is_not_an_error(archive_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    archive = ParseCache(archive_dir, cache_dir=blocker / "parsed").load()
    assert [i.number for i in archive.issues] == [393, 403]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(garbage=st.binary(max_size=300), which=st.integers(min_value=0, max_value=50))
def test_any_bytes_in_any_cache_file_never_break_loading(
    archive_dir: Path, garbage: bytes, which: int
) -> None:
    ParseCache(archive_dir).load()
    files = sorted(_cache_files())
    files[which % len(files)].write_bytes(garbage)
    archive = ParseCache(archive_dir).load()
    assert [i.number for i in archive.issues] == [393, 403]
    ParseCache(archive_dir).preview()
