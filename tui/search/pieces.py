"""A query typed as one run of words — 微信短剧保证金, 微信收保证金 — that is nowhere as
written, cut into pieces that each occur in the archive, for the WORDS tier: items holding
every piece of a cut. (A term found as written is not cut: its pieces found apart are seldom
what was meant, and cutting it would cost every key press while it is typed.)

No dictionary is needed (jieba would cost 87 MB and cuts 微信收|保证金 anyway): the index says
which runs occur. From each place, the longest run that occurs is found — never shorter from a
later place, since the tail of a run occurs wherever the run does, so this takes two look-ups
a character at most. Cuts favour long pieces (the largest sum of squared lengths), and the
best few are kept: 微信收 may occur somewhere, yet 微信|收|保证金 is what was meant.

A piece of one character matches nearly every body, so it must be carried by longer ones: it
may only stand between two pieces of two characters or more (微信|收|保证金), never at an end
and never next to another. A typo at the end (微信短句 → 微信短|句) is no cut: it is for the
loose tiers. The longer pieces so always hold more than two thirds of the term.
"""

from __future__ import annotations

from functools import cache

from tui.search.latin import is_latin_term
from tui.search.literal import LiteralFinder

#: Terms longer than this are not cut into pieces nor matched loosely (a pasted paragraph).
MAX_LOOSE_LENGTH = 24
#: How many cuts of a term are kept, best first.
CUTS_KEPT = 3

Cut = tuple[str, ...]
Scored = tuple[tuple[int, Cut], ...]


def cuts_of(finder: LiteralFinder, term: str) -> tuple[Cut, ...]:
    """The best cuts of a Chinese term of 4 characters or more that occurs nowhere as
    written, or none."""
    if finder.text is None or is_latin_term(term) or not 4 <= len(term) <= MAX_LOOSE_LENGTH:
        return ()
    if finder.occurs(term):
        return ()
    reach = _reaches(finder, term)
    size = len(term)

    @cache
    def best(start: int, after_single: bool) -> Scored:
        """The best cuts of term[start:], as (score, pieces), best first."""
        if start == size:
            return ((0, ()),)
        options: list[tuple[int, Cut]] = []
        for end in range(start + 2, reach[start] + 1):
            piece, weight = term[start:end], (end - start) ** 2
            options += [(score + weight, (piece, *rest)) for score, rest in best(end, False)]
        if 0 < start < size - 1 and not after_single and reach[start] > start:
            options += [(score + 1, (term[start], *rest)) for score, rest in best(start + 1, True)]
        options.sort(key=lambda option: -option[0])
        return tuple(options[:CUTS_KEPT])

    return tuple(cut for _, cut in best(0, False))


def _reaches(finder: LiteralFinder, term: str) -> list[int]:
    """For each place, where the longest run from it that occurs ends (a place whose
    character occurs nowhere reaches itself)."""
    reach: list[int] = []
    end = 0
    for start in range(len(term)):
        end = max(end, start)
        while end < len(term) and finder.occurs(term[start : end + 1]):
            end += 1
        reach.append(end)
    return reach
