"""Chinese text set for the terminal: cell widths, line breaking with 避头尾, item layout.

Free of any UI: the reader pane and `zhoubao show` both print what this package lays out.
"""

from tui.typeset.cells import cell_width
from tui.typeset.headline import wrap_headline, wrap_meta
from tui.typeset.item_layout import (
    LaidLine,
    LineRole,
    layout_item,
    layout_item_lines,
    meta_line,
    plain_item_text,
)
from tui.typeset.wrap import wrap_paragraph

__all__ = [
    "LaidLine",
    "LineRole",
    "cell_width",
    "layout_item",
    "layout_item_lines",
    "meta_line",
    "plain_item_text",
    "wrap_headline",
    "wrap_meta",
    "wrap_paragraph",
]
