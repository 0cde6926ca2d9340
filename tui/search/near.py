"""One character off: 迪土尼 finds 迪士尼, 微倍短剧 微信短剧 — a short name with one wrong
character, which no pair of characters can find when the wrong one is in the middle.

A Chinese term of 3 to 6 characters is a near miss of a run of a headline of the same length
that differs in one place, and the character there is a Han character too: what an input
method or a misread print puts in. A term of 5 or 6 may also miss a character, or have one
too many, inside; a shorter one may not — 微倍短剧 less 倍 is 微短剧, another word.

Which headlines can hold such a run comes from character postings: all of the term's
characters but one, so one of its two rarest — those two characters' items, narrowed to the
headlines holding all but one, with bitmap operations; those are checked with the pattern
of the term's near misses, in C. A term whose rarest characters are everywhere (新的人) is
too vague for a slip to be told from chance: it has no near misses (`VAGUE_SHARE`).

Why not rapidfuzz's partial_ratio: it scores a missing character as it scores a wrong one,
so 微倍短剧 found 抖音：微短剧 first, and the 3-character 迪土尼 any headline with 迪士 in it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from pyroaring import BitMap, FrozenBitMap

from tui.search.grams import GramIndex
from tui.search.literal import scan
from tui.search.pinyin import is_han

#: Lengths of the terms that have near misses; from `INDELS_FROM` on, a missing or an extra
#: character counts too.
LENGTHS = range(3, 7)
INDELS_FROM = 5
#: A term whose two rarest characters are together in more than this share of headlines
#: (and in more than `GramIndex.common` of them) has no near misses.
VAGUE_SHARE = 0.05
#: At most this many headlines are checked for one term, newest first.
MAX_CHECKED = 4096
_HAN = "[\u3400-\u9fff\U00020000-\U0002ebef]"


def near_pattern(term: str) -> re.Pattern[str]:
    """Runs one character off the term: one wrong (or, from 5 characters, missing or extra)."""
    size = len(term)
    ways = [re.escape(term[:k]) + _HAN + re.escape(term[k + 1 :]) for k in range(size)]
    if size >= INDELS_FROM:
        ways += [re.escape(term[:k] + term[k + 1 :]) for k in range(1, size - 1)]
        ways += [re.escape(term[:k]) + _HAN + re.escape(term[k:]) for k in range(1, size)]
    return re.compile("|".join(dict.fromkeys(ways)))


def near_items(
    term: str, grams: GramIndex, headlines: Sequence[str], among: BitMap
) -> tuple[re.Pattern[str] | None, BitMap]:
    """The pattern of the term's near misses (None: it has none) and the headlines of
    `among` holding one."""
    if len(term) not in LENGTHS or not all(map(is_han, term)):
        return None, BitMap()
    chars = sorted(set(term), key=grams.chars.frequency)
    if len(chars) < 3:
        return None, BitMap()  # 哈哈哈: one character off is most of it
    rarest = grams.chars.get(chars[0]) | grams.chars.get(chars[1])
    if len(rarest) > max(grams.common, int(VAGUE_SHARE * len(headlines))):
        return None, BitMap()
    candidates = at_least(len(chars) - 1, [grams.chars.get(c) for c in chars], among & rarest)
    if len(candidates) > MAX_CHECKED:
        candidates = BitMap(itertools.islice(candidates, MAX_CHECKED))
    pattern = near_pattern(term)
    return pattern, scan(headlines, pattern, candidates)


def at_least(needed: int, sets: Iterable[BitMap | FrozenBitMap], among: BitMap) -> BitMap:
    """The items of `among` that are in at least `needed` of the sets."""
    # holding[k]: the items in at least k of the sets counted so far.
    holding = [among] + [BitMap() for _ in range(needed)]
    for items in sets:
        for k in range(needed, 0, -1):
            holding[k] |= holding[k - 1] & items
    return holding[needed]
