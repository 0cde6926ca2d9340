"""The one trend screen the app keeps between two uses of ctrl+g.

Composing and styling a new `TrendScreen` was a third of the time from the key press to the
chart (more on a loaded machine); kept installed in the app, the screen is only started
over with the new queries. It holds the search engine: when the archive is read again, the
reader lets it go (`forget`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import App

from tui.screens.trend import TrendScreen
from tui.search import ItemMarks, SearchEngine
from tui.trends import Series

#: The name the app keeps the trend screen under.
KEPT_AS = "trend"


def kept_trend_screen(
    app: App[object],
    engine: SearchEngine,
    library: Callable[[], ItemMarks | None],
    queries: Sequence[str | Series],
) -> TrendScreen:
    """The trend screen for these queries: the kept one, started over, if it is on this
    engine; else a new one, kept from now on."""
    if app.is_screen_installed(KEPT_AS):
        screen = app.get_screen(KEPT_AS)
        if screen in app.screen_stack:  # in use (under an entity's timeline)
            return TrendScreen(engine, library, queries)
        if isinstance(screen, TrendScreen) and screen.engine is engine:
            screen.start_over(library, queries)
            return screen
        forget(app)
    screen = TrendScreen(engine, library, queries)
    app.install_screen(screen, KEPT_AS)
    return screen


def forget(app: App[object]) -> None:
    """Let the kept trend screen go (and the engine it holds), unless it is on show."""
    if app.is_screen_installed(KEPT_AS):
        screen = app.get_screen(KEPT_AS)
        if screen not in app.screen_stack:
            app.uninstall_screen(KEPT_AS)
            screen.remove()
