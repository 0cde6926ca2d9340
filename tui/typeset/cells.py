"""Display cells of text, measured exactly as Rich and Textual measure them.

The reader hands our lines to Textual, which measures them with `rich.cells`; if we
measured any other way (plain `unicodedata.east_asian_width`, say) a line we think fits
would be cropped or wrapped again by the widget. So widths come from Rich's own tables,
grapheme by grapheme (combining marks, ZWJ sequences and VS16 included).
"""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes

# Item text is data from files, shown literally. A control character that reached the
# terminal could move the cursor or, with ESC, start an escape sequence that recolours or
# rewrites the screen; Rich also measures controls as 0 cells, which would break the
# layout. So whitespace controls become a plain space (a break opportunity, as the
# parser joins a paragraph's source lines anyway) and every other C0 control, ESC and DEL
# becomes its visible Unicode control picture (␀…␟, ␛, ␡); C1 controls, which have no
# pictures, become U+FFFD. The reader thus shows "␛[31m" where a file holds ESC [31m.
_WHITESPACE_CONTROLS = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85"
_PRINTABLE = str.maketrans(
    {
        **{code: chr(0x2400 + code) for code in range(0x20)},
        0x7F: "\u2421",
        **{code: "\ufffd" for code in range(0x80, 0xA0)},
        **{ord(char): " " for char in _WHITESPACE_CONTROLS},
    }
)


def printable(text: str) -> str:
    """`text` with every control character replaced by a space or a visible picture."""
    return text.translate(_PRINTABLE)


def cell_width(text: str) -> int:
    """Width of `text` in terminal cells, as Textual will draw it (controls made visible)."""
    return cell_len(printable(text))


def graphemes(text: str) -> list[tuple[str, int]]:
    """Split printable text into (grapheme, cells): a zero-width mark stays on its base."""
    spans, _total = split_graphemes(text)
    return [(text[start:end], cells) for start, end, cells in spans]
