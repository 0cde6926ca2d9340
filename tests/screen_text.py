"""What a Pilot test's screen shows, as text: read off the app's SVG screenshot (public API),
not the screen's private compositor.

Rich leaves runs of blanks out of the SVG and writes the blanks it keeps as no-break spaces,
so each run of text is put back at its column (its `x` over the width of a cell: a run's
textLength counts its characters, its x counts cells), wide characters take their two
cells, and a no-break space is the blank it stood for.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from textual.app import App

#: A run of text: its x, its textLength and its line (the row's clip path).
_TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*?textLength="([\d.]+)"'
    r'[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>([^<]*)</text>'
)


def screen_lines(app: App[object]) -> list[str]:
    """Every row of the app's screen, every cell as the terminal shows it."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, length, row, escaped in _TEXT.findall(app.export_screenshot()):
        text = html.unescape(escaped)
        column = round(float(x) / (float(length) / len(text)))
        for char in text.replace("\xa0", " ").rstrip("\n"):
            if column >= width:
                break
            rows[int(row)][column] = char
            if cell_len(char) == 2 and column + 1 < width:
                rows[int(row)][column + 1] = ""
            column += max(cell_len(char), 1)
    return ["".join(row) for row in rows]


def screen_text(app: App[object]) -> str:
    """Every line of the app's screen as the terminal shows it (trailing blanks dropped)."""
    return "\n".join(line.rstrip() for line in screen_lines(app))
