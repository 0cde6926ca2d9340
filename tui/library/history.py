"""Undoable changes: the app's actions on the library, made and kept in one transaction.

`UndoHistory` is how the app changes the library: each action is a plan — read the stored
state, say what to change (`ChangeSet`) and what to call it (`Action`) — made against the
library as it is (`tui.library.applying`) and written to the journal in the same
transaction (`tui.library.journal`). `undo` applies the inverse of the newest action
against the library as it is then, `redo` the inverse of that undo: another process's
writes meanwhile are never taken back, and a note changed elsewhere keeps both texts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace

from tui.i18n import _
from tui.library.applying import Applied, SnapshotOf, apply_changes
from tui.library.changes import ChangeSet
from tui.library.journal import Action, Journal
from tui.library.store import LibraryReadOnly, LibraryStore

#: What to change, decided inside the transaction from what is stored.
Plan = Callable[[sqlite3.Connection], tuple[ChangeSet, Action]]


@dataclass(frozen=True)
class Replayed:
    """An action undone or redone."""

    action: Action
    applied: Applied
    #: Changes that were not made again because the library already differed there (another
    #: process changed those marks meanwhile).
    missed: int


class UndoHistory:
    """The library's changes made by one app session, with undo and redo."""

    def __init__(self, store: LibraryStore, snapshot_of: SnapshotOf) -> None:
        """`snapshot_of` finds an item in the open archive, for the records a change saves."""
        self.store = store
        self.snapshot_of = snapshot_of
        #: None for a read-only library: nothing is changed, so nothing is kept.
        self.journal: Journal | None = None
        if not store.read_only:
            with store.reading() as conn:
                self.journal = Journal.start(conn)

    def apply(self, plan: Plan) -> Applied:
        """Make the change `plan` asks for, and keep it in the journal."""
        with self.store.transaction() as conn:
            wanted, action = plan(conn)
            applied = apply_changes(conn, wanted, self.snapshot_of, fresh=True)
            if self.journal is not None and applied.done:
                count = action.count or len(applied.done.item_ids())
                self.journal.record(conn, replace(action, count=count), applied.done)
            self.store.after_commit(applied.show)
        return applied

    def undo(self) -> Replayed | None:
        """Take back the newest action; None when there is nothing to undo
        (`LibraryReadOnly` when nothing can be changed)."""
        return self._replay(redo=False)

    def redo(self) -> Replayed | None:
        """Make again the action undone last; None when there is none."""
        return self._replay(redo=True)

    def _replay(self, redo: bool) -> Replayed | None:
        journal = self.journal
        if journal is None:  # read-only: say why nothing can be undone
            raise LibraryReadOnly(self.store.notice or _("资料库这次是只读的。"))
        with self.store.transaction() as conn:
            entry = journal.last_undone(conn) if redo else journal.last_done(conn)
            if entry is None:
                return None
            wanted = entry.changes.inverse()
            applied = apply_changes(conn, wanted, self.snapshot_of, fresh=False)
            journal.mark(conn, entry, applied.done)
            self.store.after_commit(applied.show)
        return Replayed(entry.action, applied, missed=wanted.size() - applied.done.size())
