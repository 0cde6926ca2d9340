"""The library store: writes, idempotence, snapshots, the in-memory view, migrations."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import paths
from tui.library import LibraryStore, Snapshot
from tui.library.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version


def snap(n: int = 1, number: int = 393, headline: str | None = None) -> Snapshot:
    return Snapshot(
        id=f"{number}-{n:06x}",
        number=number,
        date=date(2023, 12, 18),
        section="要闻",
        headline=headline or f"第 {n} 条新闻",
        paragraphs=(f"正文 {n}。", "第二段。"),
        position=n,
    )


@pytest.fixture
def store() -> LibraryStore:
    return LibraryStore()


def test_store_lives_at_the_paths_module_location(store: LibraryStore) -> None:
    assert store.path == paths.library_db()
    assert store.path.is_file()
    assert not store.read_only and store.notice is None
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(conn) == SCHEMA_VERSION


def test_bookmark_tags_note_read_survive_reopening(store: LibraryStore) -> None:
    item = snap(1)
    store.set_bookmark(item)
    store.add_tags([item], ["短剧", " #AI ", "短剧"])
    store.set_note(item, "第一行\n第二行")
    store.set_read([item])
    store.close()

    again = LibraryStore()
    [record] = again.records(present=set())
    assert record.snapshot == item
    assert record.bookmarked and record.read
    assert record.tags == ("AI", "短剧")
    assert record.note == "第一行\n第二行"
    assert not record.in_archive
    assert again.view.is_bookmarked(item.id)
    assert again.view.tags_of(item.id) == {"AI", "短剧"}
    assert again.view.has_note(item.id) and again.view.is_read(item.id)


def test_writes_are_idempotent(store: LibraryStore) -> None:
    item = snap(2)
    for _ in range(3):
        store.set_bookmark(item)
        store.add_tags([item], ["x"])
        store.set_read([item])
    conn = sqlite3.connect(store.path)
    for table in ("bookmarks", "tags", "read_marks", "items"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1


def test_toggle_bookmark_flips_and_unmarked_snapshots_are_dropped(store: LibraryStore) -> None:
    item = snap(3)
    assert store.toggle_bookmark(item) is True
    assert store.toggle_bookmark(item) is False
    assert not store.view.is_bookmarked(item.id)
    assert store.records(present=set()) == []


def test_change_tags_adds_and_removes_and_remove_tags_removes(store: LibraryStore) -> None:
    item = snap(4)
    store.add_tags([item], ["a", "b"])
    store.change_tags([item], add=["c"], remove=["a"])
    assert store.view.tags_of(item.id) == {"b", "c"}
    store.remove_tags(item.id, ["b"])
    assert store.view.tags_of(item.id) == {"c"}
    store.remove_tags(item.id, ["c"])
    assert store.view.tags_of(item.id) == frozenset()
    assert store.snapshot(item.id) is None


def test_empty_note_removes_it(store: LibraryStore) -> None:
    item = snap(5)
    store.set_bookmark(item)
    store.set_note(item, "备忘")
    store.set_note(item, "  \n ")
    assert store.note_of(item.id) == ""
    assert not store.view.has_note(item.id)
    assert store.snapshot(item.id) == item  # still bookmarked


def test_snapshot_outlives_the_archive_and_is_refreshed_by_writes(store: LibraryStore) -> None:
    old = snap(6, headline="旧标题")
    store.set_bookmark(old)
    newer = Snapshot(**{**old.__dict__, "paragraphs": ("改过的正文。",)})
    store.add_tags([newer], ["t"])
    assert store.snapshot(old.id) == newer


def test_all_tags_are_ordered_by_use(store: LibraryStore) -> None:
    store.add_tags([snap(1), snap(2)], ["常用"])
    store.add_tags([snap(3)], ["少用", "常用"])
    assert store.view.all_tags() == ("常用", "少用")


def test_view_notices_writes_from_another_process(store: LibraryStore) -> None:
    other = LibraryStore()
    other.set_bookmark(snap(7))
    assert not store.view.is_bookmarked(snap(7).id)
    assert store.refresh() is True
    assert store.view.is_bookmarked(snap(7).id)
    assert store.refresh() is False


def test_unread_count(store: LibraryStore) -> None:
    store.set_read([snap(1), snap(2)])
    ids = [snap(n).id for n in range(1, 5)]
    assert store.view.unread_count(ids) == 2


def test_records_follow_issue_then_position(store: LibraryStore) -> None:
    store.set_bookmarks([snap(3, 403), snap(2, 393), snap(1, 393)])
    order = [r.id for r in store.records(present={snap(1).id})]
    assert order == [snap(1).id, snap(2).id, snap(3, 403).id]
    assert [r.in_archive for r in store.records(present={snap(1).id})] == [True, False, False]


def test_upgrade_from_version_1_keeps_every_record(tmp_path: Path) -> None:
    path = paths.library_db()
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO items VALUES ('393-aaaaaa', 393, '2023-12-18', '要闻', '旧版书签', "
        "'[\"正文\"]', '2024-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO bookmarks VALUES ('393-aaaaaa', '2024-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO tags VALUES ('393-aaaaaa', '政策')")
    conn.execute("INSERT INTO notes VALUES ('393-aaaaaa', '旧备注', '2024-01-01')")
    conn.close()
    assert len(MIGRATIONS) > 1

    store = LibraryStore()
    assert schema_version(store._conn) == SCHEMA_VERSION
    [record] = store.records(present=set())
    assert record.snapshot.headline == "旧版书签" and record.snapshot.position == 0
    assert record.snapshot.source_title == "行业动态周报"
    assert record.snapshot.source_file == "" and record.snapshot.page is None
    assert record.bookmarked and record.tags == ("政策",) and record.note == "旧备注"
    store.set_read([record.snapshot])  # the upgraded file takes new writes


# Markup, escape sequences and odd whitespace are the user's text: stored byte for byte.
literal_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=literal_text, tag=literal_text)
def test_notes_and_tags_round_trip_literally(store: LibraryStore, note: str, tag: str) -> None:
    item = snap(8)
    store.set_note(item, note)
    store.change_tags([item], add=[tag], remove=store.view.tags_of(item.id))
    again = LibraryStore()
    expected_note = note if note.strip() else ""
    assert again.note_of(item.id) == expected_note
    cleaned = tag.strip().lstrip("#").strip()
    assert again.view.tags_of(item.id) == ({cleaned} if cleaned else frozenset())
    again.close()


def test_markup_and_ansi_are_kept_as_typed(store: LibraryStore) -> None:
    item = snap(9)
    text = "[bold red]x[/] **y** <b>z</b> \x1b[31mred\x1b[0m \\n 100%"
    store.set_note(item, text)
    store.change_tags([item], add=["[b]tag[/b]", "\x1b[1m"])
    assert store.note_of(item.id) == text
    assert store.view.tags_of(item.id) == {"[b]tag[/b]", "\x1b[1m"}


def test_kept_only_leaves_out_items_that_are_only_read(store: LibraryStore) -> None:
    store.set_read([snap(1), snap(2), snap(3)])
    store.set_bookmark(snap(2))
    store.set_note(snap(3), "n")
    store.add_tags([snap(4)], ["t"])
    kept = [r.id for r in store.records(present=set(), kept_only=True)]
    assert kept == [snap(2).id, snap(3).id, snap(4).id]
    assert len(store.records(present=set())) == 4


def test_records_are_read_in_one_transaction(store: LibraryStore) -> None:
    """Another process removing an item's marks while the records are being read: they are
    read as the library was when the reading began, not half before and half after."""
    item = snap(9)
    store.set_bookmark(item)
    store.change_tags([item], add=["政策"], remove=[])
    other = sqlite3.connect(store.path, isolation_level=None)

    def between_reads(statement: str) -> None:
        if statement.startswith("SELECT item_id, tag FROM tags"):
            other.execute("DELETE FROM tags")  # committed at once (autocommit)
            other.execute("DELETE FROM bookmarks")

    store._conn.set_trace_callback(between_reads)
    try:
        [record] = store.records(present=set(), kept_only=True)
    finally:
        store._conn.set_trace_callback(None)
        other.close()
    assert record.bookmarked and record.tags == ("政策",)


def test_a_damaged_row_does_not_stop_the_library_opening(store: LibraryStore) -> None:
    """A row whose number is text (another tool, an old bug: SQLite keeps what it is given)
    is read as issue 0 and the rest of the library opens: `zhoubao library` and the app's
    library failed on it with ValueError."""
    store.set_bookmarks([snap(1), snap(2)])
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("UPDATE items SET number = 'abc' WHERE id = ?", (snap(1).id,))
    other.close()
    assert store.headlines()[snap(2).id] == (393, snap(2).headline)
    assert store.headlines()[snap(1).id][0] == 0
    assert {r.id for r in store.records(present=set())} == {snap(1).id, snap(2).id}
