"""When the item on show counts as read: read, not merely passed over.

An item turns read when the user reads it: it stays on show for `delay_s` (about 2 s) while
the reader pane has the focus, or after a reading key brought it there (`n`, `p`, `space`,
`u`, or Enter in search or the library). Moving a cursor over the issue list or the tree
previews items without marking them, and nothing is marked at launch. (Paging past the end
of an item marks it at once; the screen does that.)

The timer is a Textual timer started through the `start_timer` the screen passes in; tests
read `timing` to see which item, if any, is being timed, and set `delay_s`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer

#: Seconds an item stays on show, read, before it counts as read.
READ_DELAY_S = 2.0

StartTimer = Callable[[float, Callable[[], None]], Timer]


class ReadingTimer:
    """Times the item being read; calls `on_read(item_id)` once it has been read long enough."""

    def __init__(
        self,
        start_timer: StartTimer,
        on_read: Callable[[str], None],
        delay_s: float = READ_DELAY_S,
    ) -> None:
        self._start_timer = start_timer
        self._on_read = on_read
        self.delay_s = delay_s
        #: The item being timed, or None while nothing is being read.
        self.timing: str | None = None
        #: Whether a reading key brought the item: the timer then outlives a focus change.
        self._by_key = False
        self._timer: Timer | None = None

    def shown(self, item_id: str, *, reading: bool, by_key: bool = False) -> None:
        """Another item is on show: time it if it is being read, else stop timing."""
        if reading or by_key:
            self._start(item_id, by_key)
        else:
            self.stop()

    def reading(self, item_id: str | None, *, by_key: bool = False) -> None:
        """The item on show is being read from now on (the reader took the focus, or a
        reading key paged it): time it, unless it is being timed already."""
        if item_id is not None and self.timing != item_id:
            self._start(item_id, by_key)
        elif by_key:
            self._by_key = True

    def reader_blurred(self) -> None:
        """The reader lost the focus: an item only previewed there is no longer read."""
        if not self._by_key:
            self.stop()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = None
        self.timing = None
        self._by_key = False

    def _start(self, item_id: str, by_key: bool) -> None:
        self.stop()
        self.timing = item_id
        self._by_key = by_key
        self._timer = self._start_timer(self.delay_s, lambda: self._done(item_id))

    def _done(self, item_id: str) -> None:
        if self.timing == item_id:
            self._timer = None
            self.timing = None
            self._by_key = False
            self._on_read(item_id)
