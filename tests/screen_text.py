"""What a Pilot test's screen shows, as text: read off the app's SVG screenshot (public API).

Rich leaves runs of blanks out of the SVG, so each run of text is put back at its column
(its `x` over the width of a cell), and wide characters take their two cells.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from textual.app import App

_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>'
)


def screen_text(app: App[object]) -> str:
    """Every line of the app's screen as the terminal shows it (trailing blanks dropped)."""
    svg = app.export_screenshot()
    runs = [
        (int(line), float(x), float(length), html.unescape(text))
        for x, length, line, text in _TEXT.findall(svg)
    ]
    # A run's textLength counts its characters; its x counts cells.
    cell = next((length / len(text) for _l, _x, length, text in runs if text.strip()), 1.0)
    lines: dict[int, str] = {}
    for line, x, _length, text in runs:
        column = round(x / cell)
        shown = lines.get(line, "")
        shown += " " * max(0, column - cell_len(shown))
        lines[line] = shown + text.rstrip("\n")
    height = max(lines, default=-1) + 1
    return "\n".join(lines.get(n, "").rstrip() for n in range(height))
