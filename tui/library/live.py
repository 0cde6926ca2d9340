"""The library as a long-running app uses it: writes on a thread of their own, and changes
made by other processes noticed within a second.

`LibraryWriter` makes the app's changes one after the other, in the order asked, on one
thread: the UI thread never waits on SQLite, not even while another process holds the write
lock for minutes (a long export, a script). The store then waits for the lock as long as it
takes (`LibraryStore.wait_for_locks`) and says so, so the app can show "等待写入…".

`LibraryWatcher` asks the store every half second whether another connection committed
(`PRAGMA data_version`, a few microseconds) and reloads the view when one did, also on its
own thread; the app redraws marks, tags and notes when told.

Neither imports Textual: the callbacks they are given run on their threads, and the app
passes ones that hand over to its UI thread.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from tui.library.store import LibraryError, LibraryStore

#: Seconds between two checks for another process's changes.
WATCH_INTERVAL_S = 0.5

Change = Callable[[], Any]
Done = Callable[[Any, LibraryError | None], None]


class LibraryWriter:
    """One thread making changes to `store` in the order they are submitted."""

    def __init__(self, store: LibraryStore, on_wait: Callable[[bool], None]) -> None:
        self.store = store
        store.wait_for_locks(on_wait)
        self._jobs: queue.SimpleQueue[tuple[Change, Done] | None] = queue.SimpleQueue()
        self._idle = threading.Event()
        self._idle.set()
        self._pending = 0
        self._count_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="library-writer", daemon=True)
        self._thread.start()

    def submit(self, change: Change, done: Done) -> None:
        """Run `change()` on the writer's thread, then `done(result, error)` there too
        (`error` a `LibraryError` if the change could not be saved, else None)."""
        with self._count_lock:
            self._pending += 1
            self._idle.clear()
        self._jobs.put((change, done))

    @property
    def busy(self) -> bool:
        """Are changes waiting or being made?"""
        return not self._idle.is_set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every change submitted so far is made (tests, scripts)."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        """Stop after the changes already submitted (a write waiting for another process's
        lock gives up once the store is closed)."""
        self._jobs.put(None)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            change, done = job
            result: Any = None
            error: LibraryError | None = None
            try:
                result = change()
            except LibraryError as raised:
                error = raised
            try:
                done(result, error)
            finally:
                with self._count_lock:
                    self._pending -= 1
                    if self._pending == 0:
                        self._idle.set()


class LibraryWatcher:
    """A thread that reloads `store`'s view when another connection wrote, then calls
    `on_change()` (on that thread)."""

    def __init__(
        self,
        store: LibraryStore,
        on_change: Callable[[], None],
        interval: float = WATCH_INTERVAL_S,
    ) -> None:
        self.store = store
        self._on_change = on_change
        self._interval = interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="library-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        while not self._stopped.wait(self._interval):
            try:
                changed = self.store.refresh()
            except sqlite3.ProgrammingError:  # the store was closed: the app is quitting
                return
            except sqlite3.Error:  # busy for a moment (a checkpoint): the next round sees it
                continue
            if changed and not self._stopped.is_set():
                self._on_change()
