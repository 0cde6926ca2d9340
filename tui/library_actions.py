"""The reader app's library keys: bookmark, tags, note, read marks, the library view, export,
and the search overlay's batch keys (bookmark or tag every hit).

The library opens in a thread once the archive is read, so neither its import nor its
SQLite file delays the first frame; until then the keys say so. Every write goes through
`_write`, which shows a `LibraryError` (a read-only session raises one too) instead of
failing. After each change the panes are told, so counts and marks follow at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.worker import get_current_worker

from tui.archive.model import Archive
from tui.navigation import Position, ReadingOrder
from widgets.item_reader import NO_NOTES, ItemNotes
from widgets.reader_panes import ReaderPanes
from widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui.library.session import LibrarySession
    from tui.screens.search import SearchScreen

#: How long a notice about the library file (moved aside, read-only) stays up.
NOTICE_TIMEOUT_S = 30


# Messages take their fields in a plain `__init__`: a dataclass costs ~0.3 ms to create at
# import, and this module is imported before the app's first frame.
class LibraryReady(Message):
    """The library is open and bound to the archive just loaded."""

    def __init__(self, session: LibrarySession) -> None:
        super().__init__()
        self.session = session


class LibraryFailed(Message):
    """The library could not be opened; the reader works on without it."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class LibraryActions(App[None]):
    """The library half of `ZhoubaoApp`: its key actions and the reading timer."""

    #: Seconds an item stays in the reader before it counts as read (tests shorten it).
    read_delay_s = 2.0
    #: The open library, or None until it is ready (or if it could not be opened).
    library: LibrarySession | None = None
    _read_timer: Timer | None = None

    # The reader app provides these.
    position: Position | None
    order: ReadingOrder
    open_item: Callable[[str | None], None]

    @property
    def panes(self) -> ReaderPanes:
        return self.query_one(ReaderPanes)

    # Opening.

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def attach_library(self, archive: Archive) -> None:
        """Open the library (first time) and bind it to `archive`, re-attaching records."""
        from tui.library.session import LibrarySession
        from tui.library.store import LibraryError, LibraryStore

        opened = self.library is None
        try:
            session = self.library or LibrarySession(LibraryStore())
            session.attach(archive)
        except LibraryError as error:
            self.post_message(LibraryFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(LibraryReady(session))
        elif opened:  # a reload started another attach, which opens its own
            session.store.close()

    @on(LibraryReady)
    def _library_ready(self, message: LibraryReady) -> None:
        first = self.library is None
        self.library = message.session
        self.query_one(TitleBar).read_only = message.session.read_only
        if first and message.session.notice:
            self.notify(
                message.session.notice,
                title="资料库",
                severity="warning",
                timeout=NOTICE_TIMEOUT_S,
                markup=False,
            )
        self.marks_changed()

    @on(LibraryFailed)
    def _library_failed(self, message: LibraryFailed) -> None:
        self.notify(message.reason, title="资料库打不开", severity="error", markup=False)

    # What the panes show.

    def notes_of(self, item_id: str) -> ItemNotes:
        """The user's marks, tags and note on an item, for the reader."""
        library = self.library
        if library is None:
            return NO_NOTES
        view = library.view
        note = library.note_of(item_id) if view.has_note(item_id) else ""
        return ItemNotes(view.is_bookmarked(item_id), tuple(sorted(view.tags_of(item_id))), note)

    def marks_changed(self) -> None:
        """Redraw counts and marks in every pane after the library changed."""
        if self.library is not None:
            current = self._current_item()
            notes = self.notes_of(current) if current else NO_NOTES
            self.panes.marks_changed(self.library.view, notes)

    def _current_item(self) -> str | None:
        return self.position[1] if self.position is not None else None

    def _write(self, change: Callable[[LibrarySession], object]) -> bool:
        """Make a change to the library; show why if it cannot be made."""
        from tui.library.store import LibraryError

        if self.library is None:
            self.notify("资料库还在打开。", timeout=2)
            return False
        try:
            change(self.library)
        except LibraryError as error:
            self.notify(str(error), title="未保存", severity="error", markup=False)
            return False
        finally:
            self.marks_changed()
        return True

    # Reading marks.

    def reading_started(self, item_id: str) -> None:
        """The reader shows a new item: it counts as read after `read_delay_s` on screen."""
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(
            self.read_delay_s, lambda: self._read_long_enough(item_id)
        )

    def _read_long_enough(self, item_id: str) -> None:
        if self._current_item() == item_id:
            self.mark_read(item_id)

    def mark_read(self, item_id: str) -> None:
        """Mark the item read, quietly: nothing is written if it already is."""
        library = self.library
        if library is not None and not library.read_only and not library.view.is_read(item_id):
            self._write(lambda session: session.mark_read(item_id))

    # The keys.

    def _with_item(self) -> str | None:
        item_id = self._current_item()
        if item_id is None:
            self.notify("没有打开的条目。", timeout=2)
        return item_id

    def action_bookmark(self) -> None:
        """`b`: bookmark the item on show, or take the bookmark off."""
        item_id = self._with_item()
        if item_id is not None and self._write(lambda session: session.toggle_bookmark(item_id)):
            on_now = self.library is not None and self.library.view.is_bookmarked(item_id)
            self.notify("已收藏 ★" if on_now else "已取消收藏", timeout=2)

    def action_toggle_read(self) -> None:
        """`m`: mark the item on show read or unread."""
        item_id = self._with_item()
        if item_id is not None and self._write(lambda session: session.toggle_read(item_id)):
            read = self.library is not None and self.library.view.is_read(item_id)
            self.notify("已读" if read else "未读", timeout=2)

    def action_next_unread(self) -> None:
        """`u`: the next unread item down the issue list, wrapping round."""
        if self.library is None:
            self.notify("资料库还在打开。", timeout=2)
            return
        ids = [item.id for issue in self.order.issues for item in issue.items]
        target = self.library.next_unread(ids, self._current_item())
        if target is None:
            self.notify("全部已读。", timeout=2)
        else:
            self.open_item(target)

    def action_edit_tags(self) -> None:
        """`t`: the tag editor, completing from the tags in use."""
        from tui.screens.tag_editor import TagEditor

        item_id, headline = self._item_and_headline()
        if item_id is None or self.library is None:
            return
        view = self.library.view
        editor = TagEditor(headline, sorted(view.tags_of(item_id)), view.all_tags())

        def save(tags: tuple[str, ...] | None) -> None:
            if tags is not None:
                self._write(lambda session: session.set_tags(item_id, tags))

        self.push_screen(editor, save)

    def action_edit_note(self) -> None:
        """`a`: the note editor for the item on show."""
        from tui.screens.note_editor import NoteEditor

        item_id, headline = self._item_and_headline()
        if item_id is None or self.library is None:
            return

        def save(text: str | None) -> None:
            if text is not None:
                self._write(lambda session: session.set_note(item_id, text))

        self.push_screen(NoteEditor(headline, self.library.note_of(item_id)), save)

    def _item_and_headline(self) -> tuple[str | None, str]:
        item_id = self._with_item()
        if item_id is not None and self.library is None:
            self.notify("资料库还在打开。", timeout=2)
        item = self.panes.reader.item
        return item_id, item.headline if item is not None else ""

    def action_library(self) -> None:
        """`B`: every kept item; the one chosen opens in the reader."""
        from tui.screens.library_view import LibraryScreen

        if self.library is None:
            self.notify("资料库还在打开。", timeout=2)
            return
        self.push_screen(LibraryScreen(self.library.records()), self.open_item)

    def action_export(self) -> None:
        """`e`: export the library to a file in the current directory (by default)."""
        from tui.screens.export_dialog import ExportDialog

        if self.library is None:
            self.notify("资料库还在打开。", timeout=2)
            return
        records = self.library.records()
        dialog = ExportDialog(records, Path.cwd(), self.library.view.all_tags())

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(str(path), title="已导出", markup=False)

        self.push_screen(dialog, written)

    def on_search_screen_batch_requested(self, message: SearchScreen.BatchRequested) -> None:
        """ctrl+b / ctrl+t in the search overlay: bookmark or tag every hit listed."""
        from tui.screens.search import SearchScreen
        from tui.screens.tag_editor import TagEditor

        ids = message.item_ids
        search = self.screen if isinstance(self.screen, SearchScreen) else None

        def done(what: str) -> None:
            self.notify(f"{len(ids)} 条{what}", timeout=3)
            if search is not None:
                search.marks_changed()

        if self.library is None:
            self.notify("资料库还在打开。", timeout=2)
        elif message.action == "bookmark":
            if self._write(lambda session: session.bookmark_all(ids)):
                done("已收藏 ★")
        else:

            def save(tags: tuple[str, ...] | None) -> None:
                if tags and self._write(lambda session: session.tag_all(ids, tags)):
                    done("加上了标签 " + " ".join(f"#{tag}" for tag in tags))

            headline = f"给 {len(ids)} 条搜索结果加标签"
            self.push_screen(TagEditor(headline, (), self.library.view.all_tags()), save)
