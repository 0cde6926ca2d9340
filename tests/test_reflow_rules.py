"""The rules that rebuild paragraphs from hard-wrapped lines, one at a time, on small texts.

Every line below is wrapped at a measure of 23 Chinese characters, the way a printer wraps
the weekly; the converter fixtures (test_converters.py) show the same rules on real output.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.archive.reflow import reflow_lines

#: Body lines that fill the measure, for the measure to be learned from.
_BODY = [
    "近日，某平台发布年度报告称，今年的用户规模继续",
    "保持增长，付费会员数量较去年同期增长两成以上，",
    "平台将继续加大对优质内容和原创作品的投入力度。",
]


def _texts(lines: list[str]) -> list[str]:
    return [entry.text for entry in reflow_lines(lines)]


def test_a_full_headline_line_after_a_full_sentence_end_starts_a_headline() -> None:
    # A headline set in the body's type fills its line; its tail is short and ends no
    # sentence. The paragraph before it ended at the end of a full line.
    lines = [
        *_BODY,
        "某某公司重新开放新用户注册并与德国媒体巨头建立",
        "全球合作伙伴关系",
        "近日，某某公司宣布，已重新开放新用户的注册通道",
        "并将与合作伙伴一道推进新闻与人工智能技术整合。",
    ]
    texts = _texts(lines)
    assert "某某公司重新开放新用户注册并与德国媒体巨头建立全球合作伙伴关系" in texts
    assert texts[0].endswith("投入力度。")


def test_a_full_line_without_a_clause_inside_a_paragraph_goes_on() -> None:
    # The same shape, but the short line ends the sentence: it is the paragraph's last line.
    lines = [*_BODY, "某某公司重新开放新用户注册并与德国媒体巨头建立", "全球合作伙伴关系。"]
    texts = _texts(lines)
    assert texts[-1].startswith("近日") and texts[-1].endswith("全球合作伙伴关系。")


def _wrapped(text: str, measure: int = 23, first: int | None = None) -> list[str]:
    """`text` broken into lines of `measure` characters (`first` for the first line)."""
    lines = [text[: first or measure]]
    rest = text[first or measure :]
    while rest:
        lines.append(rest[:measure])
        rest = rest[measure:]
    return lines


_NEWS = (
    "近日，某平台发布年度报告称，今年的用户规模继续保持增长，付费会员数量较去年同期增长两成"
    "以上，平台将继续加大对优质内容和原创作品的投入力度，并与更多合作伙伴一道推进行业规范发展。"
)


@pytest.mark.parametrize(
    "headline",
    ["我国网民规模超两亿，未成年游戏用户消费减少", "我国网民规模超两亿未成年游戏用户消费减少"],
    ids=["with-a-clause", "without"],
)
def test_a_line_that_stops_before_a_character_that_would_have_fitted_ends_its_paragraph(
    headline: str,
) -> None:
    # The headline fills nearly nine tenths of the measure, but "在" would have fitted after
    # it (with room to spare for a character that 避头尾 carries down): it was not wrapped,
    # and the short line after it is no tail of it.
    lines = [
        *_wrapped(_NEWS),
        *_wrapped(_NEWS.replace("近日", "日前")),
        headline,
        "在年度游戏产业年会期间，中国游戏工委发",
        *_wrapped("布《中国游戏产业未成年保护进展报告》。报告显示，网民规模已达十亿。"),
    ]
    assert headline in _texts(lines)


def test_where_first_lines_are_indented_a_first_line_two_characters_short_goes_on() -> None:
    # Paragraphs that differ line by line (a line printed three times is a running head).
    longer = _NEWS + "报告还显示，短视频和直播仍是用户使用时长最多的应用，微短剧增长最快。"
    paragraphs = [longer[shift:] + longer[:shift] for shift in range(0, 60, 10)]
    lines = [line for text in paragraphs for line in _wrapped(text, first=21)]
    assert _texts(lines) == paragraphs


def test_a_middle_dot_that_opens_a_line_is_part_of_a_name_not_a_bullet() -> None:
    lines = [
        *_wrapped(_NEWS),
        "按照年度“清朗”系列专项行动安排，开展为期一个月的“清朗",
        "·整治短视频信息内容导向不良问题”专项行动。",
    ]
    assert _texts(lines)[-1].endswith("的“清朗·整治短视频信息内容导向不良问题”专项行动。")


#: Common Chinese characters (the start of the CJK block: no marks, digits or letters).
_HAN = "".join(chr(code) for code in range(0x4E00, 0x4F00))
_LINE = st.text(st.sampled_from(_HAN + "，、：；"), min_size=8, max_size=30).map(
    lambda line: line + "。" if line.endswith(("：", "；")) else line
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=20, max_size=60, unique=True))
def test_rebuilding_paragraphs_keeps_every_character_in_order(lines: list[str]) -> None:
    # No page furniture here (no numbers, no line printed three times): whatever is decided
    # about where paragraphs and headlines end, the text itself comes back whole.
    entries = reflow_lines(lines)
    assert all(entry.text for entry in entries)
    assert "".join(entry.text for entry in entries).replace(" ", "") == "".join(lines)
