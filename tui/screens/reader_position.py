"""The reader's state and going to an item: the base every part of `ReaderScreen` shares.

`ReaderPosition` declares and initialises everything the reader screen owns — the archive,
its `ReadingOrder`, the reading `position` (issue row, item id), the saved search open in the
tree, the archive's one search engine, the reading timer — and the moves every other part
makes: showing an issue's item (`_go_to`), an item of the open saved search
(`_go_to_view_item`), stepping (`_step`) and `open_item`, the seam for every screen that
picks an item. The parts built on it: `ReaderLoading` (the archive arriving),
`ReaderSearch` (search, saved searches, trends) and `ReaderScreen` (panes and keys).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import events, on
from textual.screen import Screen

from tui.archive.cache import ArchivePreview
from tui.archive.model import Archive, Item
from tui.i18n import _
from tui.navigation import Position, ReadingOrder
from tui.reading_timer import ReadingTimer
from tui.settings import LastRead, Settings
from widgets.item_reader import ItemReader
from widgets.library_keys import LibraryKeys
from widgets.reader_panes import ReaderPanes
from widgets.search_indexer import SearchIndexer

if TYPE_CHECKING:
    from tui.library.session import LibrarySession
    from tui.search import ItemMarks, SearchEngine
    from tui.search.views import SearchView, ViewRow


class ReaderPosition(Screen[None]):
    """The reading state of one archive folder and the moves through it."""

    def __init__(
        self,
        archive_root: Path,
        settings: Settings,
        *,
        archive: Archive | None = None,
        preview: ArchivePreview | None = None,
        on_first_item_drawn: Callable[[], None] | None = None,
    ) -> None:
        """Read `archive_root` (tests may pass its `archive`; the CLI passes the cached
        `preview` to show in the first frame). `settings` keep the last position read and
        the key map; `on_first_item_drawn` runs once the first item is on screen."""
        super().__init__()
        self.archive_root = archive_root
        self.settings = settings
        #: The whole archive, once read (None while loading or reloading).
        self.archive = archive
        self.order = ReadingOrder(Archive(archive_root, ()))
        #: The reading position: the issue's row in the list and the item on show.
        self.position: Position | None = None
        self._early_preview = preview
        self._first_item_drawn = on_first_item_drawn
        self._restored = False
        #: Where the last session stopped reading this archive: where to open.
        self._last_read = settings.last_read_in(archive_root)
        #: Marks the item on show read once it has been read (not merely passed over).
        self.reading_timer = ReadingTimer(self.set_timer, self._read_long_enough)
        #: The archive's one search engine (None until made: see `SearchIndexer`).
        self.search_engine: SearchEngine | None = None
        #: The saved searches listed under the issues, and the one open in the tree, if any
        #: (then `position.row` is its row in the issue list, and `n`/`p` read through it).
        self.view_rows: list[ViewRow] = []
        self.view: SearchView | None = None
        self._pending_view: tuple[str, int] | None = None
        #: The item to show when the saved search is opened again after a reload.
        self._view_item: str | None = None
        #: Why the folder is being read: at start, on `r`, or because a file changed.
        self._reading_for: Literal["start", "reload", "watch"] = "start"
        #: The issues the folder held when the last session read it (None: never read).
        self._known_before = settings.known_issues_in(archive_root)
        #: Issues that arrived since the last session (marked 新).
        self.new_issues: frozenset[int] = frozenset()
        #: The folder is watched when it is what was read (tests may hand in an archive).
        self._watch = archive is None
        self.title = _("周报 · {name}").format(name=archive_root.name)

    @property
    def panes(self) -> ReaderPanes:
        return self.query_one(ReaderPanes)

    @property
    def library_keys(self) -> LibraryKeys:
        return self.query_one(LibraryKeys)

    @property
    def library(self) -> LibrarySession | None:
        """The open library (owned by `LibraryKeys`), or None until it is open."""
        return self.library_keys.session

    @property
    def current_item(self) -> Item | None:
        """The item on show (what `y`, `b`, `t`… act on), from the reading position."""
        if self.position is None:
            return None
        if self.view is not None:
            return self.view.item(self.position.item_id)
        return self.order.item_at(self.position)

    def _marks(self) -> ItemMarks | None:
        """The library's marks as they are now (None until it opens): search filters ask at
        every query, so #tag and is: work from the moment the library is open."""
        session = self.library_keys.session
        return session.view if session is not None else None

    def _count_views(self, delete: str | None = None) -> None:
        indexer = self.query_one(SearchIndexer)
        indexer.count_views(self.search_engine, self._marks(), delete)

    def _open_view_state(self) -> tuple[str, str | None] | None:
        """The saved search open in the tree (its name, the item shown), if one is."""
        if self.view is None:
            return None
        return self.view.name, self.position.item_id if self.position else None

    def _reopen_view(self, name: str, item_id: str | None) -> None:
        """After the folder was read again (a file changed, `r`): open the saved search that
        was open again, at the item that was shown, once the new index is ready."""
        row = self.panes.issue_list.view_row(name)
        if row is not None:
            self._view_item = item_id
            self.panes.issue_list.move_cursor(row)  # announced: `_open_view` follows

    # Going to an item.

    def _go_to(self, row: int, item_id: str | None, *, by_key: bool = False) -> None:
        """Make (issue row, item) the reading position and show it in every pane.

        `by_key`: a reading key brought the item (n, p, space, u, Enter in a dialog), so it
        is being read wherever the focus is; otherwise only if the reader has the focus.
        """
        self.view = None  # back to the issues, if a saved search was open
        if not 0 <= row < len(self.order.issues):  # a row of the preview, not loaded yet
            self.reading_timer.stop()
            self.panes.show_nothing(_("读取中…"))
            return
        issue = self.order.issues[row]
        located = self.order.locate(item_id) if item_id else None
        item = self.order.item_at(located) if located and located.row == row else None
        item = item or self.order.first_item(row)
        if item is None:
            self.position = None
            self.reading_timer.stop()
            self.panes.show_nothing(
                _("第 {number} 期没有条目。").format(number=issue.number), issue
            )
            return
        if self.position is None or self.position.item_id != item.id:
            reading = isinstance(self.focused, ItemReader)
            self.reading_timer.shown(item.id, reading=reading, by_key=by_key)
        self.position = Position(row, item.id)
        self.panes.show(row, issue, item, self.library_keys.notes_of(item.id))
        self.settings.remember_last_read(self.archive_root, LastRead(issue.number, item.id))

    def open_item(self, item_id: str | None) -> None:
        """Show the item with this id — its issue, tree and text — and focus the reader.

        The seam for every screen that picks an item (search, library view): each dismisses
        with an item id (or None) and is pushed with this method as its callback.
        """
        position = self.order.locate(item_id) if item_id else None
        if position is not None:
            self._go_to(*position, by_key=True)
            self.panes.reader.focus()
        elif item_id:
            self.notify(
                _("{id} 不在这个存档中。").format(id=item_id), severity="warning", markup=False
            )

    def go_to_issue(self, number: int) -> None:
        """Show issue `number` from its first item (the command palette's 跳到第 N 期)."""
        row = next((i for i, issue in enumerate(self.order.issues) if issue.number == number), None)
        if row is not None:
            self._go_to(row, None)
            self.panes.issue_list.focus()

    def _go_to_view_item(self, item: Item, row: int, *, by_key: bool = False) -> None:
        """Show an item of the open saved search (its words highlighted)."""
        assert self.view is not None
        if self.position is None or self.position.item_id != item.id:
            reading = isinstance(self.focused, ItemReader)
            self.reading_timer.shown(item.id, reading=reading, by_key=by_key)
        self.position = Position(row, item.id)
        self.panes.section_tree.select_item(item.id)
        self.panes.reader.show_item(item, notes=self.library_keys.notes_of(item.id))
        self.panes.reader.highlight(self.view.needles)

    def _step(self, unit: str, step: int, *, by_key: bool) -> None:
        if self.position is None or self.archive is None:
            return
        if self.view is not None:  # n / p read through the saved search's items
            item = self.view.step(self.position.item_id, step) if unit == "item" else None
            if item is not None:
                self._go_to_view_item(item, self.position.row, by_key=by_key)
            return
        if unit == "issue":
            last = len(self.order.issues) - 1
            self._go_to(min(max(self.position.row + step, 0), last), None)
            return
        target = self.order.step(self.position, unit, step)
        if target is not None:
            self._go_to(*target, by_key=by_key)

    # Reading marks.

    def _read_long_enough(self, item_id: str) -> None:
        if self.position is not None and self.position.item_id == item_id:
            self.library_keys.mark_read(item_id)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, ItemReader):
            self.reading_timer.reading(self.position.item_id if self.position else None)

    @on(events.DescendantBlur)
    def _focus_left(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, ItemReader):
            self.reading_timer.reader_blurred()
