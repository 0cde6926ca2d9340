"""The reader app: composes the three panes, routes their messages, owns the keys.

The panes do their own drawing and post messages up; the app keeps the one reading position
(issue index in list order, item id) and calls methods down to show it. The archive is read
by a worker after the first frame, through the parse cache, newest issue first. The library
keys and marks are in `tui.library_actions`.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui import paths
from tui.archive.cache import ArchivePreview
from tui.archive.model import Archive, Issue
from tui.keys import APP_BINDINGS, LIBRARY_BINDINGS
from tui.library_actions import LibraryActions
from tui.navigation import Position, ReadingOrder
from tui.sanitize import sanitize
from tui.settings import Position as SavedPosition
from tui.settings import Settings, load_settings, save_settings
from widgets.archive_loader import ArchiveLoader
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader, plain_item_text
from widgets.key_bar import KeyBar
from widgets.reader_panes import ReaderPanes
from widgets.section_tree import SectionTree
from widgets.title_bar import TitleBar

#: Terminals narrower than this get the narrow layout (issue numbers only, a slimmer tree).
NARROW_BELOW = 100
#: Seconds after the archive loads before the search indexes are built in the background.
SEARCH_WARM_UP_S = 2.0
#: When set, the app writes the time the newest issue first shows to this file, then exits.
BENCH_READY_ENV = "ZHOUBAO_BENCH_READY"


class ZhoubaoApp(LibraryActions):
    """Issue list | section tree | item reader, with a header of counts and a footer of keys."""

    CSS_PATH = paths.styles_dir() / "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS + LIBRARY_BINDINGS
    # The issue list is focused as the screen is composed (no restyle after frame one); a
    # screen pushed later (tags, export…) focuses its first focusable widget, as by default.
    AUTO_FOCUS = "IssueList, *"

    def __init__(
        self,
        archive_root: Path,
        archive: Archive | None = None,
        preview: ArchivePreview | None = None,
    ) -> None:
        """Open `archive_root`; tests may pass the `archive` itself, the CLI the cached
        `preview` to show in the first frame (see `ParseCache.preview`)."""
        super().__init__()
        self._early_preview = preview
        self.archive_root = archive_root
        self.archive = archive
        self.order = ReadingOrder(())
        self.position: Position | None = None
        self.settings: Settings = load_settings()
        self._restored = False
        self._bench_ready = os.environ.get(BENCH_READY_ENV)
        self.title = f"周报 · {archive_root.name}"

    def compose(self) -> ComposeResult:
        # Textual sets breakpoint classes on the first resize event, after the first frame,
        # which would restyle and redraw every pane: set them now, before anything is styled.
        wide = self.size.width >= NARROW_BELOW
        self.screen.set_class(wide, "-wide")
        self.screen.set_class(not wide, "-narrow")
        yield TitleBar()
        yield ReaderPanes(id="panes")
        yield KeyBar()
        yield ArchiveLoader()

    def on_mount(self) -> None:
        # `zhoubao` starts with the garbage collector off (see `open_cmd`): the first frame
        # makes some 40,000 objects, most of which live on, and ~60 collections of them
        # cost it ~4 ms. On again once that frame is drawn (a no-op if it was never off).
        self.call_after_refresh(gc.enable)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_keymap(self.settings.keymap)
        self.sub_title = "读取中…"
        if self._bench_ready:
            self.panes.reader.on_first_item_drawn = self._write_bench_ready
        if self._early_preview is not None:
            self._preview(ArchiveLoader.Preview(self._early_preview))
        if self.position is not None:
            # The worker would only wait for the preview's frame (see `preview_drawn`), and
            # starting it costs that frame a few milliseconds: start it once it is drawn.
            self.call_after_refresh(self._load_behind_preview)
        else:
            self.panes.reader.show_item(None, "读取中…")
            self.query_one(ArchiveLoader).load(self.archive_root, self.archive)

    def _load_behind_preview(self) -> None:
        """The preview is on screen: read the whole archive now, without waiting."""
        loader = self.query_one(ArchiveLoader)
        loader.load(self.archive_root, self.archive, preview_shown=True)
        loader.preview_drawn()

    @on(ArchiveLoader.Progress)
    def _progress(self, message: ArchiveLoader.Progress) -> None:
        self.sub_title = f"读取中 {message.done}/{message.total}"
        self.panes.issue_list.set_status(self.sub_title)

    @on(ArchiveLoader.Failed)
    def _failed(self, message: ArchiveLoader.Failed) -> None:
        self.sub_title = "读取失败"
        self.notify(str(message.error), title="读取失败", severity="error", markup=False)

    @on(ArchiveLoader.Preview)
    def _preview(self, message: ArchiveLoader.Preview) -> None:
        """Show the newest issue before the whole archive arrives, if that is where to open."""
        self.call_after_refresh(self.query_one(ArchiveLoader).preview_drawn)
        newest = message.preview.newest
        saved = self.settings.position_in(self.archive_root)
        shown = self.position is not None
        if shown or self._restored or not newest or (saved and saved.issue != newest.number):
            return
        self.panes.show_rows(message.preview.rows)
        self.order = ReadingOrder((newest,))
        self._go_to(0, None)

    @on(ArchiveLoader.Loaded)
    def _loaded(self, message: ArchiveLoader.Loaded) -> None:
        archive = self.archive = message.archive
        issues = archive.newest_first
        wanted = self._wanted_position(issues)
        self._restored = True
        self.order = ReadingOrder(issues)
        self.sub_title = f"{len(issues)} 期 · {archive.item_count} 条"
        self.panes.show_rows(issues, issues[wanted[0]].number if issues else None)
        self.position = None
        if issues:
            self._go_to(*wanted)
        else:
            self.panes.show_nothing(f"{self.archive_root} 中没有可读的期刊。")
        self.attach_library(archive)
        # Later than the first frames and the library, which matter more right after loading.
        self.set_timer(SEARCH_WARM_UP_S, lambda: self._warm_up_search(archive))
        if archive.skipped or archive.warnings or any(issue.warnings for issue in issues):
            from tui.screens.problems import notify_problems

            notify_problems(self, archive)

    def _wanted_position(self, issues: tuple[Issue, ...]) -> tuple[int, str | None]:
        """Where to open: the current position on reload, else the one saved for this archive."""
        saved = self.settings.position_in(self.archive_root)
        number, item_id = (saved.issue, saved.item_id) if saved else (None, None)
        if self._restored and self.position is not None:
            number, item_id = self.order.issues[self.position[0]].number, self.position[1]
        index = ReadingOrder(issues).index_of_issue(number)
        return (index, item_id) if index is not None else (0, None)

    def _go_to(self, index: int, item_id: str | None) -> None:
        """Make (issue index, item) the reading position and show it in every pane."""
        if not 0 <= index < len(self.order.issues):  # a row of the preview, not loaded yet
            self.panes.show_nothing("读取中…")
            return
        issue = self.order.issues[index]
        item = next((i for i in issue.items if i.id == item_id), self.order.first_item(index))
        if item is None:
            self.position = None
            self.panes.show_nothing(f"第 {issue.number} 期没有条目。", issue)
            return
        if self.position is None or self.position[1] != item.id:
            self.reading_started(item.id)
        self.position = (index, item.id)
        self.panes.show(index, issue, item, self.notes_of(item.id))
        self.settings.remember_position(self.archive_root, SavedPosition(issue.number, item.id))

    def _write_bench_ready(self) -> None:
        """The first frame with an item in it has been drawn: note the time and quit."""
        if self._bench_ready:
            Path(self._bench_ready).write_text(f"{time.time()}\n", encoding="utf-8")
            self._bench_ready = None
            self.exit()

    @on(IssueList.Highlighted)
    def _issue_highlighted(self, message: IssueList.Highlighted) -> None:
        if self.position is None or message.index != self.position[0]:
            self._go_to(message.index, None)

    @on(IssueList.Chosen)
    def _issue_chosen(self) -> None:
        self.panes.section_tree.focus()

    @on(SectionTree.ItemHighlighted)
    def _item_highlighted(self, message: SectionTree.ItemHighlighted) -> None:
        if self.position is not None and message.item_id != self.position[1]:
            self._go_to(self.position[0], message.item_id)

    @on(SectionTree.ItemChosen)
    def _item_chosen(self, message: SectionTree.ItemChosen) -> None:
        self._item_highlighted(SectionTree.ItemHighlighted(message.item_id))
        self.panes.reader.focus()

    @on(ItemReader.EndReached)
    def _end_reached(self) -> None:
        """Paged past the end: the item has been read; on to the next."""
        if self.position is not None:
            self.mark_read(self.position[1])
        self.action_move("item", 1)

    def action_move(self, unit: str, step: int) -> None:
        """Go `step` items, sections or issues down (positive) or up the list."""
        if self.position is None or self.archive is None:
            return
        if unit == "issue":
            last = len(self.order.issues) - 1
            self._go_to(min(max(self.position[0] + step, 0), last), None)
            return
        target = self.order.step(self.position, unit, step)
        if target is not None:
            self._go_to(*target)

    def action_pane(self, step: int) -> None:
        self.panes.focus_pane(step)

    def action_page(self) -> None:
        self.panes.reader.page_or_next()

    def action_copy_item(self) -> None:
        item = self.panes.reader.item
        if item is not None:
            self.copy_to_clipboard(plain_item_text(item))
            self.notify(item.headline, title="已复制", timeout=2, markup=False)

    def action_zoom(self) -> None:
        self.panes.toggle_zoom()

    def action_reload(self) -> None:
        self.archive = None
        self.sub_title = "重新读取中…"
        self.query_one(ArchiveLoader).load(self.archive_root)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("搜索 Search", "Search the whole archive (/)", self.action_search)

    @work(thread=True, exclusive=True, group="search-warm-up", exit_on_error=False)
    def _warm_up_search(self, archive: Archive) -> None:
        """Build (or load from the disk cache) the pinyin and body indexes before the first
        `/`, so that its first results already cover them."""
        from tui.screens.search import engine_for

        engine_for(archive, None).build_extras()

    def action_search(self) -> None:
        """`/`: the search overlay; the item chosen there opens here."""
        if self.archive is None:
            self.notify("存档还在读取中。", timeout=2)
            return
        from tui.screens.search import SearchScreen

        library = self.library.view if self.library is not None else None
        self.push_screen(SearchScreen(self.archive, library), self.open_item)

    def open_item(self, item_id: str | None) -> None:
        """Show the item with this id — its issue, tree and text — and focus the reader.

        The seam for every screen that picks an item (search, library view): each dismisses
        with an item id (or None) and is pushed with this method as its callback.
        """
        position = self.order.locate(item_id) if item_id else None
        if position is not None:
            self._go_to(*position)
            self.panes.reader.focus()
        elif item_id:
            self.notify(f"{item_id} 不在这个存档中。", severity="warning", markup=False)

    def action_problems(self) -> None:
        """`!`: the files skipped and the warnings raised reading the archive."""
        from tui.screens.problems import ProblemsScreen

        if self.archive is not None:
            self.push_screen(ProblemsScreen(self.archive))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, binding_sections

        self.push_screen(HelpScreen(binding_sections()))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast, sanitised: messages quote paths, headlines and errors (outside text)."""
        super().notify(
            sanitize(message, "text"),
            title=sanitize(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings.theme = theme
            self._save_settings()

    async def action_quit(self) -> None:
        self._save_settings()
        self.exit()

    def _save_settings(self) -> None:
        """Keep the settings; an unwritable data folder costs them, not the session."""
        try:
            save_settings(self.settings)
        except OSError as error:
            self.log.warning(f"settings not saved: {error}")
