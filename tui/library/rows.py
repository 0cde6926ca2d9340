"""How library rows are written and read: snapshots, timestamps, tag spelling.

Shared by the store and the re-attach step, which both write snapshots inside their own
transactions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime

from tui.library.records import Snapshot

UPSERT_SNAPSHOT = """
INSERT INTO items (id, number, date, section, headline, paragraphs, saved_at, position,
                   source_title, page, source_file)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    number = excluded.number, date = excluded.date, section = excluded.section,
    headline = excluded.headline, paragraphs = excluded.paragraphs,
    saved_at = excluded.saved_at, position = excluded.position,
    source_title = excluded.source_title, page = excluded.page,
    source_file = excluded.source_file
"""

INSERT_SNAPSHOT_WITHOUT_BODY = """
INSERT INTO items (id, number, date, section, headline, paragraphs, saved_at, position,
                   source_title, page, source_file)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING
"""

# A snapshot with no mark left on it is dropped, so the library holds only what users keep.
DROP_UNMARKED = """
DELETE FROM items WHERE id = ?1
  AND NOT EXISTS (SELECT 1 FROM bookmarks WHERE item_id = ?1)
  AND NOT EXISTS (SELECT 1 FROM tags WHERE item_id = ?1)
  AND NOT EXISTS (SELECT 1 FROM notes WHERE item_id = ?1)
  AND NOT EXISTS (SELECT 1 FROM read_marks WHERE item_id = ?1)
"""


def now_stamp() -> str:
    """The time now, UTC, to the microsecond: the library view lists items by when they
    were kept, and a batch of keys is quicker than a second."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def save_snapshot(conn: sqlite3.Connection, snap: Snapshot, with_body: bool = True) -> None:
    """Insert or refresh the item's snapshot (the newest reading of an item wins).

    Without the body, an existing snapshot is left as it is and a new one keeps no
    paragraphs: a read mark needs the headline to be listed and re-attached, not the text,
    and a reader who has read 15,000 items should not carry 15,000 bodies around.
    """
    save_snapshots(conn, [snap], with_body)


def save_snapshots(
    conn: sqlite3.Connection, snaps: Iterable[Snapshot], with_body: bool = True
) -> None:
    """`save_snapshot` for many items in one statement (a catch-up saves thousands)."""
    stamp = now_stamp()
    conn.executemany(
        UPSERT_SNAPSHOT if with_body else INSERT_SNAPSHOT_WITHOUT_BODY,
        [
            (
                snap.id,
                snap.number,
                snap.date.isoformat() if snap.date else None,
                snap.section,
                snap.headline,
                json.dumps(list(snap.paragraphs) if with_body else [], ensure_ascii=False),
                stamp,
                snap.position,
                snap.source_title,
                snap.page,
                snap.source_file,
            )
            for snap in snaps
        ],
    )


def clean_tag(tag: str) -> str:
    """Tags are kept as typed, but without surrounding spaces or a leading '#'."""
    return tag.strip().lstrip("#").strip()


KEPT_IDS = (
    "SELECT item_id FROM bookmarks UNION SELECT item_id FROM tags UNION SELECT item_id FROM notes"
)
SNAPSHOT_COLUMNS = (
    "id, number, date, section, headline, paragraphs, position, source_title, page, source_file"
)


def snapshot_from_row(row: tuple[object, ...]) -> Snapshot:
    """A snapshot from its row; a damaged field reads as empty rather than failing the read."""
    item_id, number, day, section, headline, paragraphs, position, source_title, page, source = row
    return Snapshot(
        id=str(item_id),
        number=_as_int(number),
        date=_as_date(day),
        section=str(section),
        headline=str(headline),
        paragraphs=_as_paragraphs(paragraphs),
        position=_as_int(position),
        source_title=str(source_title),
        page=page if isinstance(page, int) and page > 0 else None,
        source_file=str(source),
    )


def _as_int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _as_date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _as_paragraphs(value: object) -> tuple[str, ...]:
    try:
        decoded = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return ()
    return tuple(str(p) for p in decoded) if isinstance(decoded, list) else ()


def lenient_text(data: bytes) -> str:
    """SQLite text as str; bytes a damaged file made invalid UTF-8 show as U+FFFD."""
    return data.decode("utf-8", "replace")


def clean_tags(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t for t in map(clean_tag, tags) if t))
