"""Search in the reader: the engine's arrival, saved searches, and the screens over it.

The screen's one search engine arrives from its `SearchIndexer`; `ReaderSearch` hands it to
the `/` overlay, the trend chart and the entity timeline, and opens the item chosen there
with its matches highlighted. Saved searches are listed under the issues; one opened lists
its items in the tree, and `n`/`p` read through them.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual import on

from tui.i18n import _
from tui.screens.reader_position import ReaderPosition
from widgets.issue_list import IssueList
from widgets.search_indexer import SearchIndexer

if TYPE_CHECKING:
    from tui.screens.search_query import OpenHit


class ReaderSearch(ReaderPosition):
    """The reader's search engine, its saved searches and the screens that search it."""

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
        shown, self._view_item = self._view_item, None
        first = (view.item(shown) if shown else None) or (view.items[0] if view.items else None)
        self.panes.section_tree.show_issue(view.as_issue(), first.id if first else None)
        if first is None:
            self.reading_timer.stop()
            self.panes.reader.show_item(None, _("无结果"))
        else:
            self._go_to_view_item(first, row)

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
        from tui.screens.trend_kept import kept_trend_screen

        screen = kept_trend_screen(self.app, engine, self._marks, [query])
        self.app.push_screen(screen, self._open_hit)

    def action_search(self) -> None:
        """`/`: the search overlay over the screen's engine; the item chosen there opens
        here, with its matches highlighted."""
        if self.archive is None:
            self.notify(_("存档还在读取中。"), timeout=2)
            return
        from tui.screens.search import SearchScreen

        self.query_one(SearchIndexer).start()
        self.app.push_screen(SearchScreen(self.search_engine, self._marks), self._open_hit)

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
