"""Waiting on state in Pilot tests, never on the clock.

`wait_until` lets the app run until a condition holds: a worker's result shown, a timer's
write stored. It gives up only after a deadline far beyond any real wait (a loaded CI
machine included), with the condition's description in the failure.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

#: Seconds after which a condition that never came true fails the test.
DEADLINE_S = 60.0


async def wait_until(pilot: Pilot[object], condition: Callable[[], object], what: str) -> None:
    """Let the app run (messages, timers, workers) until `condition()` is true."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {DEADLINE_S:.0f} s for: {what}")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.01)
