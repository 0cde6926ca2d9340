"""The reader screen: issue list | section tree | item reader, and the reading state.

This screen owns what it shows: the archive (read by its `ArchiveLoader`, cached preview
first), the `ReadingOrder` over it, the reading `position` (issue row, item id) and going to
an item (`open_item`, the seam for every screen that picks one: search, the library view).
The panes post messages up and the screen calls methods down; the library's keys live in
the `LibraryKeys` container around the panes, which asks the screen only for the item on
show. The App around it keeps settings, theme, key map and commands.

The screen is written in four parts, one module each, all on the one screen object:
`ReaderPosition` (reader_position.py) declares the state and goes to items; `ReaderLoading`
(reader_loading.py) takes the archive in from the loader and the folder watcher;
`ReaderSearch` (reader_search.py) holds the one search engine, the saved searches and the
screens that search; this module composes the panes and answers their messages and keys.
Seams: the `trust` engineer refreshes the library when another process wrote
(`LibraryKeys`); the `pdf` engineer binds `o` on the `ItemReader`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType

from tui.i18n import _
from tui.keys import NEXT_UNREAD, PINNED_IN_FOOTER, READER_BINDINGS
from tui.screens.reader_loading import ReaderLoading
from tui.screens.reader_search import ReaderSearch
from tui.typeset import plain_item_text
from tui.typeset.item_notes import NO_NOTES
from widgets.archive_loader import ArchiveLoader
from widgets.archive_watcher import ArchiveWatcher
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader
from widgets.key_bar import KeyBar
from widgets.library_keys import LibraryKeys
from widgets.reader_panes import ReaderPanes
from widgets.search_indexer import SearchIndexer
from widgets.section_tree import SectionTree
from widgets.title_bar import TitleBar

#: Terminals narrower than this get the narrow layout (issue numbers only, a slimmer tree).
NARROW_BELOW = 100


class ReaderScreen(ReaderLoading, ReaderSearch):
    """The three panes over one archive folder, with a title line and a key bar."""

    BINDINGS: ClassVar[list[BindingType]] = [*READER_BINDINGS, NEXT_UNREAD]
    #: Undo and redo of the library's changes work here (`ZhoubaoApp.check_action`).
    ACTS_ON_LIBRARY: ClassVar[bool] = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # noqa: RUF012
    # The issue list is focused as the screen is composed (no restyle after frame one).
    AUTO_FOCUS = "IssueList"

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

    def action_problems(self) -> None:
        """`!`: the files skipped and the warnings raised reading the archive."""
        from tui.screens.problems import ProblemsScreen

        if self.archive is not None:
            self.app.push_screen(ProblemsScreen(self.archive))
