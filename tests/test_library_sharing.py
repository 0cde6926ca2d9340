"""Sharing a collection (issue 12): `zhoubao import` merges a colleague's JSON export.

Unions of bookmarks and tags, a differing note kept beside the local one, items not in the
archive kept from their snapshots, a second import that changes nothing, a round trip that
gives back the same items, tags and notes, one transaction, and any file refused cleanly.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from library_samples import EXPORTED_AT, GONE, fill_library

from tui import i18n, paths
from tui.archive import load_archive
from tui.cli.main import main
from tui.library import LibraryStore, Snapshot, sharing
from tui.library.export import ExportFilter, render
from tui.library.sharing import (
    ImportFailed,
    SharedCollection,
    merge_collection,
    merged_note,
    parse_collection,
    read_collection,
)

ALL = ExportFilter(everything=True)
FIRST = "393-870a05"  # 中央经济工作会议：加快推动人工智能发展


def export_json(store: LibraryStore, sample_dir: Path) -> dict[str, Any]:
    records = ALL.select(store.records(present=load_archive(sample_dir).places))
    document: dict[str, Any] = json.loads(render("json", records, ALL.info(EXPORTED_AT)))
    return document


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: what "changes nothing" is checked against."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")
        ]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}
    finally:
        conn.close()


@pytest.fixture
def shared_file(sample_dir: Path, tmp_path: Path) -> Path:
    """A colleague's export of the sample library (in another data folder)."""
    colleague = LibraryStore(tmp_path / "colleague.db")
    fill_library(colleague, sample_dir)
    path = tmp_path / "小王的收藏.json"
    path.write_text(json.dumps(export_json(colleague, sample_dir), ensure_ascii=False))
    colleague.close()
    return path


def test_round_trip_into_an_empty_library(sample_dir: Path, shared_file: Path) -> None:
    archive = load_archive(sample_dir)
    store = LibraryStore()
    report = merge_collection(store, read_collection(shared_file), archive)
    original = json.loads(shared_file.read_text())
    assert report.new_items == len(original["items"]) and report.notes_merged == 0
    again = export_json(store, sample_dir)
    assert again["items"] == original["items"]
    # The item whose file is gone came from the snapshot in the file.
    gone = next(item for item in again["items"] if item["id"] == GONE.id)
    assert not gone["in_archive"] and gone["paragraphs"] == list(GONE.paragraphs)
    assert gone["page"] == 7 and gone["source_file"] == GONE.source_file


def test_importing_twice_changes_nothing(sample_dir: Path, shared_file: Path) -> None:
    archive = load_archive(sample_dir)
    store = LibraryStore()
    store.set_note(Snapshot.at(archive.places[FIRST]), "我自己的看法")
    merge_collection(store, read_collection(shared_file), archive)
    before = dump(paths.library_db())
    report = merge_collection(store, read_collection(shared_file), archive)
    assert not report.changed and report.summary().endswith("没有变化")
    assert dump(paths.library_db()) == before


def test_bookmarks_and_tags_are_unions(sample_dir: Path, shared_file: Path) -> None:
    archive = load_archive(sample_dir)
    store = LibraryStore()
    first = Snapshot.at(archive.places[FIRST])
    store.add_tags([first], ["我的标签"])  # tagged, not bookmarked
    mine = Snapshot.of(archive.issues[0].sections[-1].items[-1], archive.issues[0])
    store.set_bookmark(mine)  # not in the shared file
    report = merge_collection(store, read_collection(shared_file), archive)
    [record] = [r for r in store.records(archive.places) if r.id == FIRST]
    assert record.bookmarked and set(record.tags) == {"我的标签", "精选", "第393期", "AI 技术"}
    assert store.view.is_bookmarked(mine.id)  # nothing is ever taken away
    assert report.tags >= 3 and report.bookmarks >= 1


def test_a_differing_note_is_kept_beside_the_local_one(sample_dir: Path, shared_file: Path) -> None:
    archive = load_archive(sample_dir)
    store = LibraryStore()
    store.set_bookmark(GONE)
    store.set_note(GONE, "我的备注")
    report = merge_collection(store, read_collection(shared_file), archive)
    assert report.notes_merged == 1 and report.merged_ids == [GONE.id]
    note = store.note_of(GONE.id)
    assert note == (
        "〔本机〕\n我的备注\n\n〔导入自 小王的收藏.json，2024-03-01 导出〕\n=SUM(A1:A2) 公式不生效"
    )
    merge_collection(store, read_collection(shared_file), archive)
    assert store.note_of(GONE.id) == note


def test_a_third_colleague_adds_a_third_marked_text() -> None:
    first = merged_note("我的", "甲的", "甲.json", "2024-03-01T00:00:00+00:00")
    assert first is not None
    second = merged_note(first, "乙的", "乙.json", "")
    assert second == f"{first}\n\n〔导入自 乙.json〕\n乙的"
    assert merged_note(second, "甲的", "甲.json", "") is None
    assert merged_note("", "新的", "x.json", "") == "新的"
    assert merged_note("同样", "同样", "x.json", "") is None


def test_items_in_the_archive_are_saved_from_it(sample_dir: Path, tmp_path: Path) -> None:
    archive = load_archive(sample_dir)
    item = archive.places[FIRST].item
    stale = Snapshot(FIRST, 393, None, "旧栏目", item.headline, ("旧的正文",), 0)
    document = {
        "format": "zhoubao-export", "version": 1, "exported_at": EXPORTED_AT,
        "items": [{**_item(stale), "bookmarked": True}],
    }  # fmt: skip
    store = LibraryStore()
    merge_collection(store, parse_collection(json.dumps(document).encode(), "x.json"), archive)
    snap = store.snapshot(FIRST)
    assert snap is not None and snap.paragraphs == item.paragraphs and snap.section == "要闻"


def test_the_import_is_one_transaction(
    sample_dir: Path, shared_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = load_archive(sample_dir)
    store = LibraryStore()
    before = dump(paths.library_db())
    calls = 0

    class Crash(Exception):
        pass

    def crash_on_the_fifth(*args: Any) -> str | None:
        nonlocal calls
        calls += 1
        if calls == 5:  # four items' bookmarks, tags and notes are in by now
            raise Crash
        return merged_note(*args)

    monkeypatch.setattr(sharing, "merged_note", crash_on_the_fifth)
    with pytest.raises(Crash):
        merge_collection(store, read_collection(shared_file), archive)
    assert calls == 5
    assert dump(paths.library_db()) == before


def _item(snap: Snapshot) -> dict[str, Any]:
    return {
        "id": snap.id, "headline": snap.headline, "number": snap.number,
        "date": snap.date.isoformat() if snap.date else None, "section": snap.section,
        "paragraphs": list(snap.paragraphs), "tags": [], "note": "",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe", "不是 UTF-8"),
        (b"{", "不是 JSON"),
        (b"[]", "不是 zhoubao 的 JSON 导出"),
        (b'{"format": "zhoubao-export", "version": 2, "items": []}', "更新版本"),
        (b'{"format": "zhoubao-export", "version": 1}', "没有 items"),
        (b'{"format": "zhoubao-export", "version": 1, "items": [1]}', "第 1 个条目不是对象"),
        (b'{"format": "zhoubao-export", "version": 1, "items": [{"id": "../x"}]}', "id"),
        (b'{"format": "zhoubao-export", "version": 1, "items": [{"id": "1-a", "number": "1"}]}',
         "number"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFailed, match=reason):
        parse_collection(data, "x.json")


def test_a_wrong_bookmarked_says_true_or_false_spaced() -> None:
    data = (
        b'{"format": "zhoubao-export", "version": 1, "items": [{"id": "1-a", "number": 1,'
        b' "headline": "", "section": "", "bookmarked": "yes"}]}'
    )
    with pytest.raises(ImportFailed) as refused:
        parse_collection(data, "x.json")
    assert str(refused.value) == "第 1 个条目的 bookmarked 不对（应为 true 或 false）"
    i18n.set_language("en")
    try:
        with pytest.raises(ImportFailed) as refused:
            parse_collection(data, "x.json")
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
    assert str(refused.value) == "item 1: bookmarked is wrong (it should be true or false)"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
good_items = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["1-abcdef", "393-870a05", "393-0ff1ce", "7-000000"]),
        "number": st.integers(-5, 10**6),
        "headline": st.text(max_size=20),
        "section": st.text(max_size=5),
        "bookmarked": st.booleans(),
    },
    optional={
        "date": st.none() | st.dates().map(str),
        "paragraphs": st.lists(st.text(max_size=20), max_size=3),
        "tags": st.lists(st.text(max_size=8), max_size=3),
        "note": st.text(max_size=20),
        "page": st.none() | st.integers(-3, 5000),
        "position": st.integers(0, 99),
        "source_file": st.text(max_size=10),
    },
)


def _spoil(item: dict[str, Any], key: str, value: object) -> dict[str, Any]:
    return {**item, key: value}


# Mostly sound items, some with one field replaced by any JSON value.
items = good_items | st.builds(
    _spoil, good_items, st.sampled_from(["id", "number", "date", "tags", "note", "page"]),
    json_values,
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(items, max_size=4), st.sampled_from([1, 1, 1, 2, "1"]))
def test_any_file_is_imported_or_refused_cleanly(entries: list[Any], version: object) -> None:
    document = {"format": "zhoubao-export", "version": version, "items": entries}
    data = json.dumps(document).encode()
    try:
        collection = parse_collection(data, "x.json")
    except ImportFailed as error:
        assert str(error) and "\n" not in str(error)
        return
    store = LibraryStore(paths.data_dir() / f"h-{abs(hash(data))}.db")
    try:
        merge_collection(store, collection)
        before = dump(store.path)
        merge_collection(store, collection)
        assert dump(store.path) == before
    finally:
        store.close()


def test_lone_surrogates_are_stored_as_replacement_characters() -> None:
    document = (
        '{"format": "zhoubao-export", "version": 1, "items": [{"id": "1-abcdef", '
        '"number": 1, "headline": "\\ud800坏", "section": "", "bookmarked": true, '
        '"note": "\\udfff"}]}'
    )
    collection: SharedCollection = parse_collection(document.encode(), "x.json")
    store = LibraryStore()
    merge_collection(store, collection)
    snap = store.snapshot("1-abcdef")
    assert snap is not None and snap.headline == "\ufffd坏"
    assert store.note_of("1-abcdef") == "\ufffd"


# Through the command line.


def test_cli_import_reports_and_is_idempotent(
    shared_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = json.loads(shared_file.read_text())["items"]
    noted = next(item["id"] for item in shared if item["note"] and item["in_archive"])
    assert main(["bookmark", noted, "--note", "我的备注"]) == 0  # noted here first
    capsys.readouterr()
    assert main(["import", str(shared_file)]) == 0
    first = capsys.readouterr().out
    assert first.startswith("导入 ") and "新条目" in first
    assert first.splitlines()[-1] == f"两份并存的备注：{noted}"
    assert main(["import", str(shared_file)]) == 0
    assert "没有变化" in capsys.readouterr().out
    assert main(["export", "--all", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)["items"]
    assert [i["id"] for i in exported] == [i["id"] for i in shared]


def test_cli_import_of_a_bad_file_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "csl.json"
    bad.write_text("[]")
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "不是 zhoubao 的 JSON 导出" in err
    assert main(["import", str(tmp_path / "missing.json")]) == 1
    assert "无法读取" in capsys.readouterr().err
    assert not paths.library_db().exists()  # refused before the library was opened


@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_a_collection_or_a_clean_refusal(data: bytes) -> None:
    try:
        parse_collection(data, "x.json")
    except ImportFailed as error:
        assert str(error) and "\n" not in str(error)
