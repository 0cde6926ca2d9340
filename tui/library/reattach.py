"""Re-attaching library records to an archive whose items changed ids.

An item's id comes from its headline; when an issue is re-converted and a headline changes
a little (a typo fixed, a word added), the record keyed on the old id no longer finds its
item. Within the same issue, a headline that is still almost the same is taken to be the
same item, and the record (bookmark, tags, note, read mark) moves over to the new id.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from rapidfuzz import fuzz

from tui.archive.model import Archive, Item, fold_for_id
from tui.library.records import Snapshot
from tui.library.rows import now_stamp, save_snapshot
from tui.library.store import LibraryStore

#: fuzz.ratio of the folded headlines from which two items of one issue are the same item.
SAME_ITEM_SCORE = 85.0


@dataclass(frozen=True)
class ReattachReport:
    #: (old id, new id) of every record moved.
    moved: tuple[tuple[str, str], ...]
    #: Ids of records whose item is not in the archive and found no match.
    missing: tuple[str, ...]


def reattach(store: LibraryStore, archive: Archive) -> ReattachReport:
    """Move records whose id left the archive onto near-identical headlines of their issue.

    Each archive item takes at most one record, best scores first; items the library already
    knows by their own id are not candidates. A read-only store reports without moving.
    """
    present = archive.places
    known = store.headlines()
    lost = {item_id: known[item_id] for item_id in known if item_id not in present}
    candidates: dict[int, list[Item]] = {}
    if lost:
        wanted = {number for number, _headline in lost.values()}
        for issue in archive.issues:
            if issue.number in wanted:
                for item in issue.items:
                    if item.id not in known:
                        candidates.setdefault(issue.number, []).append(item)
    pairs = sorted(
        (
            (score, old_id, item)
            for old_id, (number, headline) in lost.items()
            for item in candidates.get(number, ())
            if (score := _similarity(headline, item.headline)) >= SAME_ITEM_SCORE
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2].id),
    )
    moves: list[tuple[str, Snapshot]] = []
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    for _score, old_id, item in pairs:
        if old_id in taken_old or item.id in taken_new:
            continue
        taken_old.add(old_id)
        taken_new.add(item.id)
        moves.append((old_id, Snapshot.at(present[item.id])))
    if moves and not store.read_only:
        with store.write_transaction() as conn:
            for old_id, new in moves:
                _move(conn, old_id, new)
    missing = tuple(sorted(item_id for item_id in lost if item_id not in taken_old))
    return ReattachReport(moved=tuple((old_id, new.id) for old_id, new in moves), missing=missing)


def _similarity(a: str, b: str) -> float:
    return float(fuzz.ratio(fold_for_id(a), fold_for_id(b)))


def _move(conn: sqlite3.Connection, old_id: str, new: Snapshot) -> None:
    """Rewrite every row of `old_id` to the new id, merging with rows already there."""
    ids = {"old": old_id, "new": new.id}
    for table, column in (("bookmarks", "created_at"), ("read_marks", "read_at")):
        conn.execute(
            f"INSERT OR IGNORE INTO {table} SELECT :new, {column} FROM {table} "
            "WHERE item_id = :old",
            ids,
        )
        conn.execute(f"DELETE FROM {table} WHERE item_id = :old", ids)
    conn.execute("INSERT OR IGNORE INTO tags SELECT :new, tag FROM tags WHERE item_id = :old", ids)
    conn.execute("DELETE FROM tags WHERE item_id = :old", ids)
    # Two notes on one item are joined, never dropped.
    conn.execute(
        "UPDATE notes SET text = text || char(10) || char(10) || "
        "(SELECT text FROM notes WHERE item_id = :old) "
        "WHERE item_id = :new AND EXISTS (SELECT 1 FROM notes WHERE item_id = :old)",
        ids,
    )
    conn.execute(
        "INSERT OR IGNORE INTO notes SELECT :new, text, updated_at FROM notes WHERE item_id = :old",
        ids,
    )
    conn.execute("DELETE FROM notes WHERE item_id = :old", ids)
    conn.execute("DELETE FROM items WHERE id = :old", ids)
    conn.execute("INSERT INTO moves VALUES (:old, :new, :at)", {**ids, "at": now_stamp()})
    save_snapshot(conn, new)
