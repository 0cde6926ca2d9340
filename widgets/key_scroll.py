"""A scrolling box with the reader's keys: j/k, g/G, ctrl+d/ctrl+u, page up/down.

The dialogs that only show text (help, problems) scroll with it, and the reader pane uses
the same `scroll_bindings`, so every scrollable view moves with the same keys.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from tui.i18n import N_
from tui.keys import paging_bindings


def scroll_bindings(prefix: str) -> list[BindingType]:
    """The keys that scroll a view, with ids under `prefix` ("reader.down", …)."""
    return [
        Binding("j,down", "scroll_down", N_("向下"), show=False, id=f"{prefix}.down"),
        Binding("k,up", "scroll_up", N_("向上"), show=False, id=f"{prefix}.up"),
        Binding("g,home", "scroll_home", N_("顶部"), show=False, id=f"{prefix}.top"),
        Binding("G,end", "scroll_end", N_("底部"), show=False, id=f"{prefix}.bottom"),
        *paging_bindings(prefix),
    ]


class KeyScroll(VerticalScroll):
    """A `VerticalScroll` that also moves with j/k, g/G and ctrl+d/ctrl+u."""

    BINDINGS: ClassVar[list[BindingType]] = scroll_bindings("dialog")

    def action_half_page(self, step: int) -> None:
        """Scroll half the visible height down (`step` > 0) or up."""
        half = max(1, self.scrollable_content_region.height // 2)
        self.scroll_relative(y=step * half, animate=False)
