"""Where a line may break: 避头尾 (kinsoku) classes and the break quality of a boundary.

Chinese text may break between any two characters, except that some marks must never
start a line (closing punctuation: they belong to the text before them) and some must
never end one (opening punctuation: they belong to the text after). Latin words and
numbers ("GPT-4", "28.86%", "2024-2026") are kept whole and broken only when a word is
wider than the line. The classes follow W3C "Requirements for Chinese Text Layout"
(clreq) §3.1.7 and the UAX #14 classes CL, CP, EX, IS, NS (no start) and OP (no end).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

#: Closing punctuation: never at the start of a line.
CLOSING = frozenset(
    "，。、；：？！）》」』”’…‥⋯%％‰℃°"
    "．，：；！？｡､"
    ",.;:!?)]}"
    "〉】〕〗〙〛｝］｠〞"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞"
)

#: Opening punctuation: never at the end of a line.
OPENING = frozenset("（《「『“‘([{〈【〔〖〘〚｛［｟〝﹙﹛﹝")

#: Also kept off a line start: hyphens and connecting marks (连接号), the interpunct (间隔号),
#: iteration marks and the long-vowel mark — each belongs to the character before it.
NO_START = CLOSING | frozenset("-‐‑–～〜·・‧々〻ー")

#: Also kept off a line end: currency signs, which belong to the number after them.
NO_END = OPENING | frozenset("$£¥€￥＄₩")

#: A dash or ellipsis is set as two marks (——, ……) that must stay on one line.
_INSEPARABLE_PAIRS = frozenset("—―─…⋯‥")

#: Marks that join two word characters into one word: 28.86, GPT-4, 3·15, it's, A/B.
_WORD_JOINERS = frozenset(".,:-‐‑–_/'’+&@#%~·")


class Break(IntEnum):
    """How good a boundary between two graphemes is as a line break."""

    NEVER = 0  # would break 避头尾 rules or a dash pair: only when nothing else is left
    IN_WORD = 1  # inside a Latin word or number: only when the word is wider than a line
    FREE = 2  # between CJK characters, at spaces, around punctuation


def is_word_char(char: str, cells: int) -> bool:
    """A character of a Latin word or number: letters and digits one cell wide."""
    return cells == 1 and char.isalnum()


def break_before(
    index: int,
    bases: Sequence[str],
    word: Sequence[bool],
    spaced: Sequence[bool],
) -> Break:
    """The quality of breaking before grapheme `index` (≥ 1).

    `bases` holds each grapheme's first character, `word` whether it is a word character
    and `spaced` whether spaces come before it.
    """
    left, right = bases[index - 1], bases[index]
    if right in NO_START or left in NO_END:
        return Break.NEVER
    if left == right and left in _INSEPARABLE_PAIRS:
        return Break.NEVER
    if spaced[index]:
        return Break.FREE
    if word[index - 1]:
        if word[index]:
            return Break.IN_WORD
        # "GPT|-4": a joiner followed by more of the word.
        after = index + 1
        if right in _WORD_JOINERS and after < len(bases) and word[after] and not spaced[after]:
            return Break.IN_WORD
    # "28.|86": a joiner that follows a word character and precedes another.
    if word[index] and left in _WORD_JOINERS and index >= 2 and word[index - 2]:
        return Break.IN_WORD if not spaced[index - 1] else Break.FREE
    return Break.FREE
