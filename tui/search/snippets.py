"""Where the words of a query are in an item's own text: spans to highlight, and a snippet.

`Needles` are what a query looks for, folded: its words and phrases, their aliases and
pieces, and Latin words (matched by the rule of `tui.search.latin`). `find_spans` turns them
into spans over the *original* text, mapping each folded character back to the character
it came from, so that the reader, the result list and the CLI highlight the text as shown.
A body-only hit gets a one-line snippet around the first match (key word in context).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.search.fold import fold, fold_with_positions
from tui.search.latin import is_latin_term, latin_spans

Span = tuple[int, int]
#: Characters of context kept before a snippet's first match (the rest follows it).
SNIPPET_BEFORE = 12
SNIPPET_LENGTH = 120
_LINE_BREAKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Needles:
    """What to highlight: folded strings, and (headlines only) a pinyin pattern."""

    words: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, text: str) -> Needles:
        """Needles for text typed in the reader's find key: each word, folded."""
        return cls(tuple(dict.fromkeys(w for w in (fold(p) for p in text.split()) if w)))

    def __bool__(self) -> bool:
        return bool(self.words or self.pattern)


@dataclass(frozen=True)
class Snippet:
    """One line of an item's body around a match, with the matched spans in it."""

    text: str
    spans: tuple[Span, ...]


def find_spans(text: str, needles: Needles, with_pattern: bool = False) -> tuple[Span, ...]:
    """Every match of the needles in `text`, as merged [start, end) spans of `text`."""
    if not text or not needles:
        return ()
    folded, positions = fold_with_positions(text)
    found: list[Span] = []
    for word in needles.words:
        if is_latin_term(word):
            found.extend(latin_spans(text, word))
            continue
        at = folded.find(word)
        while at >= 0:
            found.append(span_in_original(positions, at, at + len(word)))
            at = folded.find(word, at + len(word))
    if with_pattern and needles.pattern is not None:
        matched = needles.pattern.finditer(folded)
        found.extend(span_in_original(positions, *m.span()) for m in matched)
    return merge(found, len(text))


def span_in_original(positions: Sequence[int] | None, start: int, end: int) -> Span:
    if positions is None:
        return start, end
    return positions[start], positions[end - 1] + 1


def merge(spans: Iterable[Span], length: int) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        end = min(end, length)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return tuple(merged)


def snippet(paragraphs: Sequence[str], needles: Needles) -> Snippet | None:
    """The first paragraph with a match, cut to a line around it, or None."""
    for paragraph in paragraphs:
        line = _LINE_BREAKS.sub(" ", paragraph)
        spans = find_spans(line, needles)
        if not spans:
            continue
        start = max(0, spans[0][0] - SNIPPET_BEFORE)
        end = min(len(line), start + SNIPPET_LENGTH)
        prefix = "…" if start > 0 else ""
        shift = len(prefix) - start
        kept = tuple((s + shift, min(e, end) + shift) for s, e in spans if s < end)
        return Snippet(prefix + line[start:end], kept)
    return None
