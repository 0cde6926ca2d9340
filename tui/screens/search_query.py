"""The search overlay's query: the text typed, the engine's answer, the status line.

`SearchQuery` holds what the `/` overlay knows — the engine (None until the app has made
it), the library as it is now, the order and the result on show — and runs the query on
every change of the input. ctrl+r, or up in an empty input, steps back through earlier
queries. `SearchActions` and `SearchScreen` build on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui import paths
from tui.i18n import N_, _, _n
from tui.sanitize import sanitize
from tui.search import ItemMarks, Needles, Order, QueryError, SearchEngine, SearchResult
from tui.search.history import load_history
from widgets.search_results import SearchResults

PLACEHOLDER = N_('搜索：词语 拼音 "短语" -排除 sec:技术 no:390..410 date:2024-02 #标签 is:unread')


@dataclass(frozen=True)
class OpenHit:
    """What the overlay dismisses with: the item to open and the words to highlight in it."""

    item_id: str
    needles: Needles


class SearchQuery(ModalScreen[OpenHit | None]):
    """The query typed, its hits and the line that says how many (or what is wrong)."""

    def __init__(
        self,
        engine: SearchEngine | None,
        library: Callable[[], ItemMarks | None] = lambda: None,
        query: str = "",
        order: Order = Order.RELEVANCE,
    ) -> None:
        super().__init__()
        self.engine = engine
        self._library = library
        self._initial_query = query
        self.order = order
        #: The result on show (None: no query yet, or a query the engine could not use).
        self.result: SearchResult | None = None
        self._history = load_history(paths.search_history_file())
        #: Position in `_history` while stepping back through it (None: the user's own text).
        self._history_at: int | None = None
        #: ctrl+g was pressed before the full index was there: show the trend once it is.
        self._trend_waiting = False

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    # Searching.

    def _query_changed(self, value: str) -> None:
        self._trend_waiting = False
        if self._history_at is not None and value != self._history[self._history_at]:
            self._history_at = None
        self.search(value)

    def search(self, text: str, cursor: int = 0) -> None:
        """Run the query and show its hits, or say what is wrong with it."""
        results = self.results
        if self.engine is None:
            self._say(_("正在建立索引…"))
            return
        library = self._library()
        results.marks = library
        try:
            result = self.engine.search(text, library, self.order) if text.strip() else None
        except QueryError as error:
            self.result = None
            results.show_result(None)
            self._say(str(error), error=True)
            return
        self.result = result
        results.show_result(result, cursor)
        self._say(self._status(result))

    def _status(self, result: SearchResult | None) -> str:
        if result is None:
            return ""
        if not len(result):
            found = _("无结果")
        else:
            found = (
                _n("{count} 条", len(result)).format(count=f"{len(result):,}")
                + " · "
                + self.order.label
            )
        if self.engine is not None and not self.engine.ready:
            found += " · " + _("正文与拼音索引建立中…")
        return found

    def _say(self, message: str, error: bool = False) -> None:
        line = self.query_one("#search-message", Static)
        if str(line.content) != message:
            # One line, always (no new layout); an error quotes the query, outside text.
            line.update(Content(sanitize(message)), layout=False)
        line.set_class(error, "-error")

    def action_cycle_order(self) -> None:
        """ctrl+o: relevance → newest first → oldest first → relevance."""
        self.order = self.order.next()
        self.search(self.query_text)

    def action_history(self) -> None:
        """Put the next older query into the input."""
        if not self._history:
            self._say(_("没有搜索记录"))
            return
        at = len(self._history) if self._history_at is None else self._history_at
        self._history_at = max(0, at - 1)
        query_input = self.query_one(Input)
        query_input.value = self._history[self._history_at]
        query_input.cursor_position = len(query_input.value)
