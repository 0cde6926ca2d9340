"""Which items contain a character (or another token): where a match can start from.

One sorted array of item indices per token (4 bytes an entry). A 1- or 2-character Chinese
query needs no trigram index: a word's rarest characters already narrow 100,000 items to a
few hundred, and the items found are then checked with a plain substring search. Pinyin
initials use the same structure with pairs of letters as tokens.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

#: Past this share of all items, a character's items are "most of them" and a scan is cheaper.
DENSE = 0.25


class Postings:
    """For each token, the indices of the items that have it, ascending."""

    def __init__(self, token_sets: Iterable[Iterable[str]]) -> None:
        """`token_sets` gives each item's tokens (without repeats), oldest item first."""
        self.items: dict[str, array[int]] = {}
        count = 0
        for index, tokens in enumerate(token_sets):
            for char in tokens:
                postings = self.items.get(char)
                if postings is None:
                    postings = self.items[char] = array("I")
                postings.append(index)
            count = index + 1
        self.count = count

    def frequency(self, token: str) -> int:
        postings = self.items.get(token)
        return 0 if postings is None else len(postings)

    def with_all(self, chars: Iterable[str]) -> list[int] | None:
        """Items holding every token (for a word: a superset of its items), newest first.

        None when even the rarest two are in most items: then scanning is cheaper.
        """
        rarest = sorted(set(chars), key=self.frequency)[:2]
        if not rarest:
            return None
        first = self.items.get(rarest[0])
        if first is None:
            return []
        if len(first) > DENSE * self.count:
            return None
        if len(rarest) == 1:
            return list(reversed(first))
        second = self.items.get(rarest[1], array("I"))
        return sorted(set(first).intersection(second), reverse=True)

    def with_any(self, chars: Iterable[str]) -> list[int] | None:
        """Items holding at least one of the tokens, newest first (None: most items)."""
        lists = [self.items[c] for c in set(chars) if c in self.items]
        if sum(len(postings) for postings in lists) > 2 * DENSE * self.count:
            return None
        union: set[int] = set()
        for postings in lists:
            union.update(postings)
        return sorted(union, reverse=True)
