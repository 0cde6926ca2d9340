"""How one query term matches the archive: the items it finds, in tiers, best first.

    HEADLINE_START  as written, starting the headline or one of its phrases, or a whole
                    Latin word of it                 短剧 → 短剧出海…, 腾讯：短剧…, AI → …AI 赋能
    HEADLINE        as written, elsewhere in the headline            短剧 → 微短剧《…》
    HEADLINE_ALIAS  another name of it in the headline               广电 → 国家广播电视总局…
    TEXT            as written, in the body only
    TEXT_ALIAS      another name of it, in the body only
    WORDS           a long term cut into pieces found apart  微信短剧保证金 → 微信短剧… 保证金
    HOMOPHONE       headline characters read the same, or a name that sounds like it
                                                             腾迅 → 腾讯…, B战 → 哔哩哔哩…
    PINYIN          its letters spell headline characters            tengxun → 腾讯
    FUZZY           one character off, in a headline        迪土尼 → 迪士尼, 字节跳跃 → 字节跳动

Every item that holds the term as written ranks above every item found another way, and
each item goes to the best tier it is found in. Each tier is an exact set (a bitmap) worked
out from postings: no tier reads every item. The loose tiers (HOMOPHONE, FUZZY:
`tui.search.loose`) are looked for only when the other tiers found fewer than a page
(`engine.FUZZY_BELOW`): they are for typos, not for padding a list that has what was asked.
A Latin term is never matched loosely: letters picked from a word ("sora" in "Instagram")
are not a match, and its only other reading is as pinyin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum

from pyroaring import BitMap, FrozenBitMap

from tui.search.aliases import AliasTable
from tui.search.homophones import SoundAlike
from tui.search.literal import LiteralFinder
from tui.search.pieces import cuts_of
from tui.search.pinyin import PinyinQuery


class Tier(IntEnum):
    HEADLINE_START = 0
    HEADLINE = 1
    HEADLINE_ALIAS = 2
    TEXT = 3
    TEXT_ALIAS = 4
    WORDS = 5
    HOMOPHONE = 6
    PINYIN = 7
    FUZZY = 8
    #: A query of filters only: every item they let through, in reading order.
    LISTED = 9


@dataclass
class TermMatch:
    """One term's items, tier by tier (disjoint sets), and what they were found through."""

    term: str
    tiers: dict[Tier, BitMap] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    #: Ways the term was cut into pieces found apart (WORDS), best first.
    cuts: tuple[tuple[str, ...], ...] = ()
    pinyin: PinyinQuery | None = None
    #: The characters that sound like the term's, when homophones were looked for.
    sounds: SoundAlike | None = None
    #: Names that sound like the term (B站 for B战), and their other names.
    heard: tuple[str, ...] = ()
    heard_aliases: tuple[str, ...] = ()
    #: The pairs of characters a loose match was counted on (empty: none looked for).
    loose_pairs: tuple[str, ...] = ()
    #: The runs one character off the term, when they were looked for (`tui.search.near`).
    near: re.Pattern[str] | None = None

    def found(self) -> BitMap:
        return BitMap().union(*self.tiers.values())

    @property
    def pieces(self) -> tuple[str, ...]:
        """The pieces of its cuts worth highlighting (a single character is not)."""
        return tuple(dict.fromkeys(p for cut in self.cuts for p in cut if len(p) > 1))


def match_term(finder: LiteralFinder, aliases: AliasTable, term: str, phrase: bool) -> TermMatch:
    """Every tier but the loose ones (`tui.search.loose`); a "phrase" is matched as written
    only."""
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
        match.cuts = cuts_of(finder, term)
        if match.cuts:
            words = BitMap()
            for cut in match.cuts:
                words |= _holding_all(finder, cut, words)
            found[Tier.WORDS] = words
        match.pinyin, spelled = finder.pinyin(term)
        if spelled:
            found[Tier.PINYIN] = spelled
    seen = BitMap()
    for tier in sorted(found):
        match.tiers[tier] = BitMap(found[tier]) - seen
        seen |= found[tier]
    return match


def _holding_all(finder: LiteralFinder, cut: tuple[str, ...], known: BitMap) -> BitMap:
    """The items holding every piece of the cut, but for those `known` already (found by a
    better cut). The pieces' postings narrow the candidates first, reading nothing; then each
    piece is checked only among what is left, so the cuts of one term, which mostly find the
    same items, do not read them once each."""
    supersets = sorted((finder.candidates(piece) for piece in cut), key=len)
    holding = BitMap(supersets[0]).intersection(*supersets[1:]) - known
    for piece in sorted(cut, key=len, reverse=True):
        if not holding:
            break
        holding = finder.find_among(piece, holding)
    return holding
