"""The user's library on disk: bookmarks, tags, notes and read marks in one SQLite file.

Every write states the change it makes against what is stored at that moment —
"bookmarked", "add tag X, remove tag Y", "toggle what is stored" — never a copy of the whole
state read earlier, so two zhoubao processes writing at once lose nothing and repeating a
write changes nothing. A note saved from an editor is compared with the note it started
from (`tui.library.notes`). Each write also stores a snapshot of the item, so the record
outlives the file it came from. The connections, transactions and the in-memory `view`
are `LibraryConnections`' (tui/library/connections.py).
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from tui.library.connections import LibraryConnections

# Raised by every library operation; callers import them from here.
from tui.library.connections import LibraryError as LibraryError
from tui.library.connections import LibraryReadOnly as LibraryReadOnly
from tui.library.edits import retag, save_note, set_mark
from tui.library.marks import LibraryMarks
from tui.library.notes import NoteSaved
from tui.library.records import LibraryRecord, Snapshot
from tui.library.rows import (
    KEPT_IDS,
    SNAPSHOT_COLUMNS,
    clean_tags,
    snapshot_from_row,
)


class LibraryStore(LibraryConnections):
    """The library of one user. Writes raise `LibraryError` with a one-line reason."""

    # Writes. Each states a change to what is stored now, so repeating it is harmless.

    def set_bookmark(self, snap: Snapshot, on: bool = True) -> None:
        self.set_bookmarks([snap], on)

    def set_bookmarks(self, snaps: Iterable[Snapshot], on: bool = True) -> None:
        """Bookmark (or un-bookmark) many items in one transaction: search results, say."""
        self._set_marks("bookmarks", snaps, on)

    def toggle_bookmark(self, snap: Snapshot) -> bool:
        """Flip the stored bookmark in one transaction; returns whether it is now on."""
        return self._toggle("bookmarks", snap)

    def toggle_read(self, snap: Snapshot) -> bool:
        """Flip the stored read mark in one transaction; returns whether it is now read."""
        return self._toggle("read_marks", snap)

    def _toggle(self, table: str, snap: Snapshot) -> bool:
        with self._write() as conn:
            stored = conn.execute(f"SELECT 1 FROM {table} WHERE item_id = ?", (snap.id,))
            on = stored.fetchone() is None
            set_mark(conn, table, snap, on)
            self._show_marks(table, [snap.id], on)
        return on

    def add_tags(self, snaps: Iterable[Snapshot], tags: Iterable[str]) -> None:
        """Give every item each of `tags` (kept tags stay)."""
        self.change_tags(snaps, add=tags)

    def change_tags(
        self, snaps: Iterable[Snapshot], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> None:
        """Add and remove these tags, in one transaction: the tags the user did not touch —
        another process's too — stay as they are stored."""
        added, removed = clean_tags(add), clean_tags(remove)
        with self._write() as conn:
            now = {snap.id: retag(conn, snap, added, removed) for snap in snaps}
            self._changed(lambda view: view.set_tags(now))

    def remove_tags(self, item_id: str, tags: Iterable[str]) -> None:
        removed = clean_tags(tags)
        with self._write() as conn:
            now = {item_id: retag(conn, None, [], removed, item_id)}
            self._changed(lambda view: view.set_tags(now))

    def set_note(self, snap: Snapshot, text: str) -> None:
        """Store the note exactly as written; an empty (or all-space) note removes it."""
        self.save_note(snap, text)

    def save_note(self, snap: Snapshot, text: str, base: str | None = None) -> NoteSaved:
        """Save a note from an editor that started from `base` (see `tui.library.notes`):
        if the stored note changed since, both texts are kept."""
        with self._write() as conn:
            final, outcome = save_note(conn, snap, text, base)
            self._changed(lambda view: view.set_note(snap.id, final))
        return outcome

    def update(
        self,
        snap: Snapshot,
        *,
        bookmark: bool | None = None,
        add_tags: Iterable[str] = (),
        note: str | None = None,
    ) -> None:
        """Several changes to one item in one transaction: all of them are kept, or none
        (`zhoubao bookmark ID --tag T --note N`)."""
        added = clean_tags(add_tags)
        with self._write() as conn:
            if bookmark is not None:
                set_mark(conn, "bookmarks", snap, bookmark)
            tags = retag(conn, snap, added, []) if added else None
            final = save_note(conn, snap, note, None)[0] if note is not None else None

            def show(view: LibraryMarks) -> None:
                if bookmark is not None:
                    view.set_bookmarked([snap.id], bookmark)
                if tags is not None:
                    view.set_tags({snap.id: tags})
                if final is not None:
                    view.set_note(snap.id, final)

            self._changed(show)

    def set_read(self, snaps: Iterable[Snapshot], on: bool = True) -> None:
        self._set_marks("read_marks", snaps, on)

    def _set_marks(self, table: str, snaps: Iterable[Snapshot], on: bool) -> None:
        snaps = list(snaps)
        with self._write() as conn:
            for snap in snaps:
                set_mark(conn, table, snap, on)
            self._show_marks(table, [snap.id for snap in snaps], on)

    def _show_marks(self, table: str, item_ids: list[str], on: bool) -> None:
        """Once committed, show the bookmarks (or read marks) of these items set or not."""
        if table == "bookmarks":
            self._changed(lambda view: view.set_bookmarked(item_ids, on))
        else:
            self._changed(lambda view: view.set_read(item_ids, on))

    # Reads.

    def note_of(self, item_id: str) -> str:
        """The item's note as stored when the view was last loaded or written."""
        return self.view.note_of(item_id)

    def headlines(self) -> dict[str, tuple[int, str]]:
        """Issue number and headline of every record, by id: all that re-attach needs."""
        with self._read_lock:
            rows = self._conn.execute("SELECT id, number, headline FROM items").fetchall()
        # A damaged number (text in the column: SQLite keeps what it is given) reads as 0,
        # as `snapshot_from_row` reads it, instead of failing every command.
        return {
            str(item_id): (number if isinstance(number, int) else 0, str(headline))
            for item_id, number, headline in rows
        }

    def snapshot(self, item_id: str) -> Snapshot | None:
        with self._read_lock:
            row = self._conn.execute(
                f"SELECT {SNAPSHOT_COLUMNS} FROM items WHERE id = ?", (item_id,)
            ).fetchone()
        return snapshot_from_row(row) if row else None

    def records(self, present: Container[str], kept_only: bool = False) -> list[LibraryRecord]:
        """Every item in the library (or only the bookmarked, tagged or annotated ones), by
        issue and place in the issue.

        `present` holds the ids of the open archive (`archive.places`); records not in
        it are marked `in_archive=False`.
        """
        where = f"WHERE id IN ({KEPT_IDS})" if kept_only else ""
        # One read transaction: another process committing between these reads would
        # otherwise give items with some of their marks as they were and some as they are.
        with self._read_lock:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                rows = conn.execute(
                    f"SELECT {SNAPSHOT_COLUMNS}, saved_at FROM items {where} "
                    "ORDER BY number, position, id"
                ).fetchall()
                tags: dict[str, list[str]] = {}
                for item_id, tag in conn.execute("SELECT item_id, tag FROM tags ORDER BY tag"):
                    tags.setdefault(item_id, []).append(tag)
                notes = dict(conn.execute("SELECT item_id, text FROM notes").fetchall())
                bookmarked = {r[0] for r in conn.execute("SELECT item_id FROM bookmarks")}
                read = {r[0] for r in conn.execute("SELECT item_id FROM read_marks")}
            finally:
                conn.execute("COMMIT")
        return [
            LibraryRecord(
                snapshot=snap,
                bookmarked=snap.id in bookmarked,
                tags=tuple(tags.get(snap.id, ())),
                note=notes.get(snap.id, ""),
                read=snap.id in read,
                in_archive=snap.id in present,
                kept_at=str(row[-1]),
            )
            for snap, row in ((snapshot_from_row(row[:-1]), row) for row in rows)
        ]
