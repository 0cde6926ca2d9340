"""Chinese word boundaries with jieba: query words for full-text search, and headline word
starts that rank "短剧" at the start of a word above the same two characters inside one.

jieba takes most of a second to load its dictionary and about 3.5 µs a character to cut
text, so the segmenter is made from a worker, and each issue's headline word starts are kept
on disk under a key made from the headlines themselves: an unchanged issue is never cut
again, wherever its file lives.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

from tui.search.cachefile import read_json, write_json


class Segmenter:
    """jieba's default tokenizer, loaded (slow) when this is made; its cache in `cache_dir`."""

    def __init__(self, cache_dir: Path) -> None:
        import jieba

        # jieba logs "Building prefix dict…" to stderr, which would scribble over the screen.
        jieba.setLogLevel(logging.ERROR)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache_dir)
        except OSError:
            # No cache folder: jieba keeps its dictionary cache in the system temp folder.
            jieba.dt.tmp_dir = None
        jieba.dt.initialize()
        self._tokenizer = jieba.dt
        self.version: str = jieba.__version__

    def words(self, text: str) -> list[str]:
        """The words of a folded query term, in order, without repeats."""
        seen: dict[str, None] = {}
        for word in self._tokenizer.lcut(text):
            if word:
                seen.setdefault(word, None)
        return list(seen)

    def word_starts(self, text: str) -> bytes:
        """One flag per character of `text`: 1 where a word starts."""
        flags = bytearray(len(text) + 1)
        offset = 0
        for word in self._tokenizer.lcut(text):
            flags[offset] = 1
            offset += len(word)
        flags[len(text)] = 1
        return bytes(flags)


def headline_word_starts(
    segmenter: Segmenter, groups: Sequence[Sequence[str]], cache_dir: Path
) -> list[bytes]:
    """Word-start flags for every folded headline, one group per issue, cached per issue."""
    out: list[bytes] = []
    for headlines in groups:
        key = hashlib.blake2b(
            ("\n".join([segmenter.version, *headlines])).encode(), digest_size=16
        ).hexdigest()
        cache_file = cache_dir / "words" / f"{key}.json"
        flags = _read_cached(cache_file, headlines)
        if flags is None:
            flags = [segmenter.word_starts(h) for h in headlines]
            starts = [[i for i, flag in enumerate(f) if flag] for f in flags]
            write_json(cache_file, starts)
        out.extend(flags)
    return out


def _read_cached(cache_file: Path, headlines: Sequence[str]) -> list[bytes] | None:
    starts = read_json(cache_file)
    if not isinstance(starts, list) or len(starts) != len(headlines):
        return None
    flags = []
    for positions, headline in zip(starts, headlines, strict=True):
        row = bytearray(len(headline) + 1)
        if not isinstance(positions, list):
            return None
        for position in positions:
            if not isinstance(position, int) or not 0 <= position <= len(headline):
                return None
            row[position] = 1
        flags.append(bytes(row))
    return flags
