"""The `/` overlay: search the whole archive as you type, Enter opens the chosen item.

Results follow every key press: the engine answers within a frame and the list draws only
its visible rows. Up/down (and page keys) move through the hits while the input keeps the
focus; Enter dismisses with the chosen item's id, escape with None. ctrl+r, or up in an
empty input, steps back through earlier queries (saved on Enter). A filter the engine
cannot use is named under the input, in place of the hits.

The screen takes a ready `SearchEngine` (best: the app keeps one, so indexes are built once)
or an `Archive`, whose engine it builds in a worker and keeps for the next opening. Slow
extras (bodies, pinyin, word boundaries) are built by a worker too; until they arrive the
search covers headlines, and the results are refreshed when they do.

ctrl+b and ctrl+t ask the app (a `BatchRequested` message) to bookmark or tag every hit
listed; the overlay stays open, and `marks_changed` redraws the hits' bookmark marks.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from tui import paths
from tui.archive.model import Archive
from tui.i18n import _
from tui.sanitize import sanitize
from tui.search import ItemMarks, QueryError, SearchEngine
from tui.search.history import load_history, remember
from widgets.search_results import SearchResults

#: Hits ranked per key press; nobody scrolls further, and fewer rows rank faster.
RESULT_LIMIT = 200
PLACEHOLDER = '搜索：词语 拼音 "短语" -排除 sec:技术 no:390..410 date:2024-02 #标签 is:unread'

# The engine of the last archive searched, so that reopening the overlay is instant.
_last_engine: tuple[Archive, SearchEngine] | None = None


def engine_for(archive: Archive, library: ItemMarks | None) -> SearchEngine:
    """The kept engine of this archive, or a new one (fast: headlines only)."""
    global _last_engine
    if _last_engine is not None and _last_engine[0] is archive:
        engine = _last_engine[1]
        engine.library = library
        return engine
    engine = SearchEngine(archive, library)
    _last_engine = (archive, engine)
    return engine


def _freeze_long_lived() -> None:
    """Keep the archive and its indexes out of the cyclic collector's full sweeps.

    They live as long as the archive, and a full sweep over them takes 60 ms: a frame lost
    every few dozen key presses. Frozen objects are still freed when nothing refers to them.
    """
    gc.freeze()


class SearchScreen(ModalScreen[str | None]):
    """Search input, a status line and the hits; dismisses with an item id or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "move(1)", "Next hit", show=False, id="search.down"),
        Binding("up", "up", "Previous hit", show=False, id="search.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page_up"),
        Binding("ctrl+r", "history", "History", id="search.history", tooltip="Earlier queries"),
        Binding("ctrl+b", "batch('bookmark')", "Bookmark all", id="search.bookmark_all"),
        Binding("ctrl+t", "batch('tag')", "Tag all", id="search.tag_all"),
        # Priority: the input would take ctrl+e (end of line; the End key does that too).
        Binding("ctrl+e", "export", "Export", priority=True, id="search.export"),
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
        & SearchResults { height: 1fr; overflow-y: hidden; }
    }
    """

    class ExtrasReady(Message):
        """Pinyin, bodies and word boundaries have arrived: search again."""

    @dataclass
    class BatchRequested(Message):
        """ctrl+b / ctrl+t: bookmark or tag every item listed (the app does it)."""

        action: Literal["bookmark", "tag"]
        item_ids: tuple[str, ...]

    @dataclass
    class ExportRequested(Message):
        """ctrl+e: export the items found (the app opens the export dialog on them)."""

        query: str
        item_ids: tuple[str, ...]

    def __init__(
        self, source: SearchEngine | Archive, library: ItemMarks | None = None, query: str = ""
    ) -> None:
        super().__init__()
        self._source = source
        self._library = library
        self.engine: SearchEngine | None = source if isinstance(source, SearchEngine) else None
        self._initial_query = query
        self._history = load_history(paths.search_history_file())
        #: Position in `_history` while stepping back through it (None: the user's own text).
        self._history_at: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "搜索"
            box.border_subtitle = _(
                "Enter 打开 · ctrl+b 全部收藏 · ctrl+t 全部加标签 · ctrl+e 导出 · Esc 关闭"
            )
            yield Input(self._initial_query, placeholder=PLACEHOLDER, id="search-input")
            yield Static(id="search-message", markup=False)
            results = SearchResults(id="search-results")
            results.marks = self._library
            yield results

    def on_mount(self) -> None:
        query_input = self.query_one(Input)
        query_input.focus()
        # A watcher runs inside the key press that changed the value, so the new hits are
        # drawn in the same frame as the typed character. (Input.Changed arrives a message
        # later, after a frame of its own, and the hits would wait for the next one.)
        self.watch(query_input, "value", self._query_changed, init=False)
        if self.engine is None:
            self._say("正在建立索引…")
            self._build_engine()
        else:
            self._after_engine()

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    # Building the engine and its extras, off the UI thread.

    @work(thread=True, exclusive=True, group="search-engine", exit_on_error=False)
    def _build_engine(self) -> None:
        assert isinstance(self._source, Archive)
        engine = engine_for(self._source, self._library)
        self.app.call_from_thread(self._engine_built, engine)

    def _engine_built(self, engine: SearchEngine) -> None:
        self.engine = engine
        self._after_engine()

    def _after_engine(self) -> None:
        self.search(self.query_one(Input).value)
        if self.engine is not None and not self.engine.extras_ready:
            self._build_extras(self.engine)
        else:
            _freeze_long_lived()

    @work(thread=True, exclusive=True, group="search-extras", exit_on_error=False)
    def _build_extras(self, engine: SearchEngine) -> None:
        engine.build_extras()
        self.post_message(self.ExtrasReady())

    @on(ExtrasReady)
    def _extras_ready(self) -> None:
        _freeze_long_lived()
        self.search(self.query_one(Input).value)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._say(f"索引失败：{event.worker.error}", error=True)

    # Searching.

    def _query_changed(self, value: str) -> None:
        if self._history_at is not None and value != self._history[self._history_at]:
            self._history_at = None
        self.search(value)

    def search(self, text: str) -> None:
        """Run the query and show its hits, or say what is wrong with it."""
        if self.engine is None:
            return
        try:
            result = self.engine.search(text, limit=RESULT_LIMIT)
        except QueryError as error:
            self.results.show_hits(())
            self._say(str(error), error=True)
            return
        self.results.show_hits(result.hits)
        if not text.strip():
            self._say("")
            return
        count = f"{len(result.hits)}+ 条" if not result.complete else f"{len(result.hits)} 条"
        pending = "" if self.engine.extras_ready else " · 正文与拼音索引建立中…"
        self._say(("无结果" if not result.hits else count) + pending)

    def _say(self, message: str, error: bool = False) -> None:
        line = self.query_one("#search-message", Static)
        if str(line.content) != message:
            # One line, always (no new layout); an error quotes the query, outside text.
            line.update(Content(sanitize(message)), layout=False)
        line.set_class(error, "-error")

    # Keys.

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._choose(self.results.current.id if self.results.current else None)

    @on(SearchResults.Chosen)
    def _clicked(self, message: SearchResults.Chosen) -> None:
        self._choose(message.item_id)

    def _choose(self, item_id: str | None) -> None:
        if item_id is None:
            return
        query = self.query_one(Input).value
        if query.strip():
            remember(paths.search_history_file(), query)
        self.dismiss(item_id)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_batch(self, action: Literal["bookmark", "tag"]) -> None:
        """Ask the app to bookmark or tag every hit listed."""
        ids = tuple(hit.id for hit in self.results.hits)
        if not ids:
            self._say("没有结果可以处理")
            return
        self.post_message(self.BatchRequested(action, ids))

    def action_export(self) -> None:
        """Ask the app to export the items found."""
        ids = tuple(hit.id for hit in self.results.hits)
        if not ids:
            self._say(_("没有结果可以导出"))
            return
        self.post_message(self.ExportRequested(self.query_one(Input).value, ids))

    def marks_changed(self) -> None:
        """The library changed (after a batch): redraw the hits' marks."""
        self.results.marks_changed()

    def action_move(self, step: int) -> None:
        results = self.results
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_page(self, step: int) -> None:
        if step > 0:
            self.results.action_page_down()
        else:
            self.results.action_page_up()

    def action_up(self) -> None:
        """Up the hits; from the top of an empty (or recalled) query, back in history."""
        at_top = self.results.cursor <= 0
        recalled = self._history_at is not None
        if at_top and (recalled or not self.query_one(Input).value):
            self.action_history()
        else:
            self.action_move(-1)

    def action_history(self) -> None:
        """Put the next older query into the input."""
        if not self._history:
            self._say("没有搜索记录")
            return
        at = len(self._history) if self._history_at is None else self._history_at
        self._history_at = max(0, at - 1)
        query_input = self.query_one(Input)
        query_input.value = self._history[self._history_at]
        query_input.cursor_position = len(query_input.value)
