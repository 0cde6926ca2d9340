"""What a block looks like to the assembler: a headline, a section's name, the rest of the
paragraph before it, a headline followed by its body; and whether a hard-wrapped text sets
its headlines larger than its body (then a wrapped headline's lines stop short).

Plain lines carry no markup, so they are read by their shape: a headline is short, has no
"。", and does not open like a body paragraph ("近日，…").
"""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from tui.archive.blocks import Block
from tui.archive.header import BULLET_MARKS
from tui.archive.measure import CLEARLY_FULL, FULL
from tui.archive.textutil import SENTENCE_END
from tui.archive.vocabulary import (
    BODY_START,
    FOOTER_LINE,
    MAX_SECTION_CHARS,
    MAX_SECTION_TEXT,
    SECTION_NAMES,
    section_name,
)

#: Longest text taken for a headline (characters); longer lines are body paragraphs.
MAX_HEADLINE_CHARS = 90
_NO_HEADLINE_END = "，、；：:,;（《“‘"
#: Marks after which a split sentence cannot be told from a finished one.
_PARAGRAPH_END = SENTENCE_END + "：:”」』）)》"
#: A heading line this full (of the body measure) may have wrapped; heading type is larger.
WRAPPED_HEADLINE_FILL = 0.6


def is_headline_like(text: str) -> bool:
    """Short, no "。", not ending mid-clause, not opening like a body paragraph."""
    return (
        0 < len(text) <= MAX_HEADLINE_CHARS
        and "。" not in text
        and text[-1] not in _NO_HEADLINE_END
        and text[0] not in "，。、；：？！）》」』”’"
        and BODY_START.match(text) is None
    )


def names_section(text: str) -> bool:
    """Is `text` one of the weekly's section names (行业, 要闻…)?"""
    return len(text) <= MAX_SECTION_TEXT and section_name(text) in SECTION_NAMES


def headlines_set_larger(blocks: list[Block]) -> bool:
    """Are headlines of this hard-wrapped text set larger than its body?

    Evidence for: a headline-like line short of the measure but long, then a short
    headline-like line (a headline wrapped at its own, narrower measure). Evidence against:
    a headline-like block rebuilt from full lines (it wrapped at the body's measure). The
    width of Latin text is an estimate, so a line full of it only counts beyond doubt full.
    """
    wrapped = rejoined = 0
    for block, following in pairwise(blocks):
        if not block.lines or not is_headline_like(block.text) or FOOTER_LINE.match(block.text):
            continue
        if block.lines >= 2 and (
            block.fill >= CLEARLY_FULL or (block.fill >= FULL and _mostly_chinese(block.text))
        ):
            rejoined += 1
        elif (
            block.lines == 1
            and WRAPPED_HEADLINE_FILL <= block.fill < FULL
            and not block.text.startswith(tuple(BULLET_MARKS))
            and following.lines == 1
            and following.fill < FULL
            and is_headline_like(following.text)
            and not names_section(following.text)
        ):
            wrapped += 1
    return rejoined == 0 or wrapped > rejoined


def _mostly_chinese(text: str) -> bool:
    return sum(ch.isascii() for ch in text) < len(text) * 0.2


def _is_cjk_word(name: str) -> bool:
    return bool(name) and all(unicodedata.category(ch) == "Lo" for ch in name)


def continues_paragraph(paragraph: str, block: Block) -> bool:
    """Is `block` the rest of `paragraph` (split by a page break or a converter)?"""
    if paragraph[-1] in _PARAGRAPH_END:
        return False
    if block.heading:
        # A converter may make a heading of the line at the top of a page (pymupdf4llm:
        # "#### 备案和变更、注销备案手续。"): a "headline" ending a sentence, after a
        # paragraph that stopped mid-sentence, is the rest of that paragraph.
        return block.text[-1] in SENTENCE_END
    # After a Latin word or a number, a headline-like block is more likely a new item.
    return not (paragraph[-1].isascii() and is_headline_like(block.text))


def body_follows(following: Block | None) -> bool:
    """A headline is followed by its body, never by the footer or the end of the file."""
    return (
        following is not None
        and not following.heading
        and not FOOTER_LINE.match(following.text)
        and not names_section(following.text)
    )


def is_section(block: Block, following: Block | None, last: str) -> bool:
    """Does `block` name a section (`last`: what the block before it was)?"""
    if len(block.text) > MAX_SECTION_TEXT:  # most blocks: no need to clean the text
        return False
    name = section_name(block.text)
    if name in SECTION_NAMES and len(name) <= MAX_SECTION_CHARS + 2:
        return True
    if len(name) > MAX_SECTION_CHARS or following is None or not _is_cjk_word(name):
        return False
    if block.heading:
        return following.heading > 0 or is_headline_like(following.text)
    return last in ("start", "body") and is_headline_like(following.text)
