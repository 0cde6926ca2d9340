"""Which items hold a term as written — anywhere, in the headline, starting a phrase of it —
worked out from postings, and kept for the next key press.

Typing "腾讯 短剧" searches 腾讯 again at every key of 短剧, and every alias of a word again
with it: the sets of the last terms are kept (`CACHED_TERMS`), so a key press costs only
what its new characters cost.
"""

from __future__ import annotations

import itertools
import operator
import re
import threading
from collections.abc import Sequence
from typing import NamedTuple

from pyroaring import BitMap, FrozenBitMap

from tui.search.grams import contains
from tui.search.index import BOUNDARY, ArchiveIndex, TextIndex
from tui.search.latin import is_latin_term
from tui.search.pinyin import PinyinQuery

CACHED_TERMS = 256
_BOUNDARY_CLASS = "[" + re.escape("".join(sorted(BOUNDARY))) + "]"


class Literal(NamedTuple):
    """A term's items: anywhere, in the headline, and starting the headline or a phrase of
    it (for a Latin term: a whole Latin word of the headline)."""

    anywhere: FrozenBitMap
    headline: FrozenBitMap
    start: FrozenBitMap


class LiteralFinder:
    """Finds terms as written in one archive, with the index it has (headlines at least)."""

    def __init__(self, index: ArchiveIndex, text: TextIndex | None) -> None:
        self.index = index
        self.text = text
        self._found: dict[str, Literal] = {}
        self._pinyin: dict[str, tuple[PinyinQuery | None, FrozenBitMap]] = {}
        self._occurs: dict[str, bool] = {}
        self._headlines: dict[str, FrozenBitMap] = {}
        self._lock = threading.Lock()

    def find(self, term: str) -> Literal:
        with self._lock:
            found = self._found.get(term)
        if found is None:
            found = self._find(term)
            with self._lock:
                if len(self._found) >= CACHED_TERMS:
                    self._found.pop(next(iter(self._found)))
                self._found[term] = found
        return found

    def occurs(self, term: str) -> bool:
        """Whether any item holds the term: cheaper than `find`, which finds them all."""
        with self._lock:
            found = self._found.get(term)
            known = self._occurs.get(term)
        if found is not None:
            return bool(found.anywhere)
        if known is None:
            if self.text is None:
                known = bool(self.find(term).anywhere)
            else:
                known = self.text.grams.occurs(term, self.text.texts)
            with self._lock:
                if len(self._occurs) >= CACHED_TERMS * 4:
                    self._occurs.clear()
                self._occurs[term] = known
        return known

    def find_among(self, term: str, among: BitMap) -> BitMap:
        """The items of `among` holding the term in headline or body: only they are read
        (a piece of a cut, checked where the other pieces already are)."""
        if self.text is None or is_latin_term(term):
            return BitMap(self.find(term).anywhere) & among
        text = self.text
        return text.grams.matching(term, text.texts, among) | text.headline_grams.matching(
            term, self.index.headlines, among
        )

    def candidates(self, term: str) -> BitMap:
        """Items that may hold the term, from postings alone (no text is read): a superset
        of `find(term).anywhere`."""
        if self.text is None or is_latin_term(term) or not term:
            return BitMap(self.find(term).anywhere)
        text = self.text
        if len(term) == 1:
            return BitMap(text.grams.chars.get(term)) | BitMap(text.headline_grams.chars.get(term))
        return text.grams.candidates(term) | text.headline_grams.candidates(term)

    def in_headlines(self, term: str) -> FrozenBitMap:
        """The items whose headline holds the term (cheaper than `find`, which finds the
        bodies too: for names heard in a typo, which only headlines are searched for)."""
        with self._lock:
            found = self._found.get(term)
            known = self._headlines.get(term)
        if found is not None:
            return found.headline
        if known is None:
            if self.text is None or is_latin_term(term):
                known = self.find(term).headline
            else:
                known = FrozenBitMap(self.text.headline_grams.matching(term, self.index.headlines))
            with self._lock:
                if len(self._headlines) >= CACHED_TERMS:
                    self._headlines.pop(next(iter(self._headlines)))
                self._headlines[term] = known
        return known

    def pinyin(self, term: str) -> tuple[PinyinQuery | None, FrozenBitMap]:
        """How a Latin term reads as pinyin, and the headlines it spells (cached)."""
        if self.text is None:
            return None, FrozenBitMap()
        with self._lock:
            found = self._pinyin.get(term)
        if found is None:
            query = self.text.pinyin.query(term)
            items = (
                FrozenBitMap()
                if query is None
                else FrozenBitMap(self.text.pinyin.matching(query, self.index.headlines))
            )
            found = (query, items)
            with self._lock:
                if len(self._pinyin) >= CACHED_TERMS:
                    self._pinyin.pop(next(iter(self._pinyin)))
                self._pinyin[term] = found
        return found

    def _find(self, term: str) -> Literal:
        headlines = self.index.headlines
        text = self.text
        if is_latin_term(term):
            if text is None:
                found = scan(headlines, re.compile(rf"(?<![a-z0-9]){re.escape(term)}"))
                whole = re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])")
                return _frozen(found, found, scan(headlines, whole, found))
            headline = text.headline_tails.with_prefix(term)
            anywhere = text.text_tails.with_prefix(term) | headline
            return _frozen(anywhere, headline, text.headline_words.get(term))
        if text is None:
            headline = contains(BitMap(self.index.all), headlines, term)
            return _frozen(headline, headline, self._at_phrase_start(term, headline))
        headline = text.headline_grams.matching(term, headlines)
        anywhere = text.grams.matching(term, text.texts) | headline
        if len(term) <= 2:
            start = BitMap(text.phrase_starts.get(term))
        else:
            start = self._at_phrase_start(term, headline & text.phrase_starts.get(term[:2]))
        return _frozen(anywhere, headline, start)

    def _at_phrase_start(self, term: str, candidates: BitMap) -> BitMap:
        at_start = re.compile(f"(?:^|(?<={_BOUNDARY_CLASS})){re.escape(term)}")
        return scan(self.index.headlines, at_start, candidates)


def _frozen(anywhere: BitMap, headline: BitMap, start: BitMap | FrozenBitMap) -> Literal:
    return Literal(FrozenBitMap(anywhere), FrozenBitMap(headline), FrozenBitMap(start))


def scan(headlines: Sequence[str], pattern: re.Pattern[str], among: BitMap | None = None) -> BitMap:
    """The headlines (of `among`, or all) where the pattern occurs, searched in C."""
    if among is None:
        return BitMap(itertools.compress(range(len(headlines)), map(pattern.search, headlines)))
    if not among:
        return BitMap()
    if len(among) == 1:
        only = among.min()
        return BitMap([only]) if pattern.search(headlines[only]) else BitMap()
    chosen = operator.itemgetter(*among)(headlines)
    return BitMap(itertools.compress(among, map(pattern.search, chosen)))
