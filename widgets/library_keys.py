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
same for a search's hits. `import_file` merges a colleague's JSON export (the library
view's `i`) through `write`, as one undoable action. After an export it posts `ExportDone`,
for the screen to remember the format and scope in the settings.

Catch-up (`M`), undo and redo, and batches on search results are `LibraryActions`
(`widgets.library_actions`). The keys act on the item on show; the library view (`B`) asks
for the same on the item it lists (`act_on`), and is shown the library again after every
change, this process's or another's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import work
from textual.binding import BindingType
from textual.containers import Container
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.archive.model import Archive, Item
from tui.i18n import _, _n
from tui.keys import LIBRARY_BINDINGS
from tui.settings import ExportChoice
from widgets.item_reader import NO_NOTES, ItemNotes
from widgets.library_actions import LibraryActions

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
        keymap: Mapping[str, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(*children, id=id)
        #: Catch-up, batches, undo and redo.
        self.actions = LibraryActions(self, keymap if keymap is not None else {})
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
                title=_("资料库"),
                severity="warning",
                timeout=NOTICE_TIMEOUT_S,
                markup=False,
            )
        self.post_message(self.MarksChanged())

    def on_library_keys_marks_changed(self) -> None:
        """The library changed (here or in another process). Not stopped: the screen redraws
        its panes; the search overlay and the library view above it are redrawn here."""
        from tui.screens.library_screen import LibraryScreen
        from tui.screens.search import SearchScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.marks_changed()
            elif isinstance(screen, LibraryScreen) and self.session is not None:
                self._reload_view(self.session, screen)

    @work(thread=True, exclusive=True, group="library-view", exit_on_error=False)
    def _reload_view(self, session: LibrarySession, view: LibraryScreen) -> None:
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

    def on_library_keys_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.reason, title=_("资料库打不开"), severity="error", markup=False)

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
        failed: str = "",
    ) -> bool:
        """Make a change to the library on the writer's thread; `then(result)` runs here once
        it is made (or the error is shown, titled `failed`). False (and said why) when there
        is no library to change yet."""
        session, writer = self.session, self._writer
        if session is None or writer is None:
            self.notify(_("资料库还在打开。"), timeout=2)
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

    def on_library_keys_written(self, message: Written) -> None:
        message.stop()
        self._unsettled -= 1
        self.post_message(self.MarksChanged())
        if message.error is not None:
            self.notify(str(message.error), title=message.failed, severity="error", markup=False)
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
            self.notify(_("没有打开的条目。"), timeout=2)
        elif self.session is None:
            self.notify(_("资料库还在打开。"), timeout=2)
            return None
        return item

    def action_bookmark(self) -> None:
        """`b`: bookmark the item on show, or take the bookmark off."""
        item = self._item()
        if item is not None:
            self.act_on(item.id, item.headline, "bookmark")

    def action_toggle_read(self) -> None:
        """`m`: mark the item on show read or unread."""
        item = self._item()
        if item is not None:
            self.act_on(item.id, item.headline, "read")

    def action_edit_tags(self) -> None:
        """`t`: the tag editor, completing from the tags in use."""
        item = self._item()
        if item is not None:
            self.act_on(item.id, item.headline, "tags")

    def action_edit_note(self) -> None:
        """`a`: the note editor for the item on show."""
        item = self._item()
        if item is not None:
            self.act_on(item.id, item.headline, "note")

    def action_catch_up(self) -> None:
        """`M`: mark this issue, the ones before it, or the whole archive read."""
        item = self._item()
        if item is not None:
            self.actions.catch_up(item)

    def undo(self) -> None:
        """ctrl+z / U (on the App): take back the last change to the library."""
        self.actions.replay(redo=False)

    def redo(self) -> None:
        """ctrl+y: make again the change undone last."""
        self.actions.replay(redo=True)

    def act_on(
        self,
        item_id: str,
        headline: str,
        action: Literal["bookmark", "read", "tags", "note", "remove"],
    ) -> None:
        """Do what `b`, `m`, `t`, `a` (or removing, in the library view) do, to this item:
        the reader's keys and the library view's."""
        session = self.session
        if session is None:
            self.notify(_("资料库还在打开。"), timeout=2)
        elif action == "bookmark":
            # The stored bookmark is flipped (another process's included), and the outcome said.
            self.write(
                lambda library: library.toggle_bookmark(item_id),
                lambda on: self.notify(_("已收藏 ★") if on else _("已取消收藏"), timeout=2),
            )
        elif action == "read":
            self.write(
                lambda library: library.toggle_read(item_id),
                lambda read: self.notify(_("已读") if read else _("未读"), timeout=2),
            )
        elif action == "remove":
            hint = _("{key} 撤销").format(key=self.actions.undo_key)
            said = _("已从资料库移除") + " · " + hint
            self.write(lambda library: library.remove(item_id), lambda _: self.notify(said))
        elif action == "tags":
            self._edit_tags(session, item_id, headline)
        else:
            self._edit_note(session, item_id, headline)

    def _edit_tags(self, session: LibrarySession, item_id: str, headline: str) -> None:
        from tui.screens.tag_editor import TagEditor

        marks = session.view
        shown = sorted(marks.tags_of(item_id))
        editor = TagEditor(headline, shown, marks.all_tags())

        def save(tags: tuple[str, ...] | None) -> None:
            # What the user changed, applied to the tags as stored then: a tag another
            # process added meanwhile stays.
            if tags is not None:
                add = [tag for tag in tags if tag not in shown]
                remove = [tag for tag in shown if tag not in tags]
                if add or remove:
                    self.write(lambda library: library.change_tags(item_id, add, remove))

        self.app.push_screen(editor, save)

    def _edit_note(self, session: LibrarySession, item_id: str, headline: str) -> None:
        from tui.screens.note_editor import NoteEditor

        shown = session.note_of(item_id)

        def save(text: str | None) -> None:
            if text is not None:
                self.write(lambda library: library.set_note(item_id, text, shown), self._noted)

        self.app.push_screen(NoteEditor(headline, shown), save)

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
            self.notify(_("资料库还在打开。"), timeout=2)
            return

        def chosen(item_id: str | None) -> None:
            if item_id is not None:
                self.post_message(self.ItemChosen(item_id))

        view = LibraryScreen()  # opens at once; its records are read in a thread
        self.app.push_screen(view, chosen)
        self._reload_view(self.session, view)

    def action_export(self) -> None:
        """`e`: export the library to a file in the current directory (by default)."""
        self.export()

    def export(self, hits: tuple[str, ...] | None = None, query: str = "") -> None:
        """The export dialog, for the library or for the items a search found (`hits`)."""
        if self.session is None:
            self.notify(_("资料库还在打开。"), timeout=2)
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
                where = _n("{count} 条 → {path}", done.count).format(
                    count=done.count, path=done.path
                )
                self.notify(where, title=_("已导出"), markup=False)

        self.app.push_screen(dialog, written)

    def import_file(self, path: Path) -> None:
        """Merge a colleague's JSON export into the library (one undoable action); the
        library view shows the result, as after every change."""
        if self.session is None:
            self.notify(_("资料库还在打开。"), timeout=2)
            return
        self.write(lambda library: library.import_collection(path), self._imported, _("没有导入"))

    def _imported(self, report: ImportReport) -> None:
        hint = _("{key} 撤销").format(key=self.actions.undo_key) if report.changed else ""
        summary = report.summary() + (f" · {hint}" if hint else "")
        self.notify(summary, title=_("导入"), timeout=8, markup=False)

    def act_on_all(
        self,
        action: Literal["bookmark", "tag"],
        item_ids: tuple[str, ...],
        done: Callable[[], None],
    ) -> None:
        """ctrl+b / ctrl+t in search (see `LibraryActions.on_all`); `done` after."""
        self.actions.on_all(action, item_ids, done)
