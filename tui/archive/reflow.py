"""Undo hard wrapping: lines of `pdftotext` output → one line per paragraph or heading.

pdftotext wraps every line at the page width, keeps no blank line between a headline and its
body, and puts form feeds between pages. A line that fills the measure continues on the next
line; a line that stops short ends its paragraph. Headlines are set larger, so their lines
stop short of the body measure and come out as blocks of their own (a headline that wraps
comes out as two blocks, which the assembler rejoins).
"""

from __future__ import annotations

import re

from tui.archive.textutil import SENTENCE_END, cell_width, join_fragments

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,3}\s*[-–—]?|第\s*\d+\s*页(?:\s*/\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_BULLET_ONLY = re.compile(r"^[◆◇•●■□▪▶►·*-]$")
_SPACES = re.compile(r"[ \t\u3000]{2,}")
_LATIN_HEAD = re.compile(r"^[0-9A-Za-z%.,+\-/]+")


def is_hard_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed measure rather than one paragraph per line."""
    widths = sorted(cell_width(line) for line in lines if line and line != "\f")
    if len(widths) < 20:
        return False
    p90 = widths[int(len(widths) * 0.9)]
    near_full = sum(1 for w in widths if w >= p90 * 0.85)
    return p90 <= 120 and near_full >= len(widths) * 0.3


def _measure(lines: list[str]) -> int:
    """The body measure: the width most full lines reach."""
    widths = sorted(cell_width(line) for line in lines if line and line != "\f")
    return widths[int(len(widths) * 0.9)] if widths else 0


def _fills_measure(line: str, next_line: str, measure: int) -> bool:
    width = cell_width(line)
    if width >= measure - 4:
        return True
    # A Latin word too long for the rest of the line was pushed down whole.
    head = _LATIN_HEAD.match(next_line)
    return head is not None and width + 1 + cell_width(head.group()) > measure - 2


def _continues(line: str, next_line: str, measure: int) -> bool:
    if not _fills_measure(line, next_line, measure):
        return False
    if (
        line[-1] in SENTENCE_END
        and "。" not in next_line
        and not _fills_measure(next_line, "", measure)
    ):
        # A full line ending a sentence, followed by a short line with no sentence in it:
        # that short line is a headline, not the tail of this paragraph.
        return False
    return True


def reflow_lines(raw: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs; blank strings separate nothing and are dropped."""
    lines = [_SPACES.sub(" ", line) for line in raw if line and line != "\f"]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    measure = _measure(lines)
    out: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if _BULLET_ONLY.match(line) and index + 1 < len(lines):
            # A bullet marker the extractor set on a line of its own belongs to the next line.
            if current:
                out.append(current)
            current = "◆" if line != "-" else "-"
            continue
        if current in ("◆", "-"):
            current += line
        elif current:
            current = join_fragments(current, line)
        else:
            current = line
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if not next_line or not _continues(line, next_line, measure):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out
