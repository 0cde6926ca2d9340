"""How one query term matches the archive: the items it finds, in tiers, best first.

    HEADLINE_START  as written, starting the headline or one of its phrases, or a whole
                    Latin word of it                 短剧 → 短剧出海…, 腾讯：短剧…, AI → …AI 赋能
    HEADLINE        as written, elsewhere in the headline            短剧 → 微短剧《…》
    HEADLINE_ALIAS  another name of it in the headline               广电 → 国家广播电视总局…
    TEXT            as written, in the body only
    TEXT_ALIAS      another name of it, in the body only
    WORDS           a long term cut into pieces found apart  微信短剧保证金 → 微信短剧… 保证金
    PINYIN          its letters spell headline characters            tengxun → 腾讯
    FUZZY           most of its pairs of characters, in a headline   微信短句 → 微信短剧…

Every item that holds the term as written ranks above every item found another way, and
each item goes to the best tier it is found in. Each tier is an exact set (a bitmap) worked
out from postings: no tier reads every item. Loose (FUZZY) matches are looked for only when
the other tiers found fewer than a page (`engine.FUZZY_BELOW`): they are for typos, not for
padding a list that has what was asked. A Latin term is never matched loosely: letters
picked from a word ("sora" in "Instagram") are not a match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from pyroaring import BitMap, FrozenBitMap

from tui.search.aliases import AliasTable
from tui.search.latin import is_latin_term
from tui.search.literal import LiteralFinder
from tui.search.pinyin import PinyinQuery

#: Terms longer than this are not cut into pieces nor matched loosely (a pasted paragraph).
MAX_LOOSE_LENGTH = 24


class Tier(IntEnum):
    HEADLINE_START = 0
    HEADLINE = 1
    HEADLINE_ALIAS = 2
    TEXT = 3
    TEXT_ALIAS = 4
    WORDS = 5
    PINYIN = 6
    FUZZY = 7
    #: A query of filters only: every item they let through, in reading order.
    LISTED = 8


@dataclass
class TermMatch:
    """One term's items, tier by tier (disjoint sets), and what they were found through."""

    term: str
    tiers: dict[Tier, BitMap] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    pieces: tuple[str, ...] = ()
    pinyin: PinyinQuery | None = None
    #: The pairs of characters a loose match was counted on (empty: none looked for).
    loose_pairs: tuple[str, ...] = ()

    def found(self) -> BitMap:
        return BitMap().union(*self.tiers.values())


def match_term(finder: LiteralFinder, aliases: AliasTable, term: str, phrase: bool) -> TermMatch:
    """Every tier but FUZZY (see `add_loose`); a "phrase" is matched as written only."""
    match = TermMatch(term)
    literal = finder.find(term)
    found: dict[Tier, BitMap | FrozenBitMap] = {
        Tier.HEADLINE_START: literal.start,
        Tier.HEADLINE: literal.headline,
        Tier.TEXT: literal.anywhere,
    }
    if not phrase:
        match.aliases = aliases.of(term)
        if match.aliases:
            alias_literals = [finder.find(alias) for alias in match.aliases]
            found[Tier.HEADLINE_ALIAS] = BitMap().union(*(a.headline for a in alias_literals))
            found[Tier.TEXT_ALIAS] = BitMap().union(*(a.anywhere for a in alias_literals))
        match.pieces = pieces(finder, term)
        if match.pieces:
            each = [finder.find(piece).anywhere for piece in match.pieces]
            found[Tier.WORDS] = BitMap(each[0]).intersection(*each[1:])
        match.pinyin, spelled = finder.pinyin(term)
        if spelled:
            found[Tier.PINYIN] = spelled
    seen = BitMap()
    for tier in sorted(found):
        match.tiers[tier] = BitMap(found[tier]) - seen
        seen |= found[tier]
    return match


def pieces(finder: LiteralFinder, term: str) -> tuple[str, ...]:
    """A long Chinese term cut into pieces that each occur in the archive, longest first
    from the left (微信短剧保证金 → 微信短剧, 保证金); none if it cannot be cut so."""
    if finder.text is None or is_latin_term(term) or not 4 <= len(term) <= MAX_LOOSE_LENGTH:
        return ()
    found: list[str] = []
    start = 0
    while start < len(term):
        longest = len(term) - 1 if start == 0 else len(term)
        end = next((e for e in range(longest, start + 1, -1) if finder.occurs(term[start:e])), None)
        if end is None:
            return ()
        found.append(term[start:end])
        start = end
    return tuple(found)


def add_loose(finder: LiteralFinder, match: TermMatch, allowed: BitMap | None) -> None:
    """Add the FUZZY tier: headlines that hold most of the term's pairs of characters.

    A typo changes at most two of a term's pairs (微信短句: 微信 信短 短句; 微信短剧 keeps
    two of three), so a headline holding all but `loose_misses` of them is a near miss.
    Counted with bitmap operations over the pairs' postings: no headline is read.
    """
    pairs = loose_pairs(match.term)
    if not pairs or finder.text is None:
        return
    match.loose_pairs = pairs
    postings = finder.text.headline_grams.pairs
    needed = len(pairs) - loose_misses(len(pairs))
    # at_least[k]: the headlines holding at least k of the pairs counted so far.
    at_least = [BitMap(finder.index.all) if allowed is None else BitMap(allowed)]
    at_least += [BitMap() for _ in range(needed)]
    for pair in pairs:
        holding = postings.get(pair)
        for k in range(needed, 0, -1):
            at_least[k] |= at_least[k - 1] & holding
    match.tiers[Tier.FUZZY] = at_least[needed] - match.found()


def loose_pairs(term: str) -> tuple[str, ...]:
    """The pairs of characters a loose match is counted on (none for short or Latin terms)."""
    if is_latin_term(term) or not 4 <= len(term) <= MAX_LOOSE_LENGTH:
        return ()
    return tuple(dict.fromkeys(term[k : k + 2] for k in range(len(term) - 1)))


def loose_misses(pairs: int) -> int:
    """How many of a term's pairs a loose match may lack: one in three, at least one."""
    return max(1, pairs // 3)
