"""Trend counts agree with the search: every count is checked against the engine's own hits
for the same query, on a synthetic archive with months and issue numbers missing."""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap
from trends_archive import GAP_MONTHS, MISSING, holey  # noqa: F401 (a fixture)

from tui.archive import load_archive
from tui.archive.model import Item
from tui.search import Order, SearchEngine
from tui.search.aliases import AliasTable
from tui.trends import Granularity, TrendIndex
from tui.trends.entities import EntityIndex, names_in

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"

QUERIES = ("短剧", "AI", "腾讯", "sec:技术 大模型", "tengxun", "版权 -抖音", "date:2016-03", "会员")


def hits_of(engine: SearchEngine, query: str) -> list[tuple[str, int, date | None]]:
    """(id, issue number, date) of every hit the search lists, by walking its rows."""
    result = engine.search(query, order=Order.OLDEST)
    return [(hit.id, hit.number, hit.date) for hit in result.hits(0, None)]


def period_of(granularity: Granularity, number: int, when: date | None) -> str:
    assert when is not None
    if granularity is Granularity.ISSUE:
        return str(number)
    if granularity is Granularity.QUARTER:
        return f"{when.year}-Q{(when.month - 1) // 3 + 1}"
    return f"{when.year}-{when.month:02d}"


@pytest.mark.parametrize("granularity", list(Granularity))
@pytest.mark.parametrize("query", QUERIES)
def test_counts_per_period_are_the_search_hits(
    holey: SearchEngine,  # noqa: F811
    query: str,
    granularity: Granularity,
) -> None:
    hits = hits_of(holey, query)
    expected = Counter(period_of(granularity, number, when) for _id, number, when in hits)
    trend = TrendIndex(holey).trend([query], granularity)
    counted = {
        period.key: count
        for period, count in zip(trend.periods, trend.counts[0], strict=True)
        if count
    }
    assert counted == dict(expected)
    assert trend.series[0].total == len(hits) == len(holey.search(query))
    assert sum(c or 0 for c in trend.counts[0]) == len(hits)


def test_months_without_issues_are_gaps_not_zeros(holey: SearchEngine) -> None:  # noqa: F811
    trend = TrendIndex(holey).trend(["短剧"], Granularity.MONTH)
    gaps = [p.key for p in trend.periods if p.is_gap]
    assert gaps == list(GAP_MONTHS)
    for period, count in zip(trend.periods, trend.counts[0], strict=True):
        assert (count is None) == period.is_gap
    # The axis runs without a break from the first month to the last.
    keys = [p.key for p in trend.periods]
    assert keys[0] == "2016-01" and keys[-1] == "2017-02" and len(keys) == 14


def test_missing_issue_numbers_are_gaps_by_issue(holey: SearchEngine) -> None:  # noqa: F811
    trend = TrendIndex(holey).trend(["AI"], Granularity.ISSUE)
    assert [int(p.key) for p in trend.periods if p.is_gap] == list(MISSING)
    assert [int(p.key) for p in trend.periods] == list(range(1, 61))


def test_a_zero_is_a_period_with_issues_and_no_match(holey: SearchEngine) -> None:  # noqa: F811
    trend = TrendIndex(holey).trend(["date:2016-03"], Granularity.MONTH)
    march = next(i for i, p in enumerate(trend.periods) if p.key == "2016-03")
    assert trend.counts[0][march] == len(holey.search("date:2016-03"))
    february = next(i for i, p in enumerate(trend.periods) if p.key == "2016-02")
    assert trend.counts[0][february] == 0


def test_a_periods_items_are_its_hits(holey: SearchEngine) -> None:  # noqa: F811
    trends = TrendIndex(holey)
    trend = trends.trend(["短剧"], Granularity.QUARTER)
    hits = hits_of(holey, "短剧")
    for index, period in enumerate(trend.periods):
        listed = trends.items_in(period, trend.series[0].found)
        wanted = {i for i, n, d in hits if period_of(Granularity.QUARTER, n, d) == period.key}
        assert {item.id for item in listed} == wanted
        assert len(listed) == (trend.counts[0][index] or 0)
        dates = [item.date for item in listed]
        assert dates == sorted(dates, reverse=True), "newest issue first"


def test_several_queries_and_another_granularity_reuse_the_sets(
    holey: SearchEngine,  # noqa: F811
) -> None:
    trends = TrendIndex(holey)
    trend = trends.trend(["短剧", "AI", "版权"], Granularity.MONTH)
    again = trends.trend(trend.series, Granularity.ISSUE)
    assert [s.total for s in again.series] == [len(holey.search(q)) for q in ("短剧", "AI", "版权")]
    assert trend.peak == max(c or 0 for row in trend.counts for c in row)


def test_entities_among_the_matches(holey: SearchEngine) -> None:  # noqa: F811
    trends = TrendIndex(holey)
    found = trends.series("短剧").found
    top = trends.top_entities(found, 50)
    key = trends.entities.key_of  # 芒果TV and 芒果 TV are one entity
    expected: Counter[str] = Counter()
    for item in (holey.index.items[n] for n in found):
        if item.entity is not None:
            expected.update({key(name): 1 for name in names_in(item.entity)})
    assert {e.key: e.count for e in top} == dict(expected)
    assert "芒果 TV" in {e.name for e in top}, "written as the archive writes it most"
    counts = [e.count for e in top]
    assert counts == sorted(counts, reverse=True)
    for entity in top:
        named = [
            holey.index.items[n]
            for n in found
            if entity.key in map(key, names_in(holey.index.items[n].entity or ""))
        ]
        assert entity.first.number == min(item.number for item in named)
        assert entity.last.number == max(item.number for item in named)


def test_an_entity_and_its_aliases_are_one(holey: SearchEngine) -> None:  # noqa: F811
    entities = TrendIndex(holey).entities
    bilibili = entities.items_of("哔哩哔哩")
    assert bilibili, "the synthetic archive names 哔哩哔哩 as a source"
    assert entities.items_of("B站") == bilibili == entities.items_of("BILIBILI")
    assert entities.name_of(entities.key_of("b站")) == "哔哩哔哩"
    assert set(entities.other_names("哔哩哔哩")) == {"B站", "bilibili"}
    for number in bilibili:
        assert "哔哩哔哩" in names_in(holey.index.items[number].entity or "")


def test_a_list_of_sources_counts_for_each() -> None:
    assert names_in("优酷、腾讯视频") == ["优酷", "腾讯视频"]
    assert names_in("爱奇艺 / 优酷") == ["爱奇艺", "优酷"]
    assert names_in("芒果 TV") == ["芒果 TV"]


def test_sections_split_the_matches(holey: SearchEngine) -> None:  # noqa: F811
    trends = TrendIndex(holey)
    found = trends.series("AI").found
    split = trends.sections(found)
    expected = Counter(holey.index.items[n].section for n in found)
    assert {s.name: s.count for s in split} == dict(expected)
    assert [s.count for s in split] == sorted(expected.values(), reverse=True)


def test_one_trend_index_per_engine_for_as_long_as_it_lives(tmp_path: Path) -> None:
    engine = SearchEngine(load_archive(SAMPLES))
    first = TrendIndex.of(engine)
    assert TrendIndex.of(engine) is first
    alive = weakref.ref(first)
    del engine, first
    gc.collect()
    assert alive() is None, "the index goes with its engine"


headline_parts = st.text(
    alphabet=st.sampled_from("腾讯优酷芒果哔哩B站TVtv 、,/：:AIbilibili\x1b\u200b"), max_size=14
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(headline_parts, headline_parts), min_size=1, max_size=30))
def test_every_item_is_under_each_of_its_entities(parts: list[tuple[str, str]]) -> None:
    """Headlines are outside text: whatever they hold, an item is listed under exactly the
    entities its source names, and under no other."""
    items = [
        Item(f"1-{n}", f"{source}：{rest}", (), "行业", 1, date(2024, 1, 1))
        for n, (source, rest) in enumerate(parts)
    ]
    aliases = AliasTable()
    aliases.add_groups(["B站 = 哔哩哔哩 = bilibili"], "test")
    index = EntityIndex(items, aliases)
    for number, item in enumerate(items):
        names = names_in(item.entity) if item.entity else []
        for name in names:
            assert number in index.items_of(name)
            assert index.name_of(index.key_of(name)), "every entity has a name to show"
    every = BitMap(range(len(items)))
    for entity in index.top(every, 1000):
        members = index.items_of(entity.name)
        assert len(members) == entity.count
        for number in members:
            named = names_in(items[number].entity or "")
            assert entity.key in {index.key_of(n) for n in named}
