"""Where a query's words are in an item as laid out on screen: each match as the (line,
start, end) pieces it covers.

The reader lays an item out in lines; a word may be broken across two of them. The lines of
one block (the headline, or one paragraph) are joined back — the wrapper only ever drops
the spaces it breaks at — the words are found in the joined text as the search finds them
(`snippets.find_spans`: folded, 繁体 = 简体, Latin by word parts), and each span is cut back
into the lines it covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from tui.search.snippets import Needles, find_spans

#: Line roles whose text is searched (not the meta line, the user's marks or the note).
SEARCHED = ("headline", "body")

Piece = tuple[int, int, int]
LineMatch = tuple[Piece, ...]


def line_matches(lines: Sequence[tuple[str, str]], needles: Needles) -> list[LineMatch]:
    """Every match of `needles` in the (role, text) lines, in order, each as its (line,
    start, end) pieces: one, or one on each line for a match over a line break."""
    found: list[LineMatch] = []
    block: list[int] = []
    for number, (role, _) in enumerate([*lines, ("", "")]):
        if block and (role != lines[block[0]][0] or role not in SEARCHED):
            found.extend(_block_matches(lines, block, needles))
            block = []
        if role in SEARCHED:
            block.append(number)
    return found


def _block_matches(
    lines: Sequence[tuple[str, str]], block: list[int], needles: Needles
) -> list[LineMatch]:
    texts = [lines[number][1] for number in block]
    starts = list(accumulate((len(text) for text in texts), initial=0))
    with_pattern = lines[block[0]][0] == "headline"
    found: list[LineMatch] = []
    for start, end in find_spans("".join(texts), needles, with_pattern):
        pieces = []
        for k, number in enumerate(block):
            low, high = max(start, starts[k]), min(end, starts[k + 1])
            if low < high:
                pieces.append((number, low - starts[k], high - starts[k]))
        found.append(tuple(pieces))
    return found
