"""Issue 9 §1: the app and the CLI (or two apps) on one library, in the domain.

Every edit is a change against what is stored, not a copy of what a process read earlier;
a note saved in two places keeps both texts; `zhoubao bookmark` is one transaction; another
process's writes are noticed (`PRAGMA data_version`) and a write that meets another
process's lock waits for it, off the caller's thread. The second process is the real
`zhoubao` command, or a plain SQLite connection holding the lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui import paths
from tui.archive import Archive
from tui.library import LibraryStore, Snapshot
from tui.library.live import LibraryWatcher, LibraryWriter
from tui.library.notes import NoteSaved, merge_note

ROOT = Path(__file__).resolve().parent.parent
ITEM = "403-91df88"  # 抖音：微短剧《我的归途有风》上线


def zhoubao(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """The real command, with this test's data folder."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *args],
        capture_output=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=120,
    )


@pytest.fixture
def snap(archive: Archive) -> Snapshot:
    return Snapshot.at(archive.places[ITEM])


@pytest.fixture
def store() -> Iterator[LibraryStore]:
    with LibraryStore() as opened:
        yield opened


LOCK_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


class LockHolder:
    """Another process holding the library's write lock until `release`."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", LOCK_HOLDER, str(paths.library_db())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            assert self.process.wait(timeout=60) == 0


def test_tags_are_changed_not_replaced(store: LibraryStore, snap: Snapshot) -> None:
    shown = sorted(store.view.tags_of(ITEM))  # what the tag editor opened with: none
    assert zhoubao("bookmark", ITEM, "--tag", "cli1").returncode == 0
    store.change_tags([snap], add=["tui1"], remove=[t for t in shown if t != "tui1"])
    with LibraryStore() as other:
        assert other.view.tags_of(ITEM) == {"cli1", "tui1"}
    store.change_tags([snap], remove=["tui1"])
    with LibraryStore() as other:
        assert other.view.tags_of(ITEM) == {"cli1"}


def test_a_toggle_flips_what_is_stored_not_what_was_read(
    store: LibraryStore, snap: Snapshot
) -> None:
    assert not store.view.is_bookmarked(ITEM)
    assert zhoubao("bookmark", ITEM).returncode == 0  # another process bookmarks it
    assert store.toggle_bookmark(snap) is False  # so b takes it off, and says so
    assert zhoubao("bookmark", ITEM, "--remove").returncode == 0
    assert store.toggle_read(snap) is True
    with LibraryStore() as other:
        assert not other.view.is_bookmarked(ITEM) and other.view.is_read(ITEM)


def test_a_note_saved_in_two_places_keeps_both_texts(store: LibraryStore, snap: Snapshot) -> None:
    base = store.note_of(ITEM)  # the editor opens on the note as it is: none
    assert zhoubao("bookmark", ITEM, "--note", "命令行写的备注").returncode == 0
    assert store.save_note(snap, "阅读器里写的备注", base) is NoteSaved.MERGED
    with LibraryStore() as other:
        kept = other.note_of(ITEM)
    assert kept.startswith("命令行写的备注\n\n———") and kept.endswith("阅读器里写的备注")
    assert store.note_of(ITEM) == kept
    # Saved again from an editor that showed the merged note: an ordinary save.
    assert store.save_note(snap, "整理好的备注", kept) is NoteSaved.SAVED


@pytest.mark.parametrize(
    ("stored", "base", "typed", "outcome"),
    [
        ("a", "a", "b", NoteSaved.SAVED),
        ("a", "a", "a", NoteSaved.UNCHANGED),
        ("c", "a", "a", NoteSaved.UNCHANGED),  # changed elsewhere, nothing typed here
        ("b", "a", "b", NoteSaved.UNCHANGED),  # the same text typed in both places
        ("", "a", "b", NoteSaved.SAVED),  # deleted elsewhere, edited here
        ("c", "a", "", NoteSaved.KEPT_OTHER),  # edited elsewhere, deleted here
        ("c", "a", "b", NoteSaved.MERGED),
        ("c", None, "b", NoteSaved.SAVED),  # set outright (the CLI)
    ],
)
def test_merging_a_note(stored: str, base: str | None, typed: str, outcome: NoteSaved) -> None:
    final, got = merge_note(stored, base, typed)
    assert got is outcome
    if outcome is NoteSaved.MERGED:
        assert final.startswith(stored) and final.endswith(typed)
    elif outcome is NoteSaved.KEPT_OTHER:
        assert final == stored


def test_zhoubao_bookmark_is_one_transaction() -> None:
    # A note that SQLite cannot store (a byte that is not UTF-8, from the shell): before,
    # the bookmark and the tag were saved and then the note failed.
    failed = zhoubao("bookmark", ITEM, "--tag", "t1", "--note", b"bad \xff note")
    assert failed.returncode == 1 and b"Traceback" not in failed.stderr
    with LibraryStore() as store:
        assert store.records(set()) == []
    assert zhoubao("bookmark", ITEM, "--tag", "t1", "--note", "好的").returncode == 0
    with LibraryStore() as store:
        [record] = store.records(set())
        assert record.bookmarked and record.tags == ("t1",) and record.note == "好的"


def test_the_watcher_notices_another_process_within_a_second(store: LibraryStore) -> None:
    noticed = threading.Event()
    watcher = LibraryWatcher(store, noticed.set, interval=0.05)
    try:
        assert not noticed.wait(0.3)  # nothing changed: nothing reloaded
        assert zhoubao("bookmark", ITEM, "--tag", "elsewhere").returncode == 0
        written = time.monotonic()
        assert noticed.wait(60)
        assert time.monotonic() - written < 60
        assert store.view.tags_of(ITEM) == {"elsewhere"}
    finally:
        watcher.stop()


def test_checking_for_changes_is_cheap(store: LibraryStore) -> None:
    store.refresh()
    rounds = 2000
    started = time.perf_counter()
    for _ in range(rounds):
        store.refresh()
    per_check = (time.perf_counter() - started) / rounds
    assert per_check < 0.005  # microseconds in practice; generous under load


def test_a_write_waits_for_another_process_and_lands(store: LibraryStore, snap: Snapshot) -> None:
    waits: list[bool] = []
    writer = LibraryWriter(store, waits.append)
    outcome: list[object] = []
    holder = LockHolder()
    try:
        writer.submit(lambda: store.toggle_bookmark(snap), lambda r, e: outcome.append((r, e)))
        deadline = time.monotonic() + 60
        while not waits and time.monotonic() < deadline:
            time.sleep(0.01)
        assert waits == [True] and outcome == []  # waiting, not failed, not done
        # Reads go on meanwhile, on the other connection.
        assert store.records(set()) == []
    finally:
        holder.release()
    assert writer.wait_idle(60)
    assert waits == [True, False] and outcome == [(True, None)]
    with LibraryStore() as other:
        assert other.view.is_bookmarked(ITEM)
    writer.close()


def test_a_read_only_library_file_opens_read_only_at_start(tmp_path: Path) -> None:
    with LibraryStore() as store:
        assert not store.read_only
    db = paths.library_db()
    locked = _make_read_only(db)
    try:
        with LibraryStore() as store:
            assert store.read_only and store.notice is not None and "只读" in store.notice
    finally:
        locked()


def _make_read_only(path: Path) -> Callable[[], object]:
    """Make `path` unwritable for this process (chattr +i as root, else chmod 444)."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        return lambda: path.chmod(0o644)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("root, and chattr +i is not available here")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def test_opening_while_another_process_writes_neither_waits_nor_goes_read_only() -> None:
    LibraryStore().close()
    holder = LockHolder()
    try:
        started = time.monotonic()
        with LibraryStore() as store:
            assert not store.read_only and store.notice is None
        assert time.monotonic() - started < 10  # it waited the whole 15 s busy timeout
    finally:
        holder.release()
