"""The search engine: a query in, ranked hits with highlight spans out, within a frame.

How it stays fast on 100,000 items: the longest term of the query drives the search through
the ways it can match (`tui.search.match`), best way first, each way scanning whole blocks of
folded text in C (a substring or a pinyin pattern over joined headlines, rapidfuzz over
headline strings, a word over joined bodies) from the newest issue back. Only the items a
scan finds are scored in Python, at most twice the page per way (`way_cap`), and the weaker ways
are skipped once the better ones have filled the page. The other terms, the exclusions and
the filters are then checked on those few items only.

`build_extras` (slow: pypinyin, jieba) is for a worker thread; until it has run, search works
without pinyin and word boundaries, and each term is one word.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from tui.archive.model import Archive
from tui.search.filters import ItemMarks, allowed_items
from tui.search.fold import fold, original_spans
from tui.search.index import ArchiveIndex, Block, TextIndex, newest_first
from tui.search.match import TermMatch, TermMatcher, word_pattern
from tui.search.pinyin import PinyinIndex, ReadingTable
from tui.search.query import Query, parse_query
from tui.search.results import Hit, SearchResult, Span
from tui.search.words import Segmenter, headline_word_starts

_LATIN = re.compile(r"[a-z0-9]+", re.ASCII)
#: Fewest items one way of matching may score before the search moves on (newest first);
#: otherwise twice the hits asked for, so that the page is the best of a wider pick.
MIN_WAY_CAP = 100

Found = dict[int, tuple[int, list[Span]]]
Way = Callable[[TermMatcher, "bytearray | None", Found, int], Iterator[tuple[int, TermMatch]]]


class SearchEngine:
    """Searches one archive; the library view, if given, answers #tag and is: filters."""

    def __init__(self, archive: Archive, library: ItemMarks | None = None) -> None:
        self.index = ArchiveIndex(archive)
        self.library = library
        #: Pinyin readings and the headlines they may match (an extra).
        self.pinyin: PinyinIndex | None = None
        self.segmenter: Segmenter | None = None
        self.word_starts: list[bytes] | None = None
        #: Folded bodies (an extra): until they are there, only headlines are searched.
        self.texts: TextIndex | None = None
        self._newest_headlines = self.index.headlines[::-1]
        self._extras_lock = threading.Lock()

    @property
    def extras_ready(self) -> bool:
        return self.word_starts is not None

    def build_extras(self, many_queries: bool = True) -> None:
        """Folded bodies, pinyin readings, jieba and headline word starts (seconds).

        Each part is usable as soon as it is assigned; the slow ones are cached on disk.
        Safe to call from several threads: the first builds, the others wait for it.
        `many_queries=False` (one query, the CLI) skips the candidate indexes, which cost
        more to build than scanning everything once.
        """
        with self._extras_lock:
            if not self.extras_ready:
                self._build_extras(many_queries)

    def _build_extras(self, many_queries: bool) -> None:
        from importlib.metadata import version

        from tui.paths import search_index_dir

        self.texts = TextIndex(self.index, with_postings=many_queries)
        cache = search_index_dir()
        chars = set("".join(self.index.headlines))
        pinyin_file = cache / f"pinyin-{version('pypinyin')}.json"
        readings = ReadingTable.load(chars, pinyin_file)
        self.pinyin = PinyinIndex(readings, self.index, with_pairs=many_queries)
        segmenter = Segmenter(cache)
        groups = [self.index.headlines[start:end] for _, start, end in self.index.issue_spans]
        word_starts = headline_word_starts(segmenter, groups, cache)
        self.segmenter = segmenter
        self.word_starts = word_starts  # last: `extras_ready` means every part is there

    def search(self, text: str, limit: int = 50) -> SearchResult:
        """Rank the items that match `text`; raise QueryError for a filter it cannot use."""
        query = parse_query(text)
        allowed = allowed_items(self.index, query.filters, self.library)
        matchers = self._matchers(query)
        excluded = [word_pattern(f) for f in map(fold, query.excluded) if f]
        if not matchers:
            if not (query.filters or excluded):
                return SearchResult(query, (), 0)
            return self._browse(query, allowed, excluded, limit)
        driver = max(matchers, key=lambda m: len(m.text))
        others = [m for m in matchers if m is not driver]
        found: Found = {}
        complete = True
        ways: list[Way] = [self._exact, self._pinyin, self._fuzzy, self._full_text]
        cap = max(MIN_WAY_CAP, 2 * limit)
        for way in ways:
            if len(found) >= limit:
                complete = False
                break
            taken = 0
            for index, first in way(driver, allowed, found, cap):
                combined = self._combine(index, first, others, excluded)
                if combined is not None:
                    found[index] = combined
                    taken += 1
                    if taken >= cap:
                        complete = False
                        break
        ranked = sorted(found.items(), key=lambda entry: (-entry[1][0], -entry[0]))[:limit]
        hits = tuple(self._hit(index, score, spans) for index, (score, spans) in ranked)
        return SearchResult(query, hits, len(found), complete)

    def _matchers(self, query: Query) -> list[TermMatcher]:
        matchers = []
        for term in map(fold, query.terms):
            if term:
                words = self.segmenter.words(term) if self.segmenter else [term]
                pinyin = self.pinyin.readings.query(term) if self.pinyin else None
                matchers.append(TermMatcher(term, words, pinyin))
        for phrase in map(fold, query.phrases):
            if phrase:
                matchers.append(TermMatcher(phrase, [phrase], exact_only=True))
        return matchers

    def _starts(self, index: int) -> bytes | None:
        return self.word_starts[index] if self.word_starts is not None else None

    def _combine(
        self,
        index: int,
        first: TermMatch,
        others: list[TermMatcher],
        excluded: list[re.Pattern[str]],
    ) -> tuple[int, list[Span]] | None:
        """The driver's match plus every other term's, or None if one fails or is excluded."""
        if not (others or excluded):
            return first.score, list(first.spans)
        headline = self.index.headlines[index]
        text = self._text(index)
        if any(pattern.search(text) for pattern in excluded):
            return None
        score, spans = first.score, list(first.spans)
        for matcher in others:
            match = matcher.best(headline, self._starts(index), text)
            if match is None:
                return None
            score += match.score
            spans.extend(match.spans)
        return score, spans

    def _text(self, index: int) -> str:
        """The item's folded headline and body, or only its headline until bodies are in."""
        return self.texts.text(index) if self.texts else self.index.headlines[index]

    def _hit(self, index: int, score: int, spans: list[Span]) -> Hit:
        item = self.index.items[index]
        positions = self.index.positions(index)
        return Hit(item, score, original_spans(spans, positions, len(item.headline)))

    def _browse(
        self, query: Query, allowed: bytearray | None, excluded: list[re.Pattern[str]], limit: int
    ) -> SearchResult:
        """Filters alone: the allowed items, newest first."""
        hits: list[Hit] = []
        for index in range(len(self.index) - 1, -1, -1):
            if allowed is not None and not allowed[index]:
                continue
            if self._combine(index, TermMatch(0), [], excluded) is None:
                continue
            if len(hits) == limit:
                return SearchResult(query, tuple(hits), len(hits), complete=False)
            hits.append(self._hit(index, 0, []))
        return SearchResult(query, tuple(hits), len(hits))

    # The ways of matching. Each yields (item index, the driver's match), newest first,
    # for allowed items not found yet; the caller takes at most `cap` of them.

    def _exact(
        self, driver: TermMatcher, allowed: bytearray | None, found: Found, cap: int
    ) -> Iterator[tuple[int, TermMatch]]:
        for block in newest_first(self.index.blocks, allowed):
            for index in _items_newest_first(block, driver.exact_pattern):
                if (allowed is None or allowed[index]) and index not in found:
                    match = driver.exact(self.index.headlines[index], self._starts(index))
                    if match is not None:
                        yield index, match

    def _pinyin(
        self, driver: TermMatcher, allowed: bytearray | None, found: Found, cap: int
    ) -> Iterator[tuple[int, TermMatch]]:
        query = driver.pinyin
        if query is None:
            return
        candidates = self.pinyin.candidates(query) if self.pinyin else None
        if candidates is None:
            yield from self._pinyin_scan(driver, query.pattern, allowed, found)
            return
        for index in candidates:
            if (allowed is None or allowed[index]) and index not in found:
                headline = self.index.headlines[index]
                match = driver.by_pinyin(headline, self._starts(index))
                if match is not None:
                    yield index, match

    def _pinyin_scan(
        self, driver: TermMatcher, pattern: re.Pattern[str], allowed: bytearray | None, found: Found
    ) -> Iterator[tuple[int, TermMatch]]:
        """Every block's headlines against the pattern, newest first (for common pieces)."""
        for block in newest_first(self.index.blocks, allowed):
            first_span: dict[int, Span] = {}
            for match in pattern.finditer(block.blob):
                index = block.item_at(match.start())
                offset = block.starts[index - block.start]
                first_span.setdefault(index, (match.start() - offset, match.end() - offset))
            for index in sorted(first_span, reverse=True):
                if (allowed is None or allowed[index]) and index not in found:
                    headline = self.index.headlines[index]
                    yield index, driver.pinyin_at(headline, self._starts(index), *first_span[index])

    def _fuzzy(
        self, driver: TermMatcher, allowed: bytearray | None, found: Found, cap: int
    ) -> Iterator[tuple[int, TermMatch]]:
        if driver.cutoff is None:
            return
        # With at most len - cutoff characters missing, a match holds at least one of any
        # len - cutoff + 1 of them: the rarest such characters give the fewest candidates.
        chars = self.index.headline_chars
        rarest = sorted(driver.text, key=chars.frequency)[: len(driver.text) - driver.cutoff + 1]
        candidates = chars.with_any(rarest)
        last = len(self.index) - 1
        if candidates is None and allowed is None:
            choices = self._newest_headlines
            indices: list[int] | None = None
        else:
            pool = range(last, -1, -1) if candidates is None else candidates
            indices = [i for i in pool if allowed is None or allowed[i]]
            choices = [self.index.headlines[i] for i in indices]
        scored = process.extract(
            driver.text,
            choices,
            scorer=LCSseq.similarity,
            score_cutoff=driver.cutoff,
            limit=cap + len(found),
        )
        for _, _, position in scored:
            index = last - position if indices is None else indices[position]
            if index not in found:
                match = driver.fuzzy(self.index.headlines[index], self._starts(index))
                if match is not None:
                    yield index, match

    def _full_text(
        self, driver: TermMatcher, allowed: bytearray | None, found: Found, cap: int
    ) -> Iterator[tuple[int, TermMatch]]:
        texts = self.texts
        if texts is None:
            return
        word = driver.scan_text
        candidates: Iterable[int] | None = texts.candidates(word, bool(_LATIN.fullmatch(word)))
        if candidates is None:
            candidates = (
                index
                for block in newest_first(texts.blocks, allowed)
                for index in _items_newest_first(block, driver.scan_pattern)
            )
        for index in candidates:
            if (allowed is None or allowed[index]) and index not in found:
                match = driver.in_text(self.index.headlines[index], texts.text(index))
                if match is not None:
                    yield index, match


def _items_newest_first(block: Block, pattern: re.Pattern[str]) -> list[int]:
    """The items of a block where the pattern occurs, each once, newest first."""
    items = dict.fromkeys(block.item_at(match.start()) for match in pattern.finditer(block.blob))
    return sorted(items, reverse=True)
