"""The rules that rebuild paragraphs from hard-wrapped lines, one at a time, on small texts.

Every line below is wrapped at a measure of 23 Chinese characters, the way a printer wraps
the weekly; the converter fixtures (test_converters.py) show the same rules on real output.
"""

from __future__ import annotations

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
