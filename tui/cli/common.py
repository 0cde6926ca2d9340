"""What every CLI command shares: finding the archive, printing for people and for scripts,
reporting errors in one line.

Everything printed goes through `tui.sanitize`: a headline, tag, note or file name can hold
an escape sequence, and stdout is often a terminal. `say` and `fail` print one line each;
`print_json` keeps the data exact by writing unsafe characters as JSON escapes.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui import paths
from tui.archive import Archive
from tui.i18n import _
from tui.sanitize import sanitize, unsafe_pattern

if TYPE_CHECKING:
    from tui.search import ItemMarks, SearchEngine


def say(line: str = "") -> None:
    """Print one line of output for people (a line break in it shows as ␊)."""
    sys.stdout.write(sanitize(line) + "\n")


def warn(message: str) -> None:
    """Print a one-line message to stderr: "zhoubao: …"."""
    sys.stderr.write(sanitize(f"zhoubao: {message}") + "\n")


def fail(message: str, code: int = 1) -> int:
    """Print a one-line error (no traceback) and return the exit code."""
    warn(message)
    return code


def archive_root(argument: str | None) -> Path:
    """The archive folder named on the command line, or the bundled samples."""
    return Path(argument).expanduser() if argument else paths.sample_archive()


def open_archive(argument: str | None) -> Archive | None:
    """Load the archive through the parse cache the reader uses (only files that changed
    since either last read it are parsed), reporting a missing folder; None when there is
    nothing to load."""
    from tui.archive.cache import ParseCache

    root = archive_root(argument)
    if not root.exists():
        fail(_("没有这个存档：{path}").format(path=root))
        return None
    return ParseCache(root).load()


def search_engine(archive: Archive) -> SearchEngine:
    """The reader's search engine over `archive`, its index read from the search index cache
    as queries need it (built and cached if there is none); problems with the user's alias
    file are reported on stderr."""
    from tui.search import SearchEngine

    engine = SearchEngine(archive)
    engine.prepare(lazy=True)
    for problem in engine.aliases.problems:
        warn(problem)
    return engine


@contextmanager
def library_marks(needed: bool) -> Iterator[ItemMarks | None]:
    """The user's library for #tag and is: filters, open for the block (None when no query
    needs it: the library is not opened at all)."""
    if not needed:
        yield None
        return
    from tui.library import LibraryStore

    store = LibraryStore()
    try:
        yield store.view
    finally:
        store.close()


def json_text(value: Any) -> str:
    """`value` as indented JSON that a terminal shows as text: characters `sanitize` would
    change are written as \\uXXXX escapes, so a script reading it gets the data exact."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return unsafe_pattern("\n").sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def print_json(value: Any) -> None:
    sys.stdout.write(json_text(value) + "\n")
