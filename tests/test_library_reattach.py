"""Records whose item changed id (a re-converted file, a retouched headline) re-attach."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tui.archive import Archive, Issue, Item, Section, load_archive
from tui.archive.model import make_item_id
from tui.library import LibraryStore, Snapshot, reattach


def _issue(number: int, headlines: list[str]) -> Issue:
    items = tuple(
        Item(
            id=make_item_id(number, h),
            headline=h,
            paragraphs=(f"{h}的正文。",),
            section="要闻",
            number=number,
            date=None,
        )
        for h in headlines
    )
    return Issue(number=number, date=None, sections=(Section("要闻", items),))


def _archive(*issues: Issue) -> Archive:
    return Archive(root=Path("."), issues=issues)


OLD = ["腾讯视频发布2024年度片单", "爱奇艺：推出微短剧专区", "总局召开座谈会"]


@pytest.fixture
def store_with_old_records() -> LibraryStore:
    store = LibraryStore()
    before = _archive(_issue(393, OLD))
    first, second, third = (Snapshot.of(i, before.issues[0]) for i in before.issues[0].items)
    store.set_bookmark(first)
    store.add_tags([first], ["片单"])
    store.set_note(first, "要跟进")
    store.set_read([second])
    store.set_bookmark(third)
    return store


def test_slightly_changed_headline_reattaches_with_all_marks(
    store_with_old_records: LibraryStore,
) -> None:
    store = store_with_old_records
    # Words added or fixed change the ids (spaces and full-width forms alone would not).
    new_headlines = [
        "腾讯视频发布２０２４年度剧集 片单",
        "爱奇艺：推出微短剧专区频道",
        "完全不同的新闻",
    ]
    after = _archive(_issue(393, new_headlines))
    new_ids = [item.id for item in after.issues[0].items]
    old_ids = [make_item_id(393, h) for h in OLD]
    assert set(new_ids).isdisjoint(old_ids)

    report = reattach(store, after)

    assert report.moved == ((old_ids[0], new_ids[0]), (old_ids[1], new_ids[1]))
    assert report.missing == (old_ids[2],)
    records = {r.id: r for r in store.records(present=after.places)}
    moved = records[new_ids[0]]
    assert moved.bookmarked and moved.tags == ("片单",) and moved.note == "要跟进"
    assert moved.in_archive and moved.snapshot.headline == new_headlines[0]
    assert records[new_ids[1]].read
    assert not records[old_ids[2]].in_archive  # kept, marked as not in the archive
    assert old_ids[0] not in records and old_ids[1] not in records
    assert store.view.is_bookmarked(new_ids[0]) and not store.view.is_bookmarked(old_ids[0])
    # A second run has nothing left to move.
    assert reattach(store, after).moved == ()


def test_same_headline_in_another_issue_does_not_reattach(
    store_with_old_records: LibraryStore,
) -> None:
    after = _archive(_issue(394, OLD))
    report = reattach(store_with_old_records, after)
    assert report.moved == ()
    assert len(report.missing) == 3


def test_each_new_item_takes_one_record_best_match_first() -> None:
    store = LibraryStore()
    a = _issue(400, ["华为发布鸿蒙系统新版本", "华为发布鸿蒙系统新版本啦"])
    for item in a.items:
        store.set_bookmark(Snapshot.of(item, a))
    after = _archive(_issue(400, ["华为发布鸿蒙系统新版本。"]))
    report = reattach(store, after)
    assert report.moved == ((a.sections[0].items[0].id, after.issues[0].sections[0].items[0].id),)
    assert report.missing == (a.sections[0].items[1].id,)


def test_merges_into_an_item_the_library_gained_meanwhile() -> None:
    store = LibraryStore()
    before = _issue(401, ["快手发布年度数据报告"])
    after_issue = _issue(401, ["快手发布年度数据报告！"])
    old = Snapshot.of(before.sections[0].items[0], before)
    store.set_note(old, "旧备注")
    # The archive still holds both, so nothing moves; once the old one goes, it re-attaches.
    both = _archive(_issue(401, ["快手发布年度数据报告", "快手发布年度数据报告！"]))
    assert reattach(store, both).moved == ()
    report = reattach(store, _archive(after_issue))
    [(old_id, new_id)] = report.moved
    assert store.note_of(new_id) == "旧备注" and store.note_of(old_id) == ""


def test_sample_archive_records_stay_attached(sample_dir: Path) -> None:
    archive = load_archive(sample_dir)
    store = LibraryStore()
    issue = archive.issues[0]
    item = next(iter(issue.items))
    store.set_bookmark(Snapshot.of(item, issue))
    assert reattach(store, archive).moved == ()
    [record] = store.records(present=archive.places)
    assert record.in_archive


def test_read_only_store_reports_but_does_not_move(
    store_with_old_records: LibraryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_with_old_records
    monkeypatch.setattr(store, "read_only", True)
    after = _archive(_issue(393, ["腾讯视频发布2024年度剧集片单"]))
    report = reattach(store, after)
    assert len(report.moved) == 1
    assert store.snapshot(report.moved[0][0]) is not None


def test_dataclass_snapshot_matches_item_fields() -> None:
    issue = _issue(393, OLD)
    item = issue.sections[0].items[2]
    snap = Snapshot.of(item, issue)
    assert snap.position == 2
    assert {f.name for f in dataclasses.fields(Item)} <= {f.name for f in dataclasses.fields(snap)}
