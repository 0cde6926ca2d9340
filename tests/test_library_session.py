"""The session the reader app holds: item ids in, library writes out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.archive import load_archive
from tui.library import LibraryError, LibraryStore
from tui.library.session import LibrarySession


@pytest.fixture
def session(sample_dir: Path) -> LibrarySession:
    session = LibrarySession(LibraryStore())
    session.attach(load_archive(sample_dir))
    return session


def _ids(session: LibrarySession) -> list[str]:
    assert session.archive is not None
    return list(session.archive.places)


def test_keys_change_the_library(session: LibrarySession) -> None:
    first, second, third = _ids(session)[:3]
    assert session.toggle_bookmark(first) is True
    session.change_tags(second, add=["短剧", "AI"])
    session.set_note(third, "备注")
    assert session.toggle_read(first) is True and session.toggle_read(first) is False
    session.mark_read(second)
    session.mark_read(second)  # repeating costs nothing
    view = session.view
    assert view.is_bookmarked(first) and view.tags_of(second) == {"短剧", "AI"}
    assert session.note_of(third) == "备注" and view.is_read(second) and not view.is_read(first)
    records = session.records()
    assert [r.id for r in records] == [first, second, third]
    assert all(r.in_archive for r in records)
    assert records[1].snapshot.position == 1  # the place in the issue comes from the archive


def test_batch_actions_and_unread(session: LibrarySession) -> None:
    ids = _ids(session)
    session.bookmark_all(ids[:5])
    session.tag_all(ids[3:8], ["批量"])
    assert sum(session.view.is_bookmarked(i) for i in ids) == 5
    assert sum("批量" in session.view.tags_of(i) for i in ids) == 5
    assert session.archive is not None
    issue = session.archive.issues[0]
    before = session.unread_in(issue)
    session.mark_read(ids[0])
    assert session.unread_in(issue) == before - 1
    assert session.next_unread(ids, None) == ids[1]


def test_items_whose_file_is_gone_still_answer(session: LibrarySession, tmp_path: Path) -> None:
    first = _ids(session)[0]
    session.toggle_bookmark(first)
    session.attach(load_archive(tmp_path))  # an empty archive
    session.set_note(first, "文件没了")
    [record] = session.records()
    assert not record.in_archive and record.note == "文件没了"
    with pytest.raises(LibraryError, match="没有条目 999-000000"):
        session.toggle_bookmark("999-000000")
