"""What the search overlay does with the hits found: save the query, bookmark or tag or
export every hit, show the query's trend, open or copy the hit under the cursor.

Batches and exports are asked of the app by message (`SearchScreen.BatchRequested`,
`SearchScreen.ExportRequested`: the messages keep the screen's name, which the app's
handlers are named after).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

from tui.i18n import _
from tui.sanitize import sanitize
from tui.screens.requests import OpenSourceRequested
from tui.screens.search_query import OpenHit, SearchQuery


class SearchActions(SearchQuery):
    """The overlay's actions on the query and its hits."""

    @dataclass
    class BatchRequested(Message, namespace="search_screen"):
        """ctrl+b / ctrl+t: bookmark or tag every item found (the app does it)."""

        action: Literal["bookmark", "tag"]
        item_ids: tuple[str, ...]

    @dataclass
    class ExportRequested(Message, namespace="search_screen"):
        """ctrl+e: export the items found (the app opens the export dialog on them)."""

        query: str
        item_ids: tuple[str, ...]

    def action_save(self) -> None:
        """ctrl+s: keep the query under a name, as a view in the issue list."""
        from tui.screens.save_search import SaveSearchDialog

        if not self.query_text.strip():
            self._say(_("先输入要保存的搜索"))
            return
        self.app.push_screen(SaveSearchDialog(self.query_text), self._saved)

    def _saved(self, name: str | None) -> None:
        if name is not None:
            self._say(_("已保存为“{name}”").format(name=name))

    def _found_ids(self) -> tuple[str, ...]:
        """Every item found, in reading order."""
        if self.result is None or self.engine is None:
            return ()
        items = self.engine.index.items
        return tuple(items[number].id for number in self.result.found())

    def action_batch(self, action: Literal["bookmark", "tag"]) -> None:
        """Ask the app to bookmark or tag every hit."""
        ids = self._found_ids()
        if not ids:
            self._say(_("没有结果可以处理"))
            return
        self.post_message(self.BatchRequested(action, ids))

    def action_export(self) -> None:
        """Ask the app to export the items found."""
        ids = self._found_ids()
        if not ids:
            self._say(_("没有结果可以导出"))
            return
        self.post_message(self.ExportRequested(self.query_text, ids))

    def action_trend(self) -> None:
        """ctrl+g: the query's matches over time; an item chosen there opens in the reader."""
        from tui.screens.trend_kept import kept_trend_screen

        if not self.query_text.strip():
            self._say(_("先输入要看趋势的查询"))
        elif self.engine is None or not self.engine.ready:
            # Counted on headlines only, the chart would disagree with the search later.
            self._trend_waiting = True
            self._say(_("正文索引建立中，建好就显示趋势…"))
        elif self.result is not None:
            from tui.trends import Series

            # Counted from the hits on show: the same set, without searching again.
            found = Series(self.query_text, self.result.found(), self.result.needles)
            screen = kept_trend_screen(self.app, self.engine, self._library, [found])
            self.app.push_screen(screen, self._trend_closed)

    def _trend_closed(self, opened: OpenHit | None) -> None:
        if opened is not None:
            self.dismiss(opened)

    def action_open_source(self) -> None:
        """`o` on a hit: its file, opened by the reader (which knows where it is)."""
        from tui.search import Hit

        hit = self.results.current
        if isinstance(hit, Hit):
            self.post_message(OpenSourceRequested(hit.id))

    def action_copy_hit(self) -> None:
        """`y` on a hit: copy the item, as the reader's `y` does."""
        from tui.search import Hit
        from tui.typeset import plain_item_text

        hit = self.results.current
        if isinstance(hit, Hit):
            self.app.copy_to_clipboard(plain_item_text(hit.item))
            self.notify(sanitize(hit.item.headline), title=_("已复制"), timeout=2, markup=False)
