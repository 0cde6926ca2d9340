"""Latin words inside Chinese text, and where a Latin query may match them.

A query of Latin letters and digits matches at the start of a Latin word, or of a part of
one that its capitals or digits mark: "ai" finds AI, AIGC and OpenAI (Open·AI), "gpt" finds
ChatGPT (Chat·GPT), "4" finds GPT-4 — never the "ai" inside "said" or "Baidu", and never
letters picked from all over a word ("sora" is not in "Instagram"). Headlines and bodies
follow the same rule. The parts come from the original spelling, before case is folded,
so each item's words are indexed with every tail that starts a part: OpenAI gives "openai"
and "ai".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: A run of Latin letters and digits (fullwidth ones are made halfwidth first).
_RUN = re.compile(r"[A-Za-z0-9]+")
#: Inside a run, where a new part starts: aB, ABc (the B), a1, 1a.
_PART = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])"
)
_TERM = re.compile(r"[a-z0-9]+", re.ASCII)
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def is_latin_term(term: str) -> bool:
    """A folded query term made only of Latin letters and digits: matched by this rule."""
    return _TERM.fullmatch(term) is not None


def halfwidth(text: str) -> str:
    """Fullwidth ASCII made halfwidth, one character for one (positions are kept)."""
    return text.translate(_FULLWIDTH)


def words_and_tails(text: str) -> tuple[set[str], set[str]]:
    """The Latin words of `text`, lowercased, and every tail of them that starts a part."""
    words: set[str] = set()
    tails: set[str] = set()
    for run in _RUN.findall(halfwidth(text)):
        word = run.lower()
        words.add(word)
        tails.add(word)
        for part in _PART.finditer(run):
            tails.add(word[part.start() :])
    return words, tails


def part_starts(run: str) -> Iterator[int]:
    yield 0
    for part in _PART.finditer(run):
        yield part.start()


def latin_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where the folded Latin `term` matches in the original `text`, as [start, end) spans.

    Each match starts a word or a part of one; it may run on past the part ("openai" in
    OpenAI) but not past the word.
    """
    spans = []
    for run in _RUN.finditer(halfwidth(text)):
        word = run.group().lower()
        for start in part_starts(run.group()):
            if word.startswith(term, start):
                spans.append((run.start() + start, run.start() + start + len(term)))
                break
    return spans


def is_whole_word(text: str, start: int, end: int) -> bool:
    """The span covers a whole Latin word of `text` (not a prefix or a part of one)."""
    half = halfwidth(text)
    before = half[start - 1] if start else ""
    after = half[end] if end < len(half) else ""
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
