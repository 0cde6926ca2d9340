"""The `/` overlay: search the whole archive as you type, Enter opens the chosen item.

Results follow every key press: the engine answers within a frame and the list draws only
its visible rows — every hit is reachable, and the count is exact. ↑/↓, PgUp/PgDn and
Home/End move through the hits while the input keeps the focus (so does the mouse wheel);
ctrl+o cycles the order (relevance, newest, oldest); ctrl+s saves the query under a name.
Enter dismisses with the chosen item and what to highlight in it (`OpenHit`), escape with
None. ctrl+r, or up in an empty input, steps back through earlier queries (saved on Enter).
A filter the engine cannot use is named under the input, in place of the hits.

The screen is given the app's one engine (or None while the app is still making it: then
`engine_ready` hands it over) and a function returning the library as it is now, so that
#tag and is: filters work whenever the library opens. ctrl+b and ctrl+t ask the app (a
`BatchRequested` message) to bookmark or tag every hit. ctrl+g shows the query's trend
(`TrendScreen`, on the same engine); an item opened there is dismissed with as if chosen here.

In parts: `search_query.SearchQuery` (the query, its hits, the status line, history),
`search_actions.SearchActions` (save, batch, export, trend, open or copy a hit), and here
the keys, the layout and choosing a hit.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui import paths
from tui.i18n import N_, _
from tui.keys import UNDO_BINDINGS
from tui.screens.search_actions import SearchActions
from tui.screens.search_query import PLACEHOLDER, OpenHit
from tui.search import SearchEngine
from tui.search.history import remember
from widgets.safe_input import SafeInput
from widgets.search_results import SearchResults


class SearchScreen(SearchActions):
    """Search input, a status line and the hits; dismisses with an `OpenHit` or None."""

    #: Undo and redo of the library's changes work here (`ZhoubaoApp.check_action`).
    ACTS_ON_LIBRARY: ClassVar[bool] = True
    BINDINGS: ClassVar[list[BindingType]] = [
        *UNDO_BINDINGS,
        Binding("escape", "close", N_("关闭"), id="search.close"),
        Binding("down", "move('down')", N_("下一个结果"), show=False, id="search.down"),
        Binding("up", "up", N_("上一个结果"), show=False, id="search.up"),
        Binding("pagedown", "move('page_down')", N_("向下翻页"), show=False, id="search.page_down"),
        Binding("pageup", "move('page_up')", N_("向上翻页"), show=False, id="search.page_up"),
        # Priority: the input would take Home/End for its own cursor (ctrl+a and ctrl+→ do
        # that; ctrl+e exports).
        Binding(
            "home", "move('first')", N_("第一个结果"), show=False, priority=True, id="search.first"
        ),
        Binding(
            "end", "move('last')", N_("最后一个结果"), show=False, priority=True, id="search.last"
        ),
        Binding(
            "ctrl+o", "cycle_order", N_("排序"), id="search.order", tooltip=N_("相关度、最新、最早")
        ),
        Binding("ctrl+s", "save", N_("保存"), id="search.save", tooltip=N_("把查询存为一个视图")),
        Binding("ctrl+r", "history", N_("历史"), id="search.history", tooltip=N_("以前的查询")),
        Binding(
            "ctrl+g", "trend", N_("趋势"), id="search.trend", tooltip=N_("这个查询随时间的变化")
        ),
        Binding("ctrl+b", "batch('bookmark')", N_("全部收藏"), id="search.bookmark_all"),
        Binding("ctrl+t", "batch('tag')", N_("全部加标签"), id="search.tag_all"),
        # Priority: the input would take ctrl+e (end of line; the End key does that too).
        Binding("ctrl+e", "export", N_("导出"), priority=True, id="search.export"),
        Binding("tab,shift+tab", "switch_focus", N_("结果/输入"), id="search.switch_focus"),
        # With the hits focused (tab): the reader's keys, on the hit under the cursor. The
        # input would take them as text, so they only act once the focus is on the hits.
        Binding("j", "move('down')", N_("下一个结果"), show=False, id="search.j"),
        Binding("k", "move('up')", N_("上一个结果"), show=False, id="search.k"),
        Binding("g", "move('first')", N_("第一个结果"), show=False, id="search.g"),
        Binding("G", "move('last')", N_("最后一个结果"), show=False, id="search.G"),
        Binding("enter", "open_hit", N_("打开"), show=False, id="search.open"),
        Binding("o", "open_source", N_("打开原文件"), show=False, id="reader.open_source"),
        Binding("y", "copy_hit", N_("复制"), show=False, id="app.copy"),
        Binding("e", "export", N_("导出"), show=False, id="search.export_hits"),
        Binding("slash", "switch_focus", N_("回到输入框"), show=False, id="search.to_input"),
    ]

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
        & > #search-box {
            width: 90%;
            max-width: 140;
            height: 80%;
            margin-top: 2;
            background: $surface;
            border: round $primary;
            padding: 0 1;
        }
        /* Fixed sizes: an auto-sized input or a scrollbar coming and going would cost a
           layout of the whole screen on every key press. */
        & #search-input { border: none; width: 1fr; height: 1; padding: 0 1; background: $boost; }
        & #search-message { height: 1; color: $text-muted; padding: 0 1; }
        & #search-message.-error { color: $text-error; }
        & SearchResults {
            height: 1fr;
            overflow-x: hidden;
            overflow-y: scroll;
            scrollbar-size-vertical: 1;
        }
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = _("搜索")
            box.border_subtitle = self._keys_said(on_hits=False)
            yield SafeInput(self._initial_query, placeholder=_(PLACEHOLDER), id="search-input")
            yield Static(id="search-message", markup=False)
            yield SearchResults(id="search-results")

    def on_mount(self) -> None:
        query_input = self.query_one(Input)
        query_input.focus()
        # A watcher runs inside the key press that changed the value, so the new hits are
        # drawn in the same frame as the typed character. (Input.Changed arrives a message
        # later, after a frame of its own, and the hits would wait for the next one.)
        self.watch(query_input, "value", self._query_changed, init=False)
        self.search(query_input.value)

    def engine_ready(self, engine: SearchEngine) -> None:
        """The app's engine exists, or has its full index now: search again."""
        self.engine = engine
        if not self.is_mounted:  # pushed but not composed yet: `on_mount` searches with it
            return
        cursor = self.results.cursor
        self.search(self.query_text, cursor)
        if self._trend_waiting and engine.ready:
            self._trend_waiting = False
            self.action_trend()

    # Keys.

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._choose(self.results.current)

    @on(SearchResults.Chosen)
    def _clicked(self, message: SearchResults.Chosen) -> None:
        self._choose(message.hit)

    def _choose(self, hit: object) -> None:
        from tui.search import Hit

        if not isinstance(hit, Hit) or self.result is None:
            return
        if self.query_text.strip():
            remember(paths.search_history_file(), self.query_text)
        self.dismiss(OpenHit(hit.id, self.result.needles))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, how: str) -> None:
        getattr(self.results, f"action_{'cursor_' if how in ('up', 'down') else ''}{how}")()

    def action_up(self) -> None:
        """Up the hits; from the top of an empty (or recalled) query, back in history."""
        at_top = self.results.cursor <= 0
        recalled = self._history_at is not None
        if at_top and (recalled or not self.query_text):
            self.action_history()
        else:
            self.action_move("up")

    def action_switch_focus(self) -> None:
        """tab: move the focus between the input and the hits (where `o`, `y`, j/k and
        Enter act on the hit under the cursor); `/` goes back to the input."""
        results = self.results
        on_hits = not results.has_focus
        if on_hits:
            results.can_focus = True
            results.focus()
        else:
            self.query_one(Input).focus()
            results.can_focus = False
        self.query_one("#search-box").border_subtitle = self._keys_said(on_hits)

    @staticmethod
    def _keys_said(on_hits: bool) -> str:
        """The keys at the foot of the box: those of the input, or those of the hits."""
        if on_hits:
            return _("Enter 打开 · o 原文件 · y 复制 · j/k 上下 · tab 回到输入框 · Esc 关闭")
        return _(
            "Enter 打开 · tab 选结果 · ctrl+g 趋势 · ctrl+o 排序 · ctrl+s 保存 · ctrl+b 全部收藏"
            " · ctrl+t 全部加标签 · ctrl+e 导出 · Esc 关闭"
        )

    def action_open_hit(self) -> None:
        """Enter with the hits focused: open the hit under the cursor."""
        self._choose(self.results.current)

    def marks_changed(self) -> None:
        """The library changed (after a batch, or opened just now): redraw the hits' marks.
        None to redraw while the screen is still being composed (the library can open then)."""
        for results in self.query(SearchResults):
            results.marks_changed()
