"""The library database schema and its migrations.

`PRAGMA user_version` holds the schema version. `MIGRATIONS[n]` brings a database from
version n to n + 1, so a fresh file runs them all and an old one runs only what it lacks.
Migrations only ever add: a library written by an older zhoubao keeps every record.
"""

from __future__ import annotations

import sqlite3

from tui.i18n import _

# Version 1: the first release. Each kept item has a snapshot row in `items`, so a record
# survives the removal of the file it came from; the other tables key on the same id.
_V1 = """
CREATE TABLE items (
    id TEXT PRIMARY KEY,
    number INTEGER NOT NULL,
    date TEXT,
    section TEXT NOT NULL,
    headline TEXT NOT NULL,
    paragraphs TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE TABLE bookmarks (
    item_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE tags (
    item_id TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (item_id, tag)
);
CREATE TABLE notes (
    item_id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE read_marks (
    item_id TEXT PRIMARY KEY,
    read_at TEXT NOT NULL
);
"""

# Version 2: the snapshot learns the item's place in its issue (exports keep the issue's
# order) and the title of the newsletter it came from; tags get an index for `#tag` lookups;
# re-attached ids are remembered so a note can be traced back to the headline it was made on.
_V2 = """
ALTER TABLE items ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN source_title TEXT NOT NULL DEFAULT '行业动态周报';
CREATE INDEX tags_by_tag ON tags (tag);
CREATE TABLE moves (
    old_id TEXT NOT NULL,
    new_id TEXT NOT NULL,
    moved_at TEXT NOT NULL
);
"""

# Version 3: the page of a PDF the item's headline is printed on (NULL for text files), so
# exports can cite it.
_V3 = """
ALTER TABLE items ADD COLUMN page INTEGER;
"""

# Version 4: the name of the file, so citations (CSL-JSON for Zotero) can point at
# the source.
_V4 = """
ALTER TABLE items ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
"""

# Version 5: the undo journal. Each row is one action of the app (a bookmark, a batch, a
# catch-up, an import) and what it changed, written in the transaction that made the change;
# `state` says whether it is done or undone (then `changes` holds what the undo changed, for
# a redo). `session` and `day` scope undo to this app session and what earlier sessions did
# today (`tui.library.journal`).
_V5 = """
CREATE TABLE journal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL,
    day TEXT NOT NULL,
    made_at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    count INTEGER NOT NULL,
    changes BLOB NOT NULL,
    state TEXT NOT NULL,
    undone_seq INTEGER
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)

#: The version this zhoubao writes.
SCHEMA_VERSION = len(MIGRATIONS)

#: `PRAGMA application_id` of a zhoubao library ("ZHBO"): another program's SQLite file in
#: its place is not ours to add tables to. Libraries written before the mark have 0.
APPLICATION_ID = 0x5A48424F
#: Every table and index a zhoubao library holds, in any version so far.
OWN_NAMES = frozenset(
    {"items", "bookmarks", "tags", "notes", "read_marks", "moves", "tags_by_tag", "journal"}
)


class SchemaTooNew(Exception):
    """The database was written by a newer zhoubao; it is opened read-only, never changed."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def is_ours(conn: sqlite3.Connection) -> bool:
    """Marked as a zhoubao library, or unmarked and holding nothing but zhoubao's tables (a
    new file, or a library from before the mark)."""
    mark = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if mark != 0:
        return mark == APPLICATION_ID
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema")}
    return {name for name in names if not name.startswith("sqlite_")} <= OWN_NAMES


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target` in one IMMEDIATE transaction; returns the old version.

    The version is read inside the transaction, so two processes opening a fresh file at the
    same moment do not both run the same migration. A library already at `target`, and
    marked, needs no write lock: opening it never waits for another process's write.
    """
    current = schema_version(conn)
    mark = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if current == target and mark == APPLICATION_ID:
        return current
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)
        if current > SCHEMA_VERSION:
            raise SchemaTooNew(
                _("资料库的格式是第 {found} 版，比这个 zhoubao 的第 {known} 版新").format(
                    found=current, known=SCHEMA_VERSION
                )
            )
        for version in range(current, target):
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
        if target > current:
            conn.execute(f"PRAGMA user_version = {int(target)}")
        if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return current


def _columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")]
    return {t: [row[1] for row in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Why the tables this zhoubao reads cannot be read as it reads them (empty if they can).

    A file can be a sound SQLite database whose schema text was damaged (a name changed by
    a flipped byte); every query would then fail, so it is treated as corrupt. Each table's
    columns are asked for by name, as the store asks for them.
    """
    reference = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(reference)
        wanted = _columns(reference)
    finally:
        reference.close()
    problems = []
    for table, columns in wanted.items():
        try:
            conn.execute(f'SELECT {", ".join(columns)} FROM "{table}" LIMIT 0').fetchall()
        except sqlite3.Error as error:
            problems.append(f"{table}: {error}")
    return problems
