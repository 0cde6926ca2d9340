"""Exact substring search over folded texts, bounded by character n-gram postings.

Which items hold each character, each pair of characters, and each run of three made of two
common pairs. A query of one or two characters is answered by its postings alone; one of
three by its own postings when its pairs are common, and otherwise from the items of its
rarer pair, fewer than `common` by construction; a longer one from the items holding all
of its rarest pairs and runs of three, each then checked with a substring search in C.
No query reads every text: measured on 91,500 items, `版权保护` (common characters, no match)
takes 0.03 ms and `短视频` (29,000 items) 0.05 ms, where checking every text took 27 ms.

Why not SQLite FTS5's trigram index: it cannot answer one- or two-character queries (most
Chinese queries are two characters), and reading 29,000 matching rows out of it takes 14 ms.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Sequence

from pyroaring import BitMap, FrozenBitMap

from tui.search.postings import Postings, PostingsBuilder

#: Pairs held by at least this many items (or this share of them) are "common": the runs
#: of three made of two common pairs get postings of their own.
MIN_COMMON = 512
COMMON_SHARE = 0.01
#: At most this many postings are intersected for a long query: the rarest narrow enough.
MAX_LOOKUPS = 4


class GramIndex:
    """Character, pair and common-triple postings over a list of folded texts."""

    def __init__(
        self, chars: Postings, pairs: Postings, triples: Postings | None, common: int
    ) -> None:
        self.chars = chars
        self.pairs = pairs
        self.triples = triples
        #: Pairs held by this many items are common (see the module docstring).
        self.common = common

    @classmethod
    def build(cls, texts: Sequence[str], numbers: Iterable[int] | None = None) -> GramIndex:
        """The index of these texts (of those numbered `numbers` only, if given: the
        others get no postings — what `tui.search.update` adds to an older index)."""
        chars = PostingsBuilder()
        pairs = PostingsBuilder()
        numbers = range(len(texts)) if numbers is None else list(numbers)
        for item in numbers:
            text = texts[item]
            chars.add(item, set(text))
            pairs.add(item, {text[k : k + 2] for k in range(len(text) - 1)})
        common = common_count(len(texts))
        pair_postings = pairs.build()
        triples = common_triples(texts, frequent_pairs(pair_postings, common), numbers)
        return cls(chars.build(), pair_postings, triples, common)

    def matching(self, term: str, texts: Sequence[str], among: BitMap | None = None) -> BitMap:
        """Exactly the items whose text holds `term` (within `among`, if given)."""
        if not term:
            return BitMap()
        if len(term) == 1:
            found = BitMap(self.chars.get(term))
            return found & among if among is not None else found
        if len(term) == 2:
            found = BitMap(self.pairs.get(term))
            return found & among if among is not None else found
        if len(term) == 3 and self.triples is not None and term in self.triples:
            found = BitMap(self.triples.get(term))
            return found & among if among is not None else found
        candidates = self.candidates(term)
        if among is not None:
            candidates &= among
        return contains(candidates, texts, term)

    def occurs(self, term: str, texts: Sequence[str]) -> bool:
        """Whether some text holds `term`, reading candidates only until one does."""
        if len(term) == 1:
            return term in self.chars
        if len(term) == 2:
            return term in self.pairs
        if len(term) == 3 and self.triples is not None and term in self.triples:
            return True
        return any(term in texts[number] for number in self.candidates(term))

    def candidates(self, term: str) -> BitMap:
        """Items that hold every gram of `term` looked at: a superset of its matches."""
        grams: list[FrozenBitMap] = []
        for k in range(len(term) - 1):
            pair = term[k : k + 2]
            if pair not in self.pairs:
                return BitMap()
            grams.append(self.pairs.get(pair))
            triple = term[k : k + 3]
            if self.triples is not None and len(triple) == 3 and triple in self.triples:
                grams.append(self.triples.get(triple))
        grams.sort(key=len)
        return BitMap().union(grams[0]).intersection(*grams[1:MAX_LOOKUPS])


def contains(candidates: BitMap, texts: Sequence[str], term: str) -> BitMap:
    """The candidates whose text holds `term`, checked in C (no Python loop per item)."""
    if not candidates:
        return BitMap()
    if len(candidates) == 1:
        only = candidates.min()
        return BitMap([only]) if term in texts[only] else BitMap()
    chosen = operator.itemgetter(*candidates)(texts)
    hits = map(operator.contains, chosen, itertools.repeat(term))
    return BitMap(itertools.compress(candidates, hits))


def common_count(texts: int) -> int:
    """Pairs held by this many of `texts` items are common."""
    return max(MIN_COMMON, int(COMMON_SHARE * texts))


def frequent_pairs(pairs: Postings, common: int) -> frozenset[str]:
    return frozenset(pair for pair, items in pairs.items.items() if len(items) >= common)


def common_triples(
    texts: Sequence[str], frequent: frozenset[str], numbers: Iterable[int]
) -> Postings:
    """Postings of every run of three whose two pairs are both common (`frequent`), in the
    texts numbered `numbers`.

    Such a run may be in many items, and its pairs' items cannot tell which: it is looked
    up directly. Any other run has a rare pair, whose few items are checked instead.
    """
    triples = PostingsBuilder()
    if not frequent:
        return triples.build()
    for item in numbers:
        text = texts[item]
        runs = {text[k : k + 3] for k in range(len(text) - 2)}
        triples.add(item, [r for r in runs if r[:2] in frequent and r[1:] in frequent])
    return triples.build()
