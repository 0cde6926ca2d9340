"""The parse cache: an archive re-read only where its files changed, and opened fast when not.

Three layers, all in `tui.paths.parse_cache_dir()` and all disposable:

* per file, content-addressed: `files/<blake2b of the bytes>.pickle` holds what `parse_issue`
  made of those bytes (an `Issue`, or the reason the file is no weekly), so a changed file is
  parsed again and a touched-but-unchanged or moved file is not;
* per archive, a *snapshot* of the whole `Archive` with the (size, mtime) of every file; while
  no file under the folder changed, it is the answer and no issue file is read at all;
* per archive, a small *preview* beside it — every issue's number, date and item count and
  the newest issue in full — that the reader unpickles (a millisecond) before its first
  frame, so the newest issue is on screen long before the whole snapshot (tens of MB of
  text) is loaded and checked.

A cache entry that cannot be read for any reason (truncated, corrupt, from another version)
is treated as missing and rebuilt: the cache must never stop the archive from opening.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from tui import paths
from tui.archive.model import Archive, Issue, SkippedFile
from tui.archive.version import PARSER_VERSION

try:  # the built-in module itself: `hashlib` would also load OpenSSL (~2 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

#: Entries of another version are ignored: bump the first number when the pickled model
#: changes shape; the second follows the parser (tui/archive/version.py).
CACHE_VERSION = (3, PARSER_VERSION)

Parse = Callable[[Path], Issue]
Progress = Callable[[int, int], None]
#: (path relative to the archive, size, mtime in ns) of every file under the folder.
Signature = tuple[tuple[str, int, int], ...]


# Records are NamedTuples and a plain class, not dataclasses: this module is imported before
# the reader's first frame, and a dataclass costs ~0.3 ms to create (a NamedTuple ~0.02 ms).


class IssueSummary(NamedTuple):
    """What the issue list shows of an issue, without its text."""

    number: int
    date: date | None
    item_count: int


class ArchivePreview(NamedTuple):
    """Enough to draw the reader at once: every issue's row and the newest issue in full."""

    rows: tuple[IssueSummary, ...]  # newest first
    newest: Issue | None
    skipped: int


class _FileRecord(NamedTuple):
    size: int
    mtime_ns: int
    digest: str
    result: Issue | SkippedFile


class _Snapshot:
    """The whole archive as last read, and the signature it was read at."""

    def __init__(self, signature: Signature) -> None:
        self.signature = signature
        self.records: dict[str, _FileRecord] = {}
        self.archive: Archive | None = None


def _walk(root: Path) -> Iterator[os.DirEntry[str]]:
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=True):
                yield from _walk(Path(entry.path))
            elif entry.is_file(follow_symlinks=True):
                yield entry


def signature_of(root: Path) -> Signature:
    """Every visible file under `root` with its size and mtime: the snapshot's validity key."""
    if root.is_file():
        stat = root.stat()
        return ((root.name, stat.st_size, stat.st_mtime_ns),)
    rows = []
    for entry in _walk(root):
        stat = entry.stat()
        rows.append((os.path.relpath(entry.path, root), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(rows))


def _read_pickle(path: Path) -> Any:
    """The pickled payload at `path`, or None if it is missing, corrupt or of another version."""
    try:
        with path.open("rb") as handle:
            version, payload = pickle.load(handle)
    except FileNotFoundError:
        return None
    # Unpickling a damaged or foreign file can raise nearly anything (UnpicklingError,
    # EOFError, AttributeError, ImportError, ValueError …); each means "no usable entry".
    except Exception:
        return None
    return payload if version == CACHE_VERSION else None


def _write_pickle(path: Path, payload: object) -> None:
    """Write atomically; a cache that cannot be written (read-only disk) is simply not kept."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            pickle.dump((CACHE_VERSION, payload), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):  # nothing was written, or nowhere to write it
            tmp.unlink(missing_ok=True)


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
        key = blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        self._snapshot_path = self._dir / f"archive-{key}.pickle"
        self._preview_path = self._dir / f"archive-{key}.preview.pickle"
        #: Files that `load` had to parse (not found in any cache layer), for tests and logs.
        self.parsed: list[Path] = []

    def preview(self, validate: bool = True) -> ArchivePreview | None:
        """The preview of the archive if the snapshot is still valid, else None (fast path).

        Without `validate`, the preview as last saved, without a `stat` of every file: the
        reader shows it in its first frame and corrects it when `load` has checked the files.
        """
        stored = _read_pickle(self._preview_path)
        if not isinstance(stored, tuple) or len(stored) != 2:
            return None
        signature, preview = stored
        if not validate:
            return preview if isinstance(preview, ArchivePreview) else None
        try:
            current = signature_of(self.root)
        except OSError:  # the folder vanished or is unreadable: `load` will say so
            return None
        return preview if isinstance(preview, ArchivePreview) and signature == current else None

    def load(self, progress: Progress | None = None) -> Archive:
        """The whole archive, from the snapshot if nothing changed, else re-reading changes."""
        self.parsed = []
        signature = signature_of(self.root)
        stored = _read_pickle(self._snapshot_path)
        snapshot = stored if isinstance(stored, _Snapshot) else _Snapshot(())
        if snapshot.signature == signature and isinstance(snapshot.archive, Archive):
            return snapshot.archive
        files = self._issue_files()
        fresh = _Snapshot(signature)
        for done, path in enumerate(files, start=1):
            rel = os.path.relpath(path, self.root)
            fresh.records[rel] = self._record(path, snapshot.records.get(rel))
            if progress is not None:
                progress(done, len(files))
        from tui.archive.loader import build_archive

        archive = build_archive(self.root, [r.result for r in fresh.records.values()])
        fresh.archive = archive
        _write_pickle(self._snapshot_path, fresh)
        _write_pickle(self._preview_path, (signature, preview_of(archive)))
        return archive

    def _issue_files(self) -> list[Path]:
        from tui.archive.loader import iter_issue_files

        return list(iter_issue_files(self.root))

    def _record(self, path: Path, old: _FileRecord | None) -> _FileRecord:
        stat = path.stat()
        if old is not None and (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return old
        digest = blake2b(path.read_bytes(), digest_size=16).hexdigest()
        entry_path = self._dir / "files" / f"{digest}.pickle"
        result = _read_pickle(entry_path)
        if isinstance(result, Issue | SkippedFile):
            result = self._relocated(result, path)
        else:
            result = self._parse_file(path)
            _write_pickle(entry_path, result)
        return _FileRecord(stat.st_size, stat.st_mtime_ns, digest, result)

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
