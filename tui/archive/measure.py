"""How wide a printed line is, and whether it fills the measure it was wrapped at.

Text from a PDF keeps its line breaks but not its geometry: these estimates stand in for it.
A Chinese character is exactly two half-em units wide; Latin letters are estimated.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_HAS_ASCII = re.compile(r"[ -~]")
_LATIN_HEAD = re.compile(r"^[0-9A-Za-z%.,+\-/]+")
#: A line at least this share of the measure is full: the paragraph goes on after it.
FULL = 0.85
#: Beyond doubt full, whatever the estimate of its Latin letters' widths.
CLEARLY_FULL = 0.95
#: Too few long lines of Chinese to learn the measure from.
_FEW_LINES = 5
#: A first-line indent of two Chinese characters, in half-em units.
_INDENT = 4


def print_width(text: str) -> float:
    """Width as printed in a CJK font, in half-em units (a Chinese character is 2).

    Ambiguous-width marks (“”·…) are full-width glyphs there; Latin letters of a
    proportional font are a little wider than half an em, and spaces narrower.
    """
    width = 0.0
    for ch in text:
        if ch.isascii():
            width += 0.6 if ch == " " else 1.3 if ch.isupper() else 1.1
        else:
            width += 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
    return width


def is_hard_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed measure rather than one paragraph per line."""
    lengths = sorted(len(line) for line in lines if line and line != "\f")
    # Wrapped lines are at most ~65 characters; paragraph-per-line text has far longer ones.
    if len(lengths) < 20 or lengths[int(len(lengths) * 0.9)] > 65:
        return False
    widths = sorted(print_width(line) for line in lines if line and line != "\f")
    p90 = widths[int(len(widths) * 0.9)]
    near_full = sum(1 for w in widths if w >= p90 * 0.85)
    return p90 <= 130 and near_full >= len(widths) * 0.3


def fills_measure(line: str, next_line: str, measure: float) -> bool:
    width = print_width(line)
    if width >= measure * FULL:
        return True
    # A Latin word too long for the rest of the line was pushed down whole.
    head = _LATIN_HEAD.match(next_line)
    return head is not None and width + 1 + print_width(head.group()) > measure * 0.95


#: What the next line starts with, carried down whole by the line break: a Chinese character
#: or a Latin word, with the opening marks before it and the closing marks after it (避头尾).
_FIRST_UNIT = re.compile(r"[“‘（《「『]*(?:[0-9A-Za-z%.,+\-/]+|.)[，。、；：？！）》」』”’]*")


def stops_short(line: str, next_line: str, reach: float) -> bool:
    """Did this line stop although the next line's first character would have fitted on it?
    Then its paragraph ended here. Room is left for one more character that 避头尾 may have
    carried down, and for the estimate of the line's Latin letters; a Latin word opening the
    next line is left to `fills_measure`, its width being an estimate too."""
    if not next_line or next_line[0].isascii():
        return False
    unit = _FIRST_UNIT.match(next_line)
    needs = print_width(unit.group() if unit else next_line[0]) + 2
    return print_width(line) + needs + 0.3 * sum(ch.isascii() for ch in line) <= reach


def line_reaches(lines: list[str], measure: float) -> tuple[float, float]:
    """Where a paragraph's lines reach, and where its first line does; (0, 0) when the text
    does not say.

    Measured on long lines of Chinese only, whose widths are exact: the commonest width. Where
    the document indents first lines by two characters, many lines stop just that short.
    """
    widths = Counter(
        width
        for line in lines
        if line and not _HAS_ASCII.search(line) and (width := print_width(line)) >= measure * 0.8
    )
    if widths.total() < _FEW_LINES:
        return 0.0, 0.0
    full, count = widths.most_common(1)[0]
    indented = widths[full - _INDENT] >= max(3, count * 0.1)
    return full, full - _INDENT if indented else full
