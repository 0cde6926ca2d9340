"""The search index on disk: one SQLite file per archive, so that neither the reader nor the
`zhoubao search` command builds it twice.

The file holds the folded texts and every posting (serialized roaring bitmaps), stamped with
the archive's signature (`ArchiveIndex.signature`: every item id in reading order) and the
versions of what the index depends on. Anything that does not check out — another
application's file, an older format, a changed archive, a damaged page — is ignored and
rebuilt: the cache can only cost time, never a wrong answer. Files are written whole to a
temporary name and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from pyroaring import FrozenBitMap

from tui import paths
from tui.search.grams import GramIndex
from tui.search.index import ArchiveIndex, TextIndex
from tui.search.pinyin import PinyinIndex, pinyin_table_stamp
from tui.search.postings import EMPTY, Postings

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

#: "ZBSI" — marks the file as zhoubao's search index.
APPLICATION_ID = 0x5A425349
#: Bump when what is stored changes shape or meaning (folding, tokens, postings).
FORMAT_VERSION = 3

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE texts(number INTEGER PRIMARY KEY, headline TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE postings(
    family TEXT NOT NULL, token TEXT NOT NULL, items BLOB NOT NULL,
    PRIMARY KEY (family, token)
) WITHOUT ROWID;
"""


def index_file(archive_root: Path) -> Path:
    key = blake2b(os.fsencode(archive_root.resolve()), digest_size=8).hexdigest()
    return paths.search_index_dir() / f"index-{key}.sqlite"


def dependencies() -> str:
    """What the stored index depends on besides the archive: this format, OpenCC's version
    (folding) and pypinyin's table of readings (importlib.metadata would cost 20 ms)."""
    import opencc

    return f"{FORMAT_VERSION}|opencc {opencc.__version__}|{pinyin_table_stamp()}"


def _families(text: TextIndex) -> dict[str, Postings]:
    families = {
        "g1": text.grams.chars,
        "g2": text.grams.pairs,
        "h1": text.headline_grams.chars,
        "h2": text.headline_grams.pairs,
        "ps": text.phrase_starts,
        "lw": text.headline_words,
        "lh": text.headline_tails,
        "lt": text.text_tails,
        "ys": text.pinyin.syllables,
        "yp": text.pinyin.pairs,
        "yi": text.pinyin.initials,
    }
    if text.grams.triples is not None:
        families["g3"] = text.grams.triples
    if text.headline_grams.triples is not None:
        families["h3"] = text.headline_grams.triples
    return families


def save(path: Path, index: ArchiveIndex, text: TextIndex) -> None:
    """Write the index whole; a cache that cannot be written is simply not kept."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        with contextlib.closing(sqlite3.connect(temporary)) as db:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            meta = {
                "signature": index.signature,
                "dependencies": dependencies(),
                "common": str(text.grams.common),
                "readings": json.dumps(text.pinyin.readings, ensure_ascii=False),
            }
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            texts = zip(range(len(index)), index.headlines, text.texts, strict=True)
            db.executemany("INSERT INTO texts VALUES (?, ?, ?)", texts)
            for family, postings in _families(text).items():
                rows = ((family, t, items.serialize()) for t, items in postings.items.items())
                db.executemany("INSERT INTO postings VALUES (?, ?, ?)", rows)
            db.commit()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def load(path: Path, index: ArchiveIndex, lazy: bool = False) -> TextIndex | None:
    """The stored index of this archive, or None if there is none that checks out.

    `lazy` (one query, the CLI) reads postings and texts from the file as they are needed,
    instead of all of them up front (the reader, whose UI thread never waits on a file).
    """
    if not path.is_file():
        return None
    db = None
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        loaded = _read(db, index, lazy)
    except (sqlite3.Error, ValueError, TypeError, KeyError, OverflowError):
        loaded = None
    if db is not None and (loaded is None or not lazy):
        db.close()
    return loaded


def _read(db: sqlite3.Connection, index: ArchiveIndex, lazy: bool) -> TextIndex | None:
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return None
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("signature") != index.signature or meta.get("dependencies") != dependencies():
        return None
    if lazy:
        texts: Sequence[str] = StoredColumn(db, "text", len(index))
        headlines: Sequence[str] = StoredColumn(db, "headline", len(index))
        family: dict[str, Postings] = {
            name: StoredPostings(db, name, len(index)) for name in _FAMILY_NAMES
        }
    else:
        rows = db.execute("SELECT headline, text FROM texts ORDER BY number").fetchall()
        if len(rows) != len(index):
            return None
        headlines = [headline for headline, _ in rows]
        texts = [text for _, text in rows]
        family = _all_postings(db, len(index))
    index.use_headlines(headlines)
    common = int(meta["common"])
    readings = _readings(json.loads(meta["readings"]))
    return TextIndex(
        texts=texts,
        grams=GramIndex(family["g1"], family["g2"], family["g3"], common),
        headline_grams=GramIndex(family["h1"], family["h2"], family["h3"], common),
        phrase_starts=family["ps"],
        headline_words=family["lw"],
        headline_tails=family["lh"],
        text_tails=family["lt"],
        pinyin=PinyinIndex(readings, family["ys"], family["yp"], family["yi"]),
    )


def _readings(stored: object) -> dict[str, tuple[str, ...]]:
    """The stored readings, as `save` wrote them ({"腾": ["teng"]}), or ValueError."""
    if not isinstance(stored, dict) or not all(
        isinstance(char, str) and isinstance(rs, list) and all(isinstance(r, str) for r in rs)
        for char, rs in stored.items()
    ):
        raise ValueError("readings of the wrong shape")
    return {char: tuple(rs) for char, rs in stored.items()}


def _all_postings(db: sqlite3.Connection, count: int) -> dict[str, Postings]:
    found: dict[str, dict[str, FrozenBitMap]] = {name: {} for name in _FAMILY_NAMES}
    for family, token, blob in db.execute("SELECT family, token, items FROM postings"):
        found[family][token] = _checked(FrozenBitMap.deserialize(blob), count)
    return {name: Postings(items) for name, items in found.items()}


def _checked(items: FrozenBitMap, count: int) -> FrozenBitMap:
    if items and items.max() >= count:
        raise ValueError("an item number past the archive's end")
    return items


class StoredPostings(Postings):
    """Postings read from the file one token at a time (kept once read)."""

    def __init__(self, db: sqlite3.Connection, family: str, count: int) -> None:
        super().__init__({})
        self._db = db
        self._family = family
        self._count = count

    def get(self, token: str) -> FrozenBitMap:
        found = self.items.get(token)
        if found is None:
            row = self._db.execute(
                "SELECT items FROM postings WHERE family = ? AND token = ?", (self._family, token)
            ).fetchone()
            stored = FrozenBitMap.deserialize(row[0]) if row is not None else EMPTY
            found = _checked(stored, self._count)
            self.items[token] = found
        return found

    def frequency(self, token: str) -> int:
        return len(self.get(token))

    def __contains__(self, token: str) -> bool:
        return bool(self.get(token))

    def tokens_with_prefix(self, prefix: str) -> list[str]:
        rows = self._db.execute(
            "SELECT token FROM postings WHERE family = ? AND token >= ? AND token < ?"
            " ORDER BY token",
            (self._family, prefix, prefix + "\U0010ffff"),
        )
        return [token for (token,) in rows]


class StoredColumn(Sequence[str]):
    """One column of the texts table, read a row at a time."""

    def __init__(self, db: sqlite3.Connection, column: str, count: int) -> None:
        self._db = db
        self._sql = f"SELECT {column} FROM texts WHERE number = ?"
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, number: int) -> str: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[str]: ...
    def __getitem__(self, number: int | slice) -> str | Sequence[str]:
        if isinstance(number, slice):
            return [self[n] for n in range(*number.indices(self._count))]
        row = self._db.execute(self._sql, (number,)).fetchone()
        if row is None:
            raise IndexError(number)
        return str(row[0])


_FAMILY_NAMES = ("g1", "g2", "g3", "h1", "h2", "h3", "ps", "lw", "lh", "lt", "ys", "yp", "yi")
