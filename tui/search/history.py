"""Earlier search queries, newest last, kept in one small JSON file."""

from __future__ import annotations

from pathlib import Path

from tui.search.cachefile import read_json, write_json

#: Queries kept; the oldest go first.
MAX_QUERIES = 100


def load_history(path: Path) -> list[str]:
    """The saved queries, oldest first; an unreadable file is an empty history."""
    saved = read_json(path)
    if not isinstance(saved, list):
        return []
    return [query for query in saved if isinstance(query, str) and query.strip()][-MAX_QUERIES:]


def remember(path: Path, query: str) -> list[str]:
    """Add a query as the newest (moving it if it was there) and save; returns the history."""
    history = [q for q in load_history(path) if q != query]
    if query.strip():
        history.append(query)
    history = history[-MAX_QUERIES:]
    write_json(path, history)
    return history
