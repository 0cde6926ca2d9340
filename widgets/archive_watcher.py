"""A widget with nothing to draw that watches the archive folder and says when it changed.

A thread of its own runs `watchfiles` (inotify and its kin; polling where those are not
available, as on some network folders) over the folder and posts `Changed` once a burst of
changes has settled; the screen then reads the folder again through the parse cache, which
parses only the files that changed. Nothing here touches the UI thread but the message. It
is a plain thread, not a Textual worker: it runs as long as the screen, and waiting for the
workers to finish (as the app's tests do) must not wait for it. Hidden files and the
reader's own data and cache folders (should they lie inside the archive) are ignored.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from tui import paths

if TYPE_CHECKING:
    from watchfiles import Change

#: Milliseconds a burst of changes (a file being copied in) must settle before `Changed`.
SETTLE_MS = 800
#: Milliseconds between two looks at the folder when it must be polled.
POLL_MS = 2000
#: Milliseconds the watching thread waits for changes before it looks up again (to notice
#: that it is being stopped, and to say that it is watching).
WAKE_MS = 1000


class ArchiveWatcher(Widget):
    """Watches one folder; posts `Changed` when files in it were added, changed or removed."""

    DEFAULT_CSS = "ArchiveWatcher { display: none; }"

    class Changed(Message):
        """Files under the folder changed (`count` of them, in one settled burst)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArchiveWatcher.Changed)

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()
        #: Set once the folder is being watched: changes from then on are seen.
        self.watching = threading.Event()
        #: The folder being watched, once `start_watching` was called.
        self.root: Path | None = None

    def start_watching(self, root: Path) -> None:
        """Start watching `root` (a folder; a single file's folder is not watched)."""
        if self.root is None and root.is_dir():
            self.root = root
            thread = threading.Thread(
                target=self._watch, args=(root,), name="archive-watcher", daemon=True
            )
            thread.start()

    def on_unmount(self) -> None:
        self._stop.set()

    def _watch(self, root: Path) -> None:
        from watchfiles import DefaultFilter, watch

        ignored = [paths.data_dir().resolve(), paths.cache_dir().resolve()]
        default = DefaultFilter()
        resolved = root.resolve()

        def wanted(change: Change, path: str) -> bool:
            file = Path(path)
            if not default(change, path) or any(file.is_relative_to(i) for i in ignored):
                return False
            inside = file.relative_to(resolved) if file.is_relative_to(resolved) else file
            return not any(part.startswith(".") for part in inside.parts)

        for polling in (False, True):
            try:
                for changes in watch(
                    root,
                    watch_filter=wanted,
                    debounce=SETTLE_MS,
                    stop_event=self._stop,
                    force_polling=polling,
                    poll_delay_ms=POLL_MS,
                    ignore_permission_denied=True,
                    rust_timeout=WAKE_MS,
                    yield_on_timeout=True,
                ):
                    self.watching.set()  # the first (empty) batch: set up and watching
                    if changes:
                        self.post_message(self.Changed(len(changes)))
                return
            except (OSError, RuntimeError):
                # No inotify watch left, or a file system without events: poll instead.
                continue
