"""Pinyin matching: "tengxun" and "txsp" find 腾讯 and 腾讯视频 in Chinese headlines.

A query of Latin letters is read two ways, one piece per character: as full syllables, the
last one possibly cut short ("tengxun", and "tengx" while the user is still typing), and as
initials, one letter a character ("txsp"). Each piece becomes a character class of
every Han character with a reading that starts with it — any of its readings, so 行 answers
to both "xing" and "hang" — and the query becomes a regular expression over the folded
headlines themselves: `[腾疼藤…][讯迅训…]`. No per-headline pinyin is stored.

pypinyin is slow to import and to ask, so readings are looked up once per character, only
for the characters the archive uses, and kept on disk (`ReadingTable.load`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tui.search.cachefile import read_json, write_json
from tui.search.index import ArchiveIndex
from tui.search.postings import Postings

#: At most this many readings of a query as syllables go into its pattern.
MAX_SPLITS = 8
_LETTERS = re.compile(r"[a-z]+", re.ASCII)


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0002ebef"


@dataclass(frozen=True)
class PinyinQuery:
    """A Latin query as pinyin: its pattern, and the pieces of each way of reading it."""

    pattern: re.Pattern[str]
    splits: tuple[tuple[str, ...], ...]

    def initials_only(self, split: tuple[str, ...]) -> bool:
        return len(split) > 1 and all(len(piece) == 1 for piece in split)


class ReadingTable:
    """Every reading of every Han character in the archive, and the classes built from them."""

    def __init__(self, readings: dict[str, tuple[str, ...]]) -> None:
        self.readings = readings
        chars_by_prefix: dict[str, set[str]] = {}
        for char, char_readings in readings.items():
            for reading in char_readings:
                for end in range(1, len(reading) + 1):
                    chars_by_prefix.setdefault(reading[:end], set()).add(char)
        self.syllables = frozenset(r for rs in readings.values() for r in rs)
        #: For each beginning of a syllable, the characters with a reading that starts so.
        self.chars_of: dict[str, str] = {
            prefix: "".join(sorted(chars)) for prefix, chars in chars_by_prefix.items()
        }
        self._classes = {prefix: f"[{chars}]" for prefix, chars in self.chars_of.items()}
        #: The first letters of each character's readings: 行 → "hx".
        self.initials: dict[str, str] = {
            char: "".join(sorted({r[0] for r in rs})) for char, rs in readings.items()
        }

    @classmethod
    def load(cls, chars: Iterable[str], cache_file: Path) -> ReadingTable:
        """Readings of these characters: from the cache file, asking pypinyin for the rest."""
        loaded = read_json(cache_file)
        known: dict[str, list[str]] = {}
        if isinstance(loaded, dict):
            known = {k: v for k, v in loaded.items() if isinstance(v, list)}
        missing = sorted({c for c in chars if is_han(c)} - known.keys())
        if missing:
            from pypinyin import Style, pinyin

            for char in missing:
                found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
                known[char] = sorted({r for r in (found[0] if found else []) if r.isalpha()})
            write_json(cache_file, known)
        return cls({char: tuple(rs) for char, rs in known.items() if rs})

    def query(self, text: str) -> PinyinQuery | None:
        """What a folded Latin query stands for, or None if it cannot be pinyin."""
        if not _LETTERS.fullmatch(text):
            return None
        splits = self._syllable_splits(text)
        if len(text) > 1 and all(letter in self._classes for letter in text):
            splits.append(list(text))
        if not splits:
            return None
        # Fewer pieces first: "tengxun" as 腾讯 before 7 characters with those initials.
        splits.sort(key=len)
        pattern = "|".join("".join(self._classes[p] for p in split) for split in splits)
        return PinyinQuery(re.compile(pattern), tuple(tuple(split) for split in splits))

    def initial_pairs(self, headline: str) -> set[str]:
        """Every pair of initials of two neighbouring characters: 腾讯 → {"tx"}."""
        letters = [self.initials.get(char, "") for char in headline]
        return {a + b for x, y in itertools.pairwise(letters) for a in x for b in y}

    def _syllable_splits(self, query: str) -> list[list[str]]:
        """Ways to read the query as whole syllables, the last of which may be cut short."""
        # completes[i]: the rest of the query from i can be read so. Knowing it first keeps
        # the search below from trying exponentially many dead ends ("xianxianxian…").
        completes = [False] * len(query) + [True]
        for start in range(len(query) - 1, -1, -1):
            completes[start] = any(completes[end] for end in self._piece_ends(query, start))
        return self._splits(query, completes) if completes[0] else []

    def _piece_ends(self, query: str, start: int) -> list[int]:
        """Where a piece starting at `start` may end, longest first."""
        ends = []
        for end in range(min(len(query), start + 6), start, -1):
            piece = query[start:end]
            if piece in self.syllables or (end == len(query) and piece in self._classes):
                ends.append(end)
        return ends

    def _splits(self, query: str, completes: list[bool]) -> list[list[str]]:
        """The first `MAX_SPLITS` readings, longest pieces first: a depth-first search with a
        stack of its own, since a pasted query of 1,000 letters is 1,000 pieces deep."""
        out: list[list[str]] = []
        stack: list[tuple[int, list[str]]] = [(0, [])]
        while stack and len(out) < MAX_SPLITS:
            start, pieces = stack.pop()
            if start == len(query):
                out.append(pieces)
                continue
            ends = [end for end in self._piece_ends(query, start) if completes[end]]
            # Pushed shortest first, so the longest piece is taken first, as before.
            stack.extend((end, [*pieces, query[start:end]]) for end in reversed(ends))
        return out


class PinyinIndex:
    """The readings, and which headlines a reading of a query can match (candidates)."""

    def __init__(self, readings: ReadingTable, index: ArchiveIndex, with_pairs: bool) -> None:
        self.readings = readings
        self._headline_chars = index.headline_chars
        #: Which headlines have neighbouring characters with these initials ("tx": 腾讯);
        #: not built for one query (the CLI), which scans instead.
        self._pairs = Postings(map(readings.initial_pairs, index.headlines)) if with_pairs else None
        self._piece_items: dict[str, list[int] | None] = {}

    def candidates(self, query: PinyinQuery) -> list[int] | None:
        """Headlines that may match, newest first, or None when most may (then scan them).

        A reading as initials needs its letter pairs side by side ("tx", "xs", "sp"); a
        reading as syllables needs a character of its rarest syllable.
        """
        union: set[int] = set()
        for split in query.splits:
            if query.initials_only(split) and self._pairs is not None:
                found = self._pairs.with_all(a + b for a, b in itertools.pairwise(split))
            else:
                found = min((self._items_with_piece(p) for p in split), key=_size_or_all)
            if found is None:
                return None
            union.update(found)
        return sorted(union, reverse=True)

    def _items_with_piece(self, piece: str) -> list[int] | None:
        """Headlines with a character one of whose readings starts with `piece` (cached)."""
        if piece not in self._piece_items:
            chars = self.readings.chars_of.get(piece, "")
            self._piece_items[piece] = self._headline_chars.with_any(chars)
        return self._piece_items[piece]


def _size_or_all(items: list[int] | None) -> float:
    return float("inf") if items is None else len(items)
