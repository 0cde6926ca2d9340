"""The search indexes: every item's folded headline, and (built later) its folded text.

`ArchiveIndex` folds the headlines only — a fraction of a second for 15,000 items — so the
search answers at once. `TextIndex` folds every body as well (about half a second per 15,000
items) and is one of the extras a worker builds; until it is there, bodies are not searched.

Items keep archive order, oldest first, so a higher index is a newer issue. Scans walk the
blocks newest first and may stop early once enough hits are found; within a block the folded
texts sit in one string, separated by "\\n", which no folded text contains, so a match never
spans two items.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tui.archive.model import Archive, Issue, Item
from tui.search.fold import fold, fold_with_positions
from tui.search.postings import Postings

_LATIN_WORD = re.compile(r"[a-z0-9]+", re.ASCII)
#: Items per block: small enough that a common query stops after a few blocks.
BLOCK_SIZE = 256


@dataclass(frozen=True)
class Block:
    """The folded texts of items start, start + 1, …, joined by "\\n" for fast scanning."""

    start: int
    blob: str
    #: Offset of each item's text in `blob`, and one past the last (with its "\\n").
    starts: array[int]

    @classmethod
    def of(cls, start: int, texts: Sequence[str]) -> Block:
        starts = array("I", [0])
        for text in texts:
            starts.append(starts[-1] + len(text) + 1)
        return cls(start, "\n".join(texts), starts)

    def item_at(self, offset: int) -> int:
        """Index (in the archive) of the item whose text holds this offset."""
        return self.start + bisect_right(self.starts, offset) - 1

    def text(self, index: int) -> str:
        k = index - self.start
        return self.blob[self.starts[k] : self.starts[k + 1] - 1]


def newest_first(blocks: Sequence[Block], allowed: bytearray | None) -> Iterator[Block]:
    """The blocks holding at least one allowed item, newest first."""
    for block in reversed(blocks):
        if allowed is None or allowed.find(1, block.start, block.start + BLOCK_SIZE) >= 0:
            yield block


class ArchiveIndex:
    """Folded headlines of every item of an archive, and the issue each is in."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.items: tuple[Item, ...] = tuple(
            item for issue in archive.issues for item in issue.items
        )
        #: (issue, index of its first item, index after its last item), oldest first.
        self.issue_spans: tuple[tuple[Issue, int, int], ...] = _issue_spans(archive)
        self.headlines: list[str] = [fold(item.headline) for item in self.items]
        self.headline_chars = Postings(set(headline) for headline in self.headlines)
        self.blocks: tuple[Block, ...] = tuple(
            Block.of(start, self.headlines[start : start + BLOCK_SIZE])
            for start in range(0, len(self.items), BLOCK_SIZE)
        )
        self.section_names: tuple[str, ...] = tuple(sorted({item.section for item in self.items}))
        self._positions: dict[int, array[int] | None] = {}
        self._section_masks: dict[frozenset[str], bytes] = {}

    def __len__(self) -> int:
        return len(self.items)

    def positions(self, index: int) -> array[int] | None:
        """Folded → original positions of a headline (None: the same), made when first asked.

        Only hits on screen need them, so they are not made for every headline up front.
        """
        if index not in self._positions:
            self._positions[index] = fold_with_positions(self.items[index].headline)[1]
        return self._positions[index]

    def in_sections(self, names: frozenset[str]) -> bytes:
        """One byte per item: 1 if its section is one of these."""
        mask = self._section_masks.get(names)
        if mask is None:
            mask = self._section_masks[names] = bytes(item.section in names for item in self.items)
        return mask


class TextIndex:
    """Every item's folded headline + "\\n" + body, in blocks, and which items hold each char."""

    def __init__(self, index: ArchiveIndex, with_postings: bool = True) -> None:
        blocks = []
        for start in range(0, len(index), BLOCK_SIZE):
            items = index.items[start : start + BLOCK_SIZE]
            headlines = index.headlines[start : start + BLOCK_SIZE]
            texts = [h + "\n" + fold(item.body) for h, item in zip(headlines, items, strict=True)]
            blocks.append(Block.of(start, texts))
        self.blocks: tuple[Block, ...] = tuple(blocks)
        self.chars: Postings | None = None
        self.latin_words: Postings | None = None
        self._latin_vocabulary: list[str] = []
        if with_postings:
            self.chars = Postings(set(self.text(i)) for i in range(len(index)))
            # A Latin word must start a word ("ai" is not in "said"), so its candidates come
            # from the Latin words each item has, found by prefix in the sorted vocabulary.
            self.latin_words = Postings(
                set(_LATIN_WORD.findall(self.text(i))) for i in range(len(index))
            )
            self._latin_vocabulary = sorted(self.latin_words.items)

    def text(self, index: int) -> str:
        return self.blocks[index // BLOCK_SIZE].text(index)

    def candidates(self, word: str, latin: bool) -> list[int] | None:
        """Items that may hold the word, newest first; None: scan them all (no postings, or
        most items would do)."""
        if not latin:
            return self.chars.with_all(word) if self.chars is not None else None
        if self.latin_words is None:
            return None
        start = bisect_left(self._latin_vocabulary, word)
        end = bisect_left(self._latin_vocabulary, word + "\U0010ffff", start)
        return self.latin_words.with_any(self._latin_vocabulary[start:end])


def _issue_spans(archive: Archive) -> tuple[tuple[Issue, int, int], ...]:
    spans = []
    start = 0
    for issue in archive.issues:
        end = start + issue.item_count
        spans.append((issue, start, end))
        start = end
    return tuple(spans)
