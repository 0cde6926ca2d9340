"""An in-memory picture of the user's marks, for questions asked once per item per frame.

Search filters (`is:bookmarked`, `#tag`, `is:unread`) and the tree's marks ask about every
item of a 15,000-item archive; they read these sets instead of querying SQLite. The store
updates the view after each of its own writes and reloads it when another process wrote.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence


class LibraryMarks:
    """Read-only questions about item ids; only `LibraryStore` changes it."""

    def __init__(self) -> None:
        self._bookmarked: set[str] = set()
        self._tags: dict[str, frozenset[str]] = {}
        self._noted: set[str] = set()
        self._read: set[str] = set()

    def is_bookmarked(self, item_id: str) -> bool:
        return item_id in self._bookmarked

    def tags_of(self, item_id: str) -> frozenset[str]:
        return self._tags.get(item_id, frozenset())

    def has_note(self, item_id: str) -> bool:
        return item_id in self._noted

    def is_read(self, item_id: str) -> bool:
        return item_id in self._read

    def is_kept(self, item_id: str) -> bool:
        """Bookmarked, tagged or annotated."""
        return item_id in self._bookmarked or item_id in self._tags or item_id in self._noted

    def all_tags(self) -> tuple[str, ...]:
        """Every tag in use, most used first, then alphabetical (the tag editor's completions)."""
        counts: dict[str, int] = {}
        for tags in self._tags.values():
            for tag in tags:
                counts[tag] = counts.get(tag, 0) + 1
        return tuple(sorted(counts, key=lambda tag: (-counts[tag], tag)))

    def unread_count(self, item_ids: Iterable[str]) -> int:
        return sum(1 for item_id in item_ids if item_id not in self._read)

    def next_unread(self, item_ids: Sequence[str], after: str | None) -> str | None:
        """The first unread id following `after` in reading order (`u`), wrapping round once;
        None when everything is read."""
        start = item_ids.index(after) + 1 if after in item_ids else 0
        for item_id in (*item_ids[start:], *item_ids[:start]):
            if item_id not in self._read and item_id != after:
                return item_id
        return None

    @property
    def bookmarked_ids(self) -> frozenset[str]:
        return frozenset(self._bookmarked)

    @property
    def read_ids(self) -> frozenset[str]:
        return frozenset(self._read)

    # Updates, called by the store after a committed write.

    def load(self, conn: sqlite3.Connection) -> None:
        """Replace everything with what the database holds now."""
        self._bookmarked = {row[0] for row in conn.execute("SELECT item_id FROM bookmarks")}
        tags: dict[str, set[str]] = {}
        for item_id, tag in conn.execute("SELECT item_id, tag FROM tags"):
            tags.setdefault(item_id, set()).add(tag)
        self._tags = {item_id: frozenset(t) for item_id, t in tags.items()}
        self._noted = {row[0] for row in conn.execute("SELECT item_id FROM notes")}
        self._read = {row[0] for row in conn.execute("SELECT item_id FROM read_marks")}

    def set_bookmarked(self, item_id: str, on: bool) -> None:
        _toggle(self._bookmarked, item_id, on)

    def set_tags(self, item_id: str, tags: frozenset[str]) -> None:
        if tags:
            self._tags[item_id] = tags
        else:
            self._tags.pop(item_id, None)

    def set_noted(self, item_id: str, on: bool) -> None:
        _toggle(self._noted, item_id, on)

    def set_read(self, item_id: str, on: bool) -> None:
        _toggle(self._read, item_id, on)


def _toggle(ids: set[str], item_id: str, on: bool) -> None:
    if on:
        ids.add(item_id)
    else:
        ids.discard(item_id)
