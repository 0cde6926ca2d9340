"""An in-memory picture of the user's marks, for questions asked once per item per frame.

Search filters (`is:bookmarked`, `#tag`, `is:unread`) and the tree's marks ask about every
item of a 15,000-item archive; they read these sets instead of querying SQLite, and the
reader shows notes from here, so the UI thread never waits on the database. The store
updates the view after each of its own writes and reloads it when another process wrote.

Those updates come from other threads (the app's writer, its watcher) while the UI thread
reads: every change builds new sets and swaps them in (one assignment), so a reader never
sees a set change under it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence


class LibraryMarks:
    """Read-only questions about item ids; only `LibraryStore` changes it."""

    def __init__(self) -> None:
        self._bookmarked: set[str] = set()
        self._tags: dict[str, frozenset[str]] = {}
        self._notes: dict[str, str] = {}
        self._read: set[str] = set()

    def is_bookmarked(self, item_id: str) -> bool:
        return item_id in self._bookmarked

    def tags_of(self, item_id: str) -> frozenset[str]:
        return self._tags.get(item_id, frozenset())

    def has_note(self, item_id: str) -> bool:
        return item_id in self._notes

    def note_of(self, item_id: str) -> str:
        """The item's note as stored ("" for none)."""
        return self._notes.get(item_id, "")

    def is_read(self, item_id: str) -> bool:
        return item_id in self._read

    def is_kept(self, item_id: str) -> bool:
        """Bookmarked, tagged or annotated."""
        return item_id in self._bookmarked or item_id in self._tags or item_id in self._notes

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

    # Updates, called by the store after a committed write: each swaps in new containers.

    def load(self, conn: sqlite3.Connection) -> None:
        """Replace everything with what the database holds now."""
        bookmarked = {row[0] for row in conn.execute("SELECT item_id FROM bookmarks")}
        tags: dict[str, set[str]] = {}
        for item_id, tag in conn.execute("SELECT item_id, tag FROM tags"):
            tags.setdefault(item_id, set()).add(tag)
        notes = dict(conn.execute("SELECT item_id, text FROM notes").fetchall())
        read = {row[0] for row in conn.execute("SELECT item_id FROM read_marks")}
        self._bookmarked = bookmarked
        self._tags = {item_id: frozenset(t) for item_id, t in tags.items()}
        self._notes = notes
        self._read = read

    def set_bookmarked(self, item_ids: Iterable[str], on: bool) -> None:
        self._bookmarked = _changed(self._bookmarked, item_ids, on)

    def set_tags(self, tags: dict[str, frozenset[str]]) -> None:
        """These items now have these tags (an empty set: none)."""
        changed = dict(self._tags)
        for item_id, item_tags in tags.items():
            if item_tags:
                changed[item_id] = item_tags
            else:
                changed.pop(item_id, None)
        self._tags = changed

    def set_note(self, item_id: str, text: str) -> None:
        notes = dict(self._notes)
        if text:
            notes[item_id] = text
        else:
            notes.pop(item_id, None)
        self._notes = notes

    def set_read(self, item_ids: Iterable[str], on: bool) -> None:
        self._read = _changed(self._read, item_ids, on)


def _changed(ids: set[str], item_ids: Iterable[str], on: bool) -> set[str]:
    """A new set: `ids` with `item_ids` added (`on`) or taken out."""
    return ids | set(item_ids) if on else ids - set(item_ids)
