"""The parse cache: an archive re-read only where its files changed, and opened fast when not.

Three layers, all in `tui.paths.parse_cache_dir()` and all disposable:

* per file, content-addressed: `files/<blake2b of the bytes>.pickle` holds what `parse_issue`
  made of those bytes (an `Issue`, or the reason the file is no weekly), so a changed file is
  parsed again and a touched-but-unchanged or moved file is not;
* per archive, a *snapshot* of the whole `Archive` with the signature of the folder's walk
  (every file's size and mtime, every entry that could not be read); while it is the same,
  the snapshot is the answer and no issue file is read at all;
* per archive, a small *preview* beside it — every issue's number, date and item count and
  the newest issue in full — that the reader unpickles (a millisecond) before its first
  frame, so the newest issue is on screen long before the whole snapshot (tens of MB of
  text) is loaded and checked.

With no usable snapshot (a new archive, a parser upgrade), `load` parses first the file most
likely to hold the issue the reader opens at — the one whose name carries the number it
asks for, else the highest issue number, else the newest file — and hands that issue to
`first`, so the reader shows it at once while the rest is parsed.

Every file is a pickle signed with the user's key (`tui.sealed`): one that is not
ours is never unpickled. An entry that cannot be read for any reason (truncated, corrupt,
forged, from another version, or holding the wrong types) is treated as missing and rebuilt:
the cache must never stop the archive from opening. The files come from the one walk of the
folder (`tui.archive.walk`), which also says what could not be read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tui import paths
from tui.archive.cache_records import (
    ArchivePreview,
    ArchiveSnapshot,
    FileRecord,
    IssueSummary,
    valid_issue,
    valid_preview,
    valid_snapshot,
)
from tui.archive.model import Archive, Issue, SkippedFile
from tui.archive.version import PARSER_VERSION
from tui.archive.walk import ArchiveWalk, FoundFile, walk_archive
from tui.sealed import blake2b, read_sealed, write_sealed

#: Entries of another version are ignored: bump the first number when the pickled model
#: changes shape; the second follows the parser (tui/archive/version.py).
CACHE_VERSION = (4, PARSER_VERSION)

__all__ = ["ArchivePreview", "IssueSummary", "ParseCache", "preview_of"]

Parse = Callable[[Path], Issue]
Progress = Callable[[int, int], None]
FirstIssue = Callable[[Issue], None]

#: A run of digits in a file name; before "期" it is the issue's number.
_NUMBER = re.compile(r"(\d{1,6})(期)?")
#: A date in a file name (2024-02-26, 2024年2月26日, 20240226): no issue number in it.
_DATE = re.compile(r"(19|20)\d\d(([-_./]?)\d{1,2}\3\d{1,2}|年\d{1,2}月(\d{1,2}日)?)")
#: Four-digit numbers in this range in a file name are taken for years, not issue numbers.
_YEARS = range(1990, 2100)


def issue_number_in_name(name: str) -> int | None:
    """The issue number a file name most likely carries: a number before "期", else its
    first number that is neither a date nor a year ("403-2024-02-26.md" → 403,
    "2024-02-26-403" → 403)."""
    undated = _DATE.sub(" ", name)
    numbers = [(int(digits), bool(mark)) for digits, mark in _NUMBER.findall(undated)]
    marked = next((number for number, mark in numbers if mark), None)
    if marked is not None:
        return marked
    return next((number for number, _ in numbers if number not in _YEARS), None)


def first_to_parse(files: Sequence[FoundFile], wanted: int | None) -> FoundFile | None:
    """The file to parse first: the one named for issue `wanted`, else the highest number,
    else the latest modified."""
    if not files:
        return None
    numbered = [(issue_number_in_name(found.path.name), found) for found in files]
    if wanted is not None:
        match = next((found for number, found in numbered if number == wanted), None)
        if match is not None:
            return match
    return max(numbered, key=lambda pair: (pair[0] or -1, pair[1].mtime_ns))[1]


def _read(path: Path) -> Any:
    """The payload at `path` if it is ours and of this version, else None."""
    stored = read_sealed(path)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == CACHE_VERSION:
        return stored[1]
    return None


def _write(path: Path, payload: object) -> None:
    write_sealed(path, (CACHE_VERSION, payload))


def _default_parse(path: Path) -> Issue:
    from tui.archive.parser import parse_issue

    return parse_issue(path)


def preview_of(archive: Archive) -> ArchivePreview:
    rows = tuple(IssueSummary(i.number, i.date, i.item_count) for i in archive.newest_first)
    newest = archive.issues[-1] if archive.issues else None
    return ArchivePreview(rows=rows, newest=newest, skipped=len(archive.skipped))


class ParseCache:
    """The cache of one archive folder. Not shared between threads."""

    def __init__(self, root: Path, cache_dir: Path | None = None, parse: Parse | None = None):
        self.root = root
        self._dir = cache_dir or paths.parse_cache_dir()
        self._parse = parse or _default_parse
        key = blake2b(os.fsencode(root.resolve()), digest_size=8).hexdigest()
        self._snapshot_path = self._dir / f"archive-{key}.pickle"
        self._preview_path = self._dir / f"archive-{key}.preview.pickle"
        #: Files that `load` had to parse (not found in any cache layer), for tests and logs.
        self.parsed: list[Path] = []
        #: The walk `preview` made, for the `load` that follows it to use.
        self._walk: ArchiveWalk | None = None

    def preview(self, validate: bool = True) -> ArchivePreview | None:
        """The preview of the archive if the snapshot is still valid, else None (fast path).

        Without `validate`, the preview as last saved, without a `stat` of every file: the
        reader shows it in its first frame and corrects it when `load` has checked the files.
        """
        stored = self._stored_preview()
        if stored is None:
            return None
        signature, preview = stored
        if not validate:
            return preview
        self._walk = walk_archive(self.root)
        return preview if signature == self._walk.signature else None

    def _stored_preview(self) -> tuple[object, ArchivePreview] | None:
        stored = _read(self._preview_path)
        if not isinstance(stored, tuple) or len(stored) != 2 or not valid_preview(stored[1]):
            return None
        return stored[0], stored[1]

    def load(
        self,
        progress: Progress | None = None,
        first: FirstIssue | None = None,
        wanted: int | None = None,
    ) -> Archive:
        """The whole archive, from the snapshot if nothing changed, else re-reading changes.

        When every file must be parsed, the one likely to hold issue `wanted` (else the
        newest) is parsed first and, if it is an issue, handed to `first` at once.
        """
        self.parsed = []
        walk, self._walk = self._walk or walk_archive(self.root), None
        signature = walk.signature
        stored = _read(self._snapshot_path)
        snapshot = stored if valid_snapshot(stored) else ArchiveSnapshot(())
        if snapshot.signature == signature and snapshot.archive is not None:
            failed = [rel for rel, record in snapshot.records.items() if not record.digest]
            if not any(self._readable(self._path(rel)) for rel in failed):
                preview = self._stored_preview()
                if preview is None or preview[0] != signature:  # lost or damaged: again
                    _write(self._preview_path, (signature, preview_of(snapshot.archive)))
                return snapshot.archive
        fresh = ArchiveSnapshot(signature)
        early: dict[str, FileRecord] = {}
        leader = first_to_parse(walk.files, wanted) if first and not snapshot.records else None
        if first is not None and leader is not None:
            record = early[leader.relative] = self._record(leader, None)
            if isinstance(record.result, Issue):
                first(record.result)
        for done, found in enumerate(walk.files, start=1):
            fresh.records[found.relative] = early.get(found.relative) or self._record(
                found, snapshot.records.get(found.relative)
            )
            if progress is not None:
                progress(done, len(walk.files))
        from tui.archive.loader import build_archive

        results = [*walk.problems, *(record.result for record in fresh.records.values())]
        archive = build_archive(self.root, results, walk.notes)
        fresh.archive = archive
        _write(self._snapshot_path, fresh)
        _write(self._preview_path, (signature, preview_of(archive)))
        return archive

    def _path(self, relative: str) -> Path:
        return self.root if self.root.is_file() else self.root / relative

    @staticmethod
    def _readable(path: Path) -> bool:
        """Can the file be opened now? (One that could not be read last time is tried again.)"""
        try:
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        except OSError:
            return False
        return True

    def _record(self, found: FoundFile, old: FileRecord | None) -> FileRecord:
        if (
            old is not None
            and old.digest
            and (old.size, old.mtime_ns) == (found.size, found.mtime_ns)
        ):
            return old
        from tui.archive.decode import NotAWeekly
        from tui.archive.parser import read_issue_bytes

        try:
            data = read_issue_bytes(found.path)
        except NotAWeekly as error:
            # Unreadable now (permissions, gone): "" keeps it from being reused. Too large, or
            # no regular file: "-", as the same size and mtime will be refused the same way.
            digest = "" if isinstance(error.__cause__, OSError) else "-"
            return FileRecord(
                found.size, found.mtime_ns, digest, SkippedFile(found.path, str(error))
            )
        digest = blake2b(data, digest_size=16).hexdigest()
        entry_path = self._dir / "files" / f"{digest}.pickle"
        result = _read(entry_path)
        if isinstance(result, SkippedFile) or valid_issue(result):
            result = self._relocated(result, found.path)
        else:
            result = self._parse_file(found.path)
            _write(entry_path, result)
        return FileRecord(found.size, found.mtime_ns, digest, result)

    @staticmethod
    def _relocated(result: Issue | SkippedFile, path: Path) -> Issue | SkippedFile:
        """A cached result for the same bytes found at another path (the file moved)."""
        current = result.source if isinstance(result, Issue) else result.path
        if current == path:
            return result
        if isinstance(result, Issue):
            return replace(result, source=path)
        return replace(result, path=path)

    def _parse_file(self, path: Path) -> Issue | SkippedFile:
        from tui.archive.loader import read_issues

        self.parsed.append(path)
        return next(read_issues([path], self._parse))
