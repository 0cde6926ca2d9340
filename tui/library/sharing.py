"""Sharing a collection: merging a colleague's zhoubao JSON export into the library.

Bookmarks and tags are unions: an import only ever adds them. A note that differs from the
local one is kept beside it, each text marked with where it came from. Items the local
archive has are saved from it; the others are kept from the export's snapshots. Read marks
are the reader's own and are not imported. The whole import is one transaction, and
importing the same file again changes nothing.

The file is outside input: it is read whole, checked field by field, and refused with the
item and field named before anything is written.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from tui.archive.model import TITLE, Archive
from tui.i18n import _, _n, os_reason
from tui.library.changes import ChangeSet
from tui.library.journal import Action, Journal
from tui.library.limits import capped_marks, note_too_long, refusal
from tui.library.records import Snapshot
from tui.library.rows import clean_tags, now_stamp, save_snapshot
from tui.library.store import LibraryError, LibraryStore

#: What `zhoubao export --format json` writes (tui.library.export; not imported from there,
#: so that reading a file needs none of the renderers).
FORMAT_NAME = "zhoubao-export"
NEWEST_VERSION = 1
#: Larger files are refused unread: 15,000 items with their bodies take about 15 MB.
MAX_BYTES = 200 * 1024 * 1024
# Ids name files in a split export: letters, digits, "-", "_" and ".", never a leading ".".
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]{0,63}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class ImportFailed(LibraryError):
    """The file is not a zhoubao export that can be imported; the message says why."""


@dataclass(frozen=True)
class SharedItem:
    """One item of a shared collection: its snapshot and the sender's marks."""

    snapshot: Snapshot
    bookmarked: bool
    tags: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class SharedCollection:
    #: Where it came from, as notes that differ are marked: the file's name.
    origin: str
    exported_at: str
    items: tuple[SharedItem, ...]


@dataclass
class ImportReport:
    """What an import changed."""

    items: int = 0
    new_items: int = 0
    bookmarks: int = 0
    tags: int = 0
    notes: int = 0
    #: Notes that differed from the local one and were kept beside it.
    notes_merged: int = 0
    merged_ids: list[str] = field(default_factory=list)
    #: One line per note or tag refused as too long (`tui.library.limits`); the rest imports.
    refused: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.new_items or self.bookmarks or self.tags or self.notes)

    def summary(self) -> str:
        if not self.changed:
            return _n("导入 {items} 条：资料库里都已有，没有变化", self.items).format(
                items=self.items
            )
        summary = _(
            "导入 {items} 条：新条目 {new}，收藏 +{bookmarks}，标签 +{tags}，备注 +{notes}"
        ).format(
            items=self.items, new=self.new_items, bookmarks=self.bookmarks, tags=self.tags,
            notes=self.notes,
        )  # fmt: skip
        if self.notes_merged:
            summary += _n("；{merged} 条备注与本机的不同，两份并存", self.notes_merged).format(
                merged=self.notes_merged
            )
        return summary


# Reading the file.


def read_collection(path: Path) -> SharedCollection:
    """The collection in `path`, or `ImportFailed` saying what is wrong with the file."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ImportFailed(
            _("无法读取 {path}：{reason}").format(path=path, reason=os_reason(error))
        ) from error
    if len(data) > MAX_BYTES:
        raise ImportFailed(_("{path} 太大，不像 zhoubao 的导出").format(path=path))
    return parse_collection(data, path.name)


def parse_collection(data: bytes, origin: str) -> SharedCollection:
    """The collection in the bytes of a JSON export (`origin` names where they came from)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFailed(_("{origin} 不是 UTF-8 文本").format(origin=origin)) from error
    except (ValueError, RecursionError) as error:
        raise ImportFailed(_("{origin} 不是 JSON 文件").format(origin=origin)) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFailed(
            _('{origin} 不是 zhoubao 的 JSON 导出（应有 "format": "{name}"）').format(
                origin=origin, name=FORMAT_NAME
            )
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFailed(_("{origin} 的 version 不对").format(origin=origin))
    if version > NEWEST_VERSION:
        raise ImportFailed(
            _("{origin} 由更新版本的 zhoubao 导出（格式 v{version}），请先升级").format(
                origin=origin, version=version
            )
        )
    items = document.get("items")
    if not isinstance(items, list):
        raise ImportFailed(_("{origin} 里没有 items 列表").format(origin=origin))
    exported_at = document.get("exported_at")
    shared = tuple(_item(entry, n + 1) for n, entry in enumerate(items))
    return SharedCollection(
        origin=_clean(origin),
        exported_at=_clean(exported_at) if isinstance(exported_at, str) else "",
        items=shared,
    )


def _clean(text: str) -> str:
    # JSON can spell halves of a surrogate pair alone; no file or database can store them.
    return _LONE_SURROGATE.sub("\ufffd", text)


def _bad(n: int, name: str, wanted: str) -> ImportFailed:
    return ImportFailed(
        _("第 {n} 个条目的 {field} 不对（应为{wanted}）").format(n=n, field=name, wanted=wanted)
    )


def _text(entry: dict[str, object], n: int, name: str, default: str | None = None) -> str:
    value = entry.get(name, default)
    if not isinstance(value, str):
        raise _bad(n, name, _("文字"))
    return _clean(value)


def _whole(entry: dict[str, object], n: int, name: str, default: int | None = None) -> int:
    value = entry.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or not -(2**62) < value < 2**62:
        raise _bad(n, name, _("整数"))
    return value


def _texts(entry: dict[str, object], n: int, name: str) -> tuple[str, ...]:
    value = entry.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(n, name, _("文字的列表"))
    return tuple(_clean(v) for v in value)


def _item(entry: object, n: int) -> SharedItem:
    if not isinstance(entry, dict):
        raise ImportFailed(_("第 {n} 个条目不是对象").format(n=n))
    item_id = _text(entry, n, "id")
    if not _ID.fullmatch(item_id):
        raise _bad(n, "id", _("条目 ID，如 393-5f1c2a"))
    day = entry.get("date")
    try:
        when = date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        when = None
    if day is not None and when is None:
        raise _bad(n, "date", _("日期，如 2023-12-18"))
    page = entry.get("page")
    if page is not None:
        page = _whole(entry, n, "page")
    bookmarked = entry.get("bookmarked", False)
    if not isinstance(bookmarked, bool):
        raise ImportFailed(_("第 {n} 个条目的 bookmarked 不对（应为 true 或 false）").format(n=n))
    snapshot = Snapshot(
        id=item_id,
        number=_whole(entry, n, "number"),
        date=when,
        section=_text(entry, n, "section"),
        headline=_text(entry, n, "headline"),
        paragraphs=_texts(entry, n, "paragraphs"),
        position=_whole(entry, n, "position", 0),
        source_title=_text(entry, n, "source_title", TITLE),
        source_file=_text(entry, n, "source_file", ""),
        page=page if page is not None and page > 0 else None,
    )
    tags = tuple(clean_tags(_texts(entry, n, "tags")))
    return SharedItem(snapshot, bookmarked, tags, _text(entry, n, "note", ""))


# Merging.


def note_marks(origin: str, exported_at: str) -> tuple[str, str]:
    """The lines that mark the local text and the imported one when both are kept."""
    if exported_at:
        imported = _("〔导入自 {origin}，{day} 导出〕").format(origin=origin, day=exported_at[:10])
    else:
        imported = _("〔导入自 {origin}〕").format(origin=origin)
    return _("〔本机〕"), imported


def merged_note(local: str, incoming: str, origin: str, exported_at: str) -> str | None:
    """The note to keep when an import brings `incoming`; None when `local` stays as it is
    (the same text, or it already holds the imported text from an earlier import)."""
    if not incoming.strip() or incoming.strip() in local:
        return None
    if not local.strip():
        return incoming
    mine, theirs = note_marks(origin, exported_at)
    # A note that starts with a mark was merged before: its texts are marked already.
    head = local if local.startswith("〔") else f"{mine}\n{local}"
    return f"{head.rstrip()}\n\n{theirs}\n{incoming}"


def merge_collection(
    store: LibraryStore,
    collection: SharedCollection,
    archive: Archive | None = None,
    journal: Journal | None = None,
) -> ImportReport:
    """Merge the collection into the library in one transaction, kept in the app's undo
    `journal` when there is one."""
    places = archive.places if archive is not None else {}
    report = ImportReport(items=len(collection.items))
    added = ChangeSet()
    with store.write_transaction() as conn:
        for shared in collection.items:
            tags, note, refused = capped_marks(shared.snapshot.id, shared.tags, shared.note)
            if refused:
                report.refused += refused
                shared = replace(shared, tags=tags, note=note)
            if not (shared.bookmarked or shared.tags or shared.note.strip()):
                continue  # nothing kept on it: the library holds only what users keep
            place = places.get(shared.snapshot.id)
            snap = Snapshot.at(place) if place is not None else shared.snapshot
            _merge_one(conn, snap, shared, collection, report, added)
        if journal is not None and added:
            action = Action("import", collection.origin, len(added.item_ids()))
            journal.record(conn, action, added)
    return report


def _merge_one(
    conn: sqlite3.Connection,
    snap: Snapshot,
    shared: SharedItem,
    collection: SharedCollection,
    report: ImportReport,
    added: ChangeSet,
) -> None:
    known = conn.execute("SELECT 1 FROM items WHERE id = ?", (snap.id,)).fetchone()
    if known is None:
        save_snapshot(conn, snap)
        report.new_items += 1
    else:
        _keep_body(conn, snap)
    if shared.bookmarked:
        bookmarked = conn.execute(
            "INSERT OR IGNORE INTO bookmarks VALUES (?, ?)", (snap.id, now_stamp())
        ).rowcount
        report.bookmarks += bookmarked
        added.bookmarked.extend([snap.id] * bookmarked)
    for tag in shared.tags:
        tagged = conn.execute("INSERT OR IGNORE INTO tags VALUES (?, ?)", (snap.id, tag)).rowcount
        report.tags += tagged
        added.tagged.extend([(snap.id, tag)] * tagged)
    row = conn.execute("SELECT text FROM notes WHERE item_id = ?", (snap.id,)).fetchone()
    local_note = str(row[0]) if row else ""
    note = merged_note(local_note, shared.note, collection.origin, collection.exported_at)
    too_long = None if note is None else note_too_long(note)
    if too_long is not None:  # the local note and the imported one together
        report.refused.append(refusal(snap.id, too_long))
    elif note is not None:
        conn.execute(
            "INSERT INTO notes VALUES (?1, ?2, ?3) ON CONFLICT (item_id) "
            "DO UPDATE SET text = ?2, updated_at = ?3",
            (snap.id, note, now_stamp()),
        )
        report.notes += 1
        added.notes.append((snap.id, local_note, note))
        if local_note.strip():
            report.notes_merged += 1
            report.merged_ids.append(snap.id)


def _keep_body(conn: sqlite3.Connection, snap: Snapshot) -> None:
    """A snapshot kept for a read mark has no body: the imported item brings one."""
    if snap.paragraphs:
        conn.execute(
            "UPDATE items SET paragraphs = ? WHERE id = ? AND paragraphs = '[]'",
            (json.dumps(list(snap.paragraphs), ensure_ascii=False), snap.id),
        )
