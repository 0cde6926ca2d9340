"""The library around the panes: the open `LibrarySession` and the keys that change it.

A container: the reader's panes sit inside it, so its keys (b t a m B e) are active while
a pane has the focus and not while a dialog is open. Its one declared dependency is the item
the keys act on, `current_item`, a callable the screen passes in; it knows nothing else of
the reader. It posts `MarksChanged` after every change (the screen redraws counts and marks)
and `ItemChosen` when the library view (`B`) picks an item to read.

The library opens in a thread once the archive is read (`attach`), so neither its import nor
its SQLite file delays the first frame; until then the keys say so. Every write goes through
`write`, which hands it to the library's writer thread (`tui.library.live`) and returns at
once: the screen never waits on SQLite, even while another process holds the library's
write lock (the title bar then says "等待写入…" until the change lands). A `LibraryError`
(a read-only session raises one too) is shown, not raised. A watcher thread notices another
process's changes within a second and posts `MarksChanged`. Each edit is a change against
what is stored (tags added and removed, a toggle of the stored mark, a note saved against
the text the editor opened with), never a stale copy written back.

`e` opens the export dialog on the library's records, read in a thread; `export` does the
same for a search's hits. `import_file` merges a colleague's JSON export in a thread (the
library view's `i`). After an export it posts `ExportDone`, for the screen to remember the
format and scope in the settings.

Seam: the `library-ux` engineer builds catch-up, undo and the library view's actions on
`write` (with its `then`) and `session`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.binding import BindingType
from textual.containers import Container
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.archive.model import Archive, Item
from tui.i18n import _
from tui.keys import LIBRARY_BINDINGS
from tui.settings import ExportChoice
from widgets.item_reader import NO_NOTES, ItemNotes

if TYPE_CHECKING:
    from tui.library.live import LibraryWatcher, LibraryWriter
    from tui.library.notes import NoteSaved
    from tui.library.records import LibraryRecord
    from tui.library.session import LibrarySession
    from tui.library.sharing import ImportReport
    from tui.screens.export_dialog import Exported, SearchHits
    from tui.screens.library_screen import LibraryScreen

#: How long a notice about the library file (moved aside, read-only) stays up.
NOTICE_TIMEOUT_S = 30
#: At quit, how long changes not yet saved may take (another process may hold the lock).
CLOSE_WAIT_S = 3.0


class LibraryKeys(Container):
    """The user's library for the item `current_item()` returns, and its keys."""

    BINDINGS: ClassVar[list[BindingType]] = LIBRARY_BINDINGS

    DEFAULT_CSS = "LibraryKeys { height: 1fr; }"

    # Messages take their fields in a plain `__init__`: a dataclass costs ~0.3 ms to create
    # at import, and this module is imported before the app's first frame.
    class Ready(Message):
        """The library is open and bound to the archive just loaded."""

        def __init__(self, session: LibrarySession) -> None:
            super().__init__()
            self.session = session

    class Failed(Message):
        """The library could not be opened; the reader works on without it."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class MarksChanged(Message):
        """Bookmarks, tags, notes or read marks changed: redraw what shows them."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LibraryKeys.MarksChanged)

    class WriteWaiting(Message):
        """A change waits for another process's write lock (`waiting`), or no longer does."""

        def __init__(self, waiting: bool) -> None:
            super().__init__()
            self.waiting = waiting

    class Written(Message):
        """A change submitted by `write` was made (`error` None) or could not be."""

        def __init__(
            self, result: object, error: Exception | None, then: Callable[[Any], None] | None
        ) -> None:
            super().__init__()
            self.result = result
            self.error = error
            self.then = then

    class ItemChosen(Message):
        """The library view picked an item to read."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class ExportDone(Message):
        """An export was written with this format and scope: the next one starts there."""

        def __init__(self, choice: ExportChoice) -> None:
            super().__init__()
            self.choice = choice

    def __init__(
        self,
        *children: Widget,
        current_item: Callable[[], Item | None],
        last_export: ExportChoice | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(*children, id=id)
        self._current_item = current_item
        #: The open library, or None until it is ready (or if it could not be opened).
        self.session: LibrarySession | None = None
        self._writer: LibraryWriter | None = None
        self._watcher: LibraryWatcher | None = None
        #: Changes submitted whose outcome has not been handled here yet.
        self._unsettled = 0
        #: The last export's format and scope, which the export dialog offers first.
        self.last_export = last_export

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
            self.post_message(self.Failed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Ready(session))
        elif opened:  # a reload started another attach, which opens its own
            session.store.close()

    def on_library_keys_ready(self, message: Ready) -> None:
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
                title="资料库",
                severity="warning",
                timeout=NOTICE_TIMEOUT_S,
                markup=False,
            )
        self.post_message(self.MarksChanged())

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

    def on_library_keys_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.reason, title="资料库打不开", severity="error", markup=False)

    # What the panes show.

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
    ) -> bool:
        """Make a change to the library on the writer's thread; `then(result)` runs here once
        it is made. False (and said why) when there is no library to change yet."""
        session, writer = self.session, self._writer
        if session is None or writer is None:
            self.notify("资料库还在打开。", timeout=2)
            return False

        def done(result: object, error: Exception | None) -> None:
            self.post_message(self.Written(result, error, then))

        self._unsettled += 1
        writer.submit(lambda: change(session), done)
        return True

    @property
    def settled(self) -> bool:
        """Every change asked for has been made (or refused) and shown."""
        return self._unsettled == 0

    def on_library_keys_written(self, message: Written) -> None:
        message.stop()
        self._unsettled -= 1
        self.post_message(self.MarksChanged())
        if message.error is not None:
            self.notify(str(message.error), title="未保存", severity="error", markup=False)
        elif message.then is not None:
            message.then(message.result)

    def mark_read(self, item_id: str) -> None:
        """Mark the item read, quietly: nothing is written if it already is."""
        session = self.session
        if session is not None and not session.read_only and not session.view.is_read(item_id):
            self.write(lambda library: library.mark_read(item_id))

    # The keys.

    def _item(self) -> Item | None:
        """The item the keys act on; says so when there is none or the library is not open."""
        item = self._current_item()
        if item is None:
            self.notify("没有打开的条目。", timeout=2)
        elif self.session is None:
            self.notify("资料库还在打开。", timeout=2)
            return None
        return item

    def action_bookmark(self) -> None:
        """`b`: bookmark the item on show, or take the bookmark off."""
        item = self._item()
        if item is not None:
            # The stored bookmark is flipped (another process's included), and the outcome said.
            self.write(
                lambda library: library.toggle_bookmark(item.id),
                lambda on: self.notify("已收藏 ★" if on else "已取消收藏", timeout=2),
            )

    def action_toggle_read(self) -> None:
        """`m`: mark the item on show read or unread."""
        item = self._item()
        if item is not None:
            self.write(
                lambda library: library.toggle_read(item.id),
                lambda read: self.notify("已读" if read else "未读", timeout=2),
            )

    def action_edit_tags(self) -> None:
        """`t`: the tag editor, completing from the tags in use."""
        from tui.screens.tag_editor import TagEditor

        item = self._item()
        if item is None or self.session is None:
            return
        marks = self.session.view
        shown = sorted(marks.tags_of(item.id))
        editor = TagEditor(item.headline, shown, marks.all_tags())

        def save(tags: tuple[str, ...] | None) -> None:
            # What the user changed, applied to the tags as stored then: a tag another
            # process added meanwhile stays.
            if tags is not None:
                add = [tag for tag in tags if tag not in shown]
                remove = [tag for tag in shown if tag not in tags]
                if add or remove:
                    self.write(lambda library: library.change_tags(item.id, add, remove))

        self.app.push_screen(editor, save)

    def action_edit_note(self) -> None:
        """`a`: the note editor for the item on show."""
        from tui.screens.note_editor import NoteEditor

        item = self._item()
        if item is None or self.session is None:
            return

        shown = self.session.note_of(item.id)

        def save(text: str | None) -> None:
            if text is not None:
                self.write(lambda library: library.set_note(item.id, text, shown), self._noted)

        self.app.push_screen(NoteEditor(item.headline, shown), save)

    def _noted(self, outcome: NoteSaved) -> None:
        from tui.library.notes import NoteSaved

        if outcome is NoteSaved.MERGED:
            message = _("备注在别处也改过了：两份都保留在备注里。")
        elif outcome is NoteSaved.KEPT_OTHER:
            message = _("备注在别处改过了，没有删除。")
        else:
            return
        self.notify(message, title=_("备注"), severity="warning", timeout=8)

    def action_library(self) -> None:
        """`B`: every kept item; the one chosen opens in the reader."""
        from tui.screens.library_screen import LibraryScreen

        if self.session is None:
            self.notify("资料库还在打开。", timeout=2)
            return

        def chosen(item_id: str | None) -> None:
            if item_id is not None:
                self.post_message(self.ItemChosen(item_id))

        self.app.push_screen(LibraryScreen(self.session.records()), chosen)

    def action_export(self) -> None:
        """`e`: export the library to a file in the current directory (by default)."""
        self.export()

    def export(self, hits: tuple[str, ...] | None = None, query: str = "") -> None:
        """The export dialog, for the library or for the items a search found (`hits`)."""
        if self.session is None:
            self.notify("资料库还在打开。", timeout=2)
            return
        self._gather_export(self.session, hits, query)

    @work(thread=True, exclusive=True, group="library-export", exit_on_error=False)
    def _gather_export(
        self, session: LibrarySession, hits: tuple[str, ...] | None, query: str
    ) -> None:
        # The records come from the database: read them off the UI thread.
        from tui.screens.export_dialog import SearchHits

        records = session.records()
        found = SearchHits(query, session.records_of(hits)) if hits is not None else None
        self.app.call_from_thread(self._open_export, records, found, session.view.all_tags())

    def _open_export(
        self, records: list[LibraryRecord], hits: SearchHits | None, tags: tuple[str, ...]
    ) -> None:
        from tui.screens.export_dialog import ExportDialog

        dialog = ExportDialog(records, Path.cwd(), tags, hits=hits, last=self.last_export)

        def written(done: Exported | None) -> None:
            if done is not None:
                self.last_export = done.choice
                self.post_message(self.ExportDone(done.choice))
                where = _("{count} 条 → {path}").format(count=done.count, path=done.path)
                self.notify(where, title=_("已导出"), markup=False)

        self.app.push_screen(dialog, written)

    def import_file(self, path: Path, view: LibraryScreen | None = None) -> None:
        """Merge a colleague's JSON export into the library, then show `view` the result."""
        if self.session is None:
            self.notify("资料库还在打开。", timeout=2)
            return
        self._import(self.session, path, view)

    @work(thread=True, exclusive=True, group="library-import", exit_on_error=False)
    def _import(self, session: LibrarySession, path: Path, view: LibraryScreen | None) -> None:
        from tui.library.store import LibraryError

        try:
            report = session.import_collection(path)
        except LibraryError as error:
            self.app.call_from_thread(
                self.notify, str(error), title=_("没有导入"), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._imported, report, session.records(), view)

    def _imported(
        self, report: ImportReport, records: list[LibraryRecord], view: LibraryScreen | None
    ) -> None:
        self.notify(report.summary(), title=_("导入"), timeout=8, markup=False)
        self.post_message(self.MarksChanged())
        if view is not None and view.is_attached:
            view.show_records(records)

    def act_on_all(self, action: str, item_ids: tuple[str, ...], done: Callable[[], None]) -> None:
        """ctrl+b / ctrl+t in search: bookmark or tag every hit listed; `done` after."""
        from tui.screens.tag_editor import TagEditor

        def finished(what: str) -> None:
            self.notify(f"{len(item_ids)} 条{what}", timeout=3)
            done()

        if self.session is None:
            self.notify("资料库还在打开。", timeout=2)
        elif action == "bookmark":
            self.write(
                lambda library: library.bookmark_all(item_ids), lambda _: finished("已收藏 ★")
            )
        else:

            def save(tags: tuple[str, ...] | None) -> None:
                if tags:
                    said = "加上了标签 " + " ".join(f"#{tag}" for tag in tags)
                    self.write(
                        lambda library: library.tag_all(item_ids, tags), lambda _: finished(said)
                    )

            headline = f"给 {len(item_ids)} 条搜索结果加标签"
            self.app.push_screen(TagEditor(headline, (), self.session.view.all_tags()), save)
