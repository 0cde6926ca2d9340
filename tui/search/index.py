"""The core search index: every item's folded headline and text, in blocks made for scanning.

Built in one pass over the archive with C-speed string work only (no pinyin, no jieba), so
search works at once; the slow extras (`tui.search.extras`) arrive later from a worker.

Items keep archive order, oldest first, so a higher index is a newer issue. Scans walk the
blocks newest first and may stop early once enough hits are found; within a block each
folded headline (and each folded headline + body) sits in one string, separated by "\\n",
which no folded text contains, so a match never spans two items.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from tui.archive.model import Archive, Issue, Item
from tui.search.fold import fold, fold_with_positions

#: Items per block: small enough that a common query stops after a few blocks.
BLOCK_SIZE = 256


@dataclass(frozen=True)
class Block:
    """Items start … start + len(headline_starts) - 2, folded and joined for fast scanning."""

    start: int
    headlines: str
    headline_starts: array[int]
    texts: str
    text_starts: array[int]

    def item_at_headline(self, offset: int) -> int:
        """Index (in the archive) of the item whose headline holds this offset."""
        return self.start + bisect_right(self.headline_starts, offset) - 1

    def item_at_text(self, offset: int) -> int:
        return self.start + bisect_right(self.text_starts, offset) - 1


class ArchiveIndex:
    """Folded headlines and texts of every item of an archive, and the issue each is in."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.items: tuple[Item, ...] = tuple(
            item for issue in archive.issues for item in issue.items
        )
        #: (issue, index of its first item, index after its last item), oldest first.
        self.issue_spans: tuple[tuple[Issue, int, int], ...] = _issue_spans(archive)
        self.headlines: list[str] = []
        #: For each headline, folded position → original position (None: the identity).
        self.positions: list[array[int] | None] = []
        for item in self.items:
            folded, positions = fold_with_positions(item.headline)
            self.headlines.append(folded)
            self.positions.append(positions)
        self.blocks: tuple[Block, ...] = tuple(
            self._block(start) for start in range(0, len(self.items), BLOCK_SIZE)
        )
        self.index_of: dict[str, int] = {item.id: i for i, item in enumerate(self.items)}

    def __len__(self) -> int:
        return len(self.items)

    def _block(self, start: int) -> Block:
        end = min(start + BLOCK_SIZE, len(self.items))
        headlines = self.headlines[start:end]
        texts = [
            headline + "\n" + fold(item.body)
            for headline, item in zip(headlines, self.items[start:end], strict=True)
        ]
        return Block(
            start,
            "\n".join(headlines),
            _starts(headlines),
            "\n".join(texts),
            _starts(texts),
        )

    def text(self, index: int) -> str:
        """The folded headline, a "\\n" and the folded body of one item."""
        block = self.blocks[index // BLOCK_SIZE]
        k = index - block.start
        return block.texts[block.text_starts[k] : block.text_starts[k + 1] - 1]

    def blocks_newest_first(self, allowed: bytearray | None) -> Iterator[Block]:
        """The blocks holding at least one allowed item, newest first."""
        for block in reversed(self.blocks):
            if allowed is None or allowed.find(1, block.start, block.start + BLOCK_SIZE) >= 0:
                yield block


def _starts(parts: list[str]) -> array[int]:
    """Offsets of each part in "\\n".join(parts), and one past the end (with its "\\n")."""
    starts = array("I", [0])
    for part in parts:
        starts.append(starts[-1] + len(part) + 1)
    return starts


def _issue_spans(archive: Archive) -> tuple[tuple[Issue, int, int], ...]:
    spans = []
    start = 0
    for issue in archive.issues:
        end = start + issue.item_count
        spans.append((issue, start, end))
        start = end
    return tuple(spans)
