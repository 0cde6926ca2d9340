"""Fuzzy, pinyin and full-text search over an archive, and its query language. No UI here.

Importing this package is cheap: jieba and pypinyin load only in `SearchEngine.build_extras`.
"""

from tui.search.engine import SearchEngine
from tui.search.filters import ItemMarks
from tui.search.query import Query, QueryError, parse_query
from tui.search.results import Hit, SearchResult

__all__ = [
    "Hit",
    "ItemMarks",
    "Query",
    "QueryError",
    "SearchEngine",
    "SearchResult",
    "parse_query",
]
