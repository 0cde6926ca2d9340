"""Quotation marks that a text converter printed away from their places, put back.

A Word document printed by LibreOffice sets quotation marks in a Western font, drawn in runs
of their own. Text converters that follow the drawing order (pypdfium2, pypdf, pdftotext
-raw) print a line's marks together, away from their places, and leave a space in each
place a mark was taken from: "年“ ” “ 清朗 系列…的 清朗" is "年“清朗”系列…的“清朗", and
"了 系” 列" is "了”系列". Chinese sets no space beside its quotation marks, nor between two of
its characters, so those spaces say where the marks go: each goes into the next gap, in
order. Marks left over go where their run was drawn, to an end of the line, or into a space
beside a Latin word. Of the ways that read as Chinese (an opening mark never ends a line,
nor a closing one starts it; marks pair up), the one that quotes the least text is taken;
where two remain, the line stays as it was.
"""

from __future__ import annotations

import re
from itertools import combinations, pairwise
from math import comb

_OPENING = "“‘"
_CLOSING = "”’"
#: A run of marks, maybe set apart by spaces. The middle dot of a name ("清朗·整治") is set
#: in the same Western font and travels with the quotation marks around it.
_RUN = re.compile("[“”‘’·](?: *[“”‘’·])*")
#: A quotation mark set apart by a space from a Chinese character or another mark: never
#: printed in Chinese, always the sign of marks taken from their places.
_DISPLACED = re.compile("[“”‘’] +(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) +[“”‘’]")
#: A space between two Chinese characters or marks: a gap a mark was taken from.
_DISPLACED_GAP = re.compile("[^\x00-\x7f] [^\x00-\x7f]")
_BESIDE_LATIN = re.compile("[^\x00-\x7f] [A-Za-z]|[A-Za-z] [^\x00-\x7f]")
_SPACED_PAIRS = ("“ ", " “", "” ", " ”", "‘ ", " ‘", "’ ", " ’")
#: A middle dot beside a space or a mark, or ending a line: it joins two words of a name.
_MISPLACED_DOT = re.compile("[ “”‘’]·|·(?:[ “”‘’]|$)")
_MARKS_AND_SPACE = "“”‘’· "
#: More than this many ways to place the marks: the line is left as it is.
_MAX_CHOICES = 64


def has_displaced_marks(text: str) -> bool:
    """Has a converter printed quotation marks away from their places in this text?"""
    # Most texts have no space beside a quotation mark at all: substring scans say so
    # faster than a regular expression.
    return any(pair in text for pair in _SPACED_PAIRS) and _DISPLACED.search(text) is not None


def restore_marks(lines: list[str]) -> list[str]:
    """The lines with their quotation marks put back. pdftotext -raw prints a line's marks
    before its text, at the end of the line above or on a line of their own: a line that
    ends in marks taken from their places is read together with the next where that finds
    places for more of its marks."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not _DISPLACED.search(line) and not _misplaced_at_an_end(line):
            out.append(line)
            continue
        best = _placed(line)
        while index < len(lines) and lines[index] and _ends_in_loose_run(line):
            joined = f"{line} {lines[index]}"
            placed = _placed(joined)
            if placed is None or (best is not None and placed[1] >= best[1]):
                break
            line, best = joined, placed
            index += 1
        out.append(best[0] if best else line)
    return out


def _misplaced_at_an_end(line: str) -> bool:
    return line[:1] in _CLOSING or line[-1:] in _OPENING


def _ends_in_loose_run(line: str) -> bool:
    runs = list(_RUN.finditer(line))
    return bool(runs) and runs[-1].end() == len(line) and _loose(line, runs[-1])


def _loose(line: str, run: re.Match[str]) -> bool:
    """Was this run of marks taken from its places: spaces inside it, a space between it
    and a Chinese character, or a mark at an end of the line where it cannot stand?"""
    text, start, end = run.group(), run.start(), run.end()
    if not any(mark in text for mark in _OPENING + _CLOSING):
        return False  # a middle dot alone is a separator ("周报 · 协会")
    left = line[:start].rstrip(" ")
    right = line[end:].lstrip(" ")
    return (
        " " in text
        or (len(left) < start and left != "" and not left[-1].isascii())
        or (len(right) < len(line) - end and right != "" and not right[0].isascii())
        or (start == 0 and text[0] in _CLOSING)
        or (end == len(line) and text[-1] in _OPENING)
    )


def _placed(line: str) -> tuple[str, int] | None:
    """The line with its loose marks placed, and how many went to no gap; None when there is
    no one way to place them."""
    runs = [run for run in _RUN.finditer(line) if _loose(line, run)]
    if not runs:
        return None
    text, marks = _lifted(line, runs)
    if not _DISPLACED_GAP.search(text) and all(
        len(run.group()) == 1 and _can_stand(line, run) for run in runs
    ):
        return None  # no gap for them: marks the author set apart from the words around them
    gaps = [
        index
        for index in range(1, len(text) - 1)
        if text[index] == " " and not text[index - 1].isascii() and not text[index + 1].isascii()
    ]
    # A mark taken from beside a Latin word leaves a space the document may set there anyway
    # ("多枚 AI WOW" for 多枚“AI WOW”): such a space is a place it may go, not one it must.
    places = {
        (index, 1) for index in range(1, len(text) - 1) if _BESIDE_LATIN.match(text, index - 1)
    }
    stood = {at for _, at in marks}
    if not gaps and not places and stood <= {0, len(text)}:
        # No gap, and the marks drawn at an end of the line: nothing says where they go,
        # but for closing marks drawn before the line's text, which end it (no line starts
        # with one).
        if any(stood) or not all(mark in _CLOSING for mark, _ in marks):
            return None
        places = {(len(text), 0)}
    else:
        places |= {(at, 0) for at in (*stood, 0, len(text))}
    placed = _best_placing(text, marks, gaps, sorted(places))
    return None if placed is None else (placed, len(marks) - len(gaps))


def _lifted(line: str, runs: list[re.Match[str]]) -> tuple[str, list[tuple[str, int]]]:
    """The line without its loose runs and the spaces around them, and each of their marks
    with the place in that text where its run stood."""
    parts: list[str] = []
    marks: list[tuple[str, int]] = []
    position = 0
    for run in runs:
        start, end = run.start(), run.end()
        while start > position and line[start - 1] == " ":
            start -= 1
        while end < len(line) and line[end] == " ":
            end += 1
        # The space the document sets between Latin and Chinese stays ("2023 “ ” “ 年").
        apart = start < run.start() and end > run.end()
        kept = " " if apart and _spaced_apart(line[start - 1], line[end : end + 1]) else ""
        parts.append(line[position:start] + kept)
        at = sum(map(len, parts))
        marks.extend((mark, at) for mark in run.group() if mark != " ")
        position = end
    parts.append(line[position:])
    return "".join(parts), marks


def _best_placing(
    text: str, marks: list[tuple[str, int]], gaps: list[int], places: list[tuple[int, int]]
) -> str | None:
    """Every gap takes a mark, in order, and the marks left over take some of the places;
    of the placings that read as Chinese, the one that quotes the least text, then moves the
    marks the least. None when there is none, or two tie."""
    spare = len(marks) - len(gaps)
    if spare < 0 or comb(len(places), spare) > _MAX_CHOICES:
        return None
    best: tuple[tuple[int, int], str] | None = None
    ambiguous = False
    for extra in combinations(places, spare):
        slots = sorted([(gap, 1) for gap in gaps] + list(extra))
        if len({slot for slot, _ in slots}) < len(slots):
            continue
        candidate = _place(text, slots, [mark for mark, _ in marks])
        if not _reads_as_chinese(candidate):
            continue
        moved = sum(abs(at - slot) for (_, at), (slot, _) in zip(marks, slots, strict=True))
        score = (_quoted_length(candidate), moved)
        if best is None or score < best[0]:
            best, ambiguous = (score, candidate), False
        elif score == best[0] and candidate != best[1]:
            ambiguous = True
    return None if best is None or ambiguous else best[1]


def _spaced_apart(left: str, right: str) -> bool:
    """Are these two characters a Latin letter or digit and a Chinese character?"""
    return bool(left and right) and left.isascii() != right.isascii() and (left + right).isalnum()


def _can_stand(line: str, run: re.Match[str]) -> bool:
    """Does this one mark stand where the author set it: an opening mark right before the
    text it opens, a closing mark right after the text it closes (a space on its other side
    is the author's), and not where no line may have it (避头尾)?"""
    mark, start, end = run.group(), run.start(), run.end()
    if mark in _OPENING:
        return end < len(line) and line[end] != " "
    return mark in _CLOSING and start > 0 and line[start - 1] != " "


def _place(text: str, slots: list[tuple[int, int]], marks: list[str]) -> str:
    """Each mark into its slot: a gap (the space it replaces) or a place between two
    characters."""
    pieces: list[str] = []
    previous = 0
    for (slot, replaces), mark in zip(slots, marks, strict=True):
        pieces.append(text[previous:slot])
        pieces.append(mark)
        previous = slot + replaces
    pieces.append(text[previous:])
    return "".join(pieces)


def _reads_as_chinese(line: str) -> bool:
    """No opening mark ends the line, no closing mark starts it (避头尾), double quotation
    marks alternate and enclose something, and a middle dot joins two words (or opens a line,
    the second half of a name)."""
    line = line.strip()
    if not line or line[0] in _CLOSING or line[-1] in _OPENING:
        return False
    quotes = [mark for mark in line if mark in "“”"]
    if any(a == b for a, b in pairwise(quotes)) or "“”" in line or "‘’" in line:
        return False
    return _MISPLACED_DOT.search(line) is None


def _quoted_length(line: str) -> int:
    """How many characters of the line stand inside double quotation marks: quoted phrases in
    the news are short (a name, a term, a slogan), so the placing that quotes the least is
    likeliest."""
    total = 0
    first_close, first_open = line.find("”"), line.find("“")
    # A line may start inside a quotation that opened on the line before.
    inside = first_close != -1 and not 0 <= first_open < first_close
    for char in line:
        if char == "“":
            inside = True
        elif char == "”":
            inside = False
        elif inside and char not in _MARKS_AND_SPACE:
            total += 1
    return total
