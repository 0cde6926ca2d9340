"""Issue 9 §5: no crash from input, and a crash is never reported as success.

A pasted 1,000-character query, cache files that are sound JSON or pickle but hold the
wrong things, a foreign SQLite file where the library should be, and a crash in the app.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.events import Paste
from textual.widgets import Input
from waiting import wait_until

from tui import paths
from tui.archive import Archive, load_archive
from tui.archive.cache import CACHE_VERSION, ArchivePreview, IssueSummary, ParseCache
from tui.cli.commands import open_cmd
from tui.cli.main import main
from tui.library import LibraryStore, Snapshot
from tui.library.schema import APPLICATION_ID
from tui.screens.search import SearchScreen
from tui.sealed import MAGIC, write_sealed
from tui.search import SearchEngine
from tui.search.pinyin import MAX_LETTERS, PinyinIndex
from tui.search.postings import Postings
from widgets.search_results import SearchResults

ROOT = Path(__file__).resolve().parent.parent
LONG_QUERIES = {
    "a": "a" * 1000,
    "zhong": "zhong" * 200,
    "xian": "xian" * 250,
    "han": "中" * 1000,
    "words": "短剧 " * 250,
}


@pytest.mark.parametrize("query", LONG_QUERIES.values(), ids=LONG_QUERIES.keys())
def test_a_pasted_long_query_is_searched_not_a_crash(engine: SearchEngine, query: str) -> None:
    result = engine.search(query)
    assert len(result.hits(0, 5)) <= 5


def test_a_thousand_letters_read_as_pinyin_without_recursion() -> None:
    readings = {"啊": ("a",), "阿": ("a", "e"), "中": ("zhong",)}
    table = PinyinIndex(readings, Postings({}), Postings({}), Postings({}))
    found = table.query("a" * MAX_LETTERS)
    assert found is not None and found.splits[0] == ("a",) * MAX_LETTERS
    assert table.query("zhong" * 6) is not None
    # Longer than a name: not read as pinyin at all (a pasted sentence), and no crash.
    assert table.query("a" * 1000) is None and table.query("zhong" * 300) is None


async def test_pasting_a_long_query_into_the_overlay_keeps_the_app(engine: SearchEngine) -> None:
    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(SearchScreen(engine))

    host = Host()
    async with host.run_test(size=(100, 30)) as pilot:
        field = host.screen.query_one(Input)
        field.post_message(Paste("a" * 1000))
        await wait_until(pilot, lambda: field.value == "a" * 1000, "the pasted query")
        await pilot.pause()
        assert host.is_running and host.screen.query_one(SearchResults) is not None


def test_zhoubao_search_with_a_long_query_exits_cleanly() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", "search", "a" * 1000, "--limit", "3"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr


# Cache entries that do not validate are dropped and rebuilt; no pickle that is not ours is
# ever unpickled.


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE meta SET value = '{\"腾\": [1]}' WHERE key = 'readings'",
        "UPDATE meta SET value = '[1, 2]' WHERE key = 'readings'",
        "UPDATE texts SET headline = 7",
        "UPDATE meta SET value = 'x' WHERE key = 'common'",
        "UPDATE postings SET items = x'00ff'",
    ],
    ids=["readings", "readings-shape", "headline", "common", "postings"],
)
def test_a_search_index_cache_of_the_wrong_types_is_dropped_and_rebuilt(
    archive: Archive, damage: str
) -> None:
    from tui.search import indexcache

    SearchEngine(archive).prepare()
    stored = indexcache.index_file(archive.root)
    with sqlite3.connect(stored) as db:
        db.execute(damage)
    for lazy in (False, True):  # the reader loads it whole, the CLI as it goes
        engine = SearchEngine(archive)
        engine.prepare(lazy=lazy)
        assert any("腾讯" in hit.headline for hit in engine.search("tengxun").hits())


class _Planted:
    """A pickle that runs code when loaded: it would create `MARKER`."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(MARKER),))


MARKER = Path(os.environ.get("TMPDIR", "/tmp")) / f"zhoubao-pickle-ran-{os.getpid()}"


def _cache_files() -> list[Path]:
    return sorted(p for p in paths.parse_cache_dir().rglob("*.pickle") if p.is_file())


def test_a_planted_pickle_is_never_loaded(tmp_path: Path) -> None:
    archive_dir = tmp_path / "archive"
    shutil.copytree(ROOT / "sample_data", archive_dir)
    expected = ParseCache(archive_dir).load()
    planted = pickle.dumps((CACHE_VERSION, _Planted()))
    for path in _cache_files():
        path.write_bytes(planted)  # unsigned
    MARKER.unlink(missing_ok=True)
    assert ParseCache(archive_dir).preview(validate=False) is None
    assert ParseCache(archive_dir).load().issues == expected.issues
    assert not MARKER.exists()
    # Signed, but with a key that is not the user's (another machine's, an attacker's).
    for path in _cache_files():
        path.write_bytes(MAGIC + bytes(32) + planted)
    assert ParseCache(archive_dir).load().issues == expected.issues
    assert not MARKER.exists()
    assert paths.cache_key_file().parent == paths.data_dir()  # not in the cache folder


def test_a_signed_preview_of_the_wrong_types_is_dropped_and_rebuilt(tmp_path: Path) -> None:
    archive_dir = tmp_path / "archive"
    shutil.copytree(ROOT / "sample_data", archive_dir)
    ParseCache(archive_dir).load()
    [preview_file] = [p for p in _cache_files() if p.name.endswith(".preview.pickle")]
    wrong = ArchivePreview(rows=(IssueSummary("403", "2024-02-26", None),), newest=None, skipped=0)  # type: ignore[arg-type]
    write_sealed(preview_file, (CACHE_VERSION, ((), wrong)))
    assert ParseCache(archive_dir).preview(validate=False) is None
    ParseCache(archive_dir).load()
    preview = ParseCache(archive_dir).preview()
    assert preview is not None and [row.number for row in preview.rows] == [403, 393]


# The library is ours: PRAGMA application_id.


def test_a_foreign_sqlite_file_is_moved_aside_not_written_into() -> None:
    path = paths.library_db()
    path.parent.mkdir(parents=True)
    foreign = sqlite3.connect(path)
    foreign.execute("CREATE TABLE accounts (name TEXT)")
    foreign.execute("INSERT INTO accounts VALUES ('kept')")
    foreign.commit()
    foreign.close()
    with LibraryStore() as store:
        assert not store.read_only and store.notice is not None
    [moved] = path.parent.glob("library.db.corrupt-*")
    kept = sqlite3.connect(moved)
    assert kept.execute("SELECT name FROM accounts").fetchall() == [("kept",)]
    assert {r[0] for r in kept.execute("SELECT name FROM sqlite_schema")} == {"accounts"}
    kept.close()
    ours = sqlite3.connect(path)
    assert ours.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    ours.close()


def test_a_library_from_before_the_mark_is_adopted(sample_dir: Path) -> None:
    with LibraryStore() as store:
        store.set_note(Snapshot.of(next(iter(load_archive(sample_dir).issues[0].items))), "旧")
    conn = sqlite3.connect(paths.library_db())
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    with LibraryStore() as store:
        assert store.notice is None and len(store.records({}, kept_only=True)) == 1
    conn = sqlite3.connect(paths.library_db())
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


# A crash exits non-zero and says where the report is.


def test_a_crash_in_the_app_exits_non_zero_with_a_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.app

    class Crashing(tui.app.ZhoubaoApp):
        def action_reload(self) -> None:
            raise RuntimeError("boom: a bug")

        def on_ready(self) -> None:
            self.call_after_refresh(self.action_reload)

        def run(self, **kwargs: Any) -> None:  # type: ignore[override]
            super().run(headless=True, size=(100, 30))

    monkeypatch.setattr(tui.app, "ZhoubaoApp", Crashing)
    monkeypatch.setattr(open_cmd, "has_terminal", lambda: True)  # headless: it needs none
    status = main([str(ROOT / "sample_data")])
    assert status == 1
    said = capsys.readouterr().err
    [report] = paths.crash_reports_dir().glob("crash-*.txt")
    assert str(report) in said
    assert "boom: a bug" in report.read_text(encoding="utf-8")
