"""The search engine: a query in, every matching item out, ranked, counted, a page built.

    engine = SearchEngine(archive)          # headlines folded: answers at once
    engine.prepare()                        # in a worker: the full index, from the disk
                                            # cache when the archive has not changed
    result = engine.search("广电 sec:行业", library=view, order=Order.NEWEST)
    len(result), result.hits(0, 30)

Each term of the query is found tier by tier (`tui.search.tiers`), the terms' tiers are
combined (an item ranks by its weakest term), filters and exclusions are applied as bitmap
operations, and only the rows asked for become `Hit`s. The library (for #tag and is:
filters) is an argument of each search, never kept on the engine, which one owner — the
app, or a CLI command — creates once per archive.
"""

from __future__ import annotations

import threading

from pyroaring import BitMap

from tui.archive.model import Archive
from tui.search.aliases import AliasTable, load_aliases
from tui.search.filters import ItemMarks, allowed_items
from tui.search.fold import fold
from tui.search.homophones import NameSounds
from tui.search.index import ArchiveIndex, TextIndex
from tui.search.literal import LiteralFinder
from tui.search.loose import add_loose, loose_spans
from tui.search.query import Query, parse_query
from tui.search.results import Hit, Order, SearchResult
from tui.search.snippets import Needles, find_spans, snippet
from tui.search.tiers import TermMatch, Tier, match_term

#: Loose matches are looked for when the other ways found fewer items than this.
FUZZY_BELOW = 50


class SearchEngine:
    """Searches one archive. Thread-safe: `prepare` may run in a worker while searching."""

    def __init__(self, archive: Archive, aliases: AliasTable | None = None) -> None:
        self.index = ArchiveIndex(archive)
        #: The full index, once `prepare` has built or loaded it (None: headlines only).
        self.text: TextIndex | None = None
        self.aliases = aliases if aliases is not None else AliasTable()
        self.finder = LiteralFinder(self.index, None)
        #: The alias table's names by their sounds (once the index knows readings).
        self.names: NameSounds | None = None
        self._prepare_lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self.text is not None

    def prepare(
        self, use_cache: bool = True, lazy: bool = False, previous: SearchEngine | None = None
    ) -> None:
        """Build the full index, or load it from the cache (slow: call from a worker).

        Loads the user's aliases too. Safe to call from several threads: the first does
        the work, the others wait for it. `lazy` (one query: the CLI) reads the cached index
        as the query needs it rather than all of it. `previous`, the engine of the archive
        as it was before the folder changed: its index is reused for the issues that did
        not change (`tui.search.update`: 0.1 s instead of 1.6 for one new issue in 500).
        """
        from tui import paths
        from tui.search import indexcache
        from tui.search.update import updated

        with self._prepare_lock:
            if self.text is not None:
                return
            self.aliases = load_aliases(paths.user_aliases_file())
            path = indexcache.index_file(self.index.archive.root)
            text = indexcache.load(path, self.index, lazy) if use_cache else None
            made = text is None
            if text is None and previous is not None and previous.text is not None:
                text = updated(previous.index, previous.text, self.index)
            if text is None:
                text = TextIndex.build(self.index)
            if not lazy:
                text.pinyin.warm()
            self.names = NameSounds(self.aliases.others, text.pinyin.readings)
            self.finder = LiteralFinder(self.index, text)
            self.text = text
            if made and use_cache:  # searching need not wait for the file
                indexcache.save(path, self.index, text)

    def search(
        self,
        text: str | Query,
        library: ItemMarks | None = None,
        order: Order = Order.RELEVANCE,
    ) -> SearchResult:
        """Every item matching the query; raise QueryError for a filter it cannot use."""
        query = parse_query(text) if isinstance(text, str) else text
        allowed = allowed_items(self.index, query.filters, library)
        finder, aliases = self.finder, self.aliases
        words = [t for t in map(fold, query.terms) if t]
        phrases = [p for p in map(fold, query.phrases) if p]
        unwanted = [finder.find(x).anywhere for x in map(fold, query.excluded) if x]
        excluded = BitMap().union(*unwanted)
        matches = [match_term(finder, aliases, t, False) for t in words]
        matches += [match_term(finder, aliases, p, True) for p in phrases]
        if not matches:
            if not (query.filters or query.excluded):
                return SearchResult(query, [])
            listed = (BitMap(self.index.all) if allowed is None else allowed) - excluded
            groups = [(Tier.LISTED, listed)] if listed else []
            return self._result(query, groups, order, Needles(), matches)
        groups = combine(matches, allowed, excluded)
        if sum(len(items) for _, items in groups) < FUZZY_BELOW and words:
            for match in matches[: len(words)]:
                add_loose(finder, aliases, self.names, match, allowed)
            groups = combine(matches, allowed, excluded)
        return self._result(query, groups, order, needles_of(matches), matches)

    def _result(
        self,
        query: Query,
        groups: list[tuple[Tier, BitMap]],
        order: Order,
        needles: Needles,
        matches: list[TermMatch],
    ) -> SearchResult:
        ranges = tuple((start, end) for _, start, end in self.index.issue_spans)

        def build(number: int, tier: Tier) -> Hit:
            return self._hit(number, tier, needles, matches)

        return SearchResult(query, groups, order, needles, build, ranges)

    def _hit(self, number: int, tier: Tier, needles: Needles, matches: list[TermMatch]) -> Hit:
        item = self.index.items[number]
        spans = find_spans(item.headline, needles, with_pattern=tier == Tier.PINYIN)
        if tier in (Tier.HOMOPHONE, Tier.FUZZY):
            spans = loose_spans(item.headline, tier, matches) or spans
        alias = self._alias_of(number, matches)
        body_only = tier in (Tier.TEXT, Tier.TEXT_ALIAS, Tier.WORDS) or (
            tier != Tier.LISTED and not spans
        )
        found = snippet(item.paragraphs, needles) if body_only and needles else None
        heard = self._heard_in(number, matches) if tier == Tier.HOMOPHONE else None
        return Hit(item, tier, spans, found, alias, heard)

    def _alias_of(self, number: int, matches: list[TermMatch]) -> str | None:
        """The alias an item was found through, if it was (the first that is in it)."""
        for match in matches:
            in_alias = (match.tiers.get(Tier.HEADLINE_ALIAS), match.tiers.get(Tier.TEXT_ALIAS))
            if any(items is not None and number in items for items in in_alias):
                text = self.text.texts[number] if self.text else self.index.headlines[number]
                for alias in match.aliases:
                    if alias in text:
                        return self.aliases.written.get(alias, alias)
        return None

    def _heard_in(self, number: int, matches: list[TermMatch]) -> str | None:
        """The name a homophone hit sounds like (B站 for B战), if it was found through one."""
        headline = self.index.headlines[number]
        for match in matches:
            for name in match.heard:
                if any(n in headline for n in (name, *self.aliases.of(name))):
                    return self.aliases.written.get(name, name)
        return None


def combine(
    matches: list[TermMatch], allowed: BitMap | None, excluded: BitMap
) -> list[tuple[Tier, BitMap]]:
    """Items every term found, each in the tier of its weakest term, best tier first."""
    so_far = [BitMap() for _ in matches]
    seen = BitMap()
    groups: list[tuple[Tier, BitMap]] = []
    for tier in Tier:
        for found, match in zip(so_far, matches, strict=True):
            found |= match.tiers.get(tier, BitMap())
        level = so_far[0].intersection(*so_far[1:])
        if allowed is not None:
            level &= allowed
        level -= excluded
        level -= seen
        if level:
            groups.append((tier, level))
            seen |= level
    return groups


def needles_of(matches: list[TermMatch]) -> Needles:
    words: list[str] = []
    pattern = None
    for match in matches:
        words.extend((match.term, *match.aliases, *match.pieces))
        words.extend((*match.heard, *match.heard_aliases))
        if match.pinyin is not None and pattern is None:
            pattern = match.pinyin.pattern
    return Needles(tuple(dict.fromkeys(words)), pattern)
