"""The app's connection to the user's library: opening it, writing to it, noticing changes.

`LibraryConnection` is the container the reader's panes sit in; `LibraryKeys` (its subclass,
`widgets.library_keys`) adds the keys that change the library. Here is what the keys and the
screen rely on:

- The library opens in a thread once the archive is read (`attach`), so neither its import
  nor its SQLite file delays the first frame; until then `session` is None and the keys say
  so. `Ready` is posted once it is open.
- Every write goes through `write`, which hands it to the library's writer thread
  (`tui.library.live`) and returns at once: the screen never waits on SQLite, even while
  another process holds the library's write lock (the title bar then says "等待写入…" until
  the change lands, `WriteWaiting`). A `LibraryError` (a read-only session raises one too) is
  shown, not raised.
- A watcher thread notices another process's changes within a second. After every change,
  here or elsewhere, `MarksChanged` is posted: the screen redraws counts and marks; the
  search overlay and the library view above it are redrawn from here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.containers import Container
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.archive.model import Archive
from tui.i18n import N_, _
from tui.typeset.item_notes import NO_NOTES, ItemNotes

if TYPE_CHECKING:
    from tui.library.live import LibraryWatcher, LibraryWriter
    from tui.library.session import LibrarySession
    from tui.screens.library_screen import LibraryScreen

#: How long a notice about the library file (moved aside, read-only) stays up.
NOTICE_TIMEOUT_S = 30
#: At quit, how long changes not yet saved may take (another process may hold the lock).
CLOSE_WAIT_S = 3.0
#: What the keys say while the library is still being opened.
NOT_OPEN_YET = N_("资料库还在打开。")


class LibraryConnection(Container):
    """The open library (`session`), its writer and its watcher."""

    DEFAULT_CSS = "LibraryConnection { height: 1fr; }"

    # Messages take their fields in a plain `__init__`: a dataclass costs ~0.3 ms to create
    # at import, and this module is imported before the app's first frame.
    class Ready(Message):
        """The library is open and bound to the archive just loaded."""

        def __init__(self, session: LibrarySession) -> None:
            super().__init__()
            self.session = session

    class MarksChanged(Message):
        """Bookmarks, tags, notes or read marks changed: redraw what shows them."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LibraryConnection.MarksChanged)

    class WriteWaiting(Message):
        """A change waits for another process's write lock (`waiting`), or no longer does."""

        def __init__(self, waiting: bool) -> None:
            super().__init__()
            self.waiting = waiting

    class Written(Message):
        """A change submitted by `write` was made (`error` None) or could not be."""

        def __init__(
            self,
            result: object,
            error: Exception | None,
            then: Callable[[Any], None] | None,
            failed: str,
        ) -> None:
            super().__init__()
            self.result = result
            self.error = error
            self.then = then
            self.failed = failed

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        #: The open library, or None until it is ready (or if it could not be opened).
        self.session: LibrarySession | None = None
        self._writer: LibraryWriter | None = None
        self._watcher: LibraryWatcher | None = None
        #: Changes submitted whose outcome has not been handled here yet.
        self._unsettled = 0
        self._when_settled: list[Callable[[], object]] = []

    # Opening.

    def attach(self, archive: Archive) -> None:
        """Open the library (the first time) and bind it to `archive`, in a thread."""
        self._open_and_attach(archive)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_and_attach(self, archive: Archive) -> None:
        from tui.library.session import LibrarySession
        from tui.library.store import LibraryError, LibraryStore

        opened = self.session is None
        try:
            session = self.session or LibrarySession(LibraryStore())
            session.attach(archive)
        except LibraryError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        except Exception as error:  # damage no check foresaw: say why, and read on
            reason = _("打开资料库时出错（{kind}）：{error}").format(
                kind=type(error).__name__, error=error
            )
            self.app.call_from_thread(self._failed, reason)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Ready(session))
        elif opened:  # a reload started another attach, which opens its own
            session.store.close()

    def _failed(self, reason: str) -> None:
        """The library could not be opened; the reader works on without it."""
        self.notify(reason, title=_("资料库打不开"), severity="error", markup=False)

    def on_library_connection_ready(self, message: Ready) -> None:
        from tui.library.live import LibraryWatcher, LibraryWriter

        first = self.session is None
        self.session = message.session
        if first:
            store = message.session.store
            self._writer = LibraryWriter(store, self._waiting)
            self._watcher = LibraryWatcher(store, self._changed_elsewhere)
        if first and message.session.notice:
            self.notify(
                message.session.notice,
                title=_("资料库"),
                severity="warning",
                timeout=NOTICE_TIMEOUT_S,
                markup=False,
            )
        self.post_message(self.MarksChanged())

    def on_library_connection_marks_changed(self) -> None:
        """The library changed (here or in another process). Not stopped: the screen redraws
        its panes; the search overlay and the library view above it are redrawn here."""
        from tui.screens.library_screen import LibraryScreen
        from tui.screens.search import SearchScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.marks_changed()
            elif isinstance(screen, LibraryScreen) and self.session is not None:
                self.reload_view(self.session, screen)

    @work(thread=True, exclusive=True, group="library-view", exit_on_error=False)
    def reload_view(self, session: LibrarySession, view: LibraryScreen) -> None:
        """Show the library view the library as it is now."""
        records = session.records()  # from the database: off the UI thread
        self.app.call_from_thread(view.show_records, records)

    def on_unmount(self) -> None:
        """The app is closing: let the writer finish what it was given (a few seconds at
        most: a write still waiting for another process then gives up), then close."""
        if self._watcher is not None:
            self._watcher.stop()
        if self._writer is not None and self.session is not None:
            self._writer.close()
            self._writer.wait_idle(CLOSE_WAIT_S)
            self.session.store.close()

    def _changed_elsewhere(self) -> None:
        """On the watcher's thread: another process changed the library; redraw."""
        self.post_message(self.MarksChanged())

    def _waiting(self, waiting: bool) -> None:
        """On the writer's thread: a change starts or stops waiting for the lock."""
        self.post_message(self.WriteWaiting(waiting))

    # Reading and writing.

    def notes_of(self, item_id: str) -> ItemNotes:
        """The user's marks, tags and note on an item, for the reader (from memory)."""
        session = self.session
        if session is None:
            return NO_NOTES
        marks = session.view
        tags = tuple(sorted(marks.tags_of(item_id)))
        return ItemNotes(marks.is_bookmarked(item_id), tags, marks.note_of(item_id))

    def write(
        self,
        change: Callable[[LibrarySession], object],
        then: Callable[[Any], None] | None = None,
        failed: str = "",
    ) -> bool:
        """Make a change to the library on the writer's thread; `then(result)` runs here once
        it is made (or the error is shown, titled `failed`). False (and said why) when there
        is no library to change yet."""
        session, writer = self.session, self._writer
        if session is None or writer is None:
            self.notify(_(NOT_OPEN_YET), timeout=2)
            return False

        def done(result: object, error: Exception | None) -> None:
            self.post_message(self.Written(result, error, then, failed or _("未保存")))

        self._unsettled += 1
        writer.submit(lambda: change(session), done)
        return True

    @property
    def settled(self) -> bool:
        """Every change asked for has been made (or refused) and shown."""
        return self._unsettled == 0

    def when_settled(self, callback: Callable[[], object]) -> None:
        """Call `callback` (here) once every change asked for so far is made or refused:
        at once if none is waiting."""
        if self.settled:
            callback()
        else:
            self._when_settled.append(callback)

    def on_library_connection_written(self, message: Written) -> None:
        message.stop()
        self._unsettled -= 1
        self.post_message(self.MarksChanged())
        if message.error is not None:
            self.notify(str(message.error), title=message.failed, severity="error", markup=False)
        elif message.then is not None:
            message.then(message.result)
        if self.settled:
            waiting, self._when_settled = self._when_settled, []
            for callback in waiting:
                callback()

    def mark_read(self, item_id: str) -> None:
        """Mark the item read, quietly: nothing is written if it already is."""
        session = self.session
        if session is not None and not session.read_only and not session.view.is_read(item_id):
            self.write(lambda library: library.mark_read(item_id))
