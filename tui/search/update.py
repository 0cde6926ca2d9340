"""The full index of an archive that changed, made from the index of what it was before.

When the folder changes (a new issue arrives, one is corrected or removed), the reader
reads the archive again and needs a new index. Building it whole costs 1.6 s of CPU for
500 issues (3 s on a loaded machine, in a worker that still competes with the UI thread);
almost all of it would be the same. Every posting but one depends on its own item alone
(the characters, pairs, words and readings of that item's headline and text), so:

- each issue whose items are unchanged (same headlines and paragraphs, in the same order)
  keeps its texts and postings, moved to its new numbers (items are numbered in reading
  order, newest first: a new issue moves every older one along) — a shift of each bitmap
  in C, in blocks of issues that stay together;
- the items of new or changed issues are indexed as a full build would;
- the runs of three (`GramIndex.triples`) depend on which pairs are common in the whole
  archive: when that set is the same as before, they are merged like the others; when it
  changed, they are counted again over every text.

The result equals `TextIndex.build` of the new archive (the tests compare them on random
changes). When little is kept (a new archive, most issues changed) it returns None and the
caller builds the index whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyroaring import BitMap, FrozenBitMap

from tui.archive.model import Item
from tui.search.fold import fold
from tui.search.grams import GramIndex, common_count, common_triples, frequent_pairs
from tui.search.index import ArchiveIndex, TextIndex
from tui.search.pinyin import PinyinIndex, common_chars, load_readings
from tui.search.postings import Postings

#: Beyond this many blocks of kept issues, moving every posting costs more than it saves.
MAX_BLOCKS = 64


@dataclass(frozen=True)
class Block:
    """Items `old_start`… `old_stop - 1` of the old index are `new_start`… in the new one."""

    old_start: int
    old_stop: int
    new_start: int


class Moves:
    """Where the kept items of the old index went, applied to bitmaps of old numbers."""

    def __init__(self, blocks: Sequence[Block], old_count: int) -> None:
        self.blocks = tuple(blocks)
        only = self.blocks[0] if len(self.blocks) == 1 else None
        #: Every old item kept, all moved by one offset (a new issue or a few at the front).
        self._shift = (
            only.new_start if only and only.old_start == 0 and only.old_stop == old_count else None
        )
        self._windows = [FrozenBitMap(range(b.old_start, b.old_stop)) for b in self.blocks]

    def __call__(self, found: FrozenBitMap) -> BitMap:
        if self._shift is not None:
            return BitMap(found.shift(self._shift)) if self._shift else BitMap(found)
        moved = BitMap()
        for block, window in zip(self.blocks, self._windows, strict=True):
            kept = found & window
            if kept:
                moved |= kept.shift(block.new_start - block.old_start)
        return moved


def plan(old: ArchiveIndex, new: ArchiveIndex) -> tuple[list[Block], list[int]]:
    """The blocks of items the new index keeps from the old one, and the new numbers of
    the items to index afresh."""
    kept_at: dict[tuple[tuple[str, tuple[str, ...]], ...], list[int]] = {}
    for issue, start, _stop in old.issue_spans:
        kept_at.setdefault(_content(issue.items), []).append(start)
    blocks: list[Block] = []
    fresh: list[int] = []
    for issue, start, stop in new.issue_spans:
        starts = kept_at.get(_content(issue.items))
        if not starts or start == stop:
            fresh.extend(range(start, stop))
            continue
        old_start = starts.pop(0)
        last = blocks[-1] if blocks else None
        if (
            last is not None
            and last.old_stop == old_start
            and last.new_start + (last.old_stop - last.old_start) == start
        ):
            blocks[-1] = Block(last.old_start, old_start + stop - start, last.new_start)
        else:
            blocks.append(Block(old_start, old_start + stop - start, start))
    return blocks, fresh


def _content(items: Iterable[Item]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What an issue's postings are made of: its items' headlines and paragraphs."""
    return tuple((item.headline, item.paragraphs) for item in items)


def updated(old: ArchiveIndex, old_text: TextIndex, new: ArchiveIndex) -> TextIndex | None:
    """The full index of `new`, made from `old`'s where their issues are the same; None
    when too little is the same to be worth it."""
    if not all(type(p) is Postings for p in _postings(old_text)):
        return None  # read lazily from the cache (the CLI): not all of it is at hand
    blocks, fresh = plan(old, new)
    if not blocks or len(blocks) > MAX_BLOCKS or len(fresh) > len(new) // 2:
        return None
    moves = Moves(blocks, len(old))
    headlines: list[str] = [""] * len(new)
    texts: list[str] = [""] * len(new)
    old_headlines = old.headlines
    for block in blocks:
        size = block.old_stop - block.old_start
        at = slice(block.new_start, block.new_start + size)
        headlines[at] = old_headlines[block.old_start : block.old_stop]
        texts[at] = old_text.texts[block.old_start : block.old_stop]
    for number in fresh:
        item = new.items[number]
        headlines[number] = fold(item.headline)
        texts[number] = headlines[number] + "\n" + fold(item.body)
    new.use_headlines(headlines)
    readings = load_readings(set("".join(headlines)) | common_chars())
    part = TextIndex.build_of(new.items, headlines, texts, readings, fresh)
    pinyin = PinyinIndex(
        readings,
        merged(old_text.pinyin.syllables, part.pinyin.syllables, moves),
        merged(old_text.pinyin.pairs, part.pinyin.pairs, moves),
        merged(old_text.pinyin.initials, part.pinyin.initials, moves),
    )
    return TextIndex(
        texts=texts,
        grams=_merged_grams(old_text.grams, part.grams, moves, texts, fresh),
        headline_grams=_merged_grams(
            old_text.headline_grams, part.headline_grams, moves, headlines, fresh
        ),
        phrase_starts=merged(old_text.phrase_starts, part.phrase_starts, moves),
        headline_words=merged(old_text.headline_words, part.headline_words, moves),
        headline_tails=merged(old_text.headline_tails, part.headline_tails, moves),
        text_tails=merged(old_text.text_tails, part.text_tails, moves),
        pinyin=pinyin,
    )


def _postings(text: TextIndex) -> list[Postings | None]:
    return [
        text.grams.chars,
        text.grams.pairs,
        text.grams.triples,
        text.headline_grams.chars,
        text.headline_grams.pairs,
        text.headline_grams.triples,
        text.phrase_starts,
        text.headline_words,
        text.headline_tails,
        text.text_tails,
        text.pinyin.syllables,
        text.pinyin.pairs,
        text.pinyin.initials,
    ]


def merged(old: Postings, fresh: Postings, moves: Moves) -> Postings:
    """The old postings moved to their new numbers, with the fresh items' added (tokens
    left without items dropped, as a build never has them)."""
    items: dict[str, FrozenBitMap] = {}
    for token, found in old.items.items():
        moved = moves(found)
        extra = fresh.items.get(token)
        if extra is not None:
            moved |= extra
        if moved:
            items[token] = FrozenBitMap(moved)
    for token, found in fresh.items.items():
        if token not in old.items:
            items[token] = found
    return Postings(items)


def _merged_grams(
    old: GramIndex, part: GramIndex, moves: Moves, texts: Sequence[str], fresh: list[int]
) -> GramIndex:
    chars = merged(old.chars, part.chars, moves)
    pairs = merged(old.pairs, part.pairs, moves)
    common = common_count(len(texts))
    frequent = frequent_pairs(pairs, common)
    if old.triples is not None and frequent == frequent_pairs(old.pairs, old.common):
        triples = merged(old.triples, common_triples(texts, frequent, fresh), moves)
    else:  # other pairs are common now: their runs of three are counted everywhere
        triples = common_triples(texts, frequent, range(len(texts)))
    return GramIndex(chars, pairs, triples, common)
