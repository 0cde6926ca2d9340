"""The search engine on the sample archive: the queries of the issue and their top results."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

import pytest

from tui.archive import Archive, load_archive
from tui.search import Order, QueryError, SearchEngine, Tier
from tui.search.results import Hit

REPO = Path(__file__).resolve().parent.parent
WEIXIN = "腾讯：微信短剧小程序开始收取保证金 | 微信视频号电商GMV超千亿，微信支付团队将参与建设"
ZUOTAN = "国家广播电视总局召开地方局台网负责同志座谈会"
HUAMEI = "优酷、腾讯视频：电视剧《画眉》开播"
LITERAL_TIERS = (Tier.HEADLINE_START, Tier.HEADLINE, Tier.TEXT)


def headlines(engine: SearchEngine, query: str, limit: int = 10) -> list[str]:
    return [hit.headline for hit in engine.search(query).hits(0, limit)]


def marked(hit: Hit) -> str:
    """The headline with matched spans in brackets: 腾讯：[微信短]剧…"""
    out, last = [], 0
    for start, end in hit.spans:
        out += [hit.headline[last:start], "[", hit.headline[start:end], "]"]
        last = end
    return "".join([*out, hit.headline[last:]])


def test_literal_before_pinyin_ai(engine: SearchEngine) -> None:
    hits = engine.search("AI").hits()
    # The newest issue's lead item holds AI as a word in its headline: it comes first.
    assert hits[0].id == "403-91b96b"
    tiers = [hit.tier for hit in hits]
    assert tiers == sorted(tiers)
    iqiyi = next(i for i, hit in enumerate(hits) if hit.headline.startswith("爱奇艺"))
    assert hits[iqiyi].tier == Tier.PINYIN and hits[iqiyi].reason == "拼音"
    # Every item holding AI as written (headlines and bodies alike) ranks above it.
    for hit in hits[:iqiyi]:
        assert hit.tier < Tier.PINYIN
    written = [h for h in hits if h.tier in LITERAL_TIERS]
    assert {h.id for h in written} >= {"393-81d975", "393-1d3567", "403-d0a8f3"}


def test_latin_words_match_whole_or_by_their_parts_never_scattered(engine: SearchEngine) -> None:
    assert headlines(engine, "Sora") == [
        "中文在线：公司海量 IP 未来或可运用 Sora 或类似应用生成短剧/短视频",
        "芒果超媒：将积极探索文生视频等新兴 AI 技术在传媒领域的落地应用",  # Sora in its body
    ]
    # OpenAI is Open·AI: found for AI in a headline, a part start, below whole words.
    openai = [h for h in engine.search("ai").hits() if "OpenAI" in h.headline]
    assert openai and all(h.tier == Tier.HEADLINE for h in openai)
    assert headlines(engine, "gpt")[:3] == [
        "字节跳动回应被 OpenAI 封禁账户：从微软获得使用 GPT API 的许可",  # GPT, a word
        "苹果内测类 ChatGPT 工具",  # Chat·GPT, newer
        "OpenAI：重新开放 ChatGPT Plus 新用户注册 | 与 Axel Springer 建立全球合作伙伴关系",
    ]
    assert headlines(engine, "ＡＩ") == headlines(engine, "ai") == headlines(engine, "AI")


def test_short_video_before_short_drama_or_video(engine: SearchEngine) -> None:
    hits = engine.search("短视频").hits()
    holding = ["短视频" in h.item.headline + h.item.body for h in hits]
    assert holding[0] and sum(holding) >= 4
    assert holding == sorted(holding, reverse=True)


def test_ties_go_to_the_newer_issue_in_reading_order(engine: SearchEngine) -> None:
    hits = engine.search("短剧").hits()
    issue_order = [issue.number for issue in engine.index.archive.newest_first]
    position = {item.id: k for k, item in enumerate(engine.index.items)}
    for first, second in itertools.pairwise(hits):
        if first.tier == second.tier:
            assert position[first.id] < position[second.id]
            assert issue_order.index(first.number) <= issue_order.index(second.number)


def test_the_order_cycles(engine: SearchEngine) -> None:
    relevance = engine.search("短剧")
    newest = engine.search("短剧", order=Order.NEWEST)
    oldest = engine.search("短剧", order=Order.OLDEST)
    assert len(relevance) == len(newest) == len(oldest)
    assert {h.id for h in relevance.hits()} == {h.id for h in oldest.hits()}
    assert [h.number for h in newest.hits()] == sorted(
        (h.number for h in newest.hits()), reverse=True
    )
    assert [h.number for h in oldest.hits()] == sorted(h.number for h in oldest.hits())
    # Within an issue, both keep the sections' order.
    in_393 = [h.id for h in oldest.hits() if h.number == 393]
    assert in_393 == [h.id for h in newest.hits() if h.number == 393]
    assert Order.RELEVANCE.next() is Order.NEWEST and Order.OLDEST.next() is Order.RELEVANCE


def test_filters_alone_list_in_reading_order(engine: SearchEngine, archive: Archive) -> None:
    issue_403 = next(i for i in archive.issues if i.number == 403)
    assert [h.id for h in engine.search("no:403").hits()] == [i.id for i in issue_403.items]
    people = engine.search("sec:人事").hits()
    assert [h.number for h in people] == [403, 403, 393, 393]
    assert all(h.tier == Tier.LISTED and h.snippet is None for h in people)


def test_aliases_find_the_other_names_and_say_so(engine: SearchEngine) -> None:
    hits = engine.search("广电").hits()
    vietnam = next(h for h in hits if h.headline.startswith("国家广播电视总局与越南"))
    assert vietnam.alias == "广播电视"
    assert vietnam.reason == "别名：广播电视"
    assert marked(vietnam).startswith("国家[广播电视]总局")
    assert [h.headline for h in engine.search("网信办").hits()][:2] == [
        "中央网信办等四部门印发《2024 年提升全民数字素养与技能工作要点》",
        "中央网信办开展“清朗·整治短视频信息内容导向不良问题”专项行动",
    ]
    assert "国家互联网信息办公室发布第四批深度合成服务算法备案信息" in headlines(engine, "网信办")
    assert "张政就任文化和旅游部副部长" in headlines(engine, "文旅部")
    assert "单忠德就任工业和信息化部副部长" in headlines(engine, "工信部")
    assert "哔哩哔哩 2023 年度弹幕出炉：“啊？”" in headlines(engine, "B站")


def test_traditional_queries_find_simplified_text(engine: SearchEngine) -> None:
    assert headlines(engine, "騰訊", 3) == headlines(engine, "腾讯", 3)
    assert headlines(engine, "騰訊")[0].startswith("腾讯：")
    assert headlines(engine, "嗶哩嗶哩") == ["哔哩哔哩 2023 年度弹幕出炉：“啊？”"]


def test_body_hits_have_a_snippet_with_the_match(engine: SearchEngine) -> None:
    hit = engine.search("俞敏洪").hits()[0]
    assert hit.headline == "东方甄选：免去孙东旭 CEO、执行董事职务"
    assert hit.tier == Tier.TEXT and hit.spans == ()
    assert hit.snippet is not None
    start, end = hit.snippet.spans[0]
    assert hit.snippet.text[start:end] == "俞敏洪"
    assert "\n" not in hit.snippet.text
    assert engine.search("腾讯").hits()[0].snippet is None  # a headline hit needs none


def test_typos_in_a_headline(engine: SearchEngine) -> None:
    # 短句 reads as 短剧 does: the input method's typo, a homophone.
    hit = engine.search("微信短句").hits()[0]
    assert hit.headline == WEIXIN
    assert hit.tier == Tier.HOMOPHONE and hit.reason == "同音"
    assert marked(hit).startswith("腾讯：[微信短剧]")
    # 跳跃 does not sound like 跳动: one character off (two of its three pairs are there).
    hit = engine.search("字节跳跃").hits()[0]
    assert hit.tier == Tier.FUZZY and hit.reason == "近似"
    assert marked(hit).startswith("[字节跳动]回应")


def test_a_long_term_found_in_pieces(engine: SearchEngine) -> None:
    # 微信短剧保证金 is not in any item as one run; its pieces are all in one item.
    hit = engine.search("微信短剧保证金").hits()[0]
    assert hit.headline == WEIXIN and hit.tier == Tier.WORDS
    assert headlines(engine, "广电总局座谈")[0] == ZUOTAN


def test_full_pinyin_and_initials(engine: SearchEngine) -> None:
    found = headlines(engine, "tengxun")
    assert len(found) >= 3 and all("腾讯" in headline for headline in found)
    for prefix in ("teng", "tengx", "tengxu"):
        assert "腾讯" in headlines(engine, prefix)[0], prefix
    hit = engine.search("txsp").hits()[0]
    assert marked(hit) == "优酷、[腾讯视频]：电视剧《画眉》开播"
    assert all("短剧" in h for h in headlines(engine, "duanju"))
    assert any("行业" in h for h in headlines(engine, "hangye", 50))
    assert any("标准正式发行" in h for h in headlines(engine, "faxing", 50))


def test_several_words_must_all_match(engine: SearchEngine) -> None:
    assert headlines(engine, "腾讯 保证金") == [WEIXIN]
    assert headlines(engine, "腾讯 不存在的词") == []
    assert marked(engine.search("腾讯 短剧").hits()[0]).startswith("[腾讯]：微信[短剧]")
    assert marked(engine.search("2023年第三季度").hits()[0]).count("[2023 年第三季度]") == 1


def test_phrases_and_exclusions(engine: SearchEngine) -> None:
    assert headlines(engine, '"AI 赋能"') == [
        "国务院国资委召开中央企业人工智能专题推进会 推动 AI 赋能产业焕新"
    ]
    assert headlines(engine, '"赋能 AI"') == []
    without = engine.search("短剧 -抖音").hits()
    assert without and all("抖音" not in h.item.headline + h.item.body for h in without)


def test_filters(engine: SearchEngine, archive: Archive) -> None:
    assert {h.section for h in engine.search("sec:技术 AI").hits()} == {"技术"}
    assert {h.number for h in engine.search("no:390..400").hits()} == {393}
    assert {h.number for h in engine.search("AI date:2024-02").hits()} == {403}
    in_range = engine.search("date:2023-12-01..2024-01-31")
    assert len(in_range) == archive.issues[0].item_count
    sections = {h.section for h in engine.search("-sec:技 no:403").hits()}
    assert sections == {"要闻", "行业", "内容", "资本", "人事"}


def test_unknown_section_is_a_query_error(engine: SearchEngine) -> None:
    with pytest.raises(QueryError, match="没有这个栏目"):
        engine.search("sec:体育")


def test_library_filters_need_the_library_passed_in(engine: SearchEngine) -> None:
    for query in ("#AI", "is:bookmarked", "短剧 is:unread"):
        with pytest.raises(QueryError, match="资料库"):
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


def test_library_filters(engine: SearchEngine, archive: Archive) -> None:
    ids = [item.id for issue in archive.issues for item in issue.items]
    library = FakeLibrary({ids[0], ids[5]}, {ids[5]: {"短剧"}, ids[7]: {"AI"}}, set(ids[1:]))

    def found(query: str) -> set[str]:
        return {hit.id for hit in engine.search(query, library).hits()}

    assert found("is:bookmarked") == {ids[0], ids[5]}
    assert found("#短剧") == {ids[5]}
    assert found("#ai") == {ids[7]}
    assert found("is:tagged") == {ids[5], ids[7]}
    assert found("is:unread") == found("-is:read") == {ids[0]}
    assert found("is:noted") == set()
    assert not hasattr(engine, "library")  # an argument of each search, never state


def test_search_works_before_the_full_index(archive: Archive) -> None:
    engine = SearchEngine(archive)
    assert not engine.ready
    assert headlines(engine, "保证金")[0] == WEIXIN
    assert engine.search("tengxun").hits() == []  # no pinyin yet, and no crash
    assert engine.search("曹淑敏").hits() == []  # bodies come with the full index
    engine.prepare()
    assert headlines(engine, "曹淑敏") == [ZUOTAN]


def test_the_index_is_cached_on_disk(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchEngine(archive).prepare()

    def no_build(index: object) -> None:
        raise AssertionError("an unchanged archive was indexed again")

    monkeypatch.setattr("tui.search.index.TextIndex.build", no_build)
    again = SearchEngine(archive)
    again.prepare()
    assert headlines(again, "曹淑敏") == [ZUOTAN]
    lazy = SearchEngine(archive)
    lazy.prepare(lazy=True)
    assert headlines(lazy, "曹淑敏") == [ZUOTAN]
    assert headlines(lazy, "tengxun") == headlines(again, "tengxun")


def test_empty_query_has_no_hits(engine: SearchEngine) -> None:
    assert len(engine.search("")) == 0
    assert engine.search("   ").hits() == []


def test_hit_json(engine: SearchEngine) -> None:
    data = engine.search("txsp").hits()[0].as_json()
    assert data["headline"] == HUAMEI and data["number"] == 393 and data["spans"] == [[3, 7]]
    assert data["tier"] == "pinyin" and data["snippet"] is None


def test_archive_of_no_issues(tmp_path: Path) -> None:
    engine = SearchEngine(load_archive(tmp_path))
    engine.prepare()
    assert len(engine.search("短剧")) == 0
    assert len(engine.search("no:1")) == 0


def test_importing_search_loads_nothing_slow() -> None:
    code = (
        "import sys, tui.search, tui.search.engine; "
        "print(sorted(m for m in ('jieba', 'pypinyin', 'textual', 'opencc', 'importlib.metadata')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"


def test_a_traditional_script_issue_is_found_by_simplified_queries(tmp_path: Path) -> None:
    import opencc

    from tui.archive.model import Archive as ArchiveModel
    from tui.archive.model import Issue, Item, Section

    to_traditional = opencc.OpenCC("s2t").convert
    item = Item(
        id="1-abc123",
        headline=to_traditional("腾讯视频：国家广播电视总局发布微短剧管理通知"),
        paragraphs=(to_traditional("哔哩哔哩与腾讯视频近日宣布，将加强微短剧内容审核。"),),
        section="行業",
        number=1,
        date=None,
    )
    issue = Issue(number=1, date=None, sections=(Section("行業", (item,)),))
    engine = SearchEngine(ArchiveModel(tmp_path, (issue,)))
    engine.prepare()
    assert "騰訊視頻" in item.headline  # the issue really is in traditional script
    for query in ("腾讯视频", "广电总局", "哔哩哔哩", "审核", "sec:行业"):
        assert [h.id for h in engine.search(query).hits()] == ["1-abc123"], query
    hit = engine.search("总局").hits()[0]
    assert hit.headline[hit.spans[0][0] : hit.spans[0][1]] == "總局"


def test_the_users_own_aliases(archive: Archive) -> None:
    from tui import paths

    paths.data_dir().mkdir(parents=True, exist_ok=True)
    paths.user_aliases_file().write_text(
        "# 我的别名\n新东方系 = 东方甄选\n只有一个名称\n", encoding="utf-8"
    )
    engine = SearchEngine(archive)
    engine.prepare()
    hit = engine.search("新东方系").hits()[0]
    assert hit.headline.startswith("东方甄选") and hit.reason == "别名：东方甄选"
    assert [p for p in engine.aliases.problems if "第 3 行" in p]


def test_latin_in_bodies_follows_the_headline_rule(tmp_path: Path) -> None:
    from tui.archive.model import Archive as ArchiveModel
    from tui.archive.model import Issue, Item, Section

    def item(number: int, body: str) -> Item:
        return Item(f"1-{number:06x}", f"条目{number}", (body,), "技术", 1, None)

    bodies = ["OpenAI 发布新模型", "AIGC 应用", "据 Baidu said 称", "内容 AI 审核", "ChatGPT 更新"]
    items = tuple(item(n, body) for n, body in enumerate(bodies))
    engine = SearchEngine(ArchiveModel(tmp_path, (Issue(1, None, (Section("技术", items),)),)))
    engine.prepare()
    found = {hit.item.body for hit in engine.search("AI").hits()}
    assert found == {"OpenAI 发布新模型", "AIGC 应用", "内容 AI 审核"}  # never said, Baidu
    assert {hit.item.body for hit in engine.search("gpt").hits()} == {"ChatGPT 更新"}
    snippet = next(h for h in engine.search("ai").hits() if h.item.body.startswith("Open"))
    assert snippet.snippet is not None and snippet.snippet.spans == ((4, 6),)
