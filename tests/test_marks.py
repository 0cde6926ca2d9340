"""Quotation marks a converter printed away from their places go back into the gaps they left.

The examples are lines as pypdfium2, pypdf and pdftotext -raw print a Word document printed by
LibreOffice (tests/fixtures/converters/*.docx.*); the properties hold for any text.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.archive.marks import has_displaced_marks, restore_marks

_MARKS = "“”‘’·"


@pytest.mark.parametrize(
    ("printed", "meant"),
    [
        # pypdfium2: the run where its first mark belongs, a space where the others do.
        (
            "按照 2023 年“ ” “ 清朗 系列专项行动安排，开展为期一个月的 清朗",
            "按照 2023 年“清朗”系列专项行动安排，开展为期一个月的“清朗",
        ),
        # … or where another of its marks belongs.
        (
            "示，2023 年度弹幕 啊？ “ ” “ ” 是指当代年轻人往往会用 啊？ 来",
            "示，2023 年度弹幕“啊？”是指当代年轻人往往会用“啊？”来",
        ),
        # A closing mark that ends the line leaves no gap.
        (
            "上海发布合规指引：不应要求平台内经营者签“ ” 最低价协议",
            "上海发布合规指引：不应要求平台内经营者签“最低价协议”",
        ),
        (
            "“北京大视听过大年·视听春天来了 系” 列活动营造浓厚节日氛围",
            "“北京大视听过大年·视听春天来了”系列活动营造浓厚节日氛围",
        ),
        # pypdf: the line's marks first.
        ("“ ” “ ”创作。把 抓作品 和 抓环境 结合起来", "创作。把“抓作品”和“抓环境”结合起来"),
        # A middle dot that opens a line stays; a closing mark cannot open one.
        (
            "·整治短视频信息内容导向不良问题 专项 ” 行动。",
            "·整治短视频信息内容导向不良问题”专项行动。",
        ),
        ("”供动力。", "供动力。”"),
    ],
)
def test_marks_go_back_into_the_gaps_they_left(printed: str, meant: str) -> None:
    assert restore_marks([printed]) == [meant]


def test_a_text_with_marks_set_apart_from_chinese_is_looked_at() -> None:
    assert has_displaced_marks("开展为期一个月的 清朗\n按照 2023 年“ ” “ 清朗 系列")
    assert not has_displaced_marks("开展为期一个月的“清朗·整治”专项行动，谈及“AI 大模型”时")


def test_pdftotext_raw_prints_a_lines_marks_before_it() -> None:
    lines = [
        "按照 2023 “ ” “",
        "年 清朗 系列专项行动安排，中央网信办自即日起，开展为期一个月的 清朗",
        "· ”",
        "整治短视频信息内容导向不良问题 专项行动。专项行动围绕短视频领域多发频发的乱",
    ]
    assert restore_marks(lines) == [
        "按照 2023 年“清朗”系列专项行动安排，中央网信办自即日起，开展为期一个月的“清朗",
        "·整治短视频信息内容导向不良问题”专项行动。专项行动围绕短视频领域多发频发的乱",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "行业动态周报 · 中国网络视听协会",  # a separator set apart on purpose
        "### “北京大视听过大年·视听春天来了”系列活动",  # a space beside Latin or Markdown
        "谈及 “AI 大模型” 时",
        "国务院国资委召开中央企业人工智能专题推进会 推动 AI 赋能产业焕新",
        # More gaps than marks (one is the author's): left as printed.
        "近日，天津广电局联合启动 视听 “ ” 京津冀 协同谱新篇 京津冀",
    ],
)
def test_lines_without_a_sure_place_for_their_marks_stay_as_printed(line: str) -> None:
    assert restore_marks([line]) == [line]


_CHINESE = st.sampled_from(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年"
)
#: Lines as the parser hands them over: stripped of the spaces at their ends.
_TEXT = st.lists(
    st.one_of(_CHINESE, st.sampled_from(_MARKS), st.just(" "), st.sampled_from("AI 2023，。：？")),
    max_size=60,
).map(lambda characters: "".join(characters).strip())


def _without(text: str, characters: str) -> str:
    return "".join(ch for ch in text if ch not in characters)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_restoring_only_moves_marks_and_drops_the_spaces_they_left(lines: list[str]) -> None:
    restored = restore_marks(lines)
    assert len(restored) <= len(lines)
    before, after = "".join(lines), "".join(restored)
    assert _without(after, _MARKS + " ") == _without(before, _MARKS + " ")
    assert Counter(_without(after, _without(after, _MARKS))) == Counter(
        _without(before, _without(before, _MARKS))
    )


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_a_restored_line_reads_as_chinese(line: str) -> None:
    [restored] = restore_marks([line]) or [line]
    if restored != line:
        assert restored[0] not in "”’" and restored[-1] not in "“‘"
        quotes = [mark for mark in restored if mark in "“”"]
        assert all(a != b for a, b in pairwise(quotes))


_QUOTED = st.builds(lambda words: f"“{words}”", st.text(_CHINESE, min_size=1, max_size=6))
_SET_RIGHT = st.lists(
    st.one_of(_CHINESE, _QUOTED, st.sampled_from(["，", "。", "·", " AI ", " 2023 "])), max_size=30
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SET_RIGHT.map(lambda parts: "".join(parts).strip()), max_size=8))
def test_text_set_as_chinese_is_left_alone(lines: list[str]) -> None:
    # Quotation marks right beside the words they enclose: nothing was taken from its place.
    assert restore_marks(lines) == lines
