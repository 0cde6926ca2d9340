"""An option list with the reader's keys: j/k, g/G, ctrl+d/ctrl+u, as well as the arrows."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tui.i18n import N_


class KeyOptionList(OptionList):
    """An `OptionList` whose highlight also moves with j/k, g/G and ctrl+d/ctrl+u."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", N_("向下"), show=False, id="list.down"),
        Binding("k", "cursor_up", N_("向上"), show=False, id="list.up"),
        Binding("g", "first", N_("第一条"), show=False, id="list.first"),
        Binding("G", "last", N_("最后一条"), show=False, id="list.last"),
        Binding("ctrl+d", "half_page(1)", N_("向下半页"), show=False, id="list.half_down"),
        Binding("ctrl+u", "half_page(-1)", N_("向上半页"), show=False, id="list.half_up"),
    ]

    def action_half_page(self, step: int) -> None:
        """Move the highlight half the visible height down (`step` > 0) or up, over the
        options that cannot be chosen (group headings)."""
        half = max(1, self.scrollable_content_region.height // 2)
        start = self.highlighted if self.highlighted is not None else 0
        target = max(0, min(start + step * half, self.option_count - 1))
        indices = range(target, self.option_count) if step > 0 else range(target, -1, -1)
        for index in indices:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
