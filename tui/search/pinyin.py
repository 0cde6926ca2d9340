"""Pinyin matching: "tengxun" and "txsp" find 腾讯 and 腾讯视频 in Chinese headlines.

A query of Latin letters is read two ways, one piece per character: as full syllables, the
last one possibly cut short ("tengxun", and "tengx" while the user is still typing), and as
initials, one letter a character ("txsp"). Each piece stands for the Han characters with a
reading that starts with it — any of their readings, so 行 answers to both "xing" and "hang".

Which headlines can match comes from postings (`PinyinIndex`): the syllables each headline
holds, its pairs of neighbouring syllables ("teng xun") and pairs of initials ("tx"). One or
two pieces are answered exactly by them; longer readings by intersecting their pairs, and
the few headlines left are checked with the reading's pattern, in C. No query checks
headlines one by one ("dat" at 91,500 items: none of 26,656 candidates matched, 22 ms).

Readings come from pypinyin's table of single characters, read as data: importing pypinyin
itself loads its phrase dictionary, 50 MB that search never uses.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib.util import find_spec
from pathlib import Path

from pyroaring import BitMap

from tui.search.postings import Postings, PostingsBuilder

#: At most this many readings of a query as syllables are tried.
MAX_SPLITS = 8
#: Longer Latin terms are not read as pinyin (a pasted sentence is not a name).
MAX_LETTERS = 30
#: Pairs of pieces standing for more syllable pairs than this use the initials' postings.
MAX_PAIR_LOOKUPS = 64
_LETTERS = re.compile(r"[a-z]+", re.ASCII)

Readings = dict[str, tuple[str, ...]]


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0002ebef"


def load_readings(chars: Iterable[str]) -> Readings:
    """Every toneless reading of each Han character among `chars` (行 → hang, heng, xing)."""
    wanted = {c for c in chars if is_han(c)}
    table = _pypinyin_table()
    readings: Readings = {}
    for char in wanted:
        found = table.get(ord(char))
        if found:
            toneless = {_toneless(r) for r in found.split(",")}
            readings[char] = tuple(sorted(r for r in toneless if r.isalpha() and r.isascii()))
    return {char: rs for char, rs in readings.items() if rs}


def common_chars() -> frozenset[str]:
    """The 6,763 Han characters of GB 2312 (levels 1 and 2): what input methods offer."""
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the unassigned end of a row
    return frozenset(chars)


def _pypinyin_file() -> Path | None:
    spec = find_spec("pypinyin")
    for folder in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            return path
    return None


def pinyin_table_stamp() -> str:
    """Changes when pypinyin's table of readings does (its size and time)."""
    path = _pypinyin_file()
    if path is None:
        return "pypinyin module"
    stat = path.stat()
    return f"pypinyin {stat.st_size} {stat.st_mtime_ns}"


def _pypinyin_table() -> dict[int, str]:
    path = _pypinyin_file()
    if path is not None:
        return {int(code): text for code, text in json.loads(path.read_bytes()).items()}
    from pypinyin.pinyin_dict import pinyin_dict  # another layout: its module, as a last resort

    return dict(pinyin_dict)


def _toneless(reading: str) -> str:
    """ "lǜ" → "lv", "xíng" → "xing": what users type (ü as v, tones dropped)."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class PinyinQuery:
    """A Latin term as pinyin: the ways of reading it, and one pattern matching any."""

    pattern: re.Pattern[str]
    splits: tuple[tuple[str, ...], ...]


class PinyinIndex:
    """Readings of the archive's characters and the postings of its headlines."""

    def __init__(
        self, readings: Readings, syllables: Postings, pairs: Postings, initials: Postings
    ) -> None:
        self.readings = readings
        self.syllables = syllables
        self.pairs = pairs
        self.initials = initials
        self.known = frozenset(r for rs in readings.values() for r in rs)

    def warm(self) -> None:
        """Make the tables queries use now, in the worker, rather than at the first key."""
        _ = (self._classes, self.chars_read)  # cached properties: made by reading them

    @cached_property
    def _classes(self) -> dict[str, str]:
        """For each beginning of a syllable, a character class of the characters it may be
        (made when first asked: one query, the CLI's, may not need it)."""
        chars_of: dict[str, set[str]] = {}
        for char, char_readings in self.readings.items():
            for reading in char_readings:
                for end in range(1, len(reading) + 1):
                    chars_of.setdefault(reading[:end], set()).add(char)
        return {p: "[" + "".join(sorted(cs)) + "]" for p, cs in chars_of.items()}

    @cached_property
    def chars_read(self) -> dict[str, frozenset[str]]:
        """For each whole syllable, the characters read so (homophones: 讯 迅 训 … for xun)."""
        read_as: dict[str, set[str]] = {}
        for char, char_readings in self.readings.items():
            for reading in char_readings:
                read_as.setdefault(reading, set()).add(char)
        return {reading: frozenset(chars) for reading, chars in read_as.items()}

    @classmethod
    def build(
        cls, readings: Readings, headlines: Sequence[str], numbers: Iterable[int] | None = None
    ) -> PinyinIndex:
        """The postings of these headlines (of those numbered `numbers` only, if given)."""
        syllables, pairs, initials = PostingsBuilder(), PostingsBuilder(), PostingsBuilder()
        for item in range(len(headlines)) if numbers is None else numbers:
            headline = headlines[item]
            per_char = [readings.get(char, ()) for char in headline]
            syllables.add(item, {r for rs in per_char for r in rs})
            pair_keys: set[str] = set()
            initial_keys: set[str] = set()
            for left, right in itertools.pairwise(per_char):
                for a, b in itertools.product(left, right):
                    pair_keys.add(f"{a} {b}")
                    initial_keys.add(a[0] + b[0])
            pairs.add(item, pair_keys)
            initials.add(item, initial_keys)
        return cls(readings, syllables.build(), pairs.build(), initials.build())

    def query(self, term: str) -> PinyinQuery | None:
        """What a folded Latin term stands for, or None if it cannot be pinyin."""
        if not 2 <= len(term) <= MAX_LETTERS or not _LETTERS.fullmatch(term):
            return None
        splits = self._syllable_splits(term)
        if all(letter in self._classes for letter in term):
            splits.append(tuple(term))
        if not splits:
            return None
        # Fewer pieces first: "tengxun" as 腾讯 before 7 characters with those initials.
        splits.sort(key=len)
        pattern = "|".join("".join(self._classes[p] for p in split) for split in splits)
        return PinyinQuery(re.compile(pattern), tuple(splits))

    def matching(self, query: PinyinQuery, headlines: Sequence[str]) -> BitMap:
        """Exactly the headlines that some reading of the query matches."""
        found = BitMap()
        to_check = BitMap()
        for split in query.splits:
            items, exact = self._split_items(split)
            if exact:
                found |= items
            else:
                to_check |= items
        to_check -= found
        if to_check:
            chosen = (
                operator.itemgetter(*to_check)(headlines)
                if len(to_check) > 1
                else (headlines[to_check.min()],)
            )
            hits = map(query.pattern.search, chosen)
            found |= BitMap(itertools.compress(to_check, hits))
        return found

    def _split_items(self, split: tuple[str, ...]) -> tuple[BitMap, bool]:
        """Headlines that may hold this reading, and whether they all do."""
        if len(split) == 1:
            return self.syllables.with_prefix(split[0]), True
        sets: list[BitMap] = []
        exact = len(split) == 2
        last = len(split) - 1
        for k in range(last):
            items, pair_exact = self._pair_items(split[k], split[k + 1], k + 1 == last)
            exact = exact and pair_exact
            sets.append(items)
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:]), exact

    def _pair_items(self, left: str, right: str, right_is_last: bool) -> tuple[BitMap, bool]:
        lefts = self._syllables_for(left, False)
        rights = self._syllables_for(right, right_is_last)
        if len(lefts) * len(rights) <= MAX_PAIR_LOOKUPS:
            keys = (f"{a} {b}" for a, b in itertools.product(lefts, rights))
            return self.pairs.union(keys), True
        exact = len(left) == 1 and len(right) == 1
        return BitMap(self.initials.get(left[0] + right[0])), exact

    def _syllables_for(self, piece: str, may_be_cut: bool) -> list[str]:
        """The syllables a piece stands for: itself, or (one letter, or the last piece, cut
        short while typing) every syllable that starts with it."""
        if len(piece) == 1 or may_be_cut:
            return self.syllables.tokens_with_prefix(piece)
        return [piece] if piece in self.known else []

    def _syllable_splits(self, term: str) -> list[tuple[str, ...]]:
        """Ways to read the term as whole syllables, the last of which may be cut short."""
        # ends[i]: where a piece starting at i may end, longest first; completes[i]: the rest
        # of the term from i can be read. Both are filled from the end, without recursion.
        ends: list[list[int]] = [[] for _ in term]
        completes = [False] * len(term) + [True]
        for start in range(len(term) - 1, -1, -1):
            for end in range(min(len(term), start + 6), start, -1):
                piece = term[start:end]
                last = end == len(term)
                if (piece in self.known or (last and piece in self._classes)) and completes[end]:
                    ends[start].append(end)
            completes[start] = bool(ends[start])
        splits: list[tuple[str, ...]] = []
        stack: list[tuple[int, tuple[str, ...]]] = [(0, ())] if completes[0] else []
        while stack and len(splits) < MAX_SPLITS:
            start, pieces = stack.pop()
            if start == len(term):
                splits.append(pieces)
                continue
            # Pushed shortest first, so that the longest piece is tried first.
            for end in reversed(ends[start]):
                stack.append((end, (*pieces, term[start:end])))
        return splits
