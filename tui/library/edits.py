"""The SQL of each change to the library, inside a write transaction the store opened.

Each reads what is stored now and changes only what it says it changes (a mark, these
tags, this note), so a change made meanwhile by another process is kept. A record whose
last mark goes is dropped (`DROP_UNMARKED`).
"""

from __future__ import annotations

import sqlite3

from tui.library.notes import NoteSaved, is_empty, merge_note
from tui.library.records import Snapshot
from tui.library.rows import DROP_UNMARKED, now_stamp, save_snapshot

_TAGS_OF = "SELECT tag FROM tags WHERE item_id = ?"
_MARK_TABLES = ("bookmarks", "read_marks")


def set_mark(conn: sqlite3.Connection, table: str, snap: Snapshot, on: bool) -> None:
    """Set or clear a bookmark or a read mark; a record left with no mark goes."""
    assert table in _MARK_TABLES
    if on:
        save_snapshot(conn, snap, with_body=table == "bookmarks")
        conn.execute(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)", (snap.id, now_stamp()))
    else:
        conn.execute(f"DELETE FROM {table} WHERE item_id = ?", (snap.id,))
        conn.execute(DROP_UNMARKED, (snap.id,))


def retag(
    conn: sqlite3.Connection,
    snap: Snapshot | None,
    added: list[str],
    removed: list[str],
    item_id: str = "",
) -> frozenset[str]:
    """Remove then add tags of the item (`snap`, or `item_id` when only removing); returns
    its tags now."""
    item_id = snap.id if snap is not None else item_id
    if snap is not None and added:
        save_snapshot(conn, snap)
    conn.executemany(  # removed first: a tag both removed and added stays
        "DELETE FROM tags WHERE item_id = ? AND tag = ?", [(item_id, t) for t in removed]
    )
    conn.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?)", [(item_id, t) for t in added])
    conn.execute(DROP_UNMARKED, (item_id,))
    return frozenset(row[0] for row in conn.execute(_TAGS_OF, (item_id,)))


def save_note(
    conn: sqlite3.Connection, snap: Snapshot, text: str, base: str | None
) -> tuple[str, NoteSaved]:
    """Save `text` against the note it was edited from (`base`; see `tui.library.notes`);
    returns the note now stored ("" for none) and what happened."""
    row = conn.execute("SELECT text FROM notes WHERE item_id = ?", (snap.id,)).fetchone()
    stored = str(row[0]) if row else ""
    final, outcome = merge_note(stored, base, text)
    final = "" if is_empty(final) else final
    if final and final != stored:
        save_snapshot(conn, snap)
        conn.execute(
            "INSERT INTO notes VALUES (?1, ?2, ?3) ON CONFLICT (item_id) "
            "DO UPDATE SET text = ?2, updated_at = ?3",
            (snap.id, final, now_stamp()),
        )
    elif not final:
        conn.execute("DELETE FROM notes WHERE item_id = ?", (snap.id,))
        conn.execute(DROP_UNMARKED, (snap.id,))
    return final, outcome
