"""The weekly's own words: section names, footer labels, the header's patterns."""

from __future__ import annotations

import re

#: Traditional spellings of the weekly's words — OpenCC's s2t, s2tw, s2twp and s2hk of each
#: (tests/test_vocabulary.py checks them against OpenCC) — so that an issue converted to
#: Traditional Chinese is read the same way. Names and headlines stay as printed.
TRADITIONAL: dict[str, tuple[str, ...]] = {
    "专题": ("專題",), "产业": ("產業",), "会员": ("會員",), "内容": ("內容",),
    "动态": ("動態",), "国际": ("國際",), "市场": ("市場",), "平台": ("平臺",),
    "广告": ("廣告",), "广电": ("廣電",), "影视": ("影視",), "技术": ("技術",),
    "数据": ("數據", "資料"), "文娱": ("文娛",), "活动": ("活動",), "游戏": ("遊戲",),
    "版权": ("版權",), "监管": ("監管",), "短视频": ("短影片", "短視頻"), "综合": ("綜合",),
    "网络视听": ("網絡視聽", "網路視聽"), "行业": ("行業",), "要闻": ("要聞",),
    "观点": ("觀點",), "资本": ("資本",), "音乐": ("音樂",), "编辑部": ("編輯部",),
    "责编": ("責編",), "责任编辑": ("責任編輯",), "复核": ("複核", "複覈"), "报": ("報",),
    "发": ("發",), "行业动态周报": ("行業動態週報", "行業動態周報"),
    "中国网络视听协会": ("中國網絡視聽協會", "中國網路視聽協會"), "据": ("據",),
    "随后": ("隨後",), "同时": ("同時",), "该": ("該",), "当地时间": ("當地時間",),
    "报告显示": ("報告顯示",), "数据显示": ("數據顯示", "資料顯示"),
}  # fmt: skip


def spellings(word: str) -> tuple[str, ...]:
    """The word and its Traditional spellings."""
    return (word, *TRADITIONAL.get(word, ()))


def _any_of(*words: str) -> str:
    return "|".join(spelling for word in words for spelling in spellings(word))


#: Sections the weekly has used. Unknown short headings in a section's place still count.
_SIMPLIFIED_SECTIONS = frozenset(
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
SECTION_NAMES = frozenset(name for section in _SIMPLIFIED_SECTIONS for name in spellings(section))

#: The longest unknown heading still taken for a section name (in characters).
MAX_SECTION_CHARS = 6
#: The longest text that may hold a section name with numbering and brackets around it.
MAX_SECTION_TEXT = 16

_FOOTER_START_WORDS = ("编辑部", "责编", "责任编辑", "复核")
FOOTER_START = re.compile(rf"^(?:{_any_of(*_FOOTER_START_WORDS)})\s*[：:]")
#: Where a converter ran the footer into the last paragraph ("…主任。 编辑部：…").
FOOTER_RUN_ON = re.compile(rf"(?<=[。！？!?])\s*(?=(?:{_any_of(*_FOOTER_START_WORDS)})\s*[：:])")
#: … or two footer lines into one ("编辑部：中国网络视听协会 对外合作部 责编：余力 …").
FOOTER_LINES_RUN_ON = re.compile(
    rf"(?:(?<=[。！？!?])\s*|\s+)(?=(?:{_any_of(*_FOOTER_START_WORDS)})\s*[：:])"
)
FOOTER_LINE = re.compile(
    rf"^(?:{_any_of(*_FOOTER_START_WORDS, '注', '报', '发', '送', '抄送')})\s*[：:]"
)
#: The masthead's title and publisher as they may be printed.
TITLES = spellings("行业动态周报")
PUBLISHERS = spellings("中国网络视听协会")
SUMMARY_HEADING = re.compile(r"^(?:本期)?摘\s*要\s*[：:]?$")
NUMBER = re.compile(r"第\s*(\d{1,5})\s*期")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
FILE_NAME = re.compile(r"(?<!\d)(\d{1,5})(?:[-_ ](\d{4})-?(\d{2})-?(\d{2}))?(?!\d)")

#: Openings of body paragraphs that a headline never has ("近日，…", "12月13日，…").
BODY_START = re.compile(
    r"^(?:近日|日前|今日|昨日|目前|近期|此前|此外|另外|其中|今年|去年|本次|"
    rf"{_any_of('据', '随后', '同时', '该', '当地时间', '报告显示', '数据显示')}|"
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年\s*\d{1,2}\s*月)"
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
