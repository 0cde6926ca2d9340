"""Catching up and undoing it at archive scale, in the real app: key press to the screen.

    catch_up_dialog_ms_15k  `M` → the catch-up dialog on screen, its unread counts made
    catch_up_ms_15k         Enter on "整个存档" → every unread count gone from the issue list
    undo_catch_up_ms_15k    ctrl+z → the counts back
    redo_catch_up_ms_15k    ctrl+y → gone again

The reader app (`ZhoubaoApp`) runs headless under Pilot at 120×36 on the synthetic archive
(500 issues, 15,250 items), in a fresh interpreter with an empty library. Each round catches
up on the whole archive, undoes it and redoes it, then undoes again for the next round; each
figure is the median of the rounds. Time runs from the key press until the library's writer
has made the change (in one transaction with its undo journal entry, on the library's own
thread), the reader has redrawn its marks, and the next frame has been drawn: what the user
waits for.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 3

_PROGRAM = r"""
import asyncio, json, statistics, sys, time
from pathlib import Path

from tui.app import ZhoubaoApp
from tui.screens.catch_up import CatchUpDialog
from widgets.issue_list import IssueList

ROUNDS = int(sys.argv[2])


async def main(root: Path) -> dict[str, float]:
    app = ZhoubaoApp(root)
    app.reader.reading_timer.delay_s = 3600  # nothing turns read by itself meanwhile
    times: dict[str, list[float]] = {"dialog": [], "catch_up": [], "undo": [], "redo": []}

    def unread_shown() -> bool:
        issues = app.reader.query_one(IssueList)
        return "•" in issues.render_row(0, 40, False).plain

    async with app.run_test(size=(120, 36)) as pilot:
        keys = app.reader.library_keys
        while keys.session is None or keys.session.archive is None or not unread_shown():
            await pilot.pause(0.05)

        async def timed(what: str, key: str, done) -> None:
            await pilot.pause(0.2)
            pressed = time.perf_counter()
            await pilot.press(key)
            while not (keys.settled and done()):
                await asyncio.sleep(0.001)
            await pilot.pause()  # the frame that shows it
            times[what].append(time.perf_counter() - pressed)

        for _round in range(ROUNDS):
            await timed("dialog", "M", lambda: isinstance(app.screen, CatchUpDialog))
            await pilot.press("j", "j")
            await timed("catch_up", "enter", lambda: not unread_shown())
            await timed("undo", "ctrl+z", unread_shown)
            await timed("redo", "ctrl+y", lambda: not unread_shown())
            await pilot.press("ctrl+z")
            while not (keys.settled and unread_shown()):
                await pilot.pause(0.01)
        items = app.reader.archive.item_count if app.reader.archive else 0
    figures = {what: round(1000 * statistics.median(t), 1) for what, t in times.items()}
    figures["items"] = items
    return figures


print(json.dumps(asyncio.run(main(Path(sys.argv[1])))))
"""


def measure(archive_dir: Path, tmp_root: Path, args: argparse.Namespace) -> dict[str, float]:
    env = dict(os.environ)
    env["ZHOUBAO_DATA_DIR"] = str(tmp_root / "catch-up" / "data")
    env["ZHOUBAO_CACHE_DIR"] = str(tmp_root / "catch-up" / "cache")
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-c", _PROGRAM, str(archive_dir), str(ROUNDS)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO, env=env)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    suffix = "15k" if args.issues == 500 else f"{args.issues}issues"
    return {
        f"catch_up_dialog_ms_{suffix}": figures["dialog"],
        f"catch_up_ms_{suffix}": figures["catch_up"],
        f"undo_catch_up_ms_{suffix}": figures["undo"],
        f"redo_catch_up_ms_{suffix}": figures["redo"],
        "catch_up_items": figures["items"],
    }
