"""The reader screen's search work, off the UI thread: the engine, and the saved searches.

Not drawn. The reader screen holds it beside its archive loader: `schedule` after the archive
is read (a little later than the first frames and the library, which matter more then),
`start` at once when the user presses `/`. The worker makes the engine and folds the
headlines (a `Ready` message: search works on headlines), then builds its full index or
loads it from the disk cache (a second `Ready`, with `engine.ready` true).

`count_views` reads the saved searches and counts each one's hits and unread hits
(`ViewsCounted`), after any change that can change them; `delete_view` deletes one first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.archive.model import Archive

if TYPE_CHECKING:  # imported by the worker: the reader's first frame does without it
    from tui.search import ItemMarks, SearchEngine
    from tui.search.views import ViewRow


class SearchIndexer(Widget):
    """The worker behind `ReaderScreen.search_engine`."""

    DEFAULT_CSS = "SearchIndexer { display: none; }"

    class Ready(Message):
        """The engine can search (headlines at first; all of it once `engine.ready`)."""

        def __init__(self, engine: SearchEngine, archive: Archive) -> None:
            super().__init__()
            self.engine = engine
            self.archive = archive

    class ViewsCounted(Message):
        """The saved searches, counted (counts None without an engine)."""

        def __init__(self, rows: list[ViewRow], notice: str) -> None:
            super().__init__()
            self.rows = rows
            #: Set when the saved searches' file could not be read (and was moved aside).
            self.notice = notice

    def __init__(self) -> None:
        super().__init__()
        self._archive: Archive | None = None
        self._previous: SearchEngine | None = None
        self._timer: Timer | None = None
        self._started = False

    def schedule(
        self, archive: Archive, delay: float, previous: SearchEngine | None = None
    ) -> None:
        """A new archive was read: make its engine in `delay` seconds (or at `start`),
        reusing the index of `previous` (the engine of the archive before it changed) for
        the issues that are the same."""
        if self._timer is not None:
            self._timer.stop()
        self._archive = archive
        self._previous = previous
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
        previous, self._previous = self._previous, None
        self._make(self._archive, previous)

    @work(thread=True, exclusive=True, group="search-engine", exit_on_error=False)
    def _make(self, archive: Archive, previous: SearchEngine | None) -> None:
        from tui.search import SearchEngine

        engine = SearchEngine(archive)
        engine.index.headlines  # noqa: B018 (folded here, not in the UI thread)
        self.post_message(self.Ready(engine, archive))
        engine.prepare(previous=previous)
        self.post_message(self.Ready(engine, archive))

    @work(thread=True, exclusive=True, group="saved-searches", exit_on_error=False)
    def count_views(
        self, engine: SearchEngine | None, marks: ItemMarks | None, delete: str | None = None
    ) -> None:
        """Read the saved searches (deleting `delete` first) and count them with `engine`."""
        from tui.search.saved import SavedSearchError, SavedSearches
        from tui.search.views import ViewRow, count_views

        saved = SavedSearches.load()
        notice = saved.notice
        if delete is not None:
            try:
                saved.delete(delete)
            except SavedSearchError as error:
                notice = str(error)
        searches = saved.searches
        if engine is None or not engine.ready:
            rows = [ViewRow(search.name, search.query) for search in searches]
        else:
            rows = count_views(engine, searches, marks)
        if not get_current_worker().is_cancelled:  # a newer count is under way
            self.post_message(self.ViewsCounted(rows, notice))
