"""What the search knows of an archive: its items in reading order, and their indexes.

Items are numbered in reading order — the newest issue first, each issue's items in the
order its sections list them — so a set of items, kept as a bitmap, lists them in that order
for free, and "newer first" needs no sort.

`ArchiveIndex` folds the headlines only (a fraction of a second for 15,000 items), so that
the search answers at once; `TextIndex` holds the rest — folded bodies and the postings of
`tui.search.grams`, `tui.search.latin` and `tui.search.pinyin` — which a worker builds, or
loads from the disk cache (`tui.search.indexcache`) when the archive has not changed.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pyroaring import BitMap, FrozenBitMap

from tui.archive.model import Archive, Issue, Item
from tui.search.fold import fold, fold_with_positions
from tui.search.grams import GramIndex
from tui.search.latin import words_and_tails
from tui.search.pinyin import PinyinIndex, Readings, common_chars, load_readings
from tui.search.postings import Postings, PostingsBuilder

try:  # the built-in module itself: `hashlib` would also load OpenSSL
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

#: Folded characters after which a new phrase of a headline starts ("腾讯：" "A | B").
BOUNDARY = frozenset(":|,;!?、。《》()“”\"'·/ ")
#: Headline positions whose folded → original map is kept (only hits on screen need one).
POSITIONS_KEPT = 4096


class ArchiveIndex:
    """Every item of an archive in reading order, its folded headline, and its issue."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        issues = archive.newest_first
        self.items: tuple[Item, ...] = tuple(item for issue in issues for item in issue.items)
        spans = []
        start = 0
        for issue in issues:
            spans.append((issue, start, start + issue.item_count))
            start += issue.item_count
        #: (issue, number of its first item, one past its last), newest issue first.
        self.issue_spans: tuple[tuple[Issue, int, int], ...] = tuple(spans)
        self._headlines: Sequence[str] | None = None
        self.number_of: dict[str, int] = {item.id: n for n, item in enumerate(self.items)}
        self.all = FrozenBitMap(range(len(self.items)))
        by_section: dict[str, list[int]] = {}
        for number, item in enumerate(self.items):
            by_section.setdefault(item.section, []).append(number)
        self.section_names: tuple[str, ...] = tuple(sorted(by_section))
        self._section_items = {name: FrozenBitMap(ns) for name, ns in by_section.items()}
        digest = blake2b(digest_size=16)
        for item in self.items:
            digest.update(item.id.encode() + b"\n")
        #: Changes whenever an item is added, removed, changed or moved: the cache key.
        self.signature = digest.hexdigest()
        self._positions: dict[int, array[int] | None] = {}

    def __len__(self) -> int:
        return len(self.items)

    @property
    def headlines(self) -> Sequence[str]:
        """Every folded headline: folded when first asked, unless the index cache gave them."""
        if self._headlines is None:
            self._headlines = [fold(item.headline) for item in self.items]
        return self._headlines

    def use_headlines(self, headlines: Sequence[str]) -> None:
        """The folded headlines, as stored with the index (the same as folding them)."""
        self._headlines = headlines

    def positions(self, number: int) -> array[int] | None:
        """Folded → original positions of a headline (None: the same), made when asked."""
        if number not in self._positions:
            if len(self._positions) >= POSITIONS_KEPT:
                self._positions.clear()
            self._positions[number] = fold_with_positions(self.items[number].headline)[1]
        return self._positions[number]

    def in_sections(self, names: Iterable[str]) -> BitMap:
        """The items whose section is one of these."""
        return BitMap().union(*(self._section_items[n] for n in names if n in self._section_items))

    def in_issues(self, accepts: Callable[[Issue], bool]) -> BitMap:
        """The items of the issues `accepts` lets through (whole ranges: no item is looked at)."""
        found = BitMap()
        for issue, start, end in self.issue_spans:
            if accepts(issue):
                found.add_range(start, end)
        return found


@dataclass
class TextIndex:
    """The slow parts: folded texts and the postings every way of matching uses."""

    #: Each item's folded headline, "\\n", folded body.
    texts: Sequence[str]
    #: Substrings of whole texts, and of headlines alone.
    grams: GramIndex
    headline_grams: GramIndex
    #: The first one and two characters of each phrase of a headline (at 0, after "：" …).
    phrase_starts: Postings
    #: Latin words of headlines, whole; their tails from each part start; the same of texts.
    headline_words: Postings
    headline_tails: Postings
    text_tails: Postings
    pinyin: PinyinIndex

    @classmethod
    def build(cls, index: ArchiveIndex) -> TextIndex:
        headlines = index.headlines
        texts = [h + "\n" + fold(item.body) for h, item in zip(headlines, index.items, strict=True)]
        # Readings of the characters an input method offers, too: a homophone typed in a
        # query (迅 in 腾迅) need not be in any headline.
        readings = load_readings(set("".join(headlines)) | common_chars())
        return cls.build_of(index.items, headlines, texts, readings, range(len(texts)))

    @classmethod
    def build_of(
        cls,
        items: Sequence[Item],
        headlines: Sequence[str],
        texts: Sequence[str],
        readings: Readings,
        numbers: Sequence[int],
    ) -> TextIndex:
        """The index of the items numbered `numbers` (the others get no postings: what
        `tui.search.update` adds to the index of an archive as it was before)."""
        starts, words, tails, text_tails = (PostingsBuilder() for _ in range(4))
        for number in numbers:
            item = items[number]
            starts.add(number, phrase_start_keys(headlines[number]))
            head_words, head_tails = words_and_tails(item.headline)
            words.add(number, head_words)
            tails.add(number, head_tails)
            text_tails.add(number, head_tails | words_and_tails(item.body)[1])
        return cls(
            texts=texts,
            grams=GramIndex.build(texts, numbers),
            headline_grams=GramIndex.build(headlines, numbers),
            phrase_starts=starts.build(),
            headline_words=words.build(),
            headline_tails=tails.build(),
            text_tails=text_tails.build(),
            pinyin=PinyinIndex.build(readings, headlines, numbers),
        )


def phrase_start_keys(headline: str) -> set[str]:
    """The first one and two characters of the headline and of each phrase after a mark."""
    starts = [0, *(k + 1 for k in range(len(headline) - 1) if headline[k] in BOUNDARY)]
    keys = {headline[k : k + 1] for k in starts} | {headline[k : k + 2] for k in starts}
    keys.discard("")
    return keys
