"""Closing a screen collects the garbage (a full collection) once it is gone: its widgets
refer to each other, so only a full collection frees them, and left to Python that
collection comes at some later key press (20–70 ms on a loaded machine: the tail of
`trend_ms_15k`)."""

from __future__ import annotations

import gc

from test_app_navigation import SAMPLES, started
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive


class Dialog(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("一个对话框")


async def test_closing_a_screen_collects_the_garbage() -> None:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    full: list[int] = []

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            full.append(info["collected"])

    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await app.push_screen(Dialog())
        app.garbage_every_s = 0.0  # whatever closed during the start
        gc.disable()  # no collection of Python's own: only the app's
        gc.callbacks.append(collected)
        try:
            await app.pop_screen()
            await wait_until(pilot, lambda: bool(full), "a full collection")
        finally:
            gc.callbacks.remove(collected)
            gc.enable()
