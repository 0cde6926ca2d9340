"""Makes the archive's one search engine off the UI thread, and says when each part is there.

Not drawn. The reader screen holds it beside its archive loader: `schedule` after the archive
is read (a little later than the first frames and the library, which matter more then),
`start` at once when the user presses `/`. The worker makes the engine and folds the
headlines (a `Ready` message: search works on headlines), then builds its full index or
loads it from the disk cache (a second `Ready`, with `engine.ready` true).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from tui.archive.model import Archive

if TYPE_CHECKING:  # imported by the worker: the reader's first frame does without it
    from tui.search import SearchEngine


class SearchIndexer(Widget):
    """The worker behind `ReaderScreen.search_engine`."""

    DEFAULT_CSS = "SearchIndexer { display: none; }"

    class Ready(Message):
        """The engine can search (headlines at first; all of it once `engine.ready`)."""

        def __init__(self, engine: SearchEngine, archive: Archive) -> None:
            super().__init__()
            self.engine = engine
            self.archive = archive

    def __init__(self) -> None:
        super().__init__()
        self._archive: Archive | None = None
        self._timer: Timer | None = None
        self._started = False

    def schedule(self, archive: Archive, delay: float) -> None:
        """A new archive was read: make its engine in `delay` seconds (or at `start`)."""
        if self._timer is not None:
            self._timer.stop()
        self._archive = archive
        self._started = False
        self._timer = self.set_timer(delay, self.start)

    def start(self) -> None:
        """Make the engine now, if it is not under way already."""
        if self._archive is None or self._started:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._started = True
        self._make(self._archive)

    @work(thread=True, exclusive=True, group="search-engine", exit_on_error=False)
    def _make(self, archive: Archive) -> None:
        from tui.search import SearchEngine

        engine = SearchEngine(archive)
        engine.index.headlines  # noqa: B018 (folded here, not in the UI thread)
        self.post_message(self.Ready(engine, archive))
        engine.prepare()
        self.post_message(self.Ready(engine, archive))
