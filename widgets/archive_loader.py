"""A widget with nothing to draw that reads the archive in a thread and posts what it finds.

It keeps the slow part out of the app: the app yields one, calls `load`, and handles its
messages — the cached preview first (the newest issue, at once), progress while files are
parsed, then the whole archive, or the error if reading failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from tui.archive.cache import ArchivePreview, ParseCache
from tui.archive.model import Archive


class ArchiveLoader(Widget):
    """Loads one archive folder through the parse cache; posts `Preview`, `Progress`, `Loaded`."""

    DEFAULT_CSS = "ArchiveLoader { display: none; }"

    @dataclass
    class Preview(Message):
        """The cached preview: every issue's row and the newest issue, before the rest."""

        preview: ArchivePreview

    @dataclass
    class Progress(Message):
        """`done` of `total` files read (only when some had to be parsed)."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArchiveLoader.Progress)

    @dataclass
    class Loaded(Message):
        archive: Archive

    @dataclass
    class Failed(Message):
        error: BaseException

    def load(self, root: Path, archive: Archive | None = None) -> None:
        """Read `root` (or hand over `archive`, already read) and post the results."""
        self._load(root, archive)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, root: Path, archive: Archive | None) -> None:
        if archive is None:
            cache = ParseCache(root)
            preview = cache.preview()
            if preview is not None:
                self.post_message(self.Preview(preview))
            archive = cache.load(lambda done, total: self._progress(done, total))
        self.post_message(self.Loaded(archive))

    def _progress(self, done: int, total: int) -> None:
        self.post_message(self.Progress(done, total))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.post_message(self.Failed(event.worker.error))
