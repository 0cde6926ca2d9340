"""The one rule for putting outside text on a terminal: `sanitize`.

Headlines, bodies, tags, notes, file names and queries come from files and from people, and
any of them may hold characters a terminal acts on: ESC starts a sequence that can clear the
screen or set the clipboard (OSC 52), C1 controls do the same on some terminals, bidi
overrides reorder what is shown, invisible format characters hide text, and the lone
surrogates that stand for the bytes of a non-UTF-8 file name cannot even be encoded. Every
widget and every CLI printer passes such text through `sanitize` first:

- C0 controls and DEL become their Unicode pictures (ESC → ␛, DEL → ␡), so a file shows
  "␛[2J" where it holds ESC [2J;
- C1 controls and the bidi controls that reorder text (U+202A–202E, U+2066–2069, U+200E,
  U+200F, U+061C) become U+FFFD, visible where they were;
- the other invisible format characters (zero-width space, soft hyphen, BOM, tag
  characters, …) are removed; the zero-width joiner stays, as emoji sequences need it;
- a lone surrogate U+DC80–U+DCFF (an undecodable byte of a file name, as `os.fsdecode`
  gives it) becomes `\\xNN`, any other lone surrogate U+FFFD.

Line breaks and tabs depend on where the text goes (`Layout`). Text without any of these
characters — nearly all of it — is returned as it is, after one regular-expression scan.
"""

from __future__ import annotations

import re
from typing import Literal

#: Where the text goes, which decides what becomes of line breaks and tabs:
#: "line"   — one line (a file name, a tag, a headline in a list): every control a picture;
#: "text"   — lines (a note, CLI output): newline and tab kept, other breaks become "\n";
#: "flow"   — text the caller wraps itself: every break and tab becomes a space;
#: "source" — a file's text before parsing (never shown as is): tab, newline, carriage
#:            return and form feed kept for the parser, which reads lines and pages from them.
Layout = Literal["line", "text", "flow", "source"]

REPLACEMENT = "\ufffd"

# Characters that end a line: newline, vertical tab, form feed, carriage return, NEL, and
# the Unicode line and paragraph separators.
_BREAKS = "\n\x0b\x0c\r\x85\u2028\u2029"
# Bidi controls: each can reorder the text around it on a terminal that implements bidi.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible format characters (Unicode category Cf) that neither reorder nor join: removed.
# tests/test_trust_sanitize.py checks that these and `_BIDI` cover every Cf character the
# running Python knows, but the zero-width joiner.
_INVISIBLE_BMP = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200c"
    "\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
)
_INVISIBLE_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_KEPT: dict[Layout, str] = {"line": "", "text": "\t\n", "flow": "", "source": "\t\n\r\x0c"}
_COMPILED: dict[tuple[str, bool], re.Pattern[str]] = {}


def unsafe_pattern(kept: str = "", exact: bool = True) -> re.Pattern[str]:
    """A character that `sanitize` changes, but those in `kept`.

    Not `exact`, any character beyond the BMP matches too: a scan for that pattern is three
    times faster (the parser scans every issue with it) and finds nothing in nearly all text.
    Each pattern is compiled once (~0.3 ms), when first asked for.
    """
    pattern = _COMPILED.get((kept, exact))
    if pattern is None:
        c0 = "".join(re.escape(chr(code)) for code in range(0x20) if chr(code) not in kept)
        astral = _INVISIBLE_ASTRAL if exact else "\U00010000-\U0010ffff"
        pattern = _COMPILED[kept, exact] = re.compile(
            f"[{c0}\x7f-\x9f{_BIDI}{_INVISIBLE_BMP}{astral}\u2028\u2029\ud800-\udfff]"
        )
    return pattern


def _replacement(char: str, layout: Layout) -> str:
    code = ord(char)
    if char == "\t" or char in _BREAKS:
        if layout == "flow":
            return " "
        if layout != "line":
            return "\n"  # "text" and "source" keep their own; the rest are line breaks
        if char in "\x85\u2028\u2029":
            return "\u2424"  # ␤ SYMBOL FOR NEWLINE: these have no picture of their own
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0x9F or char in _BIDI or 0xD800 <= code <= 0xDFFF:
        return REPLACEMENT  # C1 controls, bidi controls, other lone surrogates
    return ""  # an invisible format character


_REPLACEMENTS: dict[Layout, dict[str, str]] = {layout: {} for layout in _KEPT}


def _replace(match: re.Match[str], layout: Layout) -> str:
    char = match.group()
    table = _REPLACEMENTS[layout]
    found = table.get(char)
    if found is None:
        found = table[char] = _replacement(char, layout)
    return found


def sanitize(text: str, layout: Layout = "line") -> str:
    """`text` as it may be written to a terminal: nothing in it starts an escape sequence,
    reorders or hides text, or fails to encode as UTF-8. See the module's docstring for
    what becomes of each kind of character, and `Layout` for line breaks."""
    kept = _KEPT[layout]
    if unsafe_pattern(kept, exact=False).search(text) is None:
        return text
    if layout == "text" and "\r" in text:
        text = text.replace("\r\n", "\n")
    return unsafe_pattern(kept).sub(lambda match: _replace(match, layout), text)
