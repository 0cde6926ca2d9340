"""Line breaking for Chinese paragraphs with Latin words, numbers and spaces mixed in.

Greedy filling with a short backtrack: fill the line grapheme by grapheme while it fits,
then step back from the first grapheme that does not fit to the nearest boundary where a
break is allowed (see `kinsoku`). When a closing mark would start the next line this
pulls the character before it down with it, so lines never exceed the width.

It runs on every resize for each visible paragraph, so the width-independent work —
splitting into graphemes, measuring, classifying — is done once per paragraph text and
cached; a re-wrap at a new width is one pass over precomputed integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tui.sanitize import sanitize
from tui.typeset.cells import graphemes
from tui.typeset.kinsoku import NO_START, Break, break_before, is_word_char


@dataclass(frozen=True, slots=True)
class _Paragraph:
    """A paragraph split into graphemes, each with the spaces that precede it."""

    glyphs: tuple[str, ...]  # the grapheme itself (what starts a line)
    spaced_glyphs: tuple[str, ...]  # the preceding spaces + the grapheme (mid-line)
    cells: tuple[int, ...]  # cells of the grapheme
    spaced_cells: tuple[int, ...]  # cells of the preceding spaces + the grapheme
    bases: tuple[str, ...]  # first character of each grapheme, for the break classes
    word: tuple[bool, ...]  # whether each grapheme belongs to a Latin word or number
    spaced: tuple[bool, ...]  # whether spaces precede each grapheme


@lru_cache(maxsize=512)  # a few screens of items; each entry is ~7 tuples per paragraph
def _prepare(text: str) -> _Paragraph:
    glyphs: list[str] = []
    spaced_glyphs: list[str] = []
    cells: list[int] = []
    spaced_cells: list[int] = []
    pending_spaces = ""
    for glyph, width in graphemes(sanitize(text, "flow")):
        if glyph == " ":
            pending_spaces += " "
            continue
        glyphs.append(glyph)
        spaced_glyphs.append(pending_spaces + glyph)
        cells.append(width)
        spaced_cells.append(len(pending_spaces) + width)
        pending_spaces = ""
    # Trailing spaces are dropped like spaces at any other line end.
    bases = tuple(glyph[0] for glyph in glyphs)
    return _Paragraph(
        glyphs=tuple(glyphs),
        spaced_glyphs=tuple(spaced_glyphs),
        cells=tuple(cells),
        spaced_cells=tuple(spaced_cells),
        bases=bases,
        word=tuple(is_word_char(b, c) for b, c in zip(bases, cells, strict=True)),
        spaced=tuple(len(s) > len(g) for s, g in zip(spaced_glyphs, glyphs, strict=True)),
    )


def _break_point(para: _Paragraph, start: int, overflow: int) -> int:
    """Where to end the line that runs from `start` and cannot take grapheme `overflow`.

    The latest free boundary wins; failing that, the latest boundary inside a word (a
    word wider than the line is broken hard); failing that — a run of marks that may not
    be separated is wider than the line — the line is cut where it is full.
    """
    in_word = 0
    for index in range(overflow, start, -1):
        quality = break_before(index, para.bases, para.word, para.spaced)
        if quality is Break.FREE:
            return index
        if quality is Break.IN_WORD and not in_word:
            in_word = index
    return in_word or overflow


def wrap_paragraph(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` cells, set as Chinese text is set.

    Breaks between any two CJK characters and at spaces (dropped at line ends and starts);
    keeps Latin words and numbers whole; no line starts with closing punctuation or ends
    with opening punctuation; the last line is not one character alone (see `_widow`).
    Control characters come out as visible pictures. An empty or blank paragraph gives no
    lines. A single grapheme wider than `width` gets a line of its own (only possible
    below 2 cells).
    """
    para = _prepare(text)
    glyphs, spaced_glyphs = para.glyphs, para.spaced_glyphs
    spaced_cells = para.spaced_cells
    count = len(glyphs)
    starts: list[int] = []
    start = 0
    while start < count:
        starts.append(start)
        used = para.cells[start]
        end = start + 1
        while end < count and used + spaced_cells[end] <= width:
            used += spaced_cells[end]
            end += 1
        if end < count:
            end = _break_point(para, start, end)
        start = end
    if not starts:
        return []
    if len(starts) >= 2 and _widow(para, starts[-1]):
        starts[-1] = _without_widow(para, starts[-2], starts[-1], width)
    bounds = zip(starts, [*starts[1:], count], strict=True)
    return [glyphs[start] + "".join(spaced_glyphs[start + 1 : end]) for start, end in bounds]


def _widow(para: _Paragraph, start: int) -> bool:
    """Whether the last line, from `start`, is one Chinese character alone (with the marks
    that may not start a line after it): a 孤字, which Chinese typesetting never leaves."""
    rest = para.bases[start + 1 :]
    return not para.word[start] and all(base in NO_START for base in rest)


#: A widow takes at most this many characters of the line above down with it (with the
#: marks that belong to them).
_WIDOW_PULL = 2


def _without_widow(para: _Paragraph, above: int, start: int, width: int) -> int:
    """Where the last line starts once the line above (from `above`) gives it a character
    or two at a free break — if the last line still fits and stays the shorter of the two
    (a short line above would be worse than the widow)."""
    characters = 0
    for index in range(start - 1, above, -1):
        characters += para.bases[index] not in NO_START
        if characters > _WIDOW_PULL:
            break
        if break_before(index, para.bases, para.word, para.spaced) is not Break.FREE:
            continue
        last = para.cells[index] + sum(para.spaced_cells[index + 1 :])
        kept = para.cells[above] + sum(para.spaced_cells[above + 1 : index])
        return index if last <= min(width, kept) else start
    return start
