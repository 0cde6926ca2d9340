"""A widget with nothing to draw that reads the archive in a thread and posts what it finds.

It keeps the slow part out of the app: the app yields one, calls `load`, and handles its
messages — the cached preview first (the newest issue, at once), progress while files are
parsed, then the whole archive, or the error if reading failed. With an empty cache the
issue to open at is parsed first and posted as a one-issue preview; progress is posted at
most `PROGRESS_EVERY_S` apart, so that the screen redraws a few times a second, not once
a file.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from tui.archive.cache import ArchivePreview, IssueSummary, ParseCache
from tui.archive.model import Archive, Issue


class ArchiveLoader(Widget):
    """Loads one archive folder through the parse cache; posts `Preview`, `Progress`, `Loaded`."""

    DEFAULT_CSS = "ArchiveLoader { display: none; }"

    # Messages take their fields in a plain `__init__`: a dataclass costs ~0.3 ms to create
    # at import, and the app imports every pane before its first frame.
    class Preview(Message):
        """The cached preview: every issue's row and the newest issue, before the rest."""

        def __init__(self, preview: ArchivePreview) -> None:
            super().__init__()
            self.preview = preview

    class Progress(Message):
        """`done` of `total` files read (only when some had to be parsed)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArchiveLoader.Progress)

    class Loaded(Message):
        """The whole archive has been read."""

        def __init__(self, archive: Archive) -> None:
            super().__init__()
            self.archive = archive

    class Failed(Message):
        """Reading the archive failed with `error`."""

        def __init__(self, error: BaseException) -> None:
            super().__init__()
            self.error = error

    #: How long the worker waits for the preview to be drawn before loading on regardless.
    PREVIEW_WAIT_S = 1.0
    #: Seconds between two `Progress` messages (each costs the screen a redraw).
    PROGRESS_EVERY_S = 0.25

    def __init__(self) -> None:
        super().__init__()
        self._preview_drawn = threading.Event()
        self._progress_at = 0.0

    def load(
        self,
        root: Path,
        archive: Archive | None = None,
        preview_shown: bool = False,
        wanted: int | None = None,
    ) -> None:
        """Read `root` (or hand over `archive`, already read) and post the results.

        With `preview_shown` the app already shows a preview: no `Preview` is posted, and
        the archive is loaded once `preview_drawn` says that it is on screen. With an empty
        cache, issue `wanted` (else the newest) is parsed first and posted as a preview.
        """
        self._preview_drawn.clear()
        self._load(root, archive, preview_shown, wanted)

    def preview_drawn(self) -> None:
        """The preview is on screen: the worker may now unpickle the whole archive.

        Unpickling tens of MB holds the GIL for long stretches; started at once, it would
        starve the UI thread and hold back the very frame the preview is for.
        """
        self._preview_drawn.set()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(
        self, root: Path, archive: Archive | None, preview_shown: bool, wanted: int | None
    ) -> None:
        if archive is None:
            cache = ParseCache(root)
            preview = None if preview_shown else cache.preview()
            if preview is not None:
                self.post_message(self.Preview(preview))
            if preview_shown or preview is not None:
                self._preview_drawn.wait(self.PREVIEW_WAIT_S)
            first = None if preview_shown or preview is not None else self._first_parsed
            self._progress_at = time.monotonic()
            archive = cache.load(self._progress, first=first, wanted=wanted)
        archive.places  # noqa: B018 -- build the id index here, off the UI thread
        if not get_current_worker().is_cancelled:  # a reload started since: its result wins
            self.post_message(self.Loaded(archive))

    def _first_parsed(self, issue: Issue) -> None:
        """The first issue parsed (with an empty cache): show it while the rest is read, and
        let its frame be drawn before parsing on holds the GIL again."""
        summary = IssueSummary(issue.number, issue.date, issue.item_count)
        self.post_message(self.Preview(ArchivePreview((summary,), issue, 0)))
        self._preview_drawn.wait(self.PREVIEW_WAIT_S)

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._progress_at >= self.PROGRESS_EVERY_S:
            self._progress_at = now
            self.post_message(self.Progress(done, total))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.post_message(self.Failed(event.worker.error))
