"""Headlines and the meta line: short texts set to read as phrases, not filled like a body.

A body paragraph fills every line but the last. A headline reads better broken where its
phrases meet: at a space ("…推进会 推动 AI…" breaks before "推动", not inside it) or after
a colon, comma or bar, as long as the line stays at least `PHRASE_FILL` full; otherwise it
breaks at its last space (beside a Latin word, or before a number, which keeps its unit),
or as a body line does (`wrap_paragraph`: 避头尾, Latin words whole). Nor is a scrap left
on the last line (under a third of the longest): the text is then set narrower, with no
more lines, the widest such setting that breaks only between phrases winning. The meta
line breaks only between its fields and is balanced the same way, so no field is left
alone below ("2024-02-26 · 内容 · 抖音" rather than "· 内容 ·" at a line end and "抖音"
under it).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from tui.sanitize import sanitize
from tui.typeset.cells import cell_width
from tui.typeset.kinsoku import NO_END, NO_START
from tui.typeset.wrap import wrap_paragraph

#: A line broken early at a phrase boundary keeps at least this share of the width.
PHRASE_FILL = 0.6
#: After these a headline may break as after a space (a phrase ends there).
_PHRASE_ENDS = frozenset("：:，,、；;|｜")

META_SEPARATOR = " · "


def wrap_headline(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between phrases where it can."""
    text = sanitize(text, "flow")
    return _best(lambda w: _headline_setting(text, w), width)


def wrap_meta(fields: list[str], width: int) -> list[str]:
    """The meta line's fields joined by " · ", broken only between fields (each "·" kept at
    a line end) and balanced; only a field wider than the line is broken inside. A last line
    holding one field alone ("中央经济工作会议" under "… · 要闻 ·") is taken only when no
    narrower setting with as many lines gives it company."""

    def setting(narrower: int) -> Setting:
        lines = _field_lines(fields, narrower)
        alone = len(fields) > 2 and len(lines) > 1 and lines[-1] == fields[-1]
        return lines, not alone

    return _best(setting, width)


Setting = tuple[list[str], bool]  # the lines, and whether every break is between phrases


def _best(wrap: Callable[[int], Setting], width: int) -> list[str]:
    """The widest setting, from `width` down to half of it, with no more lines than at
    `width` and no scrap on the last line — one breaking only between phrases if any."""
    lines, _ = wrap(width)
    if len(lines) < 2:
        return lines
    fallback: list[str] | None = None
    for narrower in range(width, max(1, width // 2) - 1, -1):
        candidate, between_phrases = wrap(narrower)
        if len(candidate) > len(lines):
            break
        if _scrap(candidate) or not _keeps_kinsoku(candidate):
            continue
        if between_phrases:
            return candidate
        fallback = fallback or candidate
    return fallback or lines


def _keeps_kinsoku(lines: list[str]) -> bool:
    """Whether 避头尾 holds at every break (a run of marks wider than a narrow setting
    cannot keep it)."""
    return all(
        line[-1] not in NO_END and following[0] not in NO_START
        for line, following in pairwise(lines)
    )


def _scrap(lines: list[str]) -> bool:
    """Whether the last line is a scrap: under a third of the longest."""
    return cell_width(lines[-1]) * 3 < max(cell_width(line) for line in lines)


def _headline_setting(text: str, width: int) -> Setting:
    """Broken between phrases, unless that takes more lines than filling them does."""
    lines, between_phrases = _phrase_lines(text, width)
    filled = wrap_paragraph(text, width)
    return (lines, between_phrases) if len(lines) <= len(filled) else (filled, False)


def _phrase_lines(text: str, width: int) -> Setting:
    lines: list[str] = []
    between_phrases = True
    rest = text.strip(" ")
    while rest:
        first = wrap_paragraph(rest, width)[:1]
        if not first:
            break
        line = first[0]
        if len(line) < len(rest):
            line, at_phrase_end = _back_to_phrase_end(line, rest, width)
            between_phrases = between_phrases and at_phrase_end
        lines.append(line.rstrip(" "))
        rest = rest[len(line) :].lstrip(" ")
    return lines, between_phrases


def _back_to_phrase_end(line: str, text: str, width: int) -> tuple[str, bool]:
    """The line cut after its last phrase end, else at its last space, if that keeps it
    `PHRASE_FILL` full; and whether it now ends a phrase (`text` starts with the line)."""
    least = width * PHRASE_FILL
    for end in range(len(line), 0, -1):
        if _phrase_ends(text, end):
            if end == len(line) or cell_width(line[:end]) >= least:
                return line[:end], True
            break
    for space in range(len(line) - 1, 0, -1):
        # Not after a number: "1797 万条" keeps its number with its unit.
        if line[space] == " " and line[space - 1] != " " and not line[space - 1].isdigit():
            if cell_width(line[:space]) >= least:
                return line[:space], False
            break
    return line, False


def _phrase_ends(text: str, end: int) -> bool:
    """Whether a phrase ends before `text[end]`: a colon, comma or bar precedes, or a space
    between two Chinese characters follows (a space beside a Latin word or a number is only
    spacing: "1797 万条" is one phrase); and 避头尾 allows the break."""
    before = text[end - 1]
    rest = text[end:].lstrip(" ")
    after = rest[:1] or " "
    if before == " " or after in NO_START or before in NO_END:
        return False
    if before in _PHRASE_ENDS:
        return True
    spaced = len(rest) < len(text) - end
    return spaced and cell_width(before) == 2 and cell_width(after) == 2


def wrap_words(words: list[str], width: int) -> list[str]:
    """`words` joined by spaces, broken only between them ("#标签" lists): only a word wider
    than the line is broken inside (as a body line is)."""
    return _piece_lines([sanitize(word, "flow") for word in words], width)


def _field_lines(fields: list[str], width: int) -> list[str]:
    return _piece_lines(
        [field + META_SEPARATOR.rstrip() for field in fields[:-1]] + fields[-1:], width
    )


def _piece_lines(pieces: list[str], width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if line and cell_width(line) + 1 + cell_width(piece) <= width:
            line += " " + piece
            continue
        if line:
            lines.append(line)
        *full, line = wrap_paragraph(piece, width) or [""]
        lines.extend(full)
    if line:
        lines.append(line)
    return lines
