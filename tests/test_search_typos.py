"""Typos a real user makes: the input method's homophone (腾迅), one wrong character in a
short name (迪土尼), words run together around a single character (微信收保证金) — found,
ranked below everything found as written, and said to be so."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tui.archive.model import Archive, Issue, Item, Section
from tui.search import SearchEngine, Tier
from tui.search.fold import fold
from tui.search.pieces import cuts_of

WEIXIN = "腾讯：微信短剧小程序开始收取保证金 | 微信视频号电商GMV超千亿，微信支付团队将参与建设"
DISNEY = "机构：放弃 X 平台后，迪士尼与康卡斯特增加在 Instagram 广告支出"
LOOSE = (Tier.HOMOPHONE, Tier.FUZZY)


def spanned(headline: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [headline[start:end] for start, end in spans]


@pytest.mark.parametrize(
    ("typed", "meant"), [("腾迅", "腾讯"), ("快首", "快手"), ("抖因", "抖音"), ("英伟大", "英伟达")]
)
def test_a_homophone_finds_the_headlines_that_sound_the_same(
    engine: SearchEngine, typed: str, meant: str
) -> None:
    hits = engine.search(typed).hits()
    holding = {item.id for item in engine.index.items if meant in item.headline}
    assert holding and {hit.id for hit in hits} == holding
    for hit in hits:
        assert hit.tier == Tier.HOMOPHONE and hit.reason == "同音"
        assert spanned(hit.headline, hit.spans) == [meant]


def test_a_homophone_of_a_known_name_finds_it_under_its_other_names(
    engine: SearchEngine,
) -> None:
    # B站 is in no headline; it is a name of the alias table, and 哔哩哔哩 another of it.
    hits = engine.search("B战").hits()
    assert [hit.headline for hit in hits] == ["哔哩哔哩 2023 年度弹幕出炉：“啊？”"]
    assert hits[0].tier == Tier.HOMOPHONE and hits[0].reason == "同音：B站"
    assert spanned(hits[0].headline, hits[0].spans) == ["哔哩哔哩"]
    assert hits[0].as_json()["heard"] == "B站"
    # 哔哩哔里 is in no group, but sounds like 哔哩哔哩, which is.
    assert [hit.reason for hit in engine.search("哔哩哔里").hits()] == ["同音：哔哩哔哩"]


@pytest.mark.parametrize(
    ("typed", "headline", "highlighted"),
    [
        ("迪土尼", DISNEY, "迪士尼"),  # the middle character: no pair of it is in the headline
        ("微倍短剧", WEIXIN, "微信短剧"),
        ("芒果起媒", "芒果超媒：将积极探索文生视频等新兴 AI 技术在传媒领域的落地应用", "芒果超媒"),
        ("东方甄远", "东方甄选：免去孙东旭 CEO、执行董事职务", "东方甄选"),
    ],
)
def test_one_wrong_character_in_a_short_name(
    engine: SearchEngine, typed: str, headline: str, highlighted: str
) -> None:
    hits = engine.search(typed).hits()
    assert [hit.headline for hit in hits] == [headline]
    assert hits[0].tier == Tier.FUZZY and hits[0].reason == "近似"
    assert spanned(headline, hits[0].spans) == [highlighted]


def test_short_and_latin_terms_never_match_loosely(engine: SearchEngine) -> None:
    # Two characters one off is half of them: 迪土 may sound like 地图, nothing more.
    assert [h.tier for h in engine.search("迪土").hits()] == [Tier.HOMOPHONE]
    assert all(hit.tier not in LOOSE for hit in engine.search("士").hits())
    for latin in ("Sora", "sorra", "Instagrm", "tengxun", "AI"):
        assert not {tier for tier, _ in engine.search(latin).groups} & set(LOOSE), latin


def test_words_run_together_around_a_single_character(engine: SearchEngine) -> None:
    hit = engine.search("微信收保证金").hits()[0]
    assert hit.headline == WEIXIN and hit.tier == Tier.WORDS and hit.reason == "分开出现"
    # The longer pieces are highlighted; the single character alone would light up anywhere.
    assert set(spanned(hit.headline, hit.spans)) == {"微信", "保证金"}
    assert ("微信", "收", "保证金") in cuts_of(engine.finder, "微信收保证金")


@pytest.mark.parametrize("term", ["微信短句", "保证金收", "收保证金", "微信收", "微信收了"])
def test_a_single_character_is_never_a_piece_at_an_end(engine: SearchEngine, term: str) -> None:
    for cut in cuts_of(engine.finder, term):
        assert len(cut[0]) > 1 and len(cut[-1]) > 1, cut
        singles = [k for k, piece in enumerate(cut) if len(piece) == 1]
        assert all(b - a > 1 for a, b in itertools.pairwise(singles)), cut


def make_engine(tmp_path: Path, headlines: list[str], bodies: list[str]) -> SearchEngine:
    items = tuple(
        Item(f"1-{n:06x}", headline, (body,), "行业", 1, None)
        for n, (headline, body) in enumerate(zip(headlines, bodies, strict=True))
    )
    engine = SearchEngine(Archive(tmp_path, (Issue(1, None, (Section("行业", items),)),)))
    engine.prepare()
    return engine


def test_homophones_rank_below_every_item_holding_the_term(tmp_path: Path) -> None:
    engine = make_engine(
        tmp_path,
        ["腾迅科技发布新品", "腾讯发布财报", "某公司公告", "哔哩哔哩上线新功能", "合作公告"],
        ["正文", "正文", "腾讯在正文里", "正文", "与 B站 合作"],
    )
    # As written first (headline, then body), the archive's own typo after.
    assert [(h.headline, h.tier) for h in engine.search("腾讯").hits()] == [
        ("腾讯发布财报", Tier.HEADLINE_START),
        ("某公司公告", Tier.TEXT),
        ("腾迅科技发布新品", Tier.HOMOPHONE),
    ]
    assert [(h.headline, h.tier) for h in engine.search("腾迅").hits()] == [
        ("腾迅科技发布新品", Tier.HEADLINE_START),
        ("腾讯发布财报", Tier.HOMOPHONE),
    ]
    # B站 in a body and 哔哩哔哩 in a headline are what B站 finds; B战 only sounds like it.
    assert [h.tier for h in engine.search("B站").hits()] == [Tier.HEADLINE_ALIAS, Tier.TEXT]
    assert [h.reason for h in engine.search("B战").hits()] == ["同音：B站"]


def test_loose_tiers_only_when_few_are_found(tmp_path: Path) -> None:
    # 50 items hold 短剧: the typo 短句 in another is not looked for.
    headlines = [f"短剧新闻第{n}条" for n in range(50)] + ["短句的写法"]
    engine = make_engine(tmp_path, headlines, ["正文"] * 51)
    assert {tier for tier, _ in engine.search("短剧").groups} == {Tier.HEADLINE_START}
    assert {tier for tier, _ in engine.search("短句").groups} == {
        Tier.HEADLINE_START,
        Tier.HOMOPHONE,
    }


def test_a_term_of_common_characters_has_no_near_misses(tmp_path: Path) -> None:
    # 新的家人 is one character off 新的人; among 40 headlines that is a slip, among 600
    # that all hold 新 and 的 it is chance.
    few = make_engine(tmp_path / "few", [f"新的家人故事{n}" for n in range(40)], ["正文"] * 40)
    assert {tier for tier, _ in few.search("新的人").groups} == {Tier.FUZZY}
    many = make_engine(tmp_path / "many", [f"新的家人故事{n}" for n in range(600)], ["正文"] * 600)
    assert len(many.search("新的人")) == 0


def test_folded_typos_work_too(engine: SearchEngine) -> None:
    # Traditional script and width fold first: 騰迅 is 腾迅, ｂ戰 is b战.
    simplified = [hit.id for hit in engine.search("腾迅").hits()]
    assert [hit.id for hit in engine.search("騰迅").hits()] == simplified
    assert [h.reason for h in engine.search("Ｂ戰").hits()] == ["同音：B站"]
    assert fold("Ｂ戰") == "b战"
