"""Filtering and grouping for the library view; next-unread for the `u` key."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tui.library import LibraryRecord, LibraryStore, Snapshot
from tui.library.grouping import UNTAGGED, group_records, matches


def rec(n: int, number: int, tags: tuple[str, ...] = (), note: str = "") -> LibraryRecord:
    snap = Snapshot(
        id=f"{number}-{n:06x}",
        number=number,
        date=date(2024, 1, 1),
        section="技术",
        headline=f"ＡＩ 大模型 新闻{n}",
        paragraphs=(),
        position=n,
    )
    return LibraryRecord(snap, True, tags, note, read=False, in_archive=True)


RECORDS = [rec(2, 400, ("AI", "短剧")), rec(1, 400, ("政策",), note="要跟进"), rec(3, 401)]


def test_matches_words_tags_notes_and_numbers() -> None:
    first = RECORDS[0]
    assert matches(first, "") and matches(first, "ai 大模型")  # width and case folded
    assert matches(first, "#短") and not matches(first, "#政策")
    assert matches(RECORDS[1], "跟进") and matches(RECORDS[1], "400")
    assert not matches(first, "ai 跟进")


def test_groups_by_tag_in_issue_order_untagged_last() -> None:
    groups = [(h, [r.id for r in rs]) for h, rs in group_records(RECORDS, "tag")]
    assert groups == [
        ("AI", ["400-000002"]),
        ("政策", ["400-000001"]),
        ("短剧", ["400-000002"]),
        (UNTAGGED, ["401-000003"]),
    ]


def test_groups_by_issue_newest_first() -> None:
    groups = [(h, [r.id for r in rs]) for h, rs in group_records(RECORDS, "issue")]
    assert groups == [
        ("第 401 期 · 2024-01-01", ["401-000003"]),
        ("第 400 期 · 2024-01-01", ["400-000001", "400-000002"]),
    ]


@given(st.text(max_size=30))
def test_any_query_is_safe_and_an_empty_one_keeps_all(query: str) -> None:
    kept = [r for r in RECORDS if matches(r, query)]
    assert set(kept) <= set(RECORDS)
    if not query.split():
        assert kept == RECORDS


def test_next_unread_follows_reading_order_and_wraps() -> None:
    store = LibraryStore()
    ids = [r.id for r in RECORDS]
    store.set_read([RECORDS[1].snapshot])
    view = store.view
    assert view.next_unread(ids, ids[0]) == ids[2]
    assert view.next_unread(ids, ids[2]) == ids[0]
    assert view.next_unread(ids, None) == ids[0]
    store.set_read([r.snapshot for r in RECORDS])
    assert view.next_unread(ids, ids[0]) is None
