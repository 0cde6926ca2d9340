"""`q` while a change waits for another process's write lock: the change is not given up.

The app used to wait three seconds on its way out, then give up the write and exit 0 without
a word: a bookmark made while a script held the library was lost.
"""

from __future__ import annotations

from pathlib import Path

from notices import Notices
from test_app_library import ready, stored
from test_app_navigation import reader_item
from test_trust_library import LockHolder
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
SAYS_SAVING = "还有更改在等资料库写入"


def says_saving(notices: Notices) -> bool:
    return any(SAYS_SAVING in notice for notice in notices.texts())


def app_on_samples() -> ZhoubaoApp:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    app.reader.reading_timer.delay_s = 3600  # no read mark unless a test asks for one
    return app


async def test_q_waits_for_the_write_then_quits_with_it_saved() -> None:
    app, notices = app_on_samples(), Notices()
    async with app.run_test(size=(120, 36), message_hook=notices) as pilot:
        await ready(app, pilot)
        item = reader_item(app)
        holder = LockHolder()
        try:
            await pilot.press("b")
            await pilot.press("q")
            await wait_until(pilot, lambda: says_saving(notices), "the notice")
            assert app.is_running  # still there: the change waits
        finally:
            holder.release()
        await wait_until(pilot, lambda: not app.is_running, "the app quitting")
    with stored() as store:
        assert store.view.is_bookmarked(item)


async def test_q_twice_quits_at_once() -> None:
    app, notices = app_on_samples(), Notices()
    async with app.run_test(size=(120, 36), message_hook=notices) as pilot:
        await ready(app, pilot)
        holder = LockHolder()
        try:
            await pilot.press("b")
            await pilot.press("q")
            await wait_until(pilot, lambda: says_saving(notices), "the notice")
            await pilot.press("q")
            await wait_until(pilot, lambda: not app.is_running, "the app quitting")
        finally:
            holder.release()


async def test_q_with_nothing_waiting_quits_at_once() -> None:
    app, notices = app_on_samples(), Notices()
    async with app.run_test(size=(120, 36), message_hook=notices) as pilot:
        await ready(app, pilot)
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app quitting")
    assert not says_saving(notices)
