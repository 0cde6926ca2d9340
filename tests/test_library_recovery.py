"""A broken library never stops zhoubao: corrupt files move aside, unwritable dirs go read-only."""

from __future__ import annotations

import functools
import itertools
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import paths
from tui.library import LibraryError, LibraryReadOnly, LibraryStore, Snapshot

ITEM = Snapshot(
    id="393-abcdef",
    number=393,
    date=date(2023, 12, 18),
    section="要闻",
    headline="标题",
    paragraphs=("正文。",),
)


def _write_library_file(content: bytes) -> Path:
    path = paths.library_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database at all\n" * 100,
        b"",  # an empty file is a valid empty database: nothing to move
        b"SQLite format 3\x00" + b"\xff" * 4000,
    ],
    ids=["text", "empty", "bad-header"],
)
def test_unreadable_library_is_moved_aside(content: bytes) -> None:
    path = _write_library_file(content)
    store = LibraryStore()
    assert not store.read_only
    store.set_bookmark(ITEM)
    assert store.view.is_bookmarked(ITEM.id)
    moved = sorted(path.parent.glob("library.db.corrupt-*"))
    if not content:
        assert moved == [] and store.notice is None
        return
    assert len(moved) == 1
    assert re.fullmatch(r"library\.db\.corrupt-\d{8}-\d{6}", moved[0].name)
    assert moved[0].read_bytes() == content
    assert store.notice is not None and str(moved[0]) in store.notice


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    store = LibraryStore()
    for n in range(300):
        store.set_bookmark(Snapshot(**{**ITEM.__dict__, "id": f"393-{n:06x}"}))
    store.close()
    conn = sqlite3.connect(paths.library_db())
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    path = paths.library_db()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\x55" * (4096 * 2)  # scribble over b-tree pages
    path.write_bytes(bytes(data))
    again = LibraryStore()
    assert again.notice is not None and "corrupt-" in again.notice
    assert again.records(present=set()) == []


def test_unwritable_data_dir_gives_a_read_only_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file where the data directory should be: mkdir fails even for root.
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocker / "zhoubao"))
    store = LibraryStore()
    assert store.read_only
    assert store.notice is not None and "只读" in store.notice
    assert store.records(present=set()) == []
    assert not store.view.is_bookmarked(ITEM.id)
    with pytest.raises(LibraryReadOnly, match="只读"):
        store.set_bookmark(ITEM)
    assert isinstance(LibraryReadOnly("x"), LibraryError)


def test_library_that_is_a_folder_gives_a_read_only_session() -> None:
    paths.library_db().mkdir(parents=True)
    store = LibraryStore()
    assert store.read_only and store.notice is not None
    with pytest.raises(LibraryReadOnly):
        store.set_note(ITEM, "x")


def test_read_only_session_still_shows_what_the_file_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = LibraryStore()
    store.set_bookmark(ITEM)
    store.close()
    original = sqlite3.connect

    def refuse_writable(database: str | Path, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if database == paths.library_db():
            raise sqlite3.OperationalError("unable to open database file")
        connection: sqlite3.Connection = original(database, *args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", refuse_writable)
    again = LibraryStore()
    assert again.read_only
    assert again.view.is_bookmarked(ITEM.id)
    assert [r.id for r in again.records(present=set())] == [ITEM.id]


def test_library_from_a_newer_zhoubao_is_not_touched() -> None:
    store = LibraryStore()
    store.set_bookmark(ITEM)
    store.close()
    conn = sqlite3.connect(paths.library_db())
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    again = LibraryStore()
    assert again.read_only and again.notice is not None and "newer" in again.notice
    assert again.view.is_bookmarked(ITEM.id)


# Each example gets its own folder and keeps its files: SQLite keys its in-process lock
# state on inode numbers, which deleting and rewriting files would hand round again.
_example_numbers = itertools.count()


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=6000),
        st.binary(min_size=100, max_size=6000).map(lambda b: b"SQLite format 3\x00" + b),
    )
)
def test_any_bytes_as_library_open_without_crashing(content: bytes) -> None:
    path = paths.data_dir() / f"example-{next(_example_numbers)}" / "library.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = LibraryStore(path)
    try:
        assert not store.read_only
        store.set_bookmark(ITEM)
        assert store.view.is_bookmarked(ITEM.id)
    finally:
        store.close()


@functools.cache
def _library_bytes() -> bytes:
    """A library of 40 records, made once so every hypothesis example damages the same file."""
    store = LibraryStore()
    for n in range(40):
        snap = Snapshot(**{**ITEM.__dict__, "id": f"393-{n:06x}"})
        store.set_bookmark(snap)
        store.add_tags([snap], [f"t{n % 5}"])
        store.set_note(snap, "备注" * n)
    store.close()
    conn = sqlite3.connect(paths.library_db())
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = paths.library_db().read_bytes()
    for old in paths.library_db().parent.glob("library.db*"):
        old.unlink()
    return data


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_damaged_library_opens_reads_and_writes_or_says_why(data: st.DataObject) -> None:
    damaged = bytearray(_library_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    path = paths.data_dir() / f"example-{next(_example_numbers)}" / "library.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(bytes(damaged))
    store = LibraryStore(path)
    try:
        store.records(present=set())
        try:
            store.set_bookmark(ITEM)
        except LibraryError as error:
            assert str(error)
    finally:
        store.close()
