"""The index of a changed archive made from the old one's (`tui.search.update`) is the index
a full build makes: on random changes (issues added anywhere, removed, items edited), with
the "common pair" threshold lowered so that the set of common pairs changes too.

In the reader: a new issue in the watched folder gives a search that finds it, through
the reused index.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_app_navigation import SAMPLES
from test_app_new_issues import renumbered
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import Archive, Issue, Item, Section
from tui.search import SearchEngine, grams, indexcache
from tui.search.index import ArchiveIndex, TextIndex
from tui.search.update import plan, updated
from widgets.archive_watcher import ArchiveWatcher
from widgets.search_indexer import SearchIndexer

#: Lowered so that a few dozen items have common pairs, and changes change which.
SMALL_COMMON = 4


def make_archive(pool: list[Item], issues: list[list[int]]) -> Archive:
    """Issues (oldest first) made of the pool's items at these indexes."""
    made = []
    for k, picks in enumerate(issues):
        number = k + 1
        items = tuple(
            dataclasses.replace(pool[p], id=f"{number}-{n}", number=number)
            for n, p in enumerate(picks)
        )
        made.append(Issue(number, date(2020, 1, 6) + timedelta(weeks=k), (Section("要闻", items),)))
    return Archive(Path("/archive"), tuple(made))


def postings(text: TextIndex) -> dict[str, dict[str, list[int]]]:
    return {
        family: {token: list(items) for token, items in found.items.items()}
        for family, found in indexcache._families(text).items()
    }


def assert_same(made: TextIndex, built: TextIndex) -> None:
    assert list(made.texts) == list(built.texts)
    assert made.grams.common == built.grams.common
    assert made.pinyin.readings == built.pinyin.readings
    assert postings(made) == postings(built)


@pytest.fixture(scope="module")
def pool(archive: Archive) -> list[Item]:
    """The samples' items, and each again with its first paragraph changed."""
    items = [item for issue in archive.issues for item in issue.items][:24]
    edited = [
        dataclasses.replace(item, paragraphs=("改动：" + item.paragraphs[0][::-1],))
        for item in items
    ]
    return items + edited


ISSUES = st.lists(st.lists(st.integers(0, 47), min_size=1, max_size=5), min_size=1, max_size=8)
EDITS = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "edit"]), st.integers(0, 20), ISSUES),
    min_size=1,
    max_size=4,
)


def edited(issues: list[list[int]], edits: list[tuple[str, int, list[list[int]]]]) -> list:
    changed = [list(picks) for picks in issues]
    for kind, at, extra in edits:
        at %= len(changed) + (kind == "add")
        if kind == "add":
            changed.insert(at, extra[0])
        elif kind == "remove" and len(changed) > 1:
            del changed[at]
        elif kind == "edit":
            changed[at] = [(p + 24) % 48 if n == 0 else p for n, p in enumerate(changed[at])]
    return changed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issues=ISSUES, edits=EDITS)
def test_the_updated_index_is_the_built_one(
    pool: list[Item], issues: list[list[int]], edits: list[tuple[str, int, list[list[int]]]]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grams, "MIN_COMMON", SMALL_COMMON)
        old = ArchiveIndex(make_archive(pool, issues))
        old_text = TextIndex.build(old)
        new_archive = make_archive(pool, edited(issues, edits))
        new = ArchiveIndex(new_archive)
        made = updated(old, old_text, new)
        built_index = ArchiveIndex(new_archive)
        built = TextIndex.build(built_index)
        if made is not None:
            assert list(new.headlines) == list(built_index.headlines)
            assert_same(made, built)


def test_a_new_issue_first_keeps_every_other_issue_in_one_block(pool: list[Item]) -> None:
    issues = [[0, 1, 2], [3, 4], [5, 6, 7, 8]]
    old = ArchiveIndex(make_archive(pool, issues))
    new = ArchiveIndex(make_archive(pool, [*issues, [9, 10]]))
    blocks, fresh = plan(old, new)
    assert fresh == [0, 1], "the new issue is the newest: numbered first"
    assert [(b.old_start, b.old_stop, b.new_start) for b in blocks] == [(0, 9, 2)]
    made = updated(old, TextIndex.build(old), new)
    assert made is not None
    assert_same(made, TextIndex.build(ArchiveIndex(make_archive(pool, [*issues, [9, 10]]))))


def test_an_archive_with_little_in_common_is_built_whole(pool: list[Item]) -> None:
    old = ArchiveIndex(make_archive(pool, [[0, 1]]))
    new = ArchiveIndex(make_archive(pool, [[0, 1], [2, 3], [4, 5]]))
    assert updated(old, TextIndex.build(old), new) is None


def test_the_engine_uses_the_previous_index(
    pool: list[Item], monkeypatch: pytest.MonkeyPatch
) -> None:
    issues = [[0, 1, 2], [3, 4], [5, 6, 7, 8], [11, 12]]
    previous = SearchEngine(make_archive(pool, issues))
    previous.prepare(use_cache=False)
    monkeypatch.setattr(TextIndex, "build", None)  # a full build would fail
    engine = SearchEngine(make_archive(pool, [*issues, [30]]))
    engine.prepare(use_cache=False, previous=previous)
    headline = pool[30].headline
    assert [hit.item.id for hit in engine.search(headline).hits()][:1] == ["5-0"]


async def test_a_new_issue_in_the_watched_folder_is_found_through_the_reused_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    app = ZhoubaoApp(root)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = app.reader
        await wait_until(pilot, lambda: reader.archive is not None, "the archive read")
        await wait_until(pilot, reader.query_one(ArchiveWatcher).watching.is_set, "watching")
        reader.query_one(SearchIndexer).start()
        await wait_until(pilot, lambda: ready(reader.search_engine), "the first index")
        first = reader.search_engine
        assert first is not None
        builds: list[int] = []
        build = TextIndex.build
        monkeypatch.setattr(TextIndex, "build", lambda index: builds.append(1) or build(index))
        sample = (root / "403-2024-02-26.md").read_text(encoding="utf-8")
        (root / "404-2024-03-04.md").write_text(renumbered(sample, 404), encoding="utf-8")
        await wait_until(
            pilot,
            lambda: reader.search_engine is not first and ready(reader.search_engine),
            "the index of the archive with the new issue",
        )
        engine = reader.search_engine
        assert engine is not None and builds == [], "made from the first index, not built"
        assert engine.index.archive.newest_first[0].number == 404
        newest = engine.index.items[0]
        assert newest.number == 404
        found = [hit.item.id for hit in engine.search(newest.headline).hits()]
        assert newest.id in found
        stored = indexcache.load(indexcache.index_file(root), ArchiveIndex(engine.index.archive))
        assert stored is not None, "the new index was stored for the next start"


def ready(engine: SearchEngine | None) -> bool:
    return engine is not None and engine.ready
