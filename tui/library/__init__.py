"""The user's library: bookmarks, tags, notes and read marks, kept in SQLite; exports.

No Textual here: the app, the CLI and the search filters all use these same objects.
"""

from tui.library.marks import LibraryMarks
from tui.library.reattach import ReattachReport, reattach
from tui.library.records import LibraryRecord, Snapshot
from tui.library.session import LibrarySession
from tui.library.store import LibraryError, LibraryReadOnly, LibraryStore

__all__ = [
    "LibraryError",
    "LibraryMarks",
    "LibraryReadOnly",
    "LibraryRecord",
    "LibrarySession",
    "LibraryStore",
    "ReattachReport",
    "Snapshot",
    "reattach",
]
