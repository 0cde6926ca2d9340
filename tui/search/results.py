"""What a search returns: every item found, counted exactly, ordered, built a page at a time.

A `SearchResult` holds the items as bitmaps, one per tier; `len()` is exact and any row can
be reached, but a `Hit` (spans, snippet, why it matched) is only built for the rows asked for
— the ones on screen — so a query that finds 30,000 items costs what one page costs.

Orders (`Order`): by relevance (tier by tier, and within a tier the newer issue first, an
issue's items in reading order), newest issue first, or oldest issue first; a query of
filters only lists its items in reading order by relevance (and by newest issue first).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from itertools import accumulate

from pyroaring import BitMap

from tui.archive.model import Item
from tui.i18n import _
from tui.search.query import Query
from tui.search.snippets import Needles, Snippet, Span
from tui.search.tiers import Tier

#: Built hits kept per result (a few screens' worth).
HITS_KEPT = 512


class Order(Enum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"

    @property
    def label(self) -> str:
        labels = {"relevance": _("按相关度"), "newest": _("最新在前"), "oldest": _("最早在前")}
        return labels[self.value]

    def next(self) -> Order:
        orders = list(Order)
        return orders[(orders.index(self) + 1) % len(orders)]


@dataclass(frozen=True)
class Hit:
    """One item found: how (tier), the matched spans of its headline, and for a match in
    the body only, a snippet of it; `alias` names the other name it was found through, and
    `heard` the name a homophone was heard as (B站 for B战)."""

    item: Item
    tier: Tier
    spans: tuple[Span, ...]
    snippet: Snippet | None = None
    alias: str | None = None
    heard: str | None = None

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def number(self) -> int:
        return self.item.number

    @property
    def date(self) -> date | None:
        return self.item.date

    @property
    def section(self) -> str:
        return self.item.section

    @property
    def headline(self) -> str:
        return self.item.headline

    @property
    def reason(self) -> str:
        """Why it matched, when not as written ("" when it was)."""
        if self.alias is not None:
            return _("别名：{alias}").format(alias=self.alias)
        if self.heard is not None:
            return _("同音：{name}").format(name=self.heard)
        return {
            Tier.WORDS: _("分开出现"),
            Tier.HOMOPHONE: _("同音"),
            Tier.PINYIN: _("拼音"),
            Tier.FUZZY: _("近似"),
        }.get(self.tier, "")

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "section": self.section,
            "headline": self.headline,
            "page": self.item.page,
            "tier": self.tier.name.lower(),
            "spans": [list(span) for span in self.spans],
            "alias": self.alias,
            "heard": self.heard,
            "snippet": None
            if self.snippet is None
            else {"text": self.snippet.text, "spans": [list(s) for s in self.snippet.spans]},
        }


HitBuilder = Callable[[int, Tier], Hit]


@dataclass
class SearchResult:
    """Every item a query found, in `order`; hits are built on demand."""

    query: Query
    #: (tier, its items) in relevance order, disjoint, none empty.
    groups: list[tuple[Tier, BitMap]]
    order: Order = Order.RELEVANCE
    #: What to highlight in the items opened from here.
    needles: Needles = field(default_factory=Needles)
    build: HitBuilder | None = None
    #: (first, one past last) item number of each issue, newest first, for the oldest order.
    issue_ranges: tuple[tuple[int, int], ...] = ()
    _union: BitMap | None = None
    _oldest: tuple[list[tuple[int, int]], list[int]] | None = None
    _hits: dict[int, Hit] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.count = sum(len(items) for _, items in self.groups)
        self._starts = list(accumulate((len(items) for _, items in self.groups), initial=0))

    def __len__(self) -> int:
        return self.count

    def number_at(self, row: int) -> tuple[int, Tier]:
        """The item number and tier of the row-th hit (0-based)."""
        if not 0 <= row < self.count:
            raise IndexError(row)
        if self.order is Order.RELEVANCE:
            group = bisect_right(self._starts, row) - 1
            tier, items = self.groups[group]
            return items[row - self._starts[group]], tier
        number = self._all()[row] if self.order is Order.NEWEST else self._oldest_at(row)
        return number, self.tier_of(number)

    def tier_of(self, number: int) -> Tier:
        return next(tier for tier, items in self.groups if number in items)

    def hit(self, row: int) -> Hit:
        hit = self._hits.get(row)
        if hit is None:
            assert self.build is not None
            if len(self._hits) >= HITS_KEPT:
                self._hits.clear()
            hit = self._hits[row] = self.build(*self.number_at(row))
        return hit

    def hits(self, start: int = 0, stop: int | None = None) -> list[Hit]:
        """Hits of rows start … stop - 1 (all of them if stop is None: for small results)."""
        stop = self.count if stop is None else min(stop, self.count)
        return [self.hit(row) for row in range(max(0, start), stop)]

    def found(self) -> BitMap:
        """Every item number found, whatever the order."""
        return self._all()

    def _all(self) -> BitMap:
        if self._union is None:
            self._union = BitMap().union(*(items for _, items in self.groups))
        return self._union

    def _oldest_at(self, row: int) -> int:
        """Issues oldest first, each issue's items in reading order."""
        if self._oldest is None:
            found = self._all()
            ranges = [r for r in reversed(self.issue_ranges) if found.range_cardinality(*r)]
            counts = [found.range_cardinality(*r) for r in ranges]
            self._oldest = ranges, list(accumulate(counts, initial=0))
        ranges, starts = self._oldest
        k = bisect_right(starts, row) - 1
        found = self._all()
        first = found.rank(ranges[k][0] - 1) if ranges[k][0] > 0 else 0
        return found[first + row - starts[k]]
