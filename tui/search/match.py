"""How one query term matches one item, and how well.

Four ways, best first; the score bases keep them in that order whatever the bonuses:

    EXACT   the term is in the headline            短剧 → 微信短剧小程序…
    PINYIN  its letters spell headline characters  tengxun → 腾讯, txsp → 腾讯视频
    FUZZY   most of its characters, in order       微信短句 → 微信短剧…,
                                                   广电总局座谈 → 国家广播电视总局…座谈会
    TEXT    every word of it is in headline + body 保证金, AI

Bonuses within a way: starting a headline, a sub-headline or the text after "腾讯："; starting
a jieba word; ending one; being near the front. Spans are over the folded headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from tui.search.pinyin import PinyinQuery

EXACT = 1000
PINYIN = 800
FUZZY = 500
TEXT = 200

#: Folded characters after which a new phrase of the headline starts.
_BOUNDARY = frozenset(":|,;!?、。《》()“”\"'·/")
_LATIN_WORD = re.compile(r"[a-z0-9]+", re.ASCII)


@dataclass(frozen=True)
class TermMatch:
    score: int
    spans: tuple[tuple[int, int], ...] = ()


def fuzzy_cutoff(length: int) -> int | None:
    """Characters of a term that must match, in order, for a fuzzy match (None: no fuzz)."""
    if length < 3:
        return None
    return length - (length + 1) // 4 if length > 3 else length


def placement_bonus(headline: str, starts: bytes | None, start: int, end: int) -> int:
    bonus = 0
    if start == 0 or headline[start - 1] in _BOUNDARY:
        bonus += 40
    elif starts is not None and starts[start]:
        bonus += 25
    if end >= len(headline) or headline[end] in _BOUNDARY or (starts is not None and starts[end]):
        bonus += 10
    return bonus - min(start, 30) // 6


class TermMatcher:
    """One folded term of a query: a word typed (fuzzy, pinyin) or a "phrase" (exact only)."""

    def __init__(
        self,
        text: str,
        words: list[str],
        pinyin: PinyinQuery | None = None,
        exact_only: bool = False,
    ) -> None:
        self.text = text
        self.words = words or [text]
        self.exact_only = exact_only
        self.pinyin = None if exact_only else pinyin
        self.cutoff = None if exact_only else fuzzy_cutoff(len(text))
        # Latin words tolerate a typo, not letters picked from all over a headline; Chinese
        # abbreviations (广电总局 for 国家广播电视总局) do skip characters, in a few runs.
        self.max_runs = 2 if text.isascii() else (len(text) + 1) // 2 + 1
        self.exact_pattern = re.compile(re.escape(text))
        self.word_patterns = [word_pattern(word) for word in self.words]

    @property
    def scan_text(self) -> str:
        """The longest word: the fewest places to check in a full-text scan."""
        return max(self.words, key=len)

    @property
    def scan_pattern(self) -> re.Pattern[str]:
        return self.word_patterns[self.words.index(self.scan_text)]

    def exact(self, headline: str, starts: bytes | None) -> TermMatch | None:
        best: TermMatch | None = None
        position = headline.find(self.text)
        while position >= 0:
            end = position + len(self.text)
            score = EXACT + placement_bonus(headline, starts, position, end)
            if best is None or score > best.score:
                best = TermMatch(score, ((position, end),))
            position = headline.find(self.text, position + 1)
        return best

    def pinyin_at(self, headline: str, starts: bytes | None, start: int, end: int) -> TermMatch:
        bonus = placement_bonus(headline, starts, start, end)
        return TermMatch(PINYIN + bonus - (end - start), ((start, end),))

    def by_pinyin(self, headline: str, starts: bytes | None) -> TermMatch | None:
        if self.pinyin is None:
            return None
        found = self.pinyin.pattern.search(headline)
        return None if found is None else self.pinyin_at(headline, starts, *found.span())

    def fuzzy(self, headline: str, starts: bytes | None) -> TermMatch | None:
        if self.cutoff is None:
            return None
        common = LCSseq.similarity(self.text, headline, score_cutoff=self.cutoff)
        if common < self.cutoff:
            return None
        spans = tuple(
            (op.dest_start, op.dest_end)
            for op in LCSseq.opcodes(self.text, headline)
            if op.tag == "equal"
        )
        if not spans or len(spans) > self.max_runs:
            return None
        spread = spans[-1][1] - spans[0][0]
        score = (
            FUZZY
            + 200 * common // len(self.text)
            - 15 * (len(spans) - 1)
            - min(spread - common, 60)
            + placement_bonus(headline, starts, spans[0][0], spans[-1][1])
        )
        return TermMatch(max(TEXT + 100, min(score, PINYIN - 100)), spans)

    def in_text(self, headline: str, text: str) -> TermMatch | None:
        """Every word somewhere in the item; spans for those also in the headline."""
        spans = []
        for pattern in self.word_patterns:
            found = pattern.search(text)
            if found is None:
                return None
            if found.end() <= len(headline):
                spans.append(found.span())
        return TermMatch(TEXT + min(60, 20 * len(spans)), tuple(spans))

    def best(self, headline: str, starts: bytes | None, text: str) -> TermMatch | None:
        """The best way this term matches an item, or None."""
        return (
            self.exact(headline, starts)
            or self.by_pinyin(headline, starts)
            or self.fuzzy(headline, starts)
            or self.in_text(headline, text)
        )


def word_pattern(word: str) -> re.Pattern[str]:
    """A full-text word; a Latin one must start a Latin word ("ai" is not in "said").

    The word comes first and the check for what precedes it after (as a look-behind over
    the word), so that the regex engine can still jump from one occurrence to the next.
    """
    literal = re.escape(word)
    if _LATIN_WORD.match(word):
        return re.compile(f"{literal}(?<![a-z0-9]{literal})")
    return re.compile(literal)
