"""The library as the reader app uses it: the store, bound to the archive that is open.

The app deals in item ids (the tree's cursor, search results); the store wants snapshots.
Items are found through the archive's one id index (`Archive.places`), so every key (b, t,
m, u, the note editor, batch actions on search results) is one call. Writes raise
`LibraryError` with a one-line message for the app to show (a read-only session says why).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.archive.model import Archive, Issue, Item
from tui.library.marks import LibraryMarks
from tui.library.notes import NoteSaved
from tui.library.reattach import ReattachReport, reattach
from tui.library.records import LibraryRecord, Snapshot
from tui.library.store import LibraryError, LibraryStore

if TYPE_CHECKING:
    from tui.library.sharing import ImportReport


class LibrarySession:
    """A `LibraryStore` plus the open `Archive`."""

    def __init__(self, store: LibraryStore) -> None:
        self.store = store
        self.archive: Archive | None = None

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
            raise LibraryError(f"no item {item_id} in the archive or the library")
        return kept

    def _snapshots(self, item_ids: Iterable[str]) -> list[Snapshot]:
        return [self.snapshot(item_id) for item_id in item_ids]

    def toggle_bookmark(self, item_id: str) -> bool:
        """`b`: returns whether the item is now bookmarked."""
        return self.store.toggle_bookmark(self.snapshot(item_id))

    def bookmark_all(self, item_ids: Sequence[str]) -> None:
        """Bookmark every item (search results) in one transaction."""
        self.store.set_bookmarks(self._snapshots(item_ids))

    def change_tags(
        self, item_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> None:
        """The tag editor's result, as the tags added and removed there: the others stay as
        stored (another process may have added some meanwhile)."""
        self.store.change_tags([self.snapshot(item_id)], add, remove)

    def tag_all(self, item_ids: Sequence[str], tags: Iterable[str]) -> None:
        """Add `tags` to every item (search results) in one transaction."""
        self.store.add_tags(self._snapshots(item_ids), tags)

    def note_of(self, item_id: str) -> str:
        return self.store.note_of(item_id)

    def set_note(self, item_id: str, text: str, base: str | None = None) -> NoteSaved:
        """The note editor's result; `base` is the note it opened with, so a note changed
        elsewhere meanwhile is kept beside this one. An empty note removes it."""
        return self.store.save_note(self.snapshot(item_id), text, base)

    def mark_read(self, item_id: str, read: bool = True) -> None:
        """After about 2 s in the reader, or paged through; idempotent, so cheap to repeat."""
        if self.view.is_read(item_id) != read:
            self.store.set_read([self.snapshot(item_id)], read)

    def toggle_read(self, item_id: str) -> bool:
        """`m`: flips the stored mark; returns whether the item is now read."""
        return self.store.toggle_read(self.snapshot(item_id))

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
        """Merge a colleague's JSON export (`zhoubao import`) into the library."""
        from tui.library.sharing import merge_collection, read_collection

        return merge_collection(self.store, read_collection(path), self.archive)
