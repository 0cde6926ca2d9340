"""Undo and redo of the app's library actions, against a library another process writes too.

Undo applies the inverse of what an action changed, against the library as it is then: an
id that was already bookmarked stays bookmarked, another process's marks and notes stay.
The journal lives in the library file, written with the change, and outlives the session
for the rest of the day.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import paths
from tui.archive import Archive, load_archive
from tui.library import LibraryStore
from tui.library.changes import ChangeSet
from tui.library.journal import KEEP_ENTRIES, Action
from tui.library.records import Snapshot
from tui.library.session import LibrarySession


@pytest.fixture(scope="module")
def samples() -> Archive:
    return load_archive(paths.sample_archive())


def open_session(archive: Archive) -> LibrarySession:
    session = LibrarySession(LibraryStore())
    session.attach(archive)
    return session


@pytest.fixture
def session(samples: Archive) -> LibrarySession:
    return open_session(samples)


def ids_of(archive: Archive) -> list[str]:
    return list(archive.places)


def other_process() -> LibraryStore:
    """The library file as a second zhoubao process (`zhoubao bookmark`) writes it."""
    return LibraryStore(paths.library_db())


def snap_of(archive: Archive, item_id: str) -> Snapshot:
    return Snapshot.at(archive.places[item_id])


def test_undo_and_redo_a_bookmark(session: LibrarySession, samples: Archive) -> None:
    first = ids_of(samples)[0]
    assert session.toggle_bookmark(first)
    undone = session.undo()
    assert undone is not None and undone.action.kind == "bookmark_one"
    assert "收藏" in undone.action.label and undone.missed == 0
    assert not session.view.is_bookmarked(first)
    with other_process() as other:
        assert not other.view.is_bookmarked(first)
    redone = session.redo()
    assert redone is not None and session.view.is_bookmarked(first)
    assert session.redo() is None  # nothing more to redo
    assert session.undo() is not None and session.undo() is None


def test_undo_of_a_batch_leaves_what_was_bookmarked_before(
    session: LibrarySession, samples: Archive
) -> None:
    ids = ids_of(samples)[:30]
    session.toggle_bookmark(ids[0])
    session.toggle_bookmark(ids[1])
    applied = session.set_bookmarks(ids)
    assert applied.done.bookmarked == ids[2:]
    session.undo()
    assert [i for i in ids if session.view.is_bookmarked(i)] == ids[:2]


def test_undo_never_takes_back_another_process_writes(
    session: LibrarySession, samples: Archive
) -> None:
    a, b, c = ids_of(samples)[:3]
    session.toggle_bookmark(a)
    with other_process() as other:  # meanwhile, another process
        other.add_tags([snap_of(samples, a)], ["别处"])
        other.set_bookmark(snap_of(samples, b))
        other.set_note(snap_of(samples, c), "别处的备注")
    session.undo()
    with other_process() as now:
        assert not now.view.is_bookmarked(a)
        assert now.view.tags_of(a) == {"别处"}
        assert now.view.is_bookmarked(b) and now.view.note_of(c) == "别处的备注"
        [record] = [r for r in now.records(samples.places) if r.id == a]
        assert record.snapshot.paragraphs  # the record of `a` stays, whole


def test_undo_of_a_bookmark_another_process_took_off_meanwhile_changes_nothing(
    session: LibrarySession, samples: Archive
) -> None:
    a, b = ids_of(samples)[:2]
    session.set_bookmarks([a, b])
    with other_process() as other:
        other.set_bookmark(snap_of(samples, a), on=False)
        other.set_bookmark(snap_of(samples, a), on=True)  # and on again: now theirs
        other.set_bookmark(snap_of(samples, b), on=False)
    undone = session.undo()
    assert undone is not None and undone.missed == 1  # b was already off
    with other_process() as now:
        assert not now.view.is_bookmarked(a) and not now.view.is_bookmarked(b)


def test_undo_of_a_note_changed_elsewhere_keeps_both_texts(
    session: LibrarySession, samples: Archive
) -> None:
    a = ids_of(samples)[0]
    session.set_note(a, "第一稿", base="")
    session.set_note(a, "第二稿", base="第一稿")
    session.undo()
    assert session.view.note_of(a) == "第一稿"
    session.redo()
    with other_process() as other:
        other.save_note(snap_of(samples, a), "别处改的", base="第二稿")
    session.undo()
    with other_process() as now:
        note = now.view.note_of(a)
    assert "别处改的" in note and "第一稿" in note  # nothing lost


def test_catch_up_and_its_undo_leave_items_read_before_as_read(
    session: LibrarySession, samples: Archive
) -> None:
    ids = ids_of(samples)
    session.mark_read(ids[0])  # read by the reader's timer: not an action to undo
    session.toggle_read(ids[1])
    applied = session.mark_all_read(ids, Action("catch_up_all"))
    assert set(applied.done.read) == set(ids[2:])
    assert all(session.view.is_read(i) for i in ids)
    with other_process() as other:  # another reader marks one unread meanwhile
        other.set_read([snap_of(samples, ids[5])], on=False)
    undone = session.undo()
    assert undone is not None and undone.action.kind == "catch_up_all"
    assert undone.missed == 1
    session.store.refresh()  # what the app's watcher does when another process wrote
    assert [i for i in ids if session.view.is_read(i)] == ids[:2]
    session.undo()  # then the `m` before it
    assert [i for i in ids if session.view.is_read(i)] == ids[:1]


def test_undo_works_after_a_restart_the_same_day_and_not_on_another_day(
    samples: Archive,
) -> None:
    first, second = ids_of(samples)[:2]
    session = open_session(samples)
    session.toggle_bookmark(first)
    session.toggle_bookmark(second)
    session.store.close()

    again = open_session(samples)
    assert again.undo() is not None
    assert not again.view.is_bookmarked(second) and again.view.is_bookmarked(first)
    again.store.close()

    conn = sqlite3.connect(paths.library_db())
    with conn:
        conn.execute("UPDATE journal SET day = '2000-01-01'")
    conn.close()
    tomorrow = open_session(samples)
    assert tomorrow.undo() is None and tomorrow.redo() is None
    assert tomorrow.view.is_bookmarked(first)


def test_two_apps_at_once_each_undo_their_own(samples: Archive) -> None:
    first, second = ids_of(samples)[:2]
    mine, theirs = open_session(samples), open_session(samples)
    mine.toggle_bookmark(first)
    theirs.toggle_bookmark(second)
    mine.undo()
    assert mine.undo() is None  # the other app's bookmark is not this app's to undo
    with other_process() as now:
        assert not now.view.is_bookmarked(first) and now.view.is_bookmarked(second)


def test_a_new_action_drops_what_could_be_redone(session: LibrarySession, samples: Archive) -> None:
    a, b = ids_of(samples)[:2]
    session.toggle_bookmark(a)
    session.undo()
    session.toggle_bookmark(b)
    assert session.redo() is None
    assert not session.view.is_bookmarked(a)


def test_removing_an_item_no_longer_in_the_archive_is_undone_whole(
    session: LibrarySession, samples: Archive, tmp_path: Path
) -> None:
    a = ids_of(samples)[0]
    session.toggle_bookmark(a)
    session.change_tags(a, add=["短剧"])
    session.set_note(a, "留着", base="")
    session.attach(load_archive(tmp_path))  # its file is gone: only the record has it
    session.remove(a)
    assert session.records() == []
    session.undo()
    [record] = session.records()
    assert record.bookmarked and record.tags == ("短剧",) and record.note == "留着"
    assert record.snapshot == snap_of(samples, a) and not record.in_archive
    session.redo()
    assert session.records() == []


def test_tags_batch_and_import_are_undone(
    session: LibrarySession, samples: Archive, tmp_path: Path
) -> None:
    ids = ids_of(samples)
    session.change_tags(ids[0], add=["已有"])
    session.tag_all(ids[:4], ["批量", "已有"])
    session.undo()
    assert session.view.tags_of(ids[0]) == {"已有"}
    assert not any(session.view.tags_of(i) for i in ids[1:4])

    shared = tmp_path / "小王.json"
    entry = {
        "id": ids[9], "number": 403, "section": "要闻", "headline": "导入的", "paragraphs": [],
        "bookmarked": True, "tags": ["同事"], "note": "同事的备注",
    }  # fmt: skip
    document = {"format": "zhoubao-export", "version": 1, "items": [entry]}
    shared.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    session.import_collection(shared)
    assert session.view.is_bookmarked(ids[9]) and session.view.note_of(ids[9]) == "同事的备注"
    undone = session.undo()
    assert undone is not None and "小王.json" in undone.action.label
    view = session.view
    assert not view.is_bookmarked(ids[9]) and not view.tags_of(ids[9])
    assert not view.note_of(ids[9])


def test_the_journal_keeps_the_last_actions_only(session: LibrarySession, samples: Archive) -> None:
    first = ids_of(samples)[0]
    for _ in range(KEEP_ENTRIES + 5):
        session.toggle_bookmark(first)
    undone = 0
    while session.undo() is not None:
        undone += 1
    assert undone == KEEP_ENTRIES


def test_a_change_and_its_journal_entry_are_one_transaction(
    session: LibrarySession, samples: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import journal

    def broken(*args: object) -> bytes:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(journal.ChangeSet, "to_blob", broken)
    first = ids_of(samples)[0]
    with pytest.raises(Exception, match="disk I/O"):
        session.toggle_bookmark(first)
    with other_process() as now:
        assert not now.view.is_bookmarked(first)


@given(st.binary(max_size=200))
@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_damaged_journal_entry_reads_as_no_change(blob: bytes) -> None:
    import zlib

    for data in (blob, zlib.compress(blob)):
        assert isinstance(ChangeSet.from_blob(data), ChangeSet)


OPS = st.lists(
    st.tuples(st.sampled_from(["b", "m", "t", "batch", "catch_up"]), st.integers(0, 7)),
    min_size=1,
    max_size=8,
)


@given(mine=OPS, theirs=st.lists(st.tuples(st.sampled_from(["b", "t"]), st.integers(8, 11))))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_undoing_everything_restores_this_apps_items_and_keeps_the_others(
    samples: Archive, tmp_path_factory: pytest.TempPathFactory, mine: list[tuple[str, int]],
    theirs: list[tuple[str, int]],
) -> None:  # fmt: skip
    ids = ids_of(samples)[:12]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.DATA_DIR_ENV, str(tmp_path_factory.mktemp("undo")))
        session = open_session(samples)
        start = state(session, ids)
        for (op, n), other in zip(mine, [*theirs, *[None] * len(mine)], strict=False):
            act(session, op, ids[n], ids[n : min(n + 3, 8)])
            if other is not None:
                with other_process() as them:
                    snap = snap_of(samples, ids[other[1]])
                    if other[0] == "b":
                        them.toggle_bookmark(snap)
                    else:
                        them.add_tags([snap], ["别处"])
        after_mine = state(session, ids[:8])
        others = state(session, ids[8:])
        while session.undo() is not None:
            pass
        assert state(session, ids[:8]) == {k: v for k, v in start.items() if k in ids[:8]}
        assert state(session, ids[8:]) == others
        while session.redo() is not None:
            pass
        assert state(session, ids[:8]) == after_mine
        session.store.close()


def act(session: LibrarySession, op: str, item_id: str, some: list[str]) -> None:
    if op == "b":
        session.toggle_bookmark(item_id)
    elif op == "m":
        session.toggle_read(item_id)
    elif op == "t":
        tagged = "甲" in session.view.tags_of(item_id)
        added, removed = (["乙"], ["甲"]) if tagged else (["甲"], [])
        session.change_tags(item_id, add=added, remove=removed)
    elif op == "batch":
        session.set_bookmarks(some, on=not all(session.view.is_bookmarked(i) for i in some))
    else:
        session.mark_all_read(some, Action("catch_up_issue", "1"))


def state(session: LibrarySession, ids: list[str]) -> dict[str, tuple[bool, bool, frozenset[str]]]:
    session.store.refresh(force=True)
    view = session.view
    return {i: (view.is_bookmarked(i), view.is_read(i), view.tags_of(i)) for i in ids}


def test_a_read_only_library_says_why_it_cannot_undo(
    samples: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library.store import LibraryReadOnly

    blocker = tmp_path / "blocker"  # a file where the data folder should be: read-only
    blocker.write_text("")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocker / "zhoubao"))
    session = open_session(samples)
    assert session.read_only
    with pytest.raises(LibraryReadOnly):
        session.undo()
