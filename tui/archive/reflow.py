"""Undo hard wrapping: lines of `pdftotext` output → one entry per paragraph or heading.

pdftotext wraps every line at the page width, keeps no blank line between a headline and its
body, puts a page number and a form feed between pages, and may set a bullet marker on a line
of its own. A line that fills the measure continues on the next line; a line that stops short
ends its paragraph. Headlines are set larger, so their lines stop short of the body measure:
a wrapped headline comes out as several short entries, which the assembler rejoins (it knows
which entries are headlines; this module only knows widths). Page numbers, running heads
and rules are dropped first (`tui.archive.furniture`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.archive.furniture import BREAK, BULLET_LEAD, clean_lines
from tui.archive.measure import (
    CLEARLY_FULL,
    fills_measure,
    line_reaches,
    print_width,
    stops_short,
)
from tui.archive.textutil import SENTENCE_END, is_common_han, join_fragments, prefers_spacing
from tui.archive.vocabulary import BODY_START, SECTION_NAMES, section_name

_BULLET_ONLY = re.compile(r"^(?:[-*+]\s*)?[◆◇•●■□▪▶►·*-]$")
_WHITESPACE = re.compile(r"\s+")
_MARKS = "◆◇•●■□▪▶►·"


@dataclass(slots=True)
class Reflowed:
    """One paragraph or heading rebuilt from wrapped lines."""

    text: str
    #: How many source lines it was built from.
    lines: int
    #: Width of its first line as a share of the body measure (headlines stop short of 1).
    fill: float


def _continues(line: str, next_line: str, after: str, measure: float, reach: float) -> bool:
    """Does the paragraph go on after `line`? `reach` is how far its lines reach: the measure,
    or for a paragraph's first line, where first lines reach (short of it when indented)."""
    if not next_line or not fills_measure(line, next_line, measure):
        return False
    if stops_short(line, next_line, reach):
        return False
    if BODY_START.match(next_line) and (
        print_width(line) < measure * CLEARLY_FULL or _headline_shaped(line)
    ):
        # Widths of Latin text are estimates: a headline with English in it can look full,
        # and one set larger can fill the line. The next line opening a body paragraph
        # ("近日，…", "12 月 13 日，…") says it was a headline. (Should it have been a body
        # line ending in "根" before "据…", the assembler joins the paragraph up again.)
        return False
    if line[-1] in SENTENCE_END and print_width(line) < measure * CLEARLY_FULL:
        # A sentence ending short of the measure ends its paragraph (a body line that runs
        # on is set full); should the estimate be wrong, the item's body reads the same.
        return False
    if line[-1] not in SENTENCE_END:
        return True
    # A full line ending a sentence, followed by a short line with no sentence in it:
    # that short line is a headline, not the tail of this paragraph. A full line with no
    # clause in it may be a headline too, or the paragraph's next sentence: it is a headline
    # when a short line with no sentence end follows it (its wrapped tail; a paragraph's
    # last line ends its sentence).
    return not (
        ("。" not in next_line and not fills_measure(next_line, "", measure))
        or (
            _opens_headline(next_line)
            and _headline_tail(after, measure)
            and after[-1] not in SENTENCE_END
        )
    )


#: Marks that end a clause; the first line of a paragraph of news nearly always has one.
_CLAUSE_END = "，。；！？,;!?"


def _opens_headline(line: str) -> bool:
    """Could this full line, after a paragraph has ended, be a headline set in the body's
    type rather than the first line of a paragraph? It has no clause in it (a paragraph's
    first line of 30 or more characters nearly always has a comma), and does not open like a
    body paragraph."""
    return (
        len(line) >= 12
        and not any(mark in line for mark in _CLAUSE_END)
        and line[-1] not in "、：:（《“‘"
        and BODY_START.match(line) is None
    )


def _headline_shaped(line: str) -> bool:
    return "。" not in line and line[-1] not in "，、；：,;:（《“‘"


def _ends_a_sentence_at_once(line: str) -> bool:
    """ "播。节目以…": the line finishes the sentence of the line before (a body paragraph's
    first line never starts like that; "近日，…" opens one)."""
    return BODY_START.match(line) is None and any(mark in line[:3] for mark in "，。；！？、")


def _headline_tail(line: str, measure: float) -> bool:
    """The short last line of a headline that wrapped at the body's measure."""
    return (
        bool(line)
        and line != BREAK
        and not line.startswith("◆")
        and "。" not in line
        and line[-1] not in "，、；：:,;（《“‘"
        and not fills_measure(line, "", measure)
    )


def _cut_mid_sentence(line: str, measure: float) -> bool:
    return print_width(line) >= measure * CLEARLY_FULL and is_common_han(line[-1])


def _continues_bullet(line: str, next_line: str, measure: float) -> bool:
    """A 摘要 bullet wrapped onto the next line (its lines are indented, so a little short of
    the measure); the next bullet or the first section name ends it."""
    return (
        bool(next_line)
        and not next_line.startswith("◆")
        and print_width(line) >= measure * 0.8
        and section_name(next_line) not in SECTION_NAMES
    )


def _gather_bullets(lines: list[str], spaced: bool, measure: float) -> list[str]:
    """Put each bullet marker back on the line of its text.

    pdftotext may print "•", a blank, then the text; or "◆    text"; and for a wrapped bullet
    it can print a one-character tail line before the line it ends. PyMuPDF prints each "◆"
    on a line of its own with no blank lines at all: a bullet's text ends at a line short of
    the measure, and never takes in the section name that follows it.
    """
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _BULLET_ONLY.match(line):
            index += 1
            while index < len(lines) and lines[index] == BREAK:
                index += 1
            parts: list[str] = []
            while index < len(lines) and lines[index] and not _BULLET_ONLY.match(lines[index]):
                if parts and (
                    # A line that starts with a bullet mark always begins a bullet of its own
                    # (pdftotext may print all the list's "•" first, then the "◆" lines).
                    BULLET_LEAD.match(lines[index])
                    or section_name(lines[index]) in SECTION_NAMES
                    or (len(parts[-1]) > 2 and print_width(parts[-1]) < measure * 0.75)
                ):
                    break
                parts.append(lines[index])
                index += 1
                if (
                    index < len(lines)
                    and lines[index] == BREAK
                    and len(parts) == 1
                    and len(parts[0]) <= 2
                ):
                    index += 1
                if (
                    parts
                    and print_width(parts[-1]) < print_width(parts[0]) * 0.6
                    and len(parts) > 1
                ):
                    break
            if len(parts) > 1 and len(parts[0]) <= 2 < len(parts[1]):
                parts.append(parts.pop(0))
            text = ""
            for part in parts:
                text = join_fragments(text, part, spaced)
            out.append("◆" + text)
            continue
        out.append(BULLET_LEAD.sub("◆", line) if BULLET_LEAD.match(line) else line)
        index += 1
    return out


def reflow_lines(raw: list[str]) -> list[Reflowed]:
    """Join wrapped lines into paragraphs and headings."""
    lines = clean_lines(raw)
    if lines.count(BREAK) >= (len(lines) - lines.count(BREAK)) * 0.8:
        # A blank line after nearly every line (pdfminer on some PDFs) says nothing.
        lines = [line for line in lines if line != BREAK]
    spaced = prefers_spacing("\n".join(lines))
    widths = sorted(print_width(line) for line in lines if line)
    measure = widths[int(len(widths) * 0.9)] if widths else 1
    lines = _gather_bullets(lines, spaced, measure)
    reach, first_reach = line_reaches(lines, measure)
    #: Headlines the 摘要 announces: where one is printed as a line, it is a line of its own.
    announced = {
        _WHITESPACE.sub("", line.lstrip(_MARKS + " ")) for line in lines if line.startswith("◆")
    }
    announced.discard("")
    out: list[Reflowed] = []
    current: Reflowed | None = None
    #: The entry is a headline in the body's type whose wrapped tail is the next line.
    headline_tail = False
    for index, line in enumerate(lines):
        if line == BREAK:
            continue
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if announced and not line.startswith("◆") and _WHITESPACE.sub("", line) in announced:
            if current is not None:
                out.append(current)
            out.append(Reflowed(line, 1, print_width(line) / measure))
            current = None
            continue
        if current is None:
            current = Reflowed(line, 1, print_width(line) / measure)
            if (
                not line.startswith("◆")
                and _opens_headline(line)
                and fills_measure(line, next_line, measure)
                and not _ends_a_sentence_at_once(next_line)
            ):
                # A headline set in the body's type that fills its line: it ends here, or
                # with the tail it wrapped onto (short, or followed by a body's opening).
                after = lines[index + 2] if index + 2 < len(lines) else ""
                if not stops_short(line, next_line, first_reach) and (
                    _headline_tail(next_line, measure)
                    or (
                        next_line
                        and next_line != BREAK
                        and _headline_shaped(next_line)
                        and BODY_START.match(after)
                    )
                ):
                    headline_tail = True
                    continue
                out.append(current)
                current = None
                continue
        else:
            current.text = join_fragments(current.text, line, spaced)
            current.lines += 1
        if headline_tail:
            headline_tail = False
            out.append(current)
            current = None
            continue
        if current.text.startswith("◆"):
            # pdfminer prints a blank line even between the two lines of a wrapped bullet.
            after = lines[index + 2] if next_line == BREAK and index + 2 < len(lines) else ""
            ends = not _continues_bullet(line, next_line or after, measure)
        else:
            if next_line == BREAK and _cut_mid_sentence(line, measure):
                # pdfminer may print a blank line inside a paragraph; a line that fills the
                # measure and stops mid-phrase goes on after it.
                next_line = lines[index + 2] if index + 2 < len(lines) else ""
            after = lines[index + 2] if index + 2 < len(lines) else ""
            ends = not _continues(
                line, next_line, after, measure, first_reach if current.lines == 1 else reach
            )
        if ends:
            out.append(current)
            current = None
    if current is not None:
        out.append(current)
    return out
