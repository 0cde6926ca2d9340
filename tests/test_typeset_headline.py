"""Headlines break between phrases and the meta line between fields, leaving no scrap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from rich.cells import cell_len
from test_typeset import SAMPLE_TEXTS, WELL_FORMED, WIDTHS, assert_well_set

from tui.typeset import wrap_headline, wrap_meta, wrap_paragraph

HEADLINE = "国务院国资委召开中央企业人工智能专题推进会 推动 AI 赋能产业焕新"


@pytest.mark.parametrize("width", [44, 49, 54, 60])
def test_a_headline_breaks_at_the_space_between_its_phrases(width: int) -> None:
    # The body's rule alone would break inside 推动 (…推进会 推 / 动 AI…) or leave a scrap.
    assert wrap_headline(HEADLINE, width) == [
        "国务院国资委召开中央企业人工智能专题推进会",
        "推动 AI 赋能产业焕新",
    ]


def test_a_number_keeps_its_unit_and_a_bar_ends_a_phrase() -> None:
    headline = "抖音电商：启动低价战略 | 去年下架短视频 1797 万条，封禁直播间 148 万个"
    assert wrap_headline(headline, 49) == [
        "抖音电商：启动低价战略 | 去年下架短视频",
        "1797 万条，封禁直播间 148 万个",
    ]
    assert wrap_headline(headline, 34) == [
        "抖音电商：启动低价战略 |",
        "去年下架短视频 1797 万条，",
        "封禁直播间 148 万个",
    ]


def test_the_meta_line_leaves_no_field_alone_below() -> None:
    fields = ["行业动态周报 第 403 期", "2024-02-26", "内容", "抖音"]
    for width in range(cell_len("行业动态周报 第 403 期 ·"), cell_len(" · ".join(fields))):
        assert wrap_meta(fields, width) == ["行业动态周报 第 403 期 ·", "2024-02-26 · 内容 · 抖音"]


@given(text=WELL_FORMED, width=WIDTHS)
@settings(max_examples=300)
def test_headlines_keep_every_rule_but_filling(text: str, width: int) -> None:
    lines = wrap_headline(text, width)
    assert_well_set(text, width, lines, filled=False)
    assert len(lines) <= len(wrap_paragraph(text, width))


@pytest.mark.parametrize("width", [20, 33, 40, 57, 80, 100])
def test_every_sample_headline_keeps_every_rule(width: int) -> None:
    for text in SAMPLE_TEXTS:
        lines = wrap_headline(text, width)
        assert_well_set(text, width, lines, filled=False)
        assert len(lines) <= len(wrap_paragraph(text, width))
