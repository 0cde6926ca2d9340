"""Homophones: 腾迅 finds 腾讯, 快首 快手, 抖因 抖音, B战 the names of B站.

A pinyin input method shows every character read the same, and the wrong one is picked as
often as a key is mistyped: the most common typo in Chinese text. A term "sounds like" a
run of a headline when each of its Han characters shares a toneless reading with the
character in its place (any reading: 行 is hang and xing), and every other character is the
same. Which headlines can hold such a run comes from the pinyin postings of headlines — each
pair of neighbouring syllables ("teng xun"), or for a Latin letter beside a Han character
the pairs of characters it may be (b站 b战 b展 …) — and a term of more than two characters
is then checked with its pattern, in C, on those few headlines only.

A term may also sound like a known name (B战 → B站, whose other names are 哔哩哔哩 and
bilibili): the names of the alias table are kept by their sounds (`NameSounds`).

Readings of characters typed but absent from the archive are needed too (迅 in 腾迅): the
index keeps the readings of GB 2312's 6,763 characters, which an input method offers first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pyroaring import BitMap

from tui.search.grams import GramIndex
from tui.search.literal import scan
from tui.search.pinyin import PinyinIndex, Readings, is_han

#: At most this many pairs of characters or syllables are looked up for one pair of places.
MAX_PAIR_KEYS = 64
#: At most this many ways to read a name or a term are kept (a run of polyphones).
MAX_SOUNDS = 64
#: At most this many headlines are checked with a term's pattern, newest first.
MAX_CHECKED = 4096


@dataclass(frozen=True)
class SoundAlike:
    """A term as sounds: for each of its characters, those that may stand in its place."""

    places: tuple[frozenset[str], ...]
    pattern: re.Pattern[str]


def sound_alike(term: str, pinyin: PinyinIndex) -> SoundAlike | None:
    """The term's sounds, or None when it has no two places or no Han character read."""
    if len(term) < 2:
        return None
    places = tuple(_sounding(char, pinyin) for char in term)
    if all(len(place) == 1 for place in places):
        return None
    pattern = "".join(_char_class(place) for place in places)
    return SoundAlike(places, re.compile(pattern))


def _sounding(char: str, pinyin: PinyinIndex) -> frozenset[str]:
    readings = pinyin.readings.get(char, ()) if is_han(char) else ()
    found = {char}
    for reading in readings:
        found |= pinyin.chars_read.get(reading, frozenset())
    return frozenset(found)


def _char_class(chars: frozenset[str]) -> str:
    if len(chars) == 1:
        return re.escape(next(iter(chars)))
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def homophone_items(
    sounds: SoundAlike,
    term: str,
    pinyin: PinyinIndex,
    grams: GramIndex,
    headlines: Sequence[str],
    among: BitMap,
) -> BitMap:
    """The headlines (of `among`) holding a run that sounds like the term.

    Each pair of neighbouring places narrows the candidates with postings; a pair that
    would need too many look-ups is left to the check. Two places are answered exactly.
    """
    sets: list[BitMap] = []
    for k in range(len(term) - 1):
        found = _pair_items(term[k : k + 2], sounds.places[k : k + 2], pinyin, grams)
        if found is not None:
            sets.append(found)
    if not sets:
        return BitMap()
    sets.sort(key=len)
    candidates = among.intersection(*sets)
    if len(term) == 2 and len(sets) == 1:
        return candidates
    if len(candidates) > MAX_CHECKED:
        candidates = BitMap(itertools.islice(candidates, MAX_CHECKED))
    return scan(headlines, sounds.pattern, candidates)


def _pair_items(
    pair: str, places: tuple[frozenset[str], ...], pinyin: PinyinIndex, grams: GramIndex
) -> BitMap | None:
    """The headlines holding this pair of places, or None if too many keys to look up."""
    left, right = (pinyin.readings.get(c, ()) if is_han(c) else () for c in pair)
    if left and right:
        if len(left) * len(right) > MAX_PAIR_KEYS:
            return None
        return pinyin.pairs.union(f"{a} {b}" for a, b in itertools.product(left, right))
    if len(places[0]) * len(places[1]) > MAX_PAIR_KEYS:
        return None
    return grams.pairs.union(a + b for a, b in itertools.product(*places))


def sounds_of(text: str, readings: Readings) -> Iterator[tuple[str, ...]]:
    """Ways to read `text` aloud, a syllable for each Han character and other characters as
    they are, at most `MAX_SOUNDS` of them (None of them for text with no Han character)."""
    options = [readings.get(c, (c,)) if is_han(c) else (c,) for c in text]
    if not any(is_han(c) for c in text):
        return iter(())
    return itertools.islice(itertools.product(*options), MAX_SOUNDS)


class NameSounds:
    """The names of the alias table by their sounds, to hear B站 in B战."""

    def __init__(self, names: Iterable[str], readings: Readings) -> None:
        self._readings = readings
        self._names: dict[tuple[str, ...], list[str]] = {}
        for name in names:
            for sound in sounds_of(name, readings):
                heard = self._names.setdefault(sound, [])
                if name not in heard:
                    heard.append(name)

    def like(self, term: str) -> tuple[str, ...]:
        """The names (other than the term itself) that may sound like it."""
        found: dict[str, None] = {}
        for sound in sounds_of(term, self._readings):
            found.update(dict.fromkeys(n for n in self._names.get(sound, ()) if n != term))
        return tuple(found)
