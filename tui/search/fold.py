"""Folding text for matching: compatibility and width forms, case, script, and spacing.

Everything the search compares — headlines, bodies, queries — goes through the same fold,
character by character: NFKC (ＡＩ → AI, ： → :), then casefold, then traditional characters
to simplified (騰訊 → 腾讯, with OpenCC's own character table), then whitespace dropped
except one space between two Latin words. Spaces in Chinese text are typographic (around
numbers and Latin words), so "2023年" must match "2023 年". Every step maps one character
to one (or, for NFKC and casefold, a few), so each folded character keeps the position of
the original character it came from, and matched spans can be highlighted in the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache

# Marks that NFKC may compose with the character before them. Where none occurs, folding the
# whole string at once gives the same result as folding it character by character, and is
# done in C; where one does, the slow per-character path keeps the two identical.
_COMBINING = re.compile(
    "[\u0300-\u036f\u1160-\u11ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f]"
)
# A space survives only between two Latin letters or digits ("gemma ai" stays two words).
# The pattern starts with the space itself so that the regex engine can skip to spaces.
_LOOSE_SPACE = re.compile(r" (?:(?<![a-z0-9] )|(?![a-z0-9]))")
# Fullwidth ASCII and the ideographic space are what NFKC changes in most Chinese text;
# translating them first often leaves nothing for the (slower) normalization to do.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_WHITESPACE_RUN = re.compile(r"\s+")


@lru_cache(maxsize=1)
def simplified_table() -> dict[int, int]:
    """Traditional → simplified, one character for one, from OpenCC's t2s conversion.

    Converted once per process (27,000 characters in about 3 ms), character by character,
    so that the table never depends on the neighbours a phrase conversion would look at.
    Only characters that OpenCC turns into exactly one other character are kept.
    """
    import opencc

    chars = [chr(code) for code in (*range(0x3400, 0xA000), *range(0xF900, 0xFB00))]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return {
        ord(char): ord(simple)
        for char, simple in zip(chars, converted, strict=True)
        if len(simple) == 1 and simple != char
    }


@lru_cache(maxsize=16384)
def fold_char(char: str) -> str:
    """One character folded: " " for any whitespace, else NFKC, casefold (ﬁ → fi) and
    traditional to simplified (騰 → 腾)."""
    folded = unicodedata.normalize("NFKC", char).casefold().translate(simplified_table())
    # Spacing accents (´ → " ́") carry a space that the whole-text fold drops as well.
    return " " if folded.isspace() else "".join(folded.split())


def fold(text: str) -> str:
    """The matching form of any text (a query, a body)."""
    if _COMBINING.search(text) is None:
        folded = text.translate(_FULLWIDTH)
        if not unicodedata.is_normalized("NFKC", folded):
            folded = unicodedata.normalize("NFKC", folded)
        folded = folded.casefold().translate(simplified_table())
    else:
        folded = "".join(fold_char(char) for char in text)
    return _LOOSE_SPACE.sub("", " ".join(folded.split()))


def fold_with_positions(text: str) -> tuple[str, array[int] | None]:
    """The folded text and, for each folded character, the index of its original character.

    The positions are None when they are the identity (nothing dropped or expanded), which
    is the case for most Chinese headlines and saves memory over 100,000 of them.
    """
    if _COMBINING.search(text) is None:
        whole = unicodedata.normalize("NFKC", text.translate(_FULLWIDTH)).casefold()
        whole = whole.translate(simplified_table())
        if len(whole) == len(text):
            # Character i folds to whole[i] alone: only whitespace can go. (Nothing composes
            # without combining marks, so the same length means nothing expanded either.)
            return _without_loose_spaces(whole)
    pieces = [fold_char(char) for char in text]
    out: list[str] = []
    positions = array("I")
    identity = True
    for index, piece in enumerate(pieces):
        if piece == " ":
            following = next((p for p in pieces[index + 1 :] if p != " "), "")
            previous = out[-1][-1:] if out else ""
            if not (previous and previous in _LATIN and following[:1] in _LATIN):
                identity = False
                continue
        elif len(piece) != 1:
            identity = False
        out.append(piece)
        positions.extend([index] * len(piece))
    return "".join(out), (None if identity else positions)


def _without_loose_spaces(text: str) -> tuple[str, array[int] | None]:
    """Drop whitespace as `fold` does, keeping the position of every character left."""
    runs = list(_WHITESPACE_RUN.finditer(text))
    if not runs:
        return text, None
    positions = array("I")
    kept = 0
    for run in runs:
        start, end = run.span()
        between_latin = start > 0 and end < len(text) and text[start - 1] in _LATIN
        if between_latin and text[end] in _LATIN:
            start += 1  # one space stays, the first of the run
        positions.extend(range(kept, start))
        kept = end
    positions.extend(range(kept, len(text)))
    folded = "".join(text[i] if not text[i].isspace() else " " for i in positions)
    return folded, positions
