"""The user's library on disk: bookmarks, tags, notes and read marks in one SQLite file.

Every write is its own short `BEGIN IMMEDIATE` transaction that states the change it makes
against what is stored at that moment — "bookmarked", "add tag X, remove tag Y", "toggle
what is stored" — never a copy of the whole state read earlier, so two zhoubao processes
writing at once lose nothing and repeating a write changes nothing. A note saved from an
editor is compared with the note it started from (`tui.library.notes`). Each write also
stores a snapshot of the item, so the record outlives the file it came from.

Writes go through their own connection; reads, and the in-memory `view`, through another:
in WAL mode a read never waits for a write, so the app can wait for another process's lock
on one thread (`wait_for_locks`) while its screen reads on. `refresh` reloads the view when
another connection committed (`PRAGMA data_version`: a cheap check to poll).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tui import paths
from tui.i18n import _
from tui.library.edits import retag, save_note, set_mark
from tui.library.marks import LibraryMarks
from tui.library.notes import NoteSaved
from tui.library.opening import connect_again, open_library
from tui.library.records import LibraryRecord, Snapshot
from tui.library.rows import (
    KEPT_IDS,
    SNAPSHOT_COLUMNS,
    clean_tags,
    snapshot_from_row,
)

#: How long one attempt to take the write lock waits while `wait_for_locks` is on.
WAIT_STEP_MS = 200
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


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
        self._write_conn: sqlite3.Connection | None = None
        # Reads, writes and changes to the view each have a lock; a write may take the
        # read lock (to find a snapshot) and then the view's, a reload the read lock and
        # then the view's: never the other way round.
        self._read_lock = threading.RLock()
        self._write_lock = threading.RLock()
        self._view_lock = threading.Lock()
        self._on_wait: Callable[[bool], None] | None = None
        self._closing = False
        #: Changes to the view that the write under way makes once it commits.
        self._pending: list[Callable[[LibraryMarks], None]] = []
        self.view = LibraryMarks()
        self._data_version = -1
        try:
            self.refresh()
        except BaseException:
            self._conn.close()
            raise

    def wait_for_locks(self, on_wait: Callable[[bool], None]) -> None:
        """From now on a write waits as long as another process holds the write lock,
        calling `on_wait(True)` when it starts waiting and `on_wait(False)` when it has the
        lock (the app shows "等待写入…"); without this a write gives up after 15 s."""
        self._on_wait = on_wait

    def close(self) -> None:
        """Close the library; a write still waiting for another process gives up."""
        self._closing = True
        with self._write_lock, self._read_lock:
            if self._write_conn is not None:
                self._write_conn.close()
            self._conn.close()

    def __enter__(self) -> LibraryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _writer(self) -> sqlite3.Connection:
        if self._write_conn is None:
            try:
                self._write_conn = connect_again(self.path)
            except sqlite3.Error as error:
                raise LibraryError(self._cannot_save(error)) from error
        return self._write_conn

    def _cannot_save(self, error: Exception) -> str:
        return _("无法保存到 {path}：{reason}").format(path=self.path, reason=error)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise LibraryReadOnly(self.notice or _("这次打开的资料库是只读的。"))
        with self._write_lock:
            conn = self._writer()
            self._begin(conn)
            self._pending.clear()
            try:
                yield conn
                conn.execute("COMMIT")
            except (sqlite3.Error, UnicodeError) as error:
                _roll_back(conn)
                raise LibraryError(self._cannot_save(error)) from error
            except BaseException:
                _roll_back(conn)
                raise
            finally:
                changes, self._pending = self._pending, []
            # After the COMMIT, under the view's lock: a reload (`refresh`) either read the
            # committed write already or comes after these.
            with self._view_lock:
                for change in changes:
                    change(self.view)

    def _begin(self, conn: sqlite3.Connection) -> None:
        """BEGIN IMMEDIATE: take the write lock, waiting for it as `wait_for_locks` says."""
        on_wait = self._on_wait
        if on_wait is not None:
            conn.execute(f"PRAGMA busy_timeout = {WAIT_STEP_MS}")
        waiting = False
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    code = getattr(error, "sqlite_errorcode", -1) & 0xFF
                    if on_wait is None or code not in _BUSY_CODES or self._closing:
                        raise LibraryError(self._cannot_save(error)) from error
                    if not waiting:
                        waiting = True
                        on_wait(True)
        finally:
            if waiting:
                on_wait(False)  # type: ignore[misc]  # not None while waiting

    # Writes. Each states a change to what is stored now, so repeating it is harmless.

    def set_bookmark(self, snap: Snapshot, on: bool = True) -> None:
        self.set_bookmarks([snap], on)

    def set_bookmarks(self, snaps: Iterable[Snapshot], on: bool = True) -> None:
        """Bookmark (or un-bookmark) many items in one transaction: search results, say."""
        snaps = list(snaps)
        with self._write() as conn:
            for snap in snaps:
                set_mark(conn, "bookmarks", snap, on)
            self._changed(lambda view: view.set_bookmarked([s.id for s in snaps], on))

    def toggle_bookmark(self, snap: Snapshot) -> bool:
        """Flip the stored bookmark in one transaction; returns whether it is now on."""
        return self._toggle("bookmarks", snap)

    def toggle_read(self, snap: Snapshot) -> bool:
        """Flip the stored read mark in one transaction; returns whether it is now read."""
        return self._toggle("read_marks", snap)

    def _toggle(self, table: str, snap: Snapshot) -> bool:
        with self._write() as conn:
            stored = conn.execute(f"SELECT 1 FROM {table} WHERE item_id = ?", (snap.id,))
            on = stored.fetchone() is None
            set_mark(conn, table, snap, on)
            if table == "bookmarks":
                self._changed(lambda view: view.set_bookmarked([snap.id], on))
            else:
                self._changed(lambda view: view.set_read([snap.id], on))
        return on

    def add_tags(self, snaps: Iterable[Snapshot], tags: Iterable[str]) -> None:
        """Give every item each of `tags` (kept tags stay)."""
        self.change_tags(snaps, add=tags)

    def change_tags(
        self, snaps: Iterable[Snapshot], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> None:
        """Add and remove these tags, in one transaction: the tags the user did not touch —
        another process's too — stay as they are stored."""
        added, removed = clean_tags(add), clean_tags(remove)
        with self._write() as conn:
            now = {snap.id: retag(conn, snap, added, removed) for snap in snaps}
            self._changed(lambda view: view.set_tags(now))

    def remove_tags(self, item_id: str, tags: Iterable[str]) -> None:
        removed = clean_tags(tags)
        with self._write() as conn:
            now = {item_id: retag(conn, None, [], removed, item_id)}
            self._changed(lambda view: view.set_tags(now))

    def set_note(self, snap: Snapshot, text: str) -> None:
        """Store the note exactly as written; an empty (or all-space) note removes it."""
        self.save_note(snap, text)

    def save_note(self, snap: Snapshot, text: str, base: str | None = None) -> NoteSaved:
        """Save a note from an editor that started from `base` (see `tui.library.notes`):
        if the stored note changed since, both texts are kept."""
        with self._write() as conn:
            final, outcome = save_note(conn, snap, text, base)
            self._changed(lambda view: view.set_note(snap.id, final))
        return outcome

    def update(
        self,
        snap: Snapshot,
        *,
        bookmark: bool | None = None,
        add_tags: Iterable[str] = (),
        note: str | None = None,
    ) -> None:
        """Several changes to one item in one transaction: all of them are kept, or none
        (`zhoubao bookmark ID --tag T --note N`)."""
        added = clean_tags(add_tags)
        with self._write() as conn:
            if bookmark is not None:
                set_mark(conn, "bookmarks", snap, bookmark)
            tags = retag(conn, snap, added, []) if added else None
            final = save_note(conn, snap, note, None)[0] if note is not None else None

            def show(view: LibraryMarks) -> None:
                if bookmark is not None:
                    view.set_bookmarked([snap.id], bookmark)
                if tags is not None:
                    view.set_tags({snap.id: tags})
                if final is not None:
                    view.set_note(snap.id, final)

            self._changed(show)

    def set_read(self, snaps: Iterable[Snapshot], on: bool = True) -> None:
        snaps = list(snaps)
        with self._write() as conn:
            for snap in snaps:
                set_mark(conn, "read_marks", snap, on)
            self._changed(lambda view: view.set_read([s.id for s in snaps], on))

    def _changed(self, change: Callable[[LibraryMarks], None]) -> None:
        """Show this write in the view once it is committed."""
        self._pending.append(change)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction for changes made in their own module (`tui.library.history`);
        `after_commit` says how the view shows them."""
        with self._write() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The read connection, for queries kept in their own module: never waits for a
        write (WAL), of this process or another."""
        with self._read_lock:
            yield self._conn

    def after_commit(self, change: Callable[[LibraryMarks], None]) -> None:
        """Inside `transaction`: update the view this way once the transaction commits."""
        self._changed(change)

    # Reads.

    def refresh(self, force: bool = False) -> bool:
        """Reload the view if another connection (another process, or this store's own
        writes) committed since; True if it did.

        `PRAGMA data_version` changes only when another connection commits: a cheap check
        to make every half second, from a thread (the app's `LibraryWatcher`).
        """
        with self._read_lock, self._view_lock:
            version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            if version == self._data_version and not force:
                return False
            self._data_version = version
            self.view.load(self._conn)
            return True

    def note_of(self, item_id: str) -> str:
        """The item's note as stored when the view was last loaded or written."""
        return self.view.note_of(item_id)

    def headlines(self) -> dict[str, tuple[int, str]]:
        """Issue number and headline of every record, by id: all that re-attach needs."""
        with self._read_lock:
            rows = self._conn.execute("SELECT id, number, headline FROM items").fetchall()
        return {str(item_id): (int(number), str(headline)) for item_id, number, headline in rows}

    def snapshot(self, item_id: str) -> Snapshot | None:
        with self._read_lock:
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
        with self._read_lock:
            rows = self._conn.execute(
                f"SELECT {SNAPSHOT_COLUMNS}, saved_at FROM items {where} "
                "ORDER BY number, position, id"
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
                kept_at=str(row[-1]),
            )
            for snap, row in ((snapshot_from_row(row[:-1]), row) for row in rows)
        ]

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
