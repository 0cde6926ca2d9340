"""The library as the reader app uses it: the store, bound to the archive that is open.

The app deals in item ids (the tree's cursor, search results); the store wants snapshots.
Items are found through the archive's one id index (`Archive.places`), so every key (b, t,
m, u, the note editor, batch actions on search results, catch-up) is one call. Every
change the user makes goes through the `UndoHistory` and can be undone; only the read marks
the reader sets by itself (an item read for two seconds) are not kept there, so that undo
takes back what the user did. Writes raise `LibraryError` with a one-line message for the
app to show (a read-only session says why).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.archive.model import Archive, Issue, Item
from tui.i18n import _
from tui.library.applying import Applied
from tui.library.changes import ChangeSet
from tui.library.history import Replayed, UndoHistory
from tui.library.journal import Action
from tui.library.marks import LibraryMarks
from tui.library.notes import NoteSaved
from tui.library.reattach import ReattachReport, reattach
from tui.library.records import LibraryRecord, Snapshot
from tui.library.rows import clean_tags
from tui.library.store import LibraryError, LibraryStore

if TYPE_CHECKING:
    from tui.library.sharing import ImportReport

#: Characters of a headline that name an item in a notice ("已撤销：收藏（国务院国资委…）").
HEADLINE_IN_LABEL = 24


class LibrarySession:
    """A `LibraryStore` plus the open `Archive`."""

    def __init__(self, store: LibraryStore) -> None:
        self.store = store
        self.archive: Archive | None = None
        #: The changes this session makes, undoable.
        self.history = UndoHistory(store, self.snapshot_of)

    @property
    def view(self) -> LibraryMarks:
        """What search filters and the panes' marks ask (is_bookmarked, tags_of, …)."""
        return self.store.view

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def notice(self) -> str | None:
        return self.store.notice

    def attach(self, archive: Archive) -> ReattachReport:
        """Bind to a freshly loaded archive and re-attach records whose ids changed."""
        self.archive = archive
        return reattach(self.store, archive)

    def item(self, item_id: str) -> Item | None:
        return self.archive.item(item_id) if self.archive is not None else None

    def snapshot(self, item_id: str) -> Snapshot:
        """The item as it is now, or as the library last saw it if its file is gone."""
        place = self.archive.locate(item_id) if self.archive is not None else None
        if place is not None:
            return Snapshot.at(place)
        kept = self.store.snapshot(item_id)
        if kept is None:
            raise LibraryError(_("存档和资料库里都没有条目 {id}").format(id=item_id))
        return kept

    def snapshot_of(self, item_id: str) -> Snapshot | None:
        """The item as the open archive has it, or None."""
        place = self.archive.locate(item_id) if self.archive is not None else None
        return Snapshot.at(place) if place is not None else None

    def headline_of(self, item_id: str, limit: int = HEADLINE_IN_LABEL) -> str:
        """The item's headline, cut to `limit` characters, to name it in a notice."""
        item = self.item(item_id)
        headline = item.headline if item is not None else ""
        if not headline:
            kept = self.store.snapshot(item_id)
            headline = kept.headline if kept is not None else item_id
        headline = " ".join(headline.split())
        return headline if len(headline) <= limit else headline[: limit - 1] + "…"

    def _marked(self, item_id: str) -> tuple[str, Callable[[str], Action]]:
        """Check the item exists (else `LibraryError`); returns its id and a maker of
        actions that name it."""
        self.snapshot(item_id)
        headline = self.headline_of(item_id)
        return item_id, lambda kind: Action(kind, headline, 1)

    def toggle_bookmark(self, item_id: str) -> bool:
        """`b`: flips the stored bookmark; returns whether the item is now bookmarked."""
        return self._toggle(item_id, "bookmarks")

    def toggle_read(self, item_id: str) -> bool:
        """`m`: flips the stored read mark; returns whether the item is now read."""
        return self._toggle(item_id, "read_marks")

    def _toggle(self, item_id: str, table: str) -> bool:
        item_id, action = self._marked(item_id)
        bookmarks = table == "bookmarks"

        def plan(conn: sqlite3.Connection) -> tuple[ChangeSet, Action]:
            on = not conn.execute(f"SELECT 1 FROM {table} WHERE item_id = ?", (item_id,)).fetchone()
            ids = [item_id]
            if bookmarks:
                change = ChangeSet(bookmarked=ids) if on else ChangeSet(unbookmarked=ids)
                return change, action("bookmark_one" if on else "unbookmark_one")
            change = ChangeSet(read=ids) if on else ChangeSet(unread=ids)
            return change, action("read_one" if on else "unread_one")

        done = self.history.apply(plan).done
        return item_id in (done.bookmarked if bookmarks else done.read)

    def set_bookmarks(self, item_ids: Sequence[str], on: bool = True) -> Applied:
        """Bookmark every item (search results), or take their bookmarks off, in one
        transaction and one undoable action."""
        ids = list(item_ids)
        change = ChangeSet(bookmarked=ids) if on else ChangeSet(unbookmarked=ids)
        action = Action("bookmark" if on else "unbookmark")
        return self.history.apply(lambda conn: (change, action))

    def bookmark_all(self, item_ids: Sequence[str]) -> None:
        """Bookmark every item (search results) in one transaction."""
        self.set_bookmarks(item_ids)

    def change_tags(
        self, item_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> None:
        """The tag editor's result, as the tags added and removed there: the others stay as
        stored (another process may have added some meanwhile)."""
        item_id, action = self._marked(item_id)
        change = ChangeSet(
            tagged=[(item_id, tag) for tag in clean_tags(add)],
            untagged=[(item_id, tag) for tag in clean_tags(remove)],
        )
        self.history.apply(lambda conn: (change, action("tags")))

    def tag_all(self, item_ids: Sequence[str], tags: Iterable[str]) -> Applied:
        """Add `tags` to every item (search results) in one transaction."""
        wanted = clean_tags(tags)
        change = ChangeSet(tagged=[(item_id, tag) for item_id in item_ids for tag in wanted])
        action = Action("tag_all", " ".join(f"#{tag}" for tag in wanted), len(item_ids))
        return self.history.apply(lambda conn: (change, action))

    def note_of(self, item_id: str) -> str:
        return self.store.note_of(item_id)

    def set_note(self, item_id: str, text: str, base: str | None = None) -> NoteSaved:
        """The note editor's result; `base` is the note it opened with, so a note changed
        elsewhere meanwhile is kept beside this one. An empty note removes it."""
        item_id, action = self._marked(item_id)

        def plan(conn: sqlite3.Connection) -> tuple[ChangeSet, Action]:
            start = base if base is not None else _stored_note(conn, item_id)
            return ChangeSet(notes=[(item_id, start, text)]), action("note")

        applied = self.history.apply(plan)
        if applied.conflicts:
            return applied.conflicts[0][1]
        return NoteSaved.SAVED if applied.done.notes else NoteSaved.UNCHANGED

    def remove(self, item_id: str) -> Applied:
        """Take the item out of the library: its bookmark, tags and note (its read mark is
        reading, not keeping, and stays)."""
        item_id, action = self._marked(item_id)

        def plan(conn: sqlite3.Connection) -> tuple[ChangeSet, Action]:
            marked = conn.execute("SELECT 1 FROM bookmarks WHERE item_id = ?", (item_id,))
            tags = conn.execute("SELECT tag FROM tags WHERE item_id = ?", (item_id,))
            return (
                ChangeSet(
                    unbookmarked=[item_id] if marked.fetchone() else [],
                    untagged=[(item_id, str(row[0])) for row in tags],
                    notes=[(item_id, _stored_note(conn, item_id), "")],
                ),
                action("remove"),
            )

        return self.history.apply(plan)

    def mark_read(self, item_id: str, read: bool = True) -> None:
        """After about 2 s in the reader, or paged through; idempotent, so cheap to repeat.
        Not an action of the user's to undo: the reader did it."""
        if self.view.is_read(item_id) != read:
            self.store.set_read([self.snapshot(item_id)], read)

    def mark_all_read(self, item_ids: Sequence[str], action: Action) -> Applied:
        """Catch up: every item read, as one undoable action."""
        return self.history.apply(lambda conn: (ChangeSet(read=list(item_ids)), action))

    def undo(self) -> Replayed | None:
        """`ctrl+z`: take back the newest action (None: nothing to undo)."""
        return self.history.undo()

    def redo(self) -> Replayed | None:
        """`ctrl+y`: make again the action undone last (None: none)."""
        return self.history.redo()

    def next_unread(self, item_ids: Sequence[str], after: str | None) -> str | None:
        """`u`: the next unread item in reading order after `after` (wrapping), if any."""
        return self.view.next_unread(item_ids, after)

    def unread_in(self, issue: Issue) -> int:
        """Unread items of an issue, for the issue list and the tree."""
        return self.view.unread_count(item.id for item in issue.items)

    def records(self, kept_only: bool = True) -> list[LibraryRecord]:
        """For the library view and the export dialog: kept items, marked if not on disk."""
        present = self.archive.places if self.archive is not None else {}
        return self.store.records(present, kept_only=kept_only)

    def records_of(self, item_ids: Sequence[str]) -> list[LibraryRecord]:
        """Records of these items (search hits), kept or not, with the user's marks: for
        exporting what a search found. Ids found nowhere are left out."""
        present = self.archive.places if self.archive is not None else {}
        kept = {record.id: record for record in self.store.records(present, kept_only=True)}
        marks = self.view
        records = []
        for item_id in item_ids:
            record = kept.get(item_id)
            if record is None:
                place = present.get(item_id)
                if place is None:
                    continue
                read = marks.is_read(item_id)
                record = LibraryRecord(Snapshot.at(place), False, (), "", read, in_archive=True)
            records.append(record)
        return records

    def import_collection(self, path: Path) -> ImportReport:
        """Merge a colleague's JSON export (`i` in the library view) into the library, as
        one undoable action."""
        from tui.library.sharing import merge_collection, read_collection

        collection = read_collection(path)
        return merge_collection(self.store, collection, self.archive, self.history.journal)


def _stored_note(conn: sqlite3.Connection, item_id: str) -> str:
    row = conn.execute("SELECT text FROM notes WHERE item_id = ?", (item_id,)).fetchone()
    return str(row[0]) if row else ""
