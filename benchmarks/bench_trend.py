"""Trends: key press → the chart drawn, in the real app, on the search's own engine.

    trend_ms_15k        ctrl+g in the search overlay → the trend screen's first frame with
                        its chart drawn, 500 issues (15,000 items): the 95th percentile
    trend_p50_ms_15k    the same, median
    trend_cycle_ms_15k  m (month → quarter → issue) → the chart redrawn: 95th percentile
    cli_trend_warm_s    `zhoubao trend 短剧 AI ARCHIVE --json`, whole process, warm caches

The reader app (`ZhoubaoApp`) runs headless under Pilot at 120×36 in a fresh interpreter;
`/` opens the overlay with the app's one engine, and once its index is ready each query is
put into the input, its hits shown, and ctrl+g pressed. The time runs from the key press to
the end of the first frame composed after the chart laid out its bars (turned into terminal
output, as in bench_search). Then escape goes back to the overlay for the next query.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: Single words, aliases (短剧 finds 微短剧), pinyin, filters, exclusions, several words.
QUERIES = (
    "短剧",
    "AI",
    "腾讯",
    "版权",
    "tengxun",
    "sec:技术 大模型",
    "会员 -爱奇艺",
    "date:2020..2023 出海",
    "广电",
    "直播电商",
)
ROUNDS = 3

_PROGRAM = r"""
import asyncio, json, statistics, sys, time
from pathlib import Path

from benchmarks.terminal_clock import terminal_clock

from tui.app import ZhoubaoApp
from tui.screens.search import SearchScreen
from tui.screens.trend import TrendScreen
from widgets.trend_chart import TrendChart

QUERIES, ROUNDS = json.loads(sys.argv[2]), int(sys.argv[3])


async def main(root: Path) -> dict[str, float]:
    app = ZhoubaoApp(root)
    frames: list[float] = []
    laid_out: list[float] = []
    app.driver_class = terminal_clock(frames)  # when each frame is written out
    lay_out = TrendChart._lay_out

    def timed_lay_out(self):
        lay_out(self)
        if self.chart is not None:
            laid_out.append(time.perf_counter())

    TrendChart._lay_out = timed_lay_out

    async def drawn_after(pressed: float) -> float:
        # Cheap checks only: this loop shares the event loop with the app it measures.
        deadline = time.perf_counter() + 5.0
        while time.perf_counter() < deadline:
            if laid_out and frames:
                done = next((f for f in frames if f >= laid_out[0]), None)
                if done is not None:
                    return done - pressed
            await asyncio.sleep(0.002)
        raise AssertionError("no chart drawn within 5 s")

    opening: list[float] = []
    cycling: list[float] = []
    async with app.run_test(size=(120, 36), headless=False) as pilot:
        while app.reader.archive is None:
            await pilot.pause(0.05)
        await pilot.press("slash")
        while not (app.reader.search_engine and app.reader.search_engine.ready):
            await pilot.pause(0.05)
        assert isinstance(app.screen, SearchScreen)
        for _round in range(ROUNDS):
            for query in QUERIES:
                app.screen.query_one("#search-input").value = query
                await pilot.pause(0.3)  # the hits are on screen, as when a user looks
                laid_out.clear()
                frames.clear()
                pressed = time.perf_counter()
                await pilot.press("ctrl+g")
                opening.append(await drawn_after(pressed))
                assert isinstance(app.screen, TrendScreen)
                await app.workers.wait_for_complete()
                await pilot.pause(0.05)
                laid_out.clear()
                frames.clear()
                pressed = time.perf_counter()
                await pilot.press("m")
                cycling.append(await drawn_after(pressed))
                await pilot.press("escape")
                await pilot.pause(0.05)
    def p95(values):
        values = sorted(values)
        return values[min(len(values) - 1, int(0.95 * len(values)))]
    return {
        "p50_ms": round(1000 * statistics.median(opening), 2),
        "p95_ms": round(1000 * p95(opening), 2),
        "cycle_p95_ms": round(1000 * p95(cycling), 2),
        "charts": len(opening),
    }


print(json.dumps(asyncio.run(main(Path(sys.argv[1])))))
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["ZHOUBAO_DATA_DIR"] = str(home / "data")
    env["ZHOUBAO_CACHE_DIR"] = str(home / "cache")
    env["PYTHONPATH"] = str(REPO)
    return env


def run_app(archive_dir: Path, home: Path) -> dict[str, float]:
    """Open the trend of each query in a fresh app on this archive; figures as a dict."""
    command = [
        sys.executable,
        "-c",
        _PROGRAM,
        str(archive_dir),
        json.dumps(QUERIES),
        str(ROUNDS),
    ]
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=REPO, env=_env(home)
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def run_cli(archive_dir: Path, home: Path) -> float:
    """Seconds for `zhoubao trend 短剧 AI ARCHIVE --json` with warm caches (best of 3)."""
    command = [sys.executable, "-m", "tui.cli.main", "trend", "短剧", "AI", str(archive_dir)]
    command.append("--json")
    env = _env(home)
    subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)  # warm up
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPO, env=env)
        times.append(time.perf_counter() - start)
    return round(min(times), 2)


def measure(archive_dir: Path, tmp_root: Path, args: argparse.Namespace) -> dict[str, float]:
    suffix = "15k" if args.issues == 500 else f"{args.issues}issues"
    app = run_app(archive_dir, tmp_root / "trend")
    return {
        f"trend_ms_{suffix}": app["p95_ms"],
        f"trend_p50_ms_{suffix}": app["p50_ms"],
        f"trend_cycle_ms_{suffix}": app["cycle_p95_ms"],
        "cli_trend_warm_s": run_cli(archive_dir, tmp_root / "trend"),
    }
