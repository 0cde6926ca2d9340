"""The reader screen: issue list | section tree | item reader, and the reading state.

This screen owns what it shows: the archive (read by its `ArchiveLoader`, cached preview
first), the `ReadingOrder` over it, the reading `position` (issue row, item id) and going to
an item (`open_item`, the seam for every screen that picks one: search, the library view).
The panes post messages up and the screen calls methods down; the library's keys live in
the `LibraryKeys` container around the panes, which asks the screen only for the item on
show. The App around it keeps settings, theme, key map and commands.

The screen owns the archive's one search engine (`search_engine`, made by its
`SearchIndexer` after loading) and hands it to the `/` overlay; the item chosen there opens
with its matches highlighted. Seams: the `trust` engineer refreshes the library when
another process wrote (`LibraryKeys`); the `pdf` engineer binds `o` on the `ItemReader`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.archive.cache import ArchivePreview
from tui.archive.changes import archive_changes, new_issues
from tui.archive.model import Archive, Item
from tui.i18n import _, join_list
from tui.keys import NEXT_UNREAD, PINNED_IN_FOOTER, READER_BINDINGS, key_for
from tui.navigation import Position, ReadingOrder
from tui.reading_timer import ReadingTimer
from tui.settings import LastRead, Settings
from widgets.archive_loader import ArchiveLoader
from widgets.archive_watcher import ArchiveWatcher
from widgets.issue_list import IssueList
from widgets.item_reader import NO_NOTES, ItemReader, plain_item_text
from widgets.key_bar import KeyBar
from widgets.library_keys import LibraryKeys
from widgets.reader_panes import ReaderPanes
from widgets.search_indexer import SearchIndexer
from widgets.section_tree import SectionTree
from widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui.library.session import LibrarySession
    from tui.screens.search import OpenHit
    from tui.search import ItemMarks, SearchEngine
    from tui.search.views import SearchView, ViewRow

#: Terminals narrower than this get the narrow layout (issue numbers only, a slimmer tree).
NARROW_BELOW = 100
#: Seconds after the archive loads before its search engine is made (or its index loaded)
#: in the background; `/` starts it at once.
SEARCH_WARM_UP_S = 2.0


class ReaderScreen(Screen[None]):
    """The three panes over one archive folder, with a title line and a key bar."""

    BINDINGS: ClassVar[list[BindingType]] = [*READER_BINDINGS, NEXT_UNREAD]
    #: Undo and redo of the library's changes work here (`ZhoubaoApp.check_action`).
    ACTS_ON_LIBRARY: ClassVar[bool] = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # noqa: RUF012
    # The issue list is focused as the screen is composed (no restyle after frame one).
    AUTO_FOCUS = "IssueList"

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
        #: Why the folder is being read: at start, on `r`, or because a file changed.
        self._reading_for: Literal["start", "reload", "watch"] = "start"
        #: The issues the folder held when the last session read it (None: never read).
        self._known_before = settings.known_issues_in(archive_root)
        #: Issues that arrived since the last session (marked 新).
        self.new_issues: frozenset[int] = frozenset()
        #: The folder is watched when it is what was read (tests may hand in an archive).
        self._watch = archive is None
        self.title = _("周报 · {name}").format(name=archive_root.name)

    def compose(self) -> ComposeResult:
        # Textual sets breakpoint classes on the first resize event, after the first frame,
        # which would restyle and redraw every pane: set them now, before anything is styled.
        wide = self.app.size.width >= NARROW_BELOW
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")
        yield TitleBar()
        yield LibraryKeys(
            ReaderPanes(id="panes"),
            current_item=lambda: self.current_item,
            last_export=self.settings.export,
            keymap=self.settings.keymap,
            id="library",
        )
        yield KeyBar(pinned=PINNED_IN_FOOTER)
        yield ArchiveLoader()
        yield ArchiveWatcher()
        yield SearchIndexer()

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

    def on_mount(self) -> None:
        self.sub_title = _("读取中…")
        if self._first_item_drawn is not None:
            self.panes.reader.on_first_item_drawn = self._first_item_drawn
        if self._early_preview is not None:
            self._preview(ArchiveLoader.Preview(self._early_preview))
        if self.position is not None:
            # The worker would only wait for the preview's frame (see `preview_drawn`), and
            # starting it costs that frame a few milliseconds: start it once it is drawn.
            self.call_after_refresh(self._load_behind_preview)
        else:
            self.panes.reader.show_item(None, _("读取中…"))
            wanted = self._last_read.issue if self._last_read else None
            self.query_one(ArchiveLoader).load(self.archive_root, self.archive, wanted=wanted)

    # Loading.

    def _load_behind_preview(self) -> None:
        """The preview is on screen: read the whole archive now, without waiting."""
        loader = self.query_one(ArchiveLoader)
        loader.load(self.archive_root, self.archive, preview_shown=True)
        loader.preview_drawn()

    @on(ArchiveLoader.Progress)
    def _progress(self, message: ArchiveLoader.Progress) -> None:
        self.sub_title = _("读取中 {done}/{total}").format(done=message.done, total=message.total)
        self.panes.issue_list.set_status(self.sub_title)

    @on(ArchiveLoader.Failed)
    def _failed(self, message: ArchiveLoader.Failed) -> None:
        self.sub_title = _("读取失败")
        self.notify(str(message.error), title=_("读取失败"), severity="error", markup=False)

    @on(ArchiveLoader.Preview)
    def _preview(self, message: ArchiveLoader.Preview) -> None:
        """Show the newest issue before the whole archive arrives, if that is where to open."""
        self.call_after_refresh(self.query_one(ArchiveLoader).preview_drawn)
        newest = message.preview.newest
        saved = self._last_read
        shown = self.position is not None
        if shown or self._restored or not newest or (saved and saved.issue != newest.number):
            return
        self.panes.show_rows(message.preview.rows)
        self.order = ReadingOrder(Archive(self.archive_root, (newest,)))
        self._go_to(0, saved.item_id if saved else None)

    @on(ArchiveLoader.Loaded)
    def _loaded(self, message: ArchiveLoader.Loaded) -> None:
        previous, archive = self.archive, message.archive
        self.archive = archive
        order = ReadingOrder(archive)
        row, item_id = self._wanted_position(order)
        self._restored = True
        self.order = order
        issues = order.issues
        self._mark_new(archive)
        self.panes.show_rows(issues, issues[row].number if issues else None)
        self.position = None
        if issues:
            self._go_to(row, item_id)
        else:
            self.panes.show_nothing(_("{path} 中没有可读的期刊。").format(path=self.archive_root))
        self.library_keys.attach(archive)
        self.search_engine = None
        self.view = None
        self.query_one(SearchIndexer).schedule(archive, SEARCH_WARM_UP_S)
        self._count_views()
        self._say_what_changed(previous, archive)
        if self._watch:
            self.query_one(ArchiveWatcher).start_watching(self.archive_root)

    def _mark_new(self, archive: Archive) -> None:
        """Mark 新 the issues that were not in the folder when the last session (or, the
        first time, this one) read it, and remember what it holds now."""
        numbers = frozenset(issue.number for issue in archive.issues)
        if self._known_before is None:
            self._known_before = numbers
        self.new_issues = new_issues(numbers, self._known_before)
        self.settings.remember_known_issues(self.archive_root, numbers)
        self.panes.issue_list.set_new(self.new_issues)
        self.sub_title = _("{issues} 期 · {items} 条").format(
            issues=len(archive.issues), items=archive.item_count
        )
        if self.new_issues:
            self.sub_title += _(" · 新 {count} 期").format(count=len(self.new_issues))

    def _say_what_changed(self, previous: Archive | None, archive: Archive) -> None:
        """After loading: new issues and problems; after a file changed, what changed."""
        reading_for, self._reading_for = self._reading_for, "start"
        if previous is not None and reading_for != "start":
            changes = archive_changes(previous, archive)
            if changes:
                notice = changes.notice()
                if changes.newly_skipped:
                    key = self.app.get_key_display(
                        Binding(key_for("app.problems", self.settings.keymap), "")
                    )
                    notice += _(" — 按 {key} 查看").format(key=key)
                self.notify(notice, title=_("存档有变化"), timeout=6, markup=False)
        elif self.new_issues:
            key = self.app.get_key_display(
                Binding(key_for("app.next_new", self.settings.keymap), "")
            )
            numbers = join_list(str(n) for n in sorted(self.new_issues, reverse=True)[:5])
            notice = _("第 {numbers} 期是上次以来新到的 — 按 {key} 查看").format(
                numbers=numbers, key=key
            )
            self.notify(notice, title=_("新期刊"), timeout=6, markup=False)
        if reading_for == "watch":
            return  # its problems were told when first seen; `!` lists them
        if archive.skipped or archive.warnings or any(i.warnings for i in archive.issues):
            from tui.screens.problems import notify_problems

            notify_problems(self.app, archive, key_for("app.problems", self.settings.keymap))

    @on(ArchiveWatcher.Changed)
    def _folder_changed(self) -> None:
        """A file in the folder was added, changed or removed: read the folder again (the
        parse cache parses only what changed); the panes keep the old archive meanwhile."""
        self._read_again("watch")

    def _read_again(self, reason: Literal["reload", "watch"]) -> None:
        self._reading_for = reason
        self.query_one(ArchiveLoader).load(self.archive_root)

    def _wanted_position(self, order: ReadingOrder) -> tuple[int, str | None]:
        """Where to open: the current position on reload, else the one saved for this archive."""
        saved = self._last_read
        number, item_id = (saved.issue, saved.item_id) if saved else (None, None)
        if self._restored and self.position is not None and self.view is None:
            number, item_id = self.order.issues[self.position.row].number, self.position.item_id
        row = order.row_of_issue(number)
        return (row, item_id) if row is not None else (0, None)

    @on(SearchIndexer.Ready)
    def _search_engine_ready(self, message: SearchIndexer.Ready) -> None:
        if message.archive is not self.archive:  # read again meanwhile: a new one is coming
            return
        engine = self.search_engine = message.engine
        if engine.ready:
            # The archive and its index live as long as the screen: keep them out of the
            # cyclic collector's full sweeps (60 ms each, a frame lost every few dozen keys).
            gc.freeze()
            for problem in engine.aliases.problems:
                self.notify(problem, title=_("搜索别名"), severity="warning", markup=False)
            self._count_views()
            if self._pending_view is not None:
                self._open_view(*self._pending_view)
        from tui.screens.search import SearchScreen

        if isinstance(self.app.screen, SearchScreen):
            self.app.screen.engine_ready(engine)

    # Saved searches, listed under the issues; one opened lists its items in the tree.

    def _count_views(self, delete: str | None = None) -> None:
        indexer = self.query_one(SearchIndexer)
        indexer.count_views(self.search_engine, self._marks(), delete)

    @on(SearchIndexer.ViewsCounted)
    def _views_counted(self, message: SearchIndexer.ViewsCounted) -> None:
        self.view_rows = message.rows
        self.panes.issue_list.set_views(message.rows)
        if message.notice:
            self.notify(message.notice, title=_("保存的搜索"), severity="warning", markup=False)

    @on(IssueList.ViewHighlighted)
    def _view_highlighted(self, message: IssueList.ViewHighlighted) -> None:
        self._open_view(message.name, message.index)
        if message.chosen:
            self.panes.section_tree.focus()

    def _open_view(self, name: str, row: int) -> None:
        """List the saved search's items in the tree and show the first (newest)."""
        from tui.search import QueryError
        from tui.search.saved import SavedSearch
        from tui.search.views import open_view

        saved = next((view for view in self.view_rows if view.name == name), None)
        engine = self.search_engine
        self._pending_view = None
        if saved is None:
            return
        if engine is None or not engine.ready:
            self._pending_view = (name, row)
            self.query_one(SearchIndexer).start()
            self.reading_timer.stop()
            self.panes.show_nothing(_("正在建立索引…"))
            return
        try:
            view = open_view(engine, SavedSearch(name, saved.query), self._marks())
        except QueryError as error:
            self.panes.show_nothing(str(error))
            return
        self.view = view
        self.position = None
        first = view.items[0] if view.items else None
        self.panes.section_tree.show_issue(view.as_issue(), first.id if first else None)
        if first is None:
            self.reading_timer.stop()
            self.panes.reader.show_item(None, _("无结果"))
        else:
            self._go_to_view_item(first, row)

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

    @on(IssueList.ViewAction)
    def _view_action(self, message: IssueList.ViewAction) -> None:
        """`R` renames the saved search under the cursor (asking for the name), `delete`
        deletes it."""
        if message.action == "delete":
            self._count_views(delete=message.name)
            self.notify(_("已删除保存的搜索“{name}”").format(name=message.name), timeout=3)
            return
        from tui.screens.save_search import SaveSearchDialog

        saved = next((v for v in self.view_rows if v.name == message.name), None)
        if saved is not None:
            dialog = SaveSearchDialog(saved.query, renaming=saved.name)
            self.app.push_screen(dialog, lambda name: self._count_views())

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

    def open_saved_search(self, name: str) -> None:
        """List the saved search's items, as its row in the issue list does."""
        issue_list = self.panes.issue_list
        row = issue_list.view_row(name)
        if row is not None:
            issue_list.cursor = row
            issue_list.focus()

    def show_trend(self, query: str) -> None:
        """The matches of `query` over time (`TrendScreen`); an item chosen there opens here."""
        engine = self.search_engine
        if engine is None or not engine.ready:
            # Counted on headlines only, the chart would disagree with the search later.
            self.query_one(SearchIndexer).start()
            self.notify(_("索引建立中，请稍候再试。"), timeout=3)
            return
        from tui.screens.trend import TrendScreen

        self.app.push_screen(TrendScreen(engine, self._marks, [query]), self._open_hit)

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

    @on(LibraryKeys.Ready)
    def _library_ready(self, message: LibraryKeys.Ready) -> None:
        self.query_one(TitleBar).read_only = message.session.read_only

    @on(LibraryKeys.WriteWaiting)
    def _write_waiting(self, message: LibraryKeys.WriteWaiting) -> None:
        self.query_one(TitleBar).waiting = message.waiting

    @on(LibraryKeys.MarksChanged)
    def _marks_changed(self) -> None:
        """Redraw counts and marks in every pane after the library changed."""
        library = self.library_keys
        if library.session is not None:
            item_id = self.position.item_id if self.position is not None else None
            notes = library.notes_of(item_id) if item_id else NO_NOTES
            self.panes.marks_changed(library.session.view, notes)
            if self.search_engine is not None and self.search_engine.ready and self.view_rows:
                self._count_views()  # unread counts of the saved searches

    @on(LibraryKeys.ExportDone)
    def _exported(self, message: LibraryKeys.ExportDone) -> None:
        self.settings.export = message.choice  # saved with the settings, on quit

    @on(LibraryKeys.ItemChosen)
    def _library_item_chosen(self, message: LibraryKeys.ItemChosen) -> None:
        self.open_item(message.item_id)

    # What the panes say.

    @on(IssueList.Highlighted)
    def _issue_highlighted(self, message: IssueList.Highlighted) -> None:
        if self.position is None or message.index != self.position.row:
            self._go_to(message.index, None)

    @on(IssueList.Chosen)
    def _issue_chosen(self) -> None:
        self.panes.section_tree.focus()

    @on(SectionTree.ItemHighlighted)
    def _item_highlighted(self, message: SectionTree.ItemHighlighted) -> None:
        if self.position is not None and message.item_id != self.position.item_id:
            if self.view is not None:
                item = self.view.item(message.item_id)
                if item is not None:
                    self._go_to_view_item(item, self.position.row)
                return
            self._go_to(self.position.row, message.item_id)

    @on(SectionTree.ItemChosen)
    def _item_chosen(self, message: SectionTree.ItemChosen) -> None:
        self._item_highlighted(SectionTree.ItemHighlighted(message.item_id))
        self.panes.reader.focus()

    @on(ItemReader.OpenSourceRequested)
    def _open_source(self, message: ItemReader.OpenSourceRequested) -> None:
        """`o`: the item's file (this screen knows the archive), at the item's PDF page."""
        message.stop()
        self.open_source_of(message.item.id)

    def open_source_of(self, item_id: str) -> None:
        """Open the file of the item with this id at its PDF page (`o`, here or in a dialog
        listing items)."""
        place = self.archive.locate(item_id) if self.archive is not None else None
        if place is not None:
            self.panes.reader.open_source(place.issue.source, place.item.page)
        else:
            self.notify(_("{item} 不在这个存档中。").format(item=item_id), timeout=3)

    @on(ItemReader.EndReached)
    def _end_reached(self) -> None:
        """Paged past the end: the item has been read; on to the next."""
        if self.position is not None:
            self.library_keys.mark_read(self.position.item_id)
        self._step("item", 1, by_key=True)

    # The keys.

    def action_move(self, unit: str, step: int) -> None:
        """Go `step` items, sections or issues down (positive) or up the list; `n` and `p`
        (items) are reading keys, the others browse."""
        self._step(unit, step, by_key=unit == "item")

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

    def action_pane(self, step: int) -> None:
        self.panes.focus_pane(step)

    def action_page(self) -> None:
        """`space`: page the reader, then go on to the next item (a reading key)."""
        self.reading_timer.reading(self.position.item_id if self.position else None, by_key=True)
        self.panes.reader.page_or_next()

    def action_copy_item(self) -> None:
        item = self.current_item
        if item is not None:
            self.app.copy_to_clipboard(plain_item_text(item))
            self.notify(item.headline, title=_("已复制"), timeout=2, markup=False)

    def action_zoom(self) -> None:
        self.panes.toggle_zoom()

    def action_reload(self) -> None:
        """`r`: read the folder again; the panes keep the archive on show meanwhile."""
        self.sub_title = _("重新读取中…")
        self._read_again("reload")

    def action_next_new(self) -> None:
        """`N`: the next issue that arrived since the last session, down the list, wrapping."""
        rows = [
            row for row, issue in enumerate(self.order.issues) if issue.number in self.new_issues
        ]
        if not rows:
            self.notify(_("没有上次以来新到的期刊。"), timeout=2)
            return
        current = self.position.row if self.position is not None else -1
        row = next((row for row in rows if row > current), rows[0])
        self._go_to(row, None)

    def action_next_unread(self) -> None:
        """`u`: the next unread item down the issue list, wrapping round."""
        session = self.library_keys.session
        if session is None:
            self.notify(_("资料库还在打开。"), timeout=2)
            return
        current = self.position.item_id if self.position is not None else None
        target = session.next_unread(self.order.item_ids(), current)
        if target is None:
            self.notify(_("全部已读。"), timeout=2)
        else:
            self.open_item(target)

    def action_search(self) -> None:
        """`/`: the search overlay over the screen's engine; the item chosen there opens
        here, with its matches highlighted."""
        if self.archive is None:
            self.notify(_("存档还在读取中。"), timeout=2)
            return
        from tui.screens.search import SearchScreen

        self.query_one(SearchIndexer).start()
        self.app.push_screen(SearchScreen(self.search_engine, self._marks), self._open_hit)

    def _marks(self) -> ItemMarks | None:
        """The library's marks as they are now (None until it opens): search filters ask at
        every query, so #tag and is: work from the moment the library is open."""
        session = self.library_keys.session
        return session.view if session is not None else None

    def _open_hit(self, opened: OpenHit | None) -> None:
        self._count_views()  # a query may have been saved there (ctrl+s)
        if opened is not None:
            self.open_item(opened.item_id)
            self.panes.reader.highlight(opened.needles)

    def action_entity_timeline(self) -> None:
        """The timeline of the source the item on show is about (腾讯 in "腾讯：…"): every
        item naming it, by date (`EntityScreen`); the item chosen there opens here."""
        from tui.trends.entities import names_in

        item = self.current_item
        engine = self.search_engine
        if item is None or item.entity is None:
            self.notify(_("这个条目的标题没有“来源：”。"), timeout=3)
            return
        if engine is None or not engine.ready:
            # Its aliases (B站 = 哔哩哔哩) come with the full index.
            self.query_one(SearchIndexer).start()
            self.notify(_("索引建立中，请稍候再试。"), timeout=3)
            return
        from tui.screens.entity import EntityScreen
        from tui.trends import TrendIndex

        screen = EntityScreen(TrendIndex.of(engine), names_in(item.entity)[0])
        self.app.push_screen(screen, self._open_hit)

    def action_problems(self) -> None:
        """`!`: the files skipped and the warnings raised reading the archive."""
        from tui.screens.problems import ProblemsScreen

        if self.archive is not None:
            self.app.push_screen(ProblemsScreen(self.archive))
