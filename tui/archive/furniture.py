"""Page furniture in extracted text: page numbers, running heads and rules.

What a printed page carries besides the text — a page number, the publication's name and
date at its head or foot, a rule under the masthead — comes back from every extractor as
lines among the text's own. `clean_lines` drops them and keeps blank lines as paragraph
breaks (`BREAK`), but not the ones around a page break: the sentence before a page break
often goes on after it.
"""

from __future__ import annotations

import re
from collections import Counter

#: A line that is only a page number: "3", "- 3 -", "第 3 页", "第 3 页 / 共 9 页", "3/9".
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,3}\s*[-–—]?|第\s*\d+\s*页(?:\s*/?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
#: A bullet mark opening a line, after the list marker of a printed Markdown or text list.
#: A middle dot is one only when set apart from its text: "·整治…" is the second half of a
#: name ("清朗·整治") that wrapped at the dot.
BULLET_LEAD = re.compile(r"^(?:[-*+]\s*)?(?:[◆◇•●■□▪▶►]\s*|·\s+)")
_SPACES = re.compile(r"[ \t\u3000]{2,}")
#: A row of dashes, stars or rule characters ("-----", "* * *", "———"): a rule, not text.
RULE = re.compile(r"^(?:[-—–_=*~─━·•]\s*){3,}$")
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
#: A paragraph break among the cleaned lines.
BREAK = ""


def furniture_key(line: str) -> str:
    """A running head as it recurs: digits (dates, page numbers) and spacing aside."""
    line = line.strip()
    if "  " in line or "\t" in line or "\u3000" in line:
        line = _SPACES.sub(" ", line)
    return _DIGITS.sub("#", line) if _HAS_DIGIT.search(line) else line


def running_heads(raw: list[str]) -> set[str]:
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
        text for text, count in counts.items() if count >= 3 and not BULLET_LEAD.match(text)
    )
    return running


def clean_lines(raw: list[str]) -> list[str]:
    """Drop page numbers, running heads, form feeds and the blank lines around them; keep
    other blank lines as paragraph breaks.

    A page break is not a paragraph break: the sentence before it often goes on after it.
    """
    running = running_heads(raw)
    lines: list[str] = []
    at_page_break = False
    for line in raw:
        line = line if line == "\f" else _SPACES.sub(" ", line.strip())
        if line == "\f" or PAGE_NUMBER.match(line) or (lines and furniture_key(line) in running):
            at_page_break = True
            while lines and lines[-1] == BREAK:
                lines.pop()
            continue
        if RULE.match(line):
            line = BREAK
        if line == BREAK and (at_page_break or not lines or lines[-1] == BREAK):
            continue
        at_page_break = False
        lines.append(line)
    return lines
