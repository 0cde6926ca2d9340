"""What a search returns: ranked hits, each an item with the matched spans of its headline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.archive.model import Item
from tui.search.query import Query

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One item found, its score and the matched spans of its headline, [start, end)."""

    item: Item
    score: int
    spans: tuple[Span, ...]

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

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "section": self.section,
            "headline": self.headline,
            "score": self.score,
            "spans": [list(span) for span in self.spans],
        }


@dataclass(frozen=True)
class SearchResult:
    """The best hits, best first; `complete` is False when more items match than were ranked."""

    query: Query
    hits: tuple[Hit, ...]
    matched: int
    complete: bool = True
