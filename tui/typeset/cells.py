"""Display cells of text, measured exactly as Rich and Textual measure them.

The reader hands our lines to Textual, which measures them with `rich.cells`; if we
measured any other way (plain `unicodedata.east_asian_width`, say) a line we think fits
would be cropped or wrapped again by the widget. So widths come from Rich's own tables,
grapheme by grapheme (combining marks, ZWJ sequences and VS16 included).
"""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes

from tui.sanitize import sanitize


def cell_width(text: str) -> int:
    """Width of `text` in terminal cells, as Textual will draw it once sanitised (controls
    made visible, breaks made spaces; Rich would measure a control as 0 cells)."""
    return cell_len(sanitize(text, "flow"))


def graphemes(text: str) -> list[tuple[str, int]]:
    """Split sanitised text into (grapheme, cells): a zero-width mark stays on its base."""
    spans, _total = split_graphemes(text)
    return [(text[start:end], cells) for start, end, cells in spans]
