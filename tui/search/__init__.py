"""Search over an archive — literal, aliases, pinyin, loose — and its query language. No UI.

Importing this package is cheap: the indexes are built (or loaded) by `SearchEngine.prepare`.
"""

from tui.search.engine import SearchEngine
from tui.search.filters import ItemMarks
from tui.search.query import Query, QueryError, parse_query
from tui.search.results import Hit, Order, SearchResult
from tui.search.snippets import Needles, Snippet
from tui.search.tiers import Tier

__all__ = [
    "Hit",
    "ItemMarks",
    "Needles",
    "Order",
    "Query",
    "QueryError",
    "SearchEngine",
    "SearchResult",
    "Snippet",
    "Tier",
    "parse_query",
]
