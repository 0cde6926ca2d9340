"""The reader screen is written in parts, one module each: no part may hide another's name."""

from __future__ import annotations

from textual.screen import Screen

from tui.screens.reader import ReaderScreen
from tui.screens.reader_loading import ReaderLoading
from tui.screens.reader_position import ReaderPosition
from tui.screens.reader_search import ReaderSearch

PARTS = (ReaderPosition, ReaderLoading, ReaderSearch, ReaderScreen)


#: What Python and Textual put in every screen class's own namespace.
MACHINERY = set(vars(type("EmptyScreen", (Screen,), {})))


def own_names(part: type) -> set[str]:
    """The methods and attributes a part defines itself."""
    return set(vars(part)) - MACHINERY


def test_no_part_of_the_reader_redefines_a_name_of_another() -> None:
    seen: dict[str, str] = {}
    for part in PARTS:
        for name in own_names(part):
            assert name not in seen, f"{part.__name__}.{name} hides {seen[name]}.{name}"
            seen[name] = part.__name__


def test_every_part_is_in_the_screen_it_builds() -> None:
    assert all(issubclass(ReaderScreen, part) for part in PARTS)
    assert ReaderScreen.__mro__.index(ReaderLoading) < ReaderScreen.__mro__.index(ReaderPosition)
