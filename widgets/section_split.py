"""How a query's matches split by section: 行业 3,042 59% ██████ — a line per section.

Drawn, not focusable: the numbers beside the entity table under the trend chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from tui.sanitize import sanitize
from tui.trends.counts import SectionCount
from tui.trends.legend import clip
from tui.typeset.cells import cell_width

#: Cells for the section's name.
NAME_CELLS = 8


class SectionSplit(Widget):
    """Sections, most matches first, with their share as a bar."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"section-split--bar", "section-split--meta"}

    DEFAULT_CSS = """
    SectionSplit {
        height: 1fr;
        & > .section-split--bar { color: $primary; }
        & > .section-split--meta { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sections: Sequence[SectionCount] = ()

    def show_sections(self, sections: Sequence[SectionCount]) -> None:
        self.sections = sections
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y >= len(self.sections):
            return Strip.blank(width, base)
        section = self.sections[y]
        total = sum(s.count for s in self.sections) or 1
        share = section.count / total
        name = clip(sanitize(section.name), NAME_CELLS)
        numbers = f"{' ' * (NAME_CELLS - cell_width(name))}{section.count:>7,} {share:>4.0%} "
        bar = _bar(share, max(0, width - cell_width(name) - len(numbers)))
        segments = [
            Segment(name, base),
            Segment(numbers, base + self.get_component_rich_style("section-split--meta")),
            Segment(bar, base + self.get_component_rich_style("section-split--bar")),
        ]
        return Strip(segments).adjust_cell_length(width, base)


def _bar(share: float, cells: int) -> str:
    """`share` of `cells` as a bar in eighths of a cell."""
    eighths = round(share * cells * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
