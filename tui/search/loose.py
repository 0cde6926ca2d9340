"""The loose tiers, looked for when a query found few items otherwise: its typos.

    HOMOPHONE  a run of a headline read the same (腾迅 → 腾讯, 快首 → 快手: the input method's
               wrong pick, `tui.search.homophones`), or a name of the alias table that sounds
               like the term, in a headline under any of its names (B战 → B站 → 哔哩哔哩)
    FUZZY      one character off, in a headline (`tui.search.near`: 迪土尼 → 迪士尼); or, for
               a term of 4 characters or more, most of its pairs of characters (one typo
               changes two pairs at most: 字节跳跃 keeps 字节 节跳 of 字节跳动)

Latin terms have none: their letters may only spell pinyin (the PINYIN tier). Every set is
worked out from postings; what is read is bounded: the headlines a homophone's pattern
checks (`homophones.MAX_CHECKED`) and those a near miss's does (`near.MAX_CHECKED`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pyroaring import BitMap

from tui.search.aliases import AliasTable
from tui.search.homophones import NameSounds, homophone_items, sound_alike
from tui.search.latin import is_latin_term
from tui.search.literal import LiteralFinder
from tui.search.near import at_least, near_items
from tui.search.pieces import MAX_LOOSE_LENGTH
from tui.search.snippets import Needles, Span, find_spans
from tui.search.tiers import TermMatch, Tier


def add_loose(
    finder: LiteralFinder,
    aliases: AliasTable,
    names: NameSounds | None,
    match: TermMatch,
    allowed: BitMap | None,
) -> None:
    """Add the HOMOPHONE and FUZZY tiers of a term, disjoint from the tiers it has."""
    term, text = match.term, finder.text
    if text is None or is_latin_term(term) or not 2 <= len(term) <= MAX_LOOSE_LENGTH:
        return
    among = BitMap(finder.index.all) if allowed is None else BitMap(allowed)
    headlines = finder.index.headlines
    heard = BitMap()
    match.sounds = sound_alike(term, text.pinyin)
    if match.sounds is not None:
        unwritten = among - finder.find(term).headline
        grams = text.headline_grams
        heard |= homophone_items(match.sounds, term, text.pinyin, grams, headlines, unwritten)
    if names is not None:
        match.heard = names.like(term)
        match.heard_aliases = tuple(a for name in match.heard for a in aliases.of(name))
        for name in (*match.heard, *match.heard_aliases):
            heard |= finder.in_headlines(name) & among
    _add(match, Tier.HOMOPHONE, heard)
    near = pair_items(finder, match, among)
    match.near, items = near_items(term, text.headline_grams, headlines, among - match.found())
    _add(match, Tier.FUZZY, near | items)


def _add(match: TermMatch, tier: Tier, items: BitMap) -> None:
    items -= match.found()
    if items:
        match.tiers[tier] = items


def pair_items(finder: LiteralFinder, match: TermMatch, among: BitMap) -> BitMap:
    """Headlines holding all but one in three of a long term's pairs of characters.

    Counted with bitmap operations over the pairs' postings: no headline is read.
    """
    pairs = loose_pairs(match.term)
    if not pairs or finder.text is None:
        return BitMap()
    match.loose_pairs = pairs
    postings = finder.text.headline_grams.pairs
    needed = len(pairs) - max(1, len(pairs) // 3)
    return at_least(needed, [postings.get(pair) for pair in pairs], among)


def loose_pairs(term: str) -> tuple[str, ...]:
    """The pairs of characters a loose match is counted on (none for short or Latin terms)."""
    if is_latin_term(term) or not 4 <= len(term) <= MAX_LOOSE_LENGTH:
        return ()
    return tuple(dict.fromkeys(term[k : k + 2] for k in range(len(term) - 1)))


def loose_spans(headline: str, tier: Tier, matches: Sequence[TermMatch]) -> tuple[Span, ...]:
    """What to highlight in a headline found loosely: the runs that sound like a term and
    the names heard in it (HOMOPHONE); the run one character off a term, or else the pairs
    of characters counted (FUZZY)."""
    if tier is Tier.HOMOPHONE:
        heard = tuple(w for m in matches for w in (*m.heard, *m.heard_aliases))
        sounds = _either(m.sounds.pattern for m in matches if m.sounds is not None)
        return find_spans(headline, Needles(heard, sounds), with_pattern=True)
    near = _either(m.near for m in matches if m.near is not None)
    pairs = tuple(pair for m in matches for pair in m.loose_pairs)
    found = find_spans(headline, Needles((), near), with_pattern=True)
    return found or find_spans(headline, Needles(pairs))


def _either(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str] | None:
    joined = "|".join(f"(?:{p.pattern})" for p in patterns)
    return re.compile(joined) if joined else None
