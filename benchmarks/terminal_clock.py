"""A terminal for the key-press-to-pixels benchmarks, through Textual's public `Driver` API.

Under `run_test` the app draws nothing (its driver is headless). With this driver, and
`run_test(headless=False)`, it renders every frame to the escape codes a terminal would be
sent, exactly as in a real terminal, and hands them to `write`, which keeps only the time
each arrived: when that frame's pixels would be on their way.
"""

from __future__ import annotations

import time

from textual.drivers.headless_driver import HeadlessDriver


def terminal_clock(frames: list[float]) -> type[HeadlessDriver]:
    """A driver class whose every write (a frame; the app writes nothing else while it is
    measured) appends its `time.perf_counter()` to `frames`."""

    class TerminalClock(HeadlessDriver):
        @property
        def is_headless(self) -> bool:
            return False  # so the app renders each frame for a terminal

        def write(self, data: str) -> None:
            frames.append(time.perf_counter())

    return TerminalClock
