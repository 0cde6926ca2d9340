"""The search overlay is written in parts, one module each: no part may hide another's name,
and the messages the app handles keep the screen's name."""

from __future__ import annotations

from textual.screen import ModalScreen

from tui.screens.search import SearchScreen
from tui.screens.search_actions import SearchActions
from tui.screens.search_query import SearchQuery

PARTS = (SearchQuery, SearchActions, SearchScreen)

#: What Python and Textual put in every screen class's own namespace.
MACHINERY = set(vars(type("EmptyScreen", (ModalScreen,), {})))


def test_no_part_of_the_overlay_redefines_a_name_of_another() -> None:
    seen: dict[str, str] = {}
    for part in PARTS:
        for name in set(vars(part)) - MACHINERY:
            assert name not in seen, f"{part.__name__}.{name} hides {seen[name]}.{name}"
            seen[name] = part.__name__


def test_the_apps_handlers_still_match_the_overlays_requests() -> None:
    from tui.app import ZhoubaoApp

    for message in (SearchScreen.BatchRequested, SearchScreen.ExportRequested):
        assert message.handler_name.startswith("on_search_screen_")
        assert callable(getattr(ZhoubaoApp, message.handler_name))
