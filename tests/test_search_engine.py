"""The search engine on the sample archive: the queries of the issue and their top results."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

import pytest

from tui import paths
from tui.archive import Archive, load_archive
from tui.search import QueryError, SearchEngine
from tui.search.match import FUZZY, TEXT
from tui.search.results import Hit

REPO = Path(__file__).resolve().parent.parent
WEIXIN = "腾讯：微信短剧小程序开始收取保证金 | 微信视频号电商GMV超千亿，微信支付团队将参与建设"
ZUOTAN = "国家广播电视总局召开地方局台网负责同志座谈会"
HUAMEI = "优酷、腾讯视频：电视剧《画眉》开播"


def headlines(engine: SearchEngine, query: str, limit: int = 10) -> list[str]:
    return [hit.headline for hit in engine.search(query, limit=limit).hits]


def marked(hit: Hit) -> str:
    """The headline with matched spans in brackets: 腾讯：[微信短]剧…"""
    out, last = [], 0
    for start, end in hit.spans:
        out += [hit.headline[last:start], "[", hit.headline[start:end], "]"]
        last = end
    return "".join([*out, hit.headline[last:]])


def test_fuzzy_headline_with_a_typo(engine: SearchEngine) -> None:
    hit = engine.search("微信短句").hits[0]
    assert hit.headline == WEIXIN
    assert marked(hit).startswith("腾讯：[微信短]剧")


def test_fuzzy_headline_with_gaps(engine: SearchEngine) -> None:
    hit = engine.search("广电总局座谈").hits[0]
    assert hit.headline == ZUOTAN
    assert marked(hit) == "国家[广]播[电]视[总局]召开地方局台网负责同志[座谈]会"


def test_full_pinyin_finds_tengxun_first(engine: SearchEngine) -> None:
    found = headlines(engine, "tengxun")
    assert len(found) >= 3
    assert all("腾讯" in headline for headline in found[:3])


def test_pinyin_while_typing(engine: SearchEngine) -> None:
    for prefix in ("teng", "tengx", "tengxu"):
        assert "腾讯" in headlines(engine, prefix)[0], prefix


def test_pinyin_initials(engine: SearchEngine) -> None:
    hit = engine.search("txsp").hits[0]
    assert hit.headline == HUAMEI
    assert marked(hit) == "优酷、[腾讯视频]：电视剧《画眉》开播"


def test_pinyin_duanju(engine: SearchEngine) -> None:
    found = headlines(engine, "duanju")
    assert len(found) >= 5
    assert all("短剧" in headline for headline in found)


def test_heteronyms_match_any_reading(engine: SearchEngine) -> None:
    # 行 reads xing and hang: 行业 is "hangye", 发行 would be "faxing".
    assert any("行业" in h for h in headlines(engine, "hangye", limit=50))
    assert any("标准正式发行" in h for h in headlines(engine, "faxing", limit=50))


def test_body_words(engine: SearchEngine) -> None:
    assert headlines(engine, "保证金")[0] == WEIXIN
    body_only = engine.search("曹淑敏").hits
    assert [hit.headline for hit in body_only] == [ZUOTAN]
    assert body_only[0].spans == ()
    assert body_only[0].score < 1000


def test_short_and_latin_body_words(engine: SearchEngine) -> None:
    ai = headlines(engine, "AI", limit=100)
    assert "苹果内测类 ChatGPT 工具" in ai  # AI only in its body
    assert headlines(engine, "ＡＩ", limit=100) == ai
    assert headlines(engine, "ai", limit=100) == ai
    short_drama = engine.search("短剧", limit=100).hits
    assert len(short_drama) >= 6
    assert all("短剧" in hit.item.headline + hit.item.body for hit in short_drama)


def test_latin_words_match_at_word_starts_in_bodies(engine: SearchEngine) -> None:
    # "ai" is in "said" and "OpenAI" but a full-text match must start a Latin word.
    for hit in engine.search("ai", limit=100).hits:
        if hit.score < FUZZY:
            assert re.search(r"(?<![A-Za-z0-9])(AI|ai|Ai)", hit.item.body)


def test_headline_ranks_above_body(engine: SearchEngine) -> None:
    scores = [("AI" in hit.headline, hit.score) for hit in engine.search("AI", limit=100).hits]
    in_headline = [score for inside, score in scores if inside]
    body_only = [score for inside, score in scores if not inside]
    assert in_headline and body_only
    assert min(in_headline) > max(body_only)


def test_ties_go_to_the_newer_issue(engine: SearchEngine) -> None:
    hits = engine.search("短剧", limit=100).hits
    for first, second in itertools.pairwise(hits):
        assert first.score > second.score or first.number >= second.number


def test_several_words_must_all_match(engine: SearchEngine) -> None:
    assert headlines(engine, "腾讯 保证金") == [WEIXIN]
    assert headlines(engine, "腾讯 不存在的词") == []
    hit = engine.search("腾讯 短剧").hits[0]
    assert marked(hit).startswith("[腾讯]：微信[短剧]")


def test_a_query_of_several_words_is_cut_by_jieba(engine: SearchEngine) -> None:
    # 微信短剧保证金 is not in any headline as one run; its words are all in one item.
    assert headlines(engine, "微信短剧保证金")[0] == WEIXIN


def test_spaces_in_headlines_do_not_matter(engine: SearchEngine) -> None:
    hit = engine.search("2023年第三季度").hits[0]
    assert "[2023 年第三季度]" in marked(hit)


def test_phrases_and_exclusions(engine: SearchEngine) -> None:
    assert headlines(engine, '"AI 赋能"') == [
        "国务院国资委召开中央企业人工智能专题推进会 推动 AI 赋能产业焕新"
    ]
    assert headlines(engine, '"赋能 AI"') == []
    without = engine.search("短剧 -抖音", limit=100).hits
    assert without
    assert all("抖音" not in hit.item.headline + hit.item.body for hit in without)


def test_filters(engine: SearchEngine) -> None:
    assert {hit.section for hit in engine.search("sec:技术 AI", limit=100).hits} == {"技术"}
    assert {hit.number for hit in engine.search("no:403", limit=100).hits} == {403}
    assert {hit.number for hit in engine.search("no:390..400", limit=100).hits} == {393}
    assert {hit.number for hit in engine.search("AI date:2024-02", limit=100).hits} == {403}
    in_range = engine.search("date:2023-12-01..2024-01-31", limit=100)
    assert {hit.number for hit in in_range.hits} == {393}
    assert len(in_range.hits) == engine.index.archive.issues[0].item_count
    assert {hit.section for hit in engine.search("-sec:技 no:403", limit=100).hits} == {
        "要闻",
        "行业",
        "内容",
        "资本",
        "人事",
    }


def test_filters_alone_list_newest_first(engine: SearchEngine) -> None:
    hits = engine.search("sec:人事", limit=100).hits
    assert [hit.number for hit in hits] == [403, 403, 393, 393]


def test_unknown_section_is_a_query_error(engine: SearchEngine) -> None:
    with pytest.raises(QueryError, match="no such section"):
        engine.search("sec:体育")


def test_library_filters_without_a_library(engine: SearchEngine) -> None:
    for query in ("#AI", "is:bookmarked", "短剧 is:unread"):
        with pytest.raises(QueryError, match="library not available"):
            engine.search(query)


class FakeLibrary:
    def __init__(self, bookmarked: set[str], tags: dict[str, set[str]], read: set[str]) -> None:
        self.bookmarked, self.tags, self.read = bookmarked, tags, read

    def is_bookmarked(self, item_id: str) -> bool:
        return item_id in self.bookmarked

    def tags_of(self, item_id: str) -> Collection[str]:
        return self.tags.get(item_id, set())

    def has_note(self, item_id: str) -> bool:
        return False

    def is_read(self, item_id: str) -> bool:
        return item_id in self.read


def test_library_filters(archive: Archive) -> None:
    ids = list(archive.places)
    library = FakeLibrary({ids[0], ids[5]}, {ids[5]: {"短剧"}, ids[7]: {"AI"}}, set(ids[1:]))
    engine = SearchEngine(archive, library)
    assert {hit.id for hit in engine.search("is:bookmarked").hits} == {ids[0], ids[5]}
    assert {hit.id for hit in engine.search("#短剧").hits} == {ids[5]}
    assert {hit.id for hit in engine.search("#ai").hits} == {ids[7]}
    assert {hit.id for hit in engine.search("is:tagged").hits} == {ids[5], ids[7]}
    assert {hit.id for hit in engine.search("is:unread").hits} == {ids[0]}
    assert len(engine.search("-is:read", limit=100).hits) == 1
    assert engine.search("is:noted").hits == ()


def test_search_works_before_the_extras(archive: Archive) -> None:
    engine = SearchEngine(archive)
    assert not engine.extras_ready
    assert headlines(engine, "微信短句")[0] == WEIXIN
    assert headlines(engine, "保证金")[0] == WEIXIN
    assert engine.search("tengxun").hits == ()  # no pinyin yet, and no crash
    assert engine.search("曹淑敏").hits == ()  # bodies come with the extras
    engine.build_extras()
    assert headlines(engine, "曹淑敏") == [ZUOTAN]


def test_extras_are_cached_per_issue(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchEngine(archive).build_extras()
    cache = paths.search_index_dir()
    assert len(list((cache / "words").glob("*.json"))) == len(archive.issues)
    assert list(cache.glob("pinyin-*.json"))

    def no_cutting(self: object, text: str) -> bytes:
        raise AssertionError("an unchanged issue was cut again")

    monkeypatch.setattr("tui.search.words.Segmenter.word_starts", no_cutting)
    again = SearchEngine(archive)
    again.build_extras()
    assert "腾讯" in headlines(again, "tengxun")[0]


def test_limit_and_completeness(engine: SearchEngine) -> None:
    result = engine.search("AI", limit=3)
    assert len(result.hits) == 3
    assert not result.complete
    assert result.matched >= 3
    assert engine.search("txsp", limit=50).complete


def test_empty_query_has_no_hits(engine: SearchEngine) -> None:
    assert engine.search("").hits == ()
    assert engine.search("   ").matched == 0


def test_hit_json(engine: SearchEngine) -> None:
    data = engine.search("txsp").hits[0].as_json()
    assert data == {
        "id": data["id"],
        "number": 393,
        "date": "2023-12-18",
        "section": "内容",
        "headline": HUAMEI,
        "score": data["score"],
        "spans": [[3, 7]],
    }


def test_archive_of_no_issues(tmp_path: Path) -> None:
    engine = SearchEngine(load_archive(tmp_path))
    engine.build_extras()
    assert engine.search("短剧").hits == ()
    assert TEXT > 0


def test_importing_search_loads_nothing_slow() -> None:
    code = (
        "import sys, tui.search, tui.search.engine; "
        "print(sorted(m for m in ('jieba', 'pypinyin', 'textual', 'importlib.metadata') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"
