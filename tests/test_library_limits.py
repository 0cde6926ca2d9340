"""A note over 100,000 characters and a tag over 200 are refused, at import (that item's
note or tag, named in one line each; the rest imports) and by `zhoubao bookmark` (exit 2),
so that showing an item never lays out megabytes on the UI thread."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui import paths
from tui.cli.main import main
from tui.library import LibraryStore
from tui.library.limits import MAX_NOTE_CHARS, MAX_TAG_CHARS
from tui.library.sharing import merge_collection, parse_collection

LONG_NOTE = "长" * (MAX_NOTE_CHARS + 1)
LONG_TAG = "签" * (MAX_TAG_CHARS + 1)
ITEM = "393-870a05"  # in the sample archive


def _entry(item_id: str, tags: list[str], note: str) -> dict[str, Any]:
    return {
        "id": item_id, "number": 1, "headline": "标题", "section": "要闻", "paragraphs": [],
        "bookmarked": True, "tags": tags, "note": note,
    }  # fmt: skip


def _document(*entries: dict[str, Any]) -> bytes:
    return json.dumps({"format": "zhoubao-export", "version": 1, "items": entries}).encode()


def test_import_refuses_a_long_note_and_tag_and_keeps_the_rest() -> None:
    data = _document(
        _entry("1-aaaaaa", ["好", LONG_TAG], LONG_NOTE),
        _entry("2-bbbbbb", ["签" * MAX_TAG_CHARS], "长" * MAX_NOTE_CHARS),  # at the limits
    )
    store = LibraryStore()
    report = merge_collection(store, parse_collection(data, "x.json"))
    assert report.refused == [
        f"条目 1-aaaaaa：标签“{'签' * 20}…”有 201 个字，超过上限 200，未导入",
        "条目 1-aaaaaa：备注有 100001 个字，超过上限 100000，未导入",
    ]
    assert store.view.tags_of("1-aaaaaa") == {"好"} and store.note_of("1-aaaaaa") == ""
    assert store.view.is_bookmarked("1-aaaaaa")
    assert store.view.tags_of("2-bbbbbb") == {"签" * MAX_TAG_CHARS}
    assert len(store.note_of("2-bbbbbb")) == MAX_NOTE_CHARS


def test_an_item_with_only_a_long_note_is_not_kept() -> None:
    entry = {**_entry("1-aaaaaa", [], LONG_NOTE), "bookmarked": False}
    store = LibraryStore()
    report = merge_collection(store, parse_collection(_document(entry), "x.json"))
    assert len(report.refused) == 1 and not report.changed
    assert store.snapshot("1-aaaaaa") is None


def test_a_merged_note_over_the_limit_leaves_the_local_one() -> None:
    store = LibraryStore()
    half = "甲" * (MAX_NOTE_CHARS // 2 + 1)
    merge_collection(store, parse_collection(_document(_entry("1-aaaaaa", [], half)), "a.json"))
    other = "乙" * (MAX_NOTE_CHARS // 2 + 1)
    report = merge_collection(
        store, parse_collection(_document(_entry("1-aaaaaa", [], other)), "b.json")
    )
    assert store.note_of("1-aaaaaa") == half
    assert [line.startswith("条目 1-aaaaaa：备注有 1000") for line in report.refused] == [True]


def test_cli_import_names_each_refused_item_and_imports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "x.json"
    shared.write_bytes(_document(_entry(ITEM, [LONG_TAG], LONG_NOTE)))
    assert main(["import", str(shared)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"zhoubao: 条目 {ITEM}：标签“{'签' * 20}…”有 201 个字，超过上限 200，未导入",
        f"zhoubao: 条目 {ITEM}：备注有 100001 个字，超过上限 100000，未导入",
    ]
    assert "收藏 +1" in captured.out


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--note", LONG_NOTE], "zhoubao: 备注有 100001 个字，超过上限 100000\n"),
        (["--tag", "好", "--tag", LONG_TAG],
         f"zhoubao: 标签“{'签' * 20}…”有 201 个字，超过上限 200\n"),
    ],
)  # fmt: skip
def test_cli_bookmark_refuses_a_long_note_or_tag_with_exit_2(
    option: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bookmark", ITEM, *option]) == 2
    assert capsys.readouterr().err == message
    assert not paths.library_db().exists()  # refused before anything was written
    assert main(["bookmark", ITEM, "--tag", "签" * MAX_TAG_CHARS]) == 0
