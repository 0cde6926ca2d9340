"""The user's library on disk: bookmarks, tags, notes and read marks in one SQLite file.

Every write is its own short `BEGIN IMMEDIATE` transaction that states the outcome it wants
("bookmarked", "has tag X") rather than reading, changing and writing back, so two zhoubao
processes writing at once lose nothing and repeating a write changes nothing. Each write also
stores a snapshot of the item, so the record outlives the file it came from.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tui import paths
from tui.library.marks import LibraryMarks
from tui.library.opening import open_library
from tui.library.records import LibraryRecord, Snapshot
from tui.library.rows import (
    DROP_UNMARKED,
    KEPT_IDS,
    SNAPSHOT_COLUMNS,
    clean_tags,
    now_stamp,
    save_snapshot,
    snapshot_from_row,
)


class LibraryError(Exception):
    """A library operation could not be done; the message says why, in one line."""


class LibraryReadOnly(LibraryError):
    """A write was asked of a read-only session."""


class LibraryStore:
    """The library of one user. Writes raise `LibraryError` with a one-line reason."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.library_db()
        opened = open_library(self.path)
        self._conn = opened.conn
        #: True when nothing can be saved this session (see `notice` for why).
        self.read_only = opened.read_only
        #: A message for the user (database moved aside, read-only session), or None.
        self.notice = opened.notice
        self._lock = threading.RLock()
        self.view = LibraryMarks()
        self._data_version = -1
        try:
            self.refresh()
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> LibraryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise LibraryReadOnly(self.notice or "The library is read-only in this session.")
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise LibraryError(f"Cannot save to {self.path}: {error}") from error
            try:
                yield conn
                conn.execute("COMMIT")
            except (sqlite3.Error, UnicodeError) as error:
                _roll_back(conn)
                raise LibraryError(f"Cannot save to {self.path}: {error}") from error
            except BaseException:
                _roll_back(conn)
                raise

    # Writes. Each states the wanted outcome, so repeating it is harmless.

    def set_bookmark(self, snap: Snapshot, on: bool = True) -> None:
        self.set_bookmarks([snap], on)

    def set_bookmarks(self, snaps: Iterable[Snapshot], on: bool = True) -> None:
        """Bookmark (or un-bookmark) many items in one transaction: search results, say."""
        snaps = list(snaps)
        with self._write() as conn:
            for snap in snaps:
                if on:
                    save_snapshot(conn, snap)
                    conn.execute(
                        "INSERT OR IGNORE INTO bookmarks VALUES (?, ?)", (snap.id, now_stamp())
                    )
                else:
                    conn.execute("DELETE FROM bookmarks WHERE item_id = ?", (snap.id,))
                    conn.execute(DROP_UNMARKED, (snap.id,))
        for snap in snaps:
            self.view.set_bookmarked(snap.id, on)

    def toggle_bookmark(self, snap: Snapshot) -> bool:
        """Flip the bookmark inside one transaction; returns whether it is now bookmarked."""
        with self._write() as conn:
            on = (
                conn.execute("SELECT 1 FROM bookmarks WHERE item_id = ?", (snap.id,)).fetchone()
                is None
            )
            if on:
                save_snapshot(conn, snap)
                conn.execute("INSERT INTO bookmarks VALUES (?, ?)", (snap.id, now_stamp()))
            else:
                conn.execute("DELETE FROM bookmarks WHERE item_id = ?", (snap.id,))
                conn.execute(DROP_UNMARKED, (snap.id,))
        self.view.set_bookmarked(snap.id, on)
        return on

    def add_tags(self, snaps: Iterable[Snapshot], tags: Iterable[str]) -> None:
        """Give every item each of `tags` (kept tags stay)."""
        self._change_tags(list(snaps), clean_tags(tags), replace=False)

    def set_tags(self, snap: Snapshot, tags: Iterable[str]) -> None:
        """Make `tags` the item's whole set of tags (the tag editor's save)."""
        self._change_tags([snap], clean_tags(tags), replace=True)

    def remove_tags(self, item_id: str, tags: Iterable[str]) -> None:
        with self._write() as conn:
            for tag in clean_tags(tags):
                conn.execute("DELETE FROM tags WHERE item_id = ? AND tag = ?", (item_id, tag))
            conn.execute(DROP_UNMARKED, (item_id,))
            remaining = self._tags_in(conn, item_id)
        self.view.set_tags(item_id, remaining)

    def _change_tags(self, snaps: list[Snapshot], tags: list[str], replace: bool) -> None:
        now: dict[str, frozenset[str]] = {}
        with self._write() as conn:
            for snap in snaps:
                save_snapshot(conn, snap)
                if replace:
                    conn.execute("DELETE FROM tags WHERE item_id = ?", (snap.id,))
                conn.executemany(
                    "INSERT OR IGNORE INTO tags VALUES (?, ?)", [(snap.id, t) for t in tags]
                )
                conn.execute(DROP_UNMARKED, (snap.id,))
                now[snap.id] = self._tags_in(conn, snap.id)
        for item_id, item_tags in now.items():
            self.view.set_tags(item_id, item_tags)

    def set_note(self, snap: Snapshot, text: str) -> None:
        """Store the note exactly as written; an empty (or all-space) note removes it."""
        with self._write() as conn:
            if text.strip():
                save_snapshot(conn, snap)
                conn.execute(
                    "INSERT INTO notes VALUES (?1, ?2, ?3) ON CONFLICT (item_id) "
                    "DO UPDATE SET text = ?2, updated_at = ?3",
                    (snap.id, text, now_stamp()),
                )
            else:
                conn.execute("DELETE FROM notes WHERE item_id = ?", (snap.id,))
                conn.execute(DROP_UNMARKED, (snap.id,))
        self.view.set_noted(snap.id, bool(text.strip()))

    def set_read(self, snaps: Iterable[Snapshot], on: bool = True) -> None:
        snaps = list(snaps)
        with self._write() as conn:
            for snap in snaps:
                if on:
                    save_snapshot(conn, snap, with_body=False)
                    conn.execute(
                        "INSERT OR IGNORE INTO read_marks VALUES (?, ?)", (snap.id, now_stamp())
                    )
                else:
                    conn.execute("DELETE FROM read_marks WHERE item_id = ?", (snap.id,))
                    conn.execute(DROP_UNMARKED, (snap.id,))
        for snap in snaps:
            self.view.set_read(snap.id, on)

    # Reads.

    def refresh(self, force: bool = False) -> bool:
        """Reload the view if another process changed the library; True if it did.

        `PRAGMA data_version` changes only when another connection commits, so this is a
        cheap check to make on a timer or when the app regains focus.
        """
        with self._lock:
            version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            if version == self._data_version and not force:
                return False
            self._data_version = version
            self.view.load(self._conn)
            return True

    def note_of(self, item_id: str) -> str:
        with self._lock:
            row = self._conn.execute(
                "SELECT text FROM notes WHERE item_id = ?", (item_id,)
            ).fetchone()
        return str(row[0]) if row else ""

    def headlines(self) -> dict[str, tuple[int, str]]:
        """Issue number and headline of every record, by id: all that re-attach needs."""
        with self._lock:
            rows = self._conn.execute("SELECT id, number, headline FROM items").fetchall()
        return {str(item_id): (int(number), str(headline)) for item_id, number, headline in rows}

    def snapshot(self, item_id: str) -> Snapshot | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {SNAPSHOT_COLUMNS} FROM items WHERE id = ?", (item_id,)
            ).fetchone()
        return snapshot_from_row(row) if row else None

    def records(self, present: Container[str], kept_only: bool = False) -> list[LibraryRecord]:
        """Every item in the library (or only the bookmarked, tagged or annotated ones), by
        issue and place in the issue.

        `present` holds the ids of the open archive (`archive.places`); records not in
        it are marked `in_archive=False`.
        """
        where = f"WHERE id IN ({KEPT_IDS})" if kept_only else ""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {SNAPSHOT_COLUMNS} FROM items {where} ORDER BY number, position, id"
            ).fetchall()
            tags: dict[str, list[str]] = {}
            for item_id, tag in self._conn.execute("SELECT item_id, tag FROM tags ORDER BY tag"):
                tags.setdefault(item_id, []).append(tag)
            notes = dict(self._conn.execute("SELECT item_id, text FROM notes").fetchall())
            bookmarked = {r[0] for r in self._conn.execute("SELECT item_id FROM bookmarks")}
            read = {r[0] for r in self._conn.execute("SELECT item_id FROM read_marks")}
        return [
            LibraryRecord(
                snapshot=snap,
                bookmarked=snap.id in bookmarked,
                tags=tuple(tags.get(snap.id, ())),
                note=notes.get(snap.id, ""),
                read=snap.id in read,
                in_archive=snap.id in present,
            )
            for snap in map(snapshot_from_row, rows)
        ]

    def _tags_in(self, conn: sqlite3.Connection, item_id: str) -> frozenset[str]:
        rows = conn.execute("SELECT tag FROM tags WHERE item_id = ?", (item_id,))
        return frozenset(row[0] for row in rows)

    @contextmanager
    def write_transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction for library operations kept in their own module (re-attach);
        the view is reloaded after it commits."""
        with self._write() as conn:
            yield conn
        self.refresh(force=True)


def _roll_back(conn: sqlite3.Connection) -> None:
    # A failed COMMIT may already have rolled back; a second ROLLBACK would hide its error.
    if conn.in_transaction:
        conn.execute("ROLLBACK")
