"""Opening library.db so that zhoubao always starts: fresh, repaired, or read-only.

- A file that is not a readable SQLite database is moved aside with a timestamp and a fresh
  library is made in its place; the notice says where the old file went.
- A data directory that cannot be written (or a library that is locked, or that a newer
  zhoubao wrote) gives a read-only session on an in-memory copy, with a notice.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tui.i18n import _, os_reason
from tui.library.rows import lenient_text
from tui.library.schema import SchemaTooNew, is_ours, migrate, schema_problems, schema_version

#: How long a write waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 15_000
#: How long opening keeps trying while another process holds the file (creating it, say).
OPEN_RETRY_S = 5.0

# Primary SQLite result codes (the low byte of an extended code).
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY = 8  # SQLITE_READONLY: the file (or its folder) cannot be written
_SQLITE_ERROR = 1  # a statement failed: "table items already exists", "no such table"


@dataclass
class OpenedLibrary:
    conn: sqlite3.Connection
    read_only: bool
    notice: str | None


def open_library(path: Path) -> OpenedLibrary:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        notice = _("无法创建 {folder}（{reason}）：资料库以只读方式打开。")
        return _read_only(path, notice.format(folder=path.parent, reason=os_reason(error)))
    try:
        return OpenedLibrary(_connect_writable(path), read_only=False, notice=None)
    except SchemaTooNew as error:
        notice = _("{path} 来自更新版本的 zhoubao（{reason}）：以只读方式打开。")
        return _read_only(path, notice.format(path=path, reason=error))
    except sqlite3.DatabaseError as error:
        code = _primary_code(error)
        if code in _BUSY_CODES:
            notice = _("{path} 被另一个进程锁住了：以只读方式打开。")
            return _read_only(path, notice.format(path=path))
        if code == _READONLY:
            notice = _("{path} 不能写入（只读文件）：资料库以只读方式打开，这次的改动不会保存。")
            return _read_only(path, notice.format(path=path))
        if code not in _CORRUPT_CODES:
            notice = _("无法写入 {path}（{reason}）：资料库以只读方式打开。")
            return _read_only(path, notice.format(path=path, reason=error))
    # Not a database, or a damaged one: keep it for the user and start afresh.
    try:
        moved = move_aside(path)
        conn = _connect_writable(path)
    except (OSError, sqlite3.Error) as error:
        notice = _("{path} 已损坏，也无法移开（{reason}）：以只读方式打开。")
        return _read_only(path, notice.format(path=path, reason=error))
    notice = _("{path} 无法读取，已移到 {moved}，新建了一个资料库。").format(path=path, moved=moved)
    return OpenedLibrary(conn, read_only=False, notice=notice)


def _connect_writable(path: Path) -> sqlite3.Connection:
    # Switching a new file to WAL takes an exclusive lock without waiting on busy_timeout,
    # so processes creating the library at the same moment can meet SQLITE_BUSY: try again.
    deadline = time.monotonic() + OPEN_RETRY_S
    while True:
        try:
            return _connect(path)
        except UnicodeDecodeError as error:
            # SQLite's error message quoted damaged bytes of the file: it is corrupt.
            raise _corrupt(
                _("数据库里的文字无法解码（{reason}）").format(reason=error.reason)
            ) from error
        except sqlite3.OperationalError as error:
            if _primary_code(error) not in _BUSY_CODES or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _corrupt(message: str) -> sqlite3.DatabaseError:
    error = sqlite3.DatabaseError(message)
    error.sqlite_errorcode = 11  # SQLITE_CORRUPT
    return error


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode: every write opens its own BEGIN IMMEDIATE transaction (see store).
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.text_factory = lenient_text
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        _check_integrity(conn)
        if not is_ours(conn):  # another program's database: never add our tables to it
            raise _corrupt(_("不是 zhoubao 的资料库（application_id、表）"))
        _check_writable(conn)
        _upgrade(conn)
        if problems := schema_problems(conn):
            raise _corrupt(
                _("资料库的结构无法读取（{problems}）").format(problems="; ".join(problems))
            )
    except BaseException:
        conn.close()
        raise
    return conn


def connect_again(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """Another connection to a library `open_library` opened writable (checked, upgraded):
    the store writes on one and reads on the other, so reads never queue behind a write
    that waits for another process's lock."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.text_factory = lenient_text
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _check_writable(conn: sqlite3.Connection) -> None:
    """Raise SQLITE_READONLY now, not at the first bookmark, if the file cannot be written.

    Opening a read-only file succeeds, and so does BEGIN IMMEDIATE (and, on a library
    already in WAL mode, everything else so far): only a write fails. So write the schema
    version as it is, and roll back. When another process holds the write lock (a long
    export), the file is being written: take it as writable rather than wait (the app's
    writes wait for the lock, saying so).
    """
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if _primary_code(error) not in _BUSY_CODES:
            raise
        return
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        conn.execute(f"PRAGMA user_version = {schema_version(conn)}")
    finally:
        conn.execute("ROLLBACK")


def _upgrade(conn: sqlite3.Connection) -> None:
    """Run the migrations; a version or schema they cannot work with is damage."""
    if schema_version(conn) < 0:
        raise _corrupt(_("资料库格式的版本号不对：{version}").format(version=schema_version(conn)))
    try:
        migrate(conn)
    except sqlite3.OperationalError as error:
        if _primary_code(error) != _SQLITE_ERROR:  # busy, read-only: not the file's fault
            raise
        raise _corrupt(_("无法升级资料库的格式：{reason}").format(reason=error)) from error


def _check_integrity(conn: sqlite3.Connection) -> None:
    """Raise a SQLITE_CORRUPT error unless SQLite finds every page and index sound.

    A library is small (15,000 records check in about 20 ms), so the whole file is checked
    now: damage found at the first bookmark could not be repaired as cleanly.
    """
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    if rows != [("ok",)]:
        detail = rows[0][0] if rows else _("没有回答")
        raise _corrupt(_("完整性检查没有通过：{detail}").format(detail=detail))


def _primary_code(error: sqlite3.DatabaseError) -> int:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def move_aside(path: Path) -> Path:
    """Rename `path` (and its -wal/-shm files) to `path.corrupt-YYYYmmdd-HHMMSS`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    return target


def _read_only(path: Path, notice: str) -> OpenedLibrary:
    """An in-memory copy of whatever can be read from `path`, or an empty library."""
    memory = _memory()
    if path.is_file() and _copy_into(path, memory) and _readable_copy(memory):
        return OpenedLibrary(memory, read_only=True, notice=notice)
    memory.close()
    memory = _memory()
    migrate(memory)
    return OpenedLibrary(memory, read_only=True, notice=notice)


def _memory() -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    memory.text_factory = lenient_text
    return memory


def _readable_copy(memory: sqlite3.Connection) -> bool:
    """Whether the copy can be brought to this schema (or is newer) and read as this reads."""
    try:
        migrate(memory)
    except SchemaTooNew:
        pass  # Migrations only add, so this zhoubao's queries may still read a newer schema.
    except (sqlite3.Error, UnicodeDecodeError):
        return False
    try:
        _check_integrity(memory)
        return is_ours(memory) and not schema_problems(memory)
    except (sqlite3.Error, UnicodeDecodeError):
        return False


def _copy_into(path: Path, memory: sqlite3.Connection) -> bool:
    """Copy the database at `path` into `memory`; False if it cannot be read at all."""
    # mode=ro needs the -shm file of a WAL database; immutable=1 reads the main file as is.
    for query in ("mode=ro", "immutable=1"):
        try:
            source = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
        except sqlite3.Error:
            continue
        try:
            source.backup(memory)
            return True
        except sqlite3.Error:
            continue
        finally:
            source.close()
    return False
