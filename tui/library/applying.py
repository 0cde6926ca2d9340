"""Making a `ChangeSet` against what is stored, inside a write transaction the store opened.

Each mark, tag and note is compared with the stored state at that moment: a bookmark
already there is not "added", a tag already gone is not "removed", a note changed elsewhere
since the text the change started from is kept beside the new one (`merge_note`). What
really changed comes back as a `ChangeSet`, which is what the undo journal keeps — so an
undo takes back this change only, never another process's writes.

Sets of ids are looked up and written in batches (`executemany`, `IN` lists of up to 900
ids): a catch-up of 15,000 items is a few dozen statements, not 45,000.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from tui.library.changes import ITEM_COLUMNS, ChangeSet, ItemRow
from tui.library.marks import LibraryMarks
from tui.library.notes import NoteSaved, is_empty, merge_note
from tui.library.records import Snapshot
from tui.library.rows import now_stamp, save_snapshots

#: The item as the archive has it now, or None when it is not in the archive.
SnapshotOf = Callable[[str], Snapshot | None]

#: Ids per `IN (…)` list: SQLite allows 999 parameters in older builds.
CHUNK = 900

_ADD_TAG = "INSERT OR IGNORE INTO tags VALUES (?, ?)"
_UNMARKED = """
  AND NOT EXISTS (SELECT 1 FROM bookmarks WHERE item_id = items.id)
  AND NOT EXISTS (SELECT 1 FROM tags WHERE item_id = items.id)
  AND NOT EXISTS (SELECT 1 FROM notes WHERE item_id = items.id)
  AND NOT EXISTS (SELECT 1 FROM read_marks WHERE item_id = items.id)
"""


@dataclass
class Applied:
    """What a change did, and what the app shows of it."""

    done: ChangeSet
    #: The tags now stored on every item whose tags the change touched.
    tags: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Notes changed elsewhere meanwhile: MERGED (both texts kept) or KEPT_OTHER.
    conflicts: list[tuple[str, NoteSaved]] = field(default_factory=list)

    def show(self, view: LibraryMarks) -> None:
        """Bring the in-memory view up to date with this change (after its COMMIT)."""
        done = self.done
        view.set_bookmarked(done.bookmarked, True)
        view.set_bookmarked(done.unbookmarked, False)
        view.set_read(done.read, True)
        view.set_read(done.unread, False)
        if self.tags:
            view.set_tags(self.tags)
        for item_id, _before, after in done.notes:
            view.set_note(item_id, after)


def apply_changes(
    conn: sqlite3.Connection, wanted: ChangeSet, snapshot_of: SnapshotOf, *, fresh: bool
) -> Applied:
    """Make `wanted` against the stored state; returns what changed.

    A mark, tag or note needs its item's row: an existing one, a row `wanted` restores (the
    rows an earlier change deleted), or one saved from `snapshot_of`. `fresh` saves the
    snapshot again for bookmarks, tags and notes even when a row exists (a user's action:
    the record keeps the newest reading of the item); an undo or redo keeps the rows as
    they are. Marks of an item with no row to be had are left out.
    """
    done = ChangeSet()
    full = {*wanted.bookmarked, *(i for i, _tag in wanted.tagged)}
    full.update(i for i, _before, after in wanted.notes if not is_empty(after))
    have = _ensure_rows(conn, full, set(wanted.read) - full, wanted.dropped, snapshot_of, fresh)
    done.bookmarked = _add_marks(conn, "bookmarks", [i for i in wanted.bookmarked if i in have])
    done.read = _add_marks(conn, "read_marks", [i for i in wanted.read if i in have])
    done.unbookmarked = _remove_marks(conn, "bookmarks", wanted.unbookmarked)
    done.unread = _remove_marks(conn, "read_marks", wanted.unread)
    for pair in dict.fromkeys(wanted.untagged):
        if conn.execute("DELETE FROM tags WHERE item_id = ? AND tag = ?", pair).rowcount:
            done.untagged.append(pair)
    for pair in dict.fromkeys(wanted.tagged):
        if pair[0] in have and conn.execute(_ADD_TAG, pair).rowcount:
            done.tagged.append(pair)
    applied = Applied(done)
    for item_id, before, after in wanted.notes:
        _apply_note(conn, item_id, before, after, item_id in have, applied)
    emptied = (i for i, _before, after in done.notes if not after)
    touched = {*done.unbookmarked, *done.unread, *(i for i, _tag in done.untagged), *emptied}
    done.dropped = _drop_unmarked(conn, touched)
    for item_id in {i for i, _tag in (*done.tagged, *done.untagged)}:
        rows = conn.execute("SELECT tag FROM tags WHERE item_id = ?", (item_id,))
        applied.tags[item_id] = frozenset(row[0] for row in rows)
    return applied


def _apply_note(
    conn: sqlite3.Connection,
    item_id: str,
    before: str,
    after: str,
    has_row: bool,
    applied: Applied,
) -> None:
    row = conn.execute("SELECT text FROM notes WHERE item_id = ?", (item_id,)).fetchone()
    stored = str(row[0]) if row else ""
    final, outcome = merge_note(stored, before, after)
    final = "" if is_empty(final) else final
    if outcome in (NoteSaved.MERGED, NoteSaved.KEPT_OTHER):
        applied.conflicts.append((item_id, outcome))
    if final == stored or (final and not has_row):
        return
    if final:
        conn.execute(
            "INSERT INTO notes VALUES (?1, ?2, ?3) ON CONFLICT (item_id) "
            "DO UPDATE SET text = ?2, updated_at = ?3",
            (item_id, final, now_stamp()),
        )
    else:
        conn.execute("DELETE FROM notes WHERE item_id = ?", (item_id,))
    applied.done.notes.append((item_id, stored, final))


def _chunks(ids: Collection[str]) -> Iterator[list[str]]:
    listed = list(ids)
    for start in range(0, len(listed), CHUNK):
        yield listed[start : start + CHUNK]


def _present(conn: sqlite3.Connection, table: str, column: str, ids: Collection[str]) -> set[str]:
    """Which of `ids` have a row in `table`."""
    found: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        query = f"SELECT {column} FROM {table} WHERE {column} IN ({marks})"
        found.update(row[0] for row in conn.execute(query, chunk))
    return found


def _ensure_rows(
    conn: sqlite3.Connection,
    full: set[str],
    bare: set[str],
    restore: dict[str, ItemRow],
    snapshot_of: SnapshotOf,
    fresh: bool,
) -> set[str]:
    """Make sure the items in `full` (with their body) and `bare` (a read mark: no body
    needed) have a row; returns the ids that do."""
    wanted = full | bare
    if not wanted:
        return set()
    have = _present(conn, "items", "id", wanted)
    back = [restore[i] for i in wanted - have if i in restore]
    if back:
        marks = ",".join("?" * len(back[0]))
        conn.executemany(f"INSERT OR IGNORE INTO items ({ITEM_COLUMNS}) VALUES ({marks})", back)
        have.update(str(row[0]) for row in back)
    for ids, with_body in ((full, True), (bare, False)):
        snaps = [s for s in _snapshots(ids if fresh and with_body else ids - have, snapshot_of)]
        save_snapshots(conn, snaps, with_body)
        have.update(snap.id for snap in snaps)
    return have


def _snapshots(ids: Iterable[str], snapshot_of: SnapshotOf) -> Iterator[Snapshot]:
    for item_id in ids:
        snap = snapshot_of(item_id)
        if snap is not None:
            yield snap


def _add_marks(conn: sqlite3.Connection, table: str, ids: list[str]) -> list[str]:
    """Set the mark on each item that lacks it; returns those."""
    unique = list(dict.fromkeys(ids))
    stored = _present(conn, table, "item_id", unique)
    new = [item_id for item_id in unique if item_id not in stored]
    stamp = now_stamp()
    conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)", [(i, stamp) for i in new])
    return new


def _remove_marks(conn: sqlite3.Connection, table: str, ids: list[str]) -> list[str]:
    """Clear the mark of each item that has it; returns those."""
    unique = list(dict.fromkeys(ids))
    stored = _present(conn, table, "item_id", unique)
    gone = [item_id for item_id in unique if item_id in stored]
    conn.executemany(f"DELETE FROM {table} WHERE item_id = ?", [(i,) for i in gone])
    return gone


def _drop_unmarked(conn: sqlite3.Connection, ids: Collection[str]) -> dict[str, ItemRow]:
    """Delete the rows of these items that have no mark left; returns them, by id."""
    dropped: dict[str, ItemRow] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        query = f"SELECT {ITEM_COLUMNS} FROM items WHERE id IN ({marks}) {_UNMARKED}"
        dropped.update((str(row[0]), list(row)) for row in conn.execute(query, chunk))
    conn.executemany("DELETE FROM items WHERE id = ?", [(i,) for i in dropped])
    return dropped
