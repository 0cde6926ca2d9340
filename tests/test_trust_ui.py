"""Issue 9 §1 and §2 in the app: it follows another process's writes, and never waits on
the database.

The other process is the real `zhoubao` command, or a SQLite connection holding the write
lock (a long export, a script). While it holds it, the screen stays live, the title says
"等待写入…", and the change lands once the lock is free.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_app_library import reader_text, ready, stored
from test_app_navigation import reader_item
from test_trust_library import LockHolder, _make_read_only
from textual.pilot import Pilot
from waiting import wait_until

from tui import paths
from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.library import LibraryStore
from tui.screens.tag_editor import TagEditor
from widgets.title_bar import READ_ONLY_MARK, TitleBar

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
SIZE = (120, 36)
WAITING = "等待写入…"


@pytest.fixture
def app() -> ZhoubaoApp:
    built = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    built.reader.reading_timer.delay_s = 3600  # no read mark unless a test asks for one
    return built


def zhoubao(*args: str) -> None:
    """Another process: the real command on the same library."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *args],
        capture_output=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def title(app: ZhoubaoApp) -> str:
    return str(app.screen.query_one(TitleBar).render())


async def showing(app: ZhoubaoApp, pilot: Pilot[None]) -> str:
    await ready(app, pilot)
    item = reader_item(app)
    assert item is not None
    return item


async def test_another_process_s_bookmark_tag_and_note_show_within_a_second(
    app: ZhoubaoApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        item = await showing(app, pilot)
        zhoubao("bookmark", item, "--tag", "cli1", "--note", "命令行写的备注")
        written = time.monotonic()

        def shown() -> bool:
            text = reader_text(app)
            return "★ 已收藏" in text and "#cli1" in text and "命令行写的备注" in text

        await wait_until(pilot, shown, "the CLI's bookmark, tag and note in the reader")
        # About a second: the watcher checks twice a second (more under a loaded machine).
        assert time.monotonic() - written < 30


async def test_t_keeps_the_tag_another_process_added(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        item = await showing(app, pilot)
        zhoubao("bookmark", item, "--tag", "cli1")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TagEditor), "the tag editor")
        await pilot.press(*"tui1", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, TagEditor), "tags saved")
        await wait_until(pilot, lambda: app.reader.library_keys.settled, "the write")
        with stored() as store:
            assert store.view.tags_of(item) == {"cli1", "tui1"}
            assert store.view.is_bookmarked(item)


async def test_b_after_another_process_bookmarked_shows_then_takes_it_off(
    app: ZhoubaoApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        item = await showing(app, pilot)
        zhoubao("bookmark", item)
        await wait_until(pilot, lambda: "★ 已收藏" in reader_text(app), "the CLI's bookmark")
        await pilot.press("b")
        await wait_until(pilot, lambda: app.reader.library_keys.settled, "the write")
        with stored() as store:
            assert not store.view.is_bookmarked(item)
        assert "★" not in reader_text(app)


async def test_a_write_that_meets_another_process_s_lock_waits_and_the_screen_stays_live(
    app: ZhoubaoApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        item = await showing(app, pilot)
        holder = LockHolder()
        try:
            await pilot.press("b")
            await wait_until(pilot, lambda: WAITING in title(app), "the waiting mark")
            # The screen answers keys while the write waits.
            await pilot.press("n")
            await wait_until(pilot, lambda: reader_item(app) != item, "the next item")
            await pilot.press("p")
            await wait_until(pilot, lambda: reader_item(app) == item, "back to the item")
            with LibraryStore() as other:
                assert not other.view.is_bookmarked(item)
        finally:
            holder.release()
        await wait_until(pilot, lambda: WAITING not in title(app), "the mark gone")
        await wait_until(pilot, lambda: "★ 已收藏" in reader_text(app), "the bookmark shown")
        with stored() as store:
            assert store.view.is_bookmarked(item)


async def test_the_automatic_read_mark_never_freezes_the_screen(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await showing(app, pilot)
        holder = LockHolder()
        try:
            app.reader.reading_timer.delay_s = 0.05
            await pilot.press("n")  # the reader's item: read after the delay, while locked
            read = reader_item(app)
            assert read is not None
            await wait_until(pilot, lambda: WAITING in title(app), "the read mark waiting")
            await pilot.press("n")
            await wait_until(pilot, lambda: reader_item(app) != read, "the next item")
        finally:
            holder.release()
        await wait_until(pilot, lambda: WAITING not in title(app), "the mark gone")
        library = app.reader.library
        assert library is not None
        await wait_until(pilot, lambda: library.view.is_read(read), "the read mark shown")
        with stored() as store:
            assert store.view.is_read(read)


async def test_a_read_only_library_file_shows_the_mark_from_the_start(app: ZhoubaoApp) -> None:
    LibraryStore().close()  # the library exists
    unlock = _make_read_only(paths.library_db())
    try:
        async with app.run_test(size=SIZE) as pilot:
            await showing(app, pilot)
            assert READ_ONLY_MARK in title(app)
            assert app.reader.library is not None and app.reader.library.read_only
    finally:
        unlock()
