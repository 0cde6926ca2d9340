"""Small text helpers shared by the readers of every layout."""

from __future__ import annotations

import re
import unicodedata

_ASCII_WORD = re.compile(r"[0-9A-Za-z]")

#: Marks that end a sentence: a paragraph ending in one is complete.
SENTENCE_END = "。！？!?；;…"


def cell_width(text: str) -> int:
    """Display width in terminal cells (wide and fullwidth characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one sentence split by a line or page break.

    Chinese needs no space; two Latin words (or numbers) do.
    """
    if not left:
        return right
    if not right:
        return left
    if _ASCII_WORD.match(left[-1]) and _ASCII_WORD.match(right[0]):
        return f"{left} {right}"
    return left + right
