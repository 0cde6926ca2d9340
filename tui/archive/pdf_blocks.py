"""Printed lines of a PDF → the blocks every layout is read from (see `blocks.Block`).

What the page says and text does not: a line set larger, bolder or in another font than the
body is a heading; a vertical gap, a first-line indent or a line that stops short ends a
paragraph; a line repeated at the top or foot of several pages (the publication's name, a
date, a file address) or a bare page number is furniture, not text. The page each block
starts on goes with it, so an item knows where it is printed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from statistics import median

from tui.archive.blocks import Block
from tui.archive.furniture import PAGE_NUMBER
from tui.archive.pdf_text import PdfLine
from tui.archive.textutil import SENTENCE_END, join_fragments, prefers_spacing

#: Marks that open a 摘要 bullet; a line starting with one starts a block.
_BULLETS = "◆◇•●■□▪▶►·"
#: A size this much above the body's is a heading (1.12: 10.5 pt body, 12 pt heading).
_LARGER = 1.12
#: A baseline this many line pitches below the previous one leaves a gap: a new paragraph.
_GAP = 1.3
_DIGITS = re.compile(r"\d+")
_LATIN_WORD = re.compile(r"^[0-9A-Za-z%.,+\-/]+")
#: Lines nearest the top and the foot of a page that may be running heads or page numbers.
_MARGIN_LINES = 3


class _Page:
    """What is true of the whole document: the body text's size, font, measure and pitch."""

    def __init__(self, lines: Sequence[PdfLine]) -> None:
        weights: Counter[float] = Counter()
        for line in lines:
            weights[round(line.size, 1)] += len(line.text)
        self.size = weights.most_common(1)[0][0] if weights else 10.0
        body = [line for line in lines if self.is_body_size(line)] or list(lines)
        lefts = Counter(round(line.left) for line in body)
        self.left = float(lefts.most_common(1)[0][0])
        rights = sorted(line.right for line in body)
        self.right = rights[int(len(rights) * 0.9)]
        pitches = [
            b.baseline - a.baseline
            for a, b in itertools.pairwise(body)
            if a.page == b.page and 0 < b.baseline - a.baseline < 3 * self.size
        ]
        #: Baseline-to-baseline distance of body lines, as a multiple of the body size.
        self.leading = (median(pitches) if pitches else self.size * 1.4) / self.size
        self.body_font, self.emphasis_fonts = _emphasis_fonts(body)

    def is_body_size(self, line: PdfLine) -> bool:
        return abs(line.size - self.size) <= self.size * 0.05

    def heading_level(self, line: PdfLine) -> int:
        """1 for the largest type (title, sections), 2 for larger, 3 for body size set bold
        or in a font of its own, 0 for body text."""
        if line.size >= self.size * 1.5:
            return 1
        if line.size >= self.size * _LARGER:
            return 2
        if line.bold or (line.fonts & self.emphasis_fonts and self.body_font not in line.fonts):
            return 3
        return 0

    def is_short(self, line: PdfLine) -> bool:
        """Does the line stop short of the measure (so its paragraph ends with it)?"""
        return line.right < self.right - 1.5 * line.size

    def indented(self, line: PdfLine) -> bool:
        return line.left > self.left + 0.8 * line.size


def _emphasis_fonts(body: Sequence[PdfLine]) -> tuple[str, frozenset[str]]:
    """The body's own font, and the fonts of body-size lines that never share a line with it.

    A printer that subsets a font into several pieces (LibreOffice: 256 glyphs each) mixes
    those pieces within a line; a bold or other face set for headings stands alone.
    """
    counts: Counter[str] = Counter()
    for line in body:
        counts.update(line.fonts)
    counts.pop("", None)
    if not counts:
        return "", frozenset()
    dominant = counts.most_common(1)[0][0]
    mixed = {dominant}
    for line in body:
        if dominant in line.fonts:
            mixed |= line.fonts
    return dominant, frozenset(counts) - mixed


def _furniture(lines: Sequence[PdfLine]) -> set[int]:
    """Indexes of running heads, running feet and page numbers.

    Only the lines nearest the top and the foot of each page are candidates. A line is
    furniture if, with its digits ignored, it is printed at the same height on at least two
    pages, or if it is a bare page number ("3", "- 3 -", "第 3 页", "3/10").
    """
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(index)
    edges: list[int] = []
    for indexes in by_page.values():
        ordered = sorted(indexes, key=lambda i: lines[i].baseline)
        edges.extend(ordered[:_MARGIN_LINES])
        edges.extend(ordered[_MARGIN_LINES:][-_MARGIN_LINES:])
    pages_of: dict[tuple[str, int], set[int]] = {}
    for index in edges:
        line = lines[index]
        key = (_DIGITS.sub("#", line.text), round(line.baseline / 4))
        pages_of.setdefault(key, set()).add(line.page)
    found: set[int] = set()
    for index in edges:
        line = lines[index]
        key = (_DIGITS.sub("#", line.text), round(line.baseline / 4))
        repeated = len(pages_of[key]) >= 2
        outermost = index in (by_page[line.page][0], by_page[line.page][-1]) or _at_edge(
            lines, by_page[line.page], index
        )
        if repeated or (outermost and PAGE_NUMBER.match(line.text)):
            found.add(index)
    return found


def _at_edge(lines: Sequence[PdfLine], page: list[int], index: int) -> bool:
    baselines = [lines[i].baseline for i in page]
    return lines[index].baseline in (min(baselines), max(baselines))


def _breaks(page: _Page, prev: PdfLine, line: PdfLine, in_bullet: bool) -> bool:
    """Does `line` start a new block after `prev`?"""
    if line.text[0] in _BULLETS:
        return True
    prev_level, level = page.heading_level(prev), page.heading_level(line)
    if prev_level != level or abs(prev.size - line.size) > 0.08 * page.size:
        return True
    if line.page == prev.page:
        pitch = page.leading * max(prev.size, line.size)
        if line.baseline - prev.baseline > pitch * _GAP or line.baseline < prev.baseline:
            return True
    if in_bullet:
        return False
    return page.indented(line) or (
        level == 0 and page.is_short(prev) and not _pushed_down(page, prev, line)
    )


def _pushed_down(page: _Page, prev: PdfLine, line: PdfLine) -> bool:
    """A Latin word too long for the rest of the line was set whole on the next one."""
    word = _LATIN_WORD.match(line.text)
    return word is not None and prev.right + 0.6 * line.size * len(word.group()) > page.right


def _ordered(lines: Sequence[PdfLine], furniture: set[int]) -> list[PdfLine]:
    """Text lines top to bottom on each page (a printer may draw its margins first)."""
    kept = [line for index, line in enumerate(lines) if index not in furniture]
    return sorted(kept, key=lambda line: (line.page, line.baseline))


def pdf_blocks(lines: Sequence[PdfLine]) -> list[Block]:
    """The blocks of an issue printed as these lines."""
    if not lines:
        return []
    page = _Page(lines)
    text_lines = _ordered(lines, _furniture(lines))
    spaced = prefers_spacing("\n".join(line.text for line in text_lines))
    blocks: list[Block] = []
    #: Where (offset, page), in the block being built, a new page began right after a
    #: finished sentence.
    page_turn: tuple[int, int] | None = None
    prev: PdfLine | None = None
    for line in text_lines:
        if prev is None or _breaks(page, prev, line, blocks[-1].bullet):
            if page_turn is not None:
                _split_headline(blocks, page_turn)
            level = page.heading_level(line)
            bullet = line.text[0] in _BULLETS
            blocks.append(Block(line.text, heading=level, bullet=bullet, page=line.page))
            page_turn = None
        else:
            if line.page != prev.page and prev.text[-1] in SENTENCE_END and page_turn is None:
                page_turn = (len(blocks[-1].text), line.page)
            blocks[-1].text = join_fragments(blocks[-1].text, line.text, spaced)
        prev = line
    if page_turn is not None:
        _split_headline(blocks, page_turn)
    return [_clean(block) for block in blocks]


def _split_headline(blocks: list[Block], page_turn: tuple[int, int]) -> None:
    """A paragraph ended with the last line of a page, and the next page opens with a line
    set in the body's type: if what follows, up to the next break, reads as a headline (no
    full stop, short), it is one, not more of the paragraph."""
    block = blocks[-1]
    at, page = page_turn
    tail = block.text[at:]
    if not tail or "。" in tail or len(tail) > 90 or tail[-1] in "，、；：,;:":
        return
    block.text = block.text[:at]
    blocks.append(Block(tail, page=page))


def _clean(block: Block) -> Block:
    """Headings only where a headline could be: long blocks set large are body text."""
    if block.heading and (len(block.text) > 90 or block.text[-1] in "，、；："):
        block.heading = 0
    return block
