"""The weekly's own words: section names, footer labels, the header's patterns."""

from __future__ import annotations

import re

#: Sections the weekly has used. Unknown short headings in a section's place still count.
SECTION_NAMES = frozenset(
    [
        "要闻",
        "行业",
        "内容",
        "技术",
        "资本",
        "人事",
        "研究",
        "政策",
        "监管",
        "平台",
        "市场",
        "产业",
        "数据",
        "海外",
        "国际",
        "观点",
        "综合",
        "专题",
        "动态",
        "版权",
        "广告",
        "直播",
        "短视频",
        "网络视听",
        "广电",
        "文娱",
        "影视",
        "游戏",
        "音乐",
        "出版",
        "会员",
        "活动",
    ]
)

#: The longest unknown heading still taken for a section name (in characters).
MAX_SECTION_CHARS = 6
#: The longest text that may hold a section name with numbering and brackets around it.
MAX_SECTION_TEXT = 16

FOOTER_START = re.compile(r"^(?:编辑部|责编|责任编辑|复核)\s*[：:]")
FOOTER_LINE = re.compile(r"^(?:编辑部|责编|责任编辑|复核|注|报|发|送|抄送)\s*[：:]")
SUMMARY_HEADING = re.compile(r"^(?:本期)?摘\s*要\s*[：:]?$")
NUMBER = re.compile(r"第\s*(\d{1,5})\s*期")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
FILE_NAME = re.compile(r"(?<!\d)(\d{1,5})(?:[-_ ](\d{4})-?(\d{2})-?(\d{2}))?(?!\d)")

#: Openings of body paragraphs that a headline never has ("近日，…", "12月13日，…").
BODY_START = re.compile(
    r"^(?:近日|日前|今日|昨日|目前|近期|据|此前|随后|同时|此外|另外|其中|今年|去年|本次|该|"
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年\s*\d{1,2}\s*月|当地时间|报告显示|数据显示)"
)

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])\s*"
)
_BRACKETS = "【】[]「」『』〖〗《》<>"


def section_name(text: str) -> str:
    """ "【一、要闻】" → "要闻": the bare name of a heading that may be a section."""
    name = text.strip().strip(_BRACKETS).strip()
    name = _NUMBERING.sub("", name).strip().rstrip("：:").strip(_BRACKETS).strip()
    return name
