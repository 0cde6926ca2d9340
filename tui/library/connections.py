"""The library's SQLite connections and write transactions, under `LibraryStore`.

Every write is its own short `BEGIN IMMEDIATE` transaction on a connection of its own
(`_write`); reads, and the in-memory `view`, go through another: in WAL mode a read never
waits for a write, so the app can wait for another process's lock on one thread
(`wait_for_locks`) while its screen reads on. `refresh` reloads the view when another
connection committed (`PRAGMA data_version`: a cheap check to poll). A write states how
the view shows it (`_changed`); the view changes once the write has committed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from tui import paths
from tui.i18n import _
from tui.library.marks import LibraryMarks
from tui.library.opening import connect_again, open_library

#: How long one attempt to take the write lock waits while `wait_for_locks` is on.
WAIT_STEP_MS = 200
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


class LibraryError(Exception):
    """A library operation could not be done; the message says why, in one line."""


class LibraryReadOnly(LibraryError):
    """A write was asked of a read-only session."""


class LibraryConnections:
    """The open library file: its read and write connections, its locks and its view."""

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

    def __enter__(self) -> Self:
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
