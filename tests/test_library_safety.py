"""The library's safety promises, checked with real processes.

- A writer killed with SIGKILL at a random moment loses nothing it committed, and the
  database stays readable — 50 times over.
- Two processes writing at once (500 writes each) lose no update; the same through the CLI.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tui import paths
from tui.library import LibraryStore

REPO = Path(__file__).resolve().parent.parent
WRITER = REPO / "scripts" / "library_writer.py"
SHARED_ID = "1-shared"

pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def _writer(
    prefix: str,
    count: int,
    data_dir: Path | None = None,
    pause_ms: float = 0.0,
    gate: bool = False,
) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(WRITER), "--prefix", prefix, "--count", str(count)]
    command += ["--pause-ms", str(pause_ms), *(["--gate"] if gate else [])]
    env = _env(**({paths.DATA_DIR_ENV: str(data_dir)} if data_dir else {}))
    stdin = subprocess.PIPE if gate else None
    return subprocess.Popen(
        command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )


def _start_together(writers: list[subprocess.Popen[bytes]]) -> None:
    """Let gated writers go once every one has started (its imports done): on a busy
    machine a start time would find some still importing and the others finished."""
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write(b"go\n")
        writer.stdin.flush()  # `communicate` closes it


def _assert_committed(store: LibraryStore, prefix: str, numbers: list[int]) -> None:
    """Every reported write of the writer `prefix` is in the library."""
    view = store.view
    for n in numbers:
        name = f"{prefix}-{n}"
        if n % 3 == 0:
            assert view.is_bookmarked(name), name
        elif n % 3 == 1:
            assert name in view.tags_of(SHARED_ID), name
        else:
            assert store.note_of(name) == f"note {name}", name


def _integrity_ok() -> bool:
    conn = sqlite3.connect(paths.library_db())
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)])
    finally:
        conn.close()


def test_sigkill_at_random_moments_loses_no_committed_write() -> None:
    rng = random.Random(20231218)
    reported: dict[str, list[int]] = {}
    for round_ in range(50):
        prefix = f"k{round_}"
        writer = _writer(prefix, count=1_000_000)
        assert writer.stdout is not None
        first = writer.stdout.readline()  # it has started writing
        time.sleep(rng.uniform(0.0, 0.12))
        writer.send_signal(signal.SIGKILL)
        rest = writer.stdout.read()
        assert writer.wait() == -signal.SIGKILL
        reported[prefix] = [int(n) for n in (first + rest).split()]

        assert _integrity_ok()
        store = LibraryStore()
        assert store.notice is None and not store.read_only
        _assert_committed(store, prefix, reported[prefix])
        store.close()
    # And nothing committed in an earlier round went missing later.
    store = LibraryStore()
    for prefix, numbers in reported.items():
        _assert_committed(store, prefix, numbers)
    assert sum(map(len, reported.values())) > 50


def test_two_processes_writing_at_once_lose_nothing() -> None:
    LibraryStore().close()  # both writers find the schema in place
    writers = {prefix: _writer(prefix, 500, pause_ms=2.0, gate=True) for prefix in ("a", "b")}
    _start_together(list(writers.values()))
    outputs = {prefix: w.communicate(timeout=120)[0] for prefix, w in writers.items()}
    assert all(w.returncode == 0 for w in writers.values())

    store = LibraryStore()
    for prefix, output in outputs.items():
        numbers = [int(n) for n in output.split()]
        assert numbers == list(range(500))
        _assert_committed(store, prefix, numbers)
    # 2 × 167 bookmarks, every one of the 2 × 167 tags on the one shared item, 2 × 166 notes.
    assert len(store.view.bookmarked_ids) == 334
    assert len(store.view.tags_of(SHARED_ID)) == 334
    assert sum(1 for r in store.records(present=set()) if r.note) == 332
    assert _integrity_ok()
    # The writers took turns, not one after the other: the tags went in interleaved.
    conn = sqlite3.connect(paths.library_db())
    writers_in_order = [row[0][0] for row in conn.execute("SELECT tag FROM tags ORDER BY rowid")]
    conn.close()
    turns = sum(a != b for a, b in itertools.pairwise(writers_in_order))
    assert turns > 20


def test_processes_creating_the_library_at_once_all_get_to_write(tmp_path: Path) -> None:
    for round_ in range(4):
        data_dir = tmp_path / f"round-{round_}"
        writers = [_writer(f"p{k}", 3, data_dir, gate=True) for k in range(8)]
        _start_together(writers)
        results = [w.communicate(timeout=60) for w in writers]
        # A writer that found the library locked would say so and exit 1 (read-only).
        assert [(w.returncode, err) for w, (_out, err) in zip(writers, results, strict=True)] == [
            (0, b"")
        ] * 8
        store = LibraryStore(data_dir / "library.db")
        assert len(store.view.bookmarked_ids) == 8
        store.close()


def test_two_cli_processes_tagging_one_item_lose_nothing(sample_dir: Path) -> None:
    item_id = "393-870a05"
    per_process = 12

    def run_cli(prefix: str) -> list[str]:
        failures = []
        for n in range(per_process):
            command = [sys.executable, "-m", "tui.cli.main", "bookmark", item_id]
            command += [str(sample_dir), "--tag", f"{prefix}{n}"]
            done = subprocess.run(command, env=_env(), capture_output=True, text=True)
            if done.returncode != 0:
                failures.append(f"{prefix}{n}: exit {done.returncode}: {done.stderr}")
        return failures

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run_cli, ("x", "y")))
    assert results == [[], []]
    store = LibraryStore()
    expected = {f"{p}{n}" for p in ("x", "y") for n in range(per_process)}
    assert store.view.tags_of(item_id) == expected
    assert store.view.is_bookmarked(item_id)
