"""A change to the library as data: what an action asked for, or what it did.

The same shape serves twice. Asked for (`wanted`): "bookmark these ids", "add this tag",
"this note, edited from that text". Done (what `tui.library.applying` returns): only what
really changed against the stored state — an id already bookmarked is not listed — plus the
rows of `items` the change deleted because nothing was left on them. The done change is
what the undo journal keeps: its `inverse()` asked for against the library as it is then
undoes exactly this action and nothing another process did meanwhile.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field, fields

#: A row of `items` as `ITEM_COLUMNS` lists its columns.
ItemRow = list[object]

#: Every column of `items`, in the order a kept row lists them.
ITEM_COLUMNS = (
    "id, number, date, section, headline, paragraphs, saved_at, position, source_title, "
    "page, source_file"
)


@dataclass
class ChangeSet:
    """Marks set and cleared, tags added and removed, notes changed, rows deleted."""

    bookmarked: list[str] = field(default_factory=list)
    unbookmarked: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    #: (item id, tag) pairs.
    tagged: list[tuple[str, str]] = field(default_factory=list)
    untagged: list[tuple[str, str]] = field(default_factory=list)
    #: (item id, the note before, the note after); "" is no note. Asked for, "before" is the
    #: text the change was made from: stored text that differs from it is kept beside.
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    #: Rows of `items` this change deleted (no mark left on them), by id: what an undo
    #: puts back, so a record of an item no longer in the archive comes back whole.
    dropped: dict[str, ItemRow] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.size() > 0

    def item_ids(self) -> set[str]:
        """Every item the change touches."""
        ids = {*self.bookmarked, *self.unbookmarked, *self.read, *self.unread}
        ids.update(item_id for item_id, _tag in (*self.tagged, *self.untagged))
        ids.update(item_id for item_id, _before, _after in self.notes)
        return ids

    def size(self) -> int:
        """How many single changes it holds (a mark, a tag, a note each count one)."""
        marks = len(self.bookmarked) + len(self.unbookmarked) + len(self.read) + len(self.unread)
        return marks + len(self.tagged) + len(self.untagged) + len(self.notes)

    def inverse(self) -> ChangeSet:
        """The change that takes this one back; its `dropped` rows are the ones to restore."""
        return ChangeSet(
            bookmarked=list(self.unbookmarked),
            unbookmarked=list(self.bookmarked),
            read=list(self.unread),
            unread=list(self.read),
            tagged=list(self.untagged),
            untagged=list(self.tagged),
            notes=[(item_id, after, before) for item_id, before, after in reversed(self.notes)],
            dropped=dict(self.dropped),
        )

    def to_blob(self) -> bytes:
        """Compressed JSON, as the journal stores it (a catch-up of 15,000 items: ~60 KB)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)

    @classmethod
    def from_blob(cls, blob: bytes) -> ChangeSet:
        """The change `to_blob` stored; a damaged blob reads as no change at all."""
        try:
            data = json.loads(zlib.decompress(blob).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(
            bookmarked=_ids(data.get("bookmarked")),
            unbookmarked=_ids(data.get("unbookmarked")),
            read=_ids(data.get("read")),
            unread=_ids(data.get("unread")),
            tagged=_pairs(data.get("tagged")),
            untagged=_pairs(data.get("untagged")),
            notes=_notes(data.get("notes")),
            dropped=_rows(data.get("dropped")),
        )


def _ids(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _strings(value: object, length: int) -> tuple[str, ...] | None:
    if isinstance(value, list) and len(value) == length and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _pairs(value: object) -> list[tuple[str, str]]:
    pairs = [_strings(v, 2) for v in value] if isinstance(value, list) else []
    return [(p[0], p[1]) for p in pairs if p is not None]


def _notes(value: object) -> list[tuple[str, str, str]]:
    triples = [_strings(v, 3) for v in value] if isinstance(value, list) else []
    return [(t[0], t[1], t[2]) for t in triples if t is not None]


def _rows(value: object) -> dict[str, ItemRow]:
    if not isinstance(value, dict):
        return {}
    width = len(ITEM_COLUMNS.split(","))
    return {
        key: row
        for key, row in value.items()
        if isinstance(row, list) and len(row) == width and row[0] == key
    }
