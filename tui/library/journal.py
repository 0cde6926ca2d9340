"""The undo journal: the app's recent actions on the library, kept in the library file.

Each action (a bookmark, a batch on search results, a catch-up, an import) is written to the
`journal` table in the transaction that makes it, with what it changed (`ChangeSet`), so an
action and its journal entry are saved together or not at all. Undo applies the inverse of
the newest entry against the library as it is then and marks the entry undone, keeping
what the undo changed; redo applies the inverse of that. A new action drops what could be
redone, as in any editor.

Whose actions: those of this app session, and those earlier sessions made today before this
one started — so an undo still works after a restart the same day, while a second zhoubao
open at the same time keeps its own history. Writes of `zhoubao bookmark` and other scripts
are not journaled: undo never takes them back. The table keeps today's last
`KEEP_ENTRIES` actions.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from tui.i18n import _, _n
from tui.library.changes import ChangeSet

#: How many actions the journal keeps (all sessions together).
KEEP_ENTRIES = 50

_COLUMNS = "id, action, detail, count, changes"


def action_label(action: str, detail: str, count: int) -> str:
    """What an action did, for the notice after it is undone or redone ("收藏 3 条")."""
    labels = {
        "bookmark_one": _("收藏“{detail}”"),
        "unbookmark_one": _("取消收藏“{detail}”"),
        "read_one": _("标为已读“{detail}”"),
        "unread_one": _("标为未读“{detail}”"),
        "bookmark": _n("收藏 {count} 条", count),
        "unbookmark": _n("取消收藏 {count} 条", count),
        "read": _n("标为已读 {count} 条", count),
        "unread": _n("标为未读 {count} 条", count),
        "tags": _("修改标签“{detail}”"),
        "tag_all": _n("给 {count} 条加标签 {detail}", count),
        "note": _("修改备注“{detail}”"),
        "remove": _("从资料库移除“{detail}”"),
        "catch_up_issue": _n("第 {detail} 期全部标为已读（{count} 条）", count),
        "catch_up_older": _n("第 {detail} 期之前的各期全部标为已读（{count} 条）", count),
        "catch_up_all": _n("整个存档全部标为已读（{count} 条）", count),
        "import": _("导入 {detail}"),
    }
    label = labels.get(action, _("修改资料库"))
    return label.format(count=f"{count:,}", detail=detail)


@dataclass(frozen=True)
class Action:
    """What the user did, as the journal names it: a kind (a key of `action_label`), a
    detail (a headline, tags, an issue number, a file name) and how many items."""

    kind: str
    detail: str = ""
    count: int = 0

    @property
    def label(self) -> str:
        return action_label(self.kind, self.detail, self.count)


@dataclass(frozen=True)
class JournalEntry:
    id: int
    action: Action
    #: What the action did (an entry that is done) or what its undo did (undone).
    changes: ChangeSet


class Journal:
    """The undo history one app session sees in the library file."""

    def __init__(self, session: str, inherited_up_to: int) -> None:
        #: This session's mark on the entries it writes.
        self.session = session
        #: Entries up to this id were there when the session started: today's are its too.
        self.inherited_up_to = inherited_up_to

    @classmethod
    def start(cls, conn: sqlite3.Connection) -> Journal:
        """A new session's journal (reading where the journal stands now)."""
        newest = conn.execute("SELECT coalesce(max(id), 0) FROM journal").fetchone()[0]
        return cls(uuid.uuid4().hex, int(newest))

    def _scope(self) -> tuple[str, tuple[object, ...]]:
        """The SQL condition (and its parameters) for this session's entries."""
        return (
            "(session = ? OR id <= ?) AND day = ?",
            (self.session, self.inherited_up_to, date.today().isoformat()),
        )

    def record(self, conn: sqlite3.Connection, action: Action, changes: ChangeSet) -> None:
        """Keep `changes` as `action`, inside the transaction that made them."""
        where, params = self._scope()
        conn.execute(f"DELETE FROM journal WHERE state = 'undone' AND {where}", params)
        today = date.today().isoformat()
        conn.execute(
            "INSERT INTO journal (session, day, made_at, action, detail, count, changes, state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'done')",
            (
                self.session,
                today,
                datetime.now().isoformat(timespec="seconds"),
                action.kind,
                action.detail,
                action.count,
                changes.to_blob(),
            ),
        )
        conn.execute(
            "DELETE FROM journal WHERE day != ? OR id <= (SELECT max(id) FROM journal) - ?",
            (today, KEEP_ENTRIES),
        )

    def last_done(self, conn: sqlite3.Connection) -> JournalEntry | None:
        """The newest action that can be undone."""
        where, params = self._scope()
        return _entry(
            conn.execute(
                f"SELECT {_COLUMNS} FROM journal WHERE state = 'done' AND {where} "
                "ORDER BY id DESC LIMIT 1",
                params,
            ).fetchone()
        )

    def last_undone(self, conn: sqlite3.Connection) -> JournalEntry | None:
        """The action undone last, which can be redone."""
        where, params = self._scope()
        return _entry(
            conn.execute(
                f"SELECT {_COLUMNS} FROM journal WHERE state = 'undone' AND {where} "
                "ORDER BY undone_seq DESC LIMIT 1",
                params,
            ).fetchone()
        )

    def mark(self, conn: sqlite3.Connection, entry: JournalEntry, changes: ChangeSet) -> None:
        """The entry was undone (if it was done) or redone, and this is what that changed."""
        conn.execute(
            "UPDATE journal SET changes = ?, "
            "state = CASE state WHEN 'done' THEN 'undone' ELSE 'done' END, "
            "undone_seq = CASE state WHEN 'done' THEN "
            "(SELECT coalesce(max(undone_seq), 0) + 1 FROM journal) END "
            "WHERE id = ?",
            (changes.to_blob(), entry.id),
        )


def _entry(row: tuple[object, ...] | None) -> JournalEntry | None:
    if row is None:
        return None
    entry_id, kind, detail, count, blob = row
    changes = ChangeSet.from_blob(blob) if isinstance(blob, bytes) else ChangeSet()
    action = Action(str(kind), str(detail), count if isinstance(count, int) else 0)
    return JournalEntry(entry_id if isinstance(entry_id, int) else -1, action, changes)
