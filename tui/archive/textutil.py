"""Small text helpers shared by the readers of every layout."""

from __future__ import annotations

import re

_ASCII_WORD = re.compile(r"[0-9A-Za-z]")

#: Marks that end a sentence: a paragraph ending in one is complete.
SENTENCE_END = "。！？!?；;…"


_SPACED = re.compile(r"[\u4e00-\u9fff] [0-9A-Za-z]|[0-9A-Za-z] [\u4e00-\u9fff]")
_UNSPACED = re.compile(r"[\u4e00-\u9fff][0-9A-Za-z]|[0-9A-Za-z][\u4e00-\u9fff]")


def prefers_spacing(text: str) -> bool:
    """Does this text set a space between Chinese and Latin or numbers ("2023 年 12 月")?"""
    return len(_SPACED.findall(text)) > len(_UNSPACED.findall(text))


def is_common_han(ch: str) -> bool:
    """A character of the CJK Unified Ideographs block, which a weekly's text is set in
    (`tui.search.pinyin.is_han` also takes the rare extensions, which may have readings)."""
    return "\u4e00" <= ch <= "\u9fff"


def join_fragments(left: str, right: str, spaced: bool = False) -> str:
    """Join two pieces of one sentence split by a line or page break.

    Chinese needs no space; two Latin words (or numbers) do. Where the wrap swallowed a
    space, `spaced` (the document's own habit) puts it back between Chinese and Latin, and
    around the "|" of a compound headline.
    """
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if _ASCII_WORD.match(a) and _ASCII_WORD.match(b):
        return f"{left} {right}"
    if spaced and (
        "|" in (a, b)
        or (is_common_han(a) and _ASCII_WORD.match(b))
        or (_ASCII_WORD.match(a) and is_common_han(b))
    ):
        return f"{left} {right}"
    return left + right


#: A space beside Chinese punctuation, which carries its own: never set by a writer, but some
#: converters leave one where a Latin run ends ("OpenAI ：", "CEO 、").
_SPACE_BY_PUNCTUATION = re.compile(r" +(?=[，。、：；？！）》」』])|(?<=[（《「『]) +")


def without_spaces_by_punctuation(text: str) -> str:
    return _SPACE_BY_PUNCTUATION.sub("", text) if " " in text else text
