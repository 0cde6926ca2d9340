"""Undo hard wrapping: lines of `pdftotext` output → one entry per paragraph or heading.

pdftotext wraps every line at the page width, keeps no blank line between a headline and its
body, puts a page number and a form feed between pages, and may set a bullet marker on a line
of its own. A line that fills the measure continues on the next line; a line that stops short
ends its paragraph. Headlines are set larger, so their lines stop short of the body measure:
a wrapped headline comes out as several short entries, which the assembler rejoins (it knows
which entries are headlines; this module only knows widths).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tui.archive.measure import (
    CLEARLY_FULL,
    fills_measure,
    line_reaches,
    print_width,
    stops_short,
)
from tui.archive.textutil import SENTENCE_END, is_han, join_fragments, prefers_spacing
from tui.archive.vocabulary import BODY_START, SECTION_NAMES, section_name

#: A line that is only a page number: "3", "- 3 -", "第 3 页", "第 3 页 / 共 9 页", "3/9".
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,3}\s*[-–—]?|第\s*\d+\s*页(?:\s*/?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_BULLET_ONLY = re.compile(r"^(?:[-*+]\s*)?[◆◇•●■□▪▶►·*-]$")
#: A bullet mark opening a line, after the list marker of a printed Markdown or text list.
#: A middle dot is one only when set apart from its text: "·整治…" is the second half of a
#: name ("清朗·整治") that wrapped at the dot.
_BULLET_LEAD = re.compile(r"^(?:[-*+]\s*)?(?:[◆◇•●■□▪▶►]\s*|·\s+)")
_SPACES = re.compile(r"[ \t\u3000]{2,}")
#: A row of dashes, stars or rule characters ("-----", "* * *", "———"): a rule, not text.
RULE = re.compile(r"^(?:[-—–_=*~─━·•]\s*){3,}$")
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
_WHITESPACE = re.compile(r"\s+")
_MARKS = "◆◇•●■□▪▶►·"
_BREAK = ""


@dataclass(slots=True)
class Reflowed:
    """One paragraph or heading rebuilt from wrapped lines."""

    text: str
    #: How many source lines it was built from.
    lines: int
    #: Width of its first line as a share of the body measure (headlines stop short of 1).
    fill: float


def furniture_key(line: str) -> str:
    """A running head as it recurs: digits (dates, page numbers) and spacing aside."""
    line = line.strip()
    if "  " in line or "\t" in line or "\u3000" in line:
        line = _SPACES.sub(" ", line)
    return _DIGITS.sub("#", line) if _HAS_DIGIT.search(line) else line


def _running_heads(raw: list[str]) -> set[str]:
    """Lines printed at the top or foot of several pages (a running header or footer: the
    publication's name, a date, a file address), digits aside ("1/5", "2/5").

    Candidates are the three non-blank lines on each side of every page break: a form feed,
    or a page number where the extractor printed no form feed (pypdf, pdfplumber). A line
    counts once however many page breaks it is near: the last lines of a short final page sit
    near two breaks without repeating.
    """
    places: dict[str, set[int]] = {}
    breaks = [i for i, line in enumerate(raw) if line == "\f" or PAGE_NUMBER.match(line.strip())]
    for index in breaks:
        for step in (-1, 1):
            near, found = index + step, 0
            while 0 <= near < len(raw) and found < 3 and raw[near] != "\f":
                text = raw[near].strip()
                if text:
                    places.setdefault(furniture_key(text), set()).add(near)
                    found += 1
                near += step
    running = {text for text, where in places.items() if len(where) >= 2}
    # Without page breaks to go by (pypdf, pdfplumber print none), a short line printed three
    # times or more is the page furniture too: no sentence of an issue recurs like that.
    counts = Counter(furniture_key(line) for line in raw if 0 < len(line.strip()) <= 80)
    running.update(
        text for text, count in counts.items() if count >= 3 and not _BULLET_LEAD.match(text)
    )
    return running


def _clean(raw: list[str]) -> list[str]:
    """Drop page numbers, running heads, form feeds and the blank lines around them; keep
    other blank lines as paragraph breaks.

    A page break is not a paragraph break: the sentence before it often goes on after it.
    """
    running = _running_heads(raw)
    lines: list[str] = []
    at_page_break = False
    for line in raw:
        line = line if line == "\f" else _SPACES.sub(" ", line.strip())
        if line == "\f" or PAGE_NUMBER.match(line) or (lines and furniture_key(line) in running):
            at_page_break = True
            while lines and lines[-1] == _BREAK:
                lines.pop()
            continue
        if RULE.match(line):
            line = _BREAK
        if line == _BREAK and (at_page_break or not lines or lines[-1] == _BREAK):
            continue
        at_page_break = False
        lines.append(line)
    return lines


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
        and line != _BREAK
        and not line.startswith("◆")
        and "。" not in line
        and line[-1] not in "，、；：:,;（《“‘"
        and not fills_measure(line, "", measure)
    )


def _cut_mid_sentence(line: str, measure: float) -> bool:
    return print_width(line) >= measure * CLEARLY_FULL and is_han(line[-1])


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
            while index < len(lines) and lines[index] == _BREAK:
                index += 1
            parts: list[str] = []
            while index < len(lines) and lines[index] and not _BULLET_ONLY.match(lines[index]):
                if parts and (
                    # A line that starts with a bullet mark always begins a bullet of its own
                    # (pdftotext may print all the list's "•" first, then the "◆" lines).
                    _BULLET_LEAD.match(lines[index])
                    or section_name(lines[index]) in SECTION_NAMES
                    or (len(parts[-1]) > 2 and print_width(parts[-1]) < measure * 0.75)
                ):
                    break
                parts.append(lines[index])
                index += 1
                if (
                    index < len(lines)
                    and lines[index] == _BREAK
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
        out.append(_BULLET_LEAD.sub("◆", line) if _BULLET_LEAD.match(line) else line)
        index += 1
    return out


def reflow_lines(raw: list[str]) -> list[Reflowed]:
    """Join wrapped lines into paragraphs and headings."""
    lines = _clean(raw)
    if lines.count(_BREAK) >= (len(lines) - lines.count(_BREAK)) * 0.8:
        # A blank line after nearly every line (pdfminer on some PDFs) says nothing.
        lines = [line for line in lines if line != _BREAK]
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
        if line == _BREAK:
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
                        and next_line != _BREAK
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
            after = lines[index + 2] if next_line == _BREAK and index + 2 < len(lines) else ""
            ends = not _continues_bullet(line, next_line or after, measure)
        else:
            if next_line == _BREAK and _cut_mid_sentence(line, measure):
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
