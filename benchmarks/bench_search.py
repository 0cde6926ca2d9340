"""Search: key press → updated results on screen, in the real app, memory, and the CLI.

    search_p50_ms_15k, search_p95_ms_15k   the synthetic archive of 500 issues (15,000 items)
    search_p95_ms_100k                     3,000 issues (about 90,000 items)
    rss_mb                                 the 500-issue app with its search index loaded
    search_index_build_s                   building the 500-issue index (the app's worker)
    search_new_issue_s                     a new issue's file written into the watched folder
                                           → a search in the app finds its first item
    search_new_issue_cpu_s                 the app's CPU time over that span
    cli_search_warm_s                      `zhoubao search 短剧 ARCHIVE`, whole process, warm
    cli_search_rg_s                        `rg -c 短剧 ARCHIVE` over the same files (if rg)

Each archive is measured in a fresh interpreter: the reader app (`ZhoubaoApp`) runs headless
under Pilot at 120×36, the archive loads, `/` is pressed — the overlay gets the app's own
engine, the only one in the process — and the typing starts once that engine's index is
ready. Queries are typed one key at a time, 60 ms apart as a quick typist would, and for
each key the time from pressing it to the end of the first frame drawn after the overlay
showed its new hits is taken: rows of two lines, with snippets and alias reasons. Headless
Textual composes every frame but writes nothing; the measured frame includes turning it
into terminal output.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.search_cli import measure_cli
from benchmarks.synthetic import build_archive

REPO = Path(__file__).resolve().parent.parent

#: Typed a key at a time: typos, pinyin, initials, body words, filters, several words.
QUERIES = (
    "微信短句",
    "广电总局座谈",
    "tengxun",
    "txsp",
    "duanju",
    "保证金",
    "短剧",
    "AI",
    "腾讯 短剧",
    "sec:技术 大模型",
    "no:390..410 会员",
    "国家广播电视总局召开",
    "中央企业人工智能",
    "date:2016 算法备案",
    "2024年提升全民数字素养",
    "广电",
    "俞敏洪",
    "openai",
    "腾迅",
    "迪斯尼",
    "微信收保证金",
    "B战",
)

_PROGRAM = r"""
import asyncio, json, statistics, sys, time
from pathlib import Path

from benchmarks.terminal_clock import terminal_clock

from tui.app import ZhoubaoApp
from tui.screens.search import SearchScreen
from widgets.search_results import SearchResults

QUERIES = json.loads(sys.argv[2])
KEYS = {" ": "space"}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main(root: Path) -> dict[str, float]:
    app = ZhoubaoApp(root)
    frames: list[float] = []
    shown: list[float] = []
    app.driver_class = terminal_clock(frames)  # when each frame is written out
    show_result = SearchResults.show_result

    def timed_show_result(self, result, cursor=0):
        show_result(self, result, cursor)
        shown.append(time.perf_counter())

    SearchResults.show_result = timed_show_result
    latencies: list[float] = []
    async with app.run_test(size=(120, 36), headless=False) as pilot:
        while app.reader.archive is None:
            await pilot.pause(0.05)
        await pilot.press("slash")  # the overlay, with the app's one engine
        started = time.perf_counter()
        while not (app.reader.search_engine and app.reader.search_engine.ready):
            await pilot.pause(0.05)
        build_s = time.perf_counter() - started
        assert isinstance(app.screen, SearchScreen)
        await pilot.pause(0.2)
        for query in QUERIES:
            for char in query:
                await asyncio.sleep(0.06)
                shown.clear()
                frames.clear()  # the check below runs every ms: a list of every frame so far
                # would make it (and so the app it shares the loop with) slower key by key
                pressed = time.perf_counter()
                await pilot.press(KEYS.get(char, char))
                deadline = time.perf_counter() + 2.0
                while time.perf_counter() < deadline:
                    drawn = [f for f in frames if shown and f >= shown[-1]]
                    if drawn:
                        latencies.append(drawn[0] - pressed)
                        break
                    await asyncio.sleep(0.001)
            app.screen.query_one("#search-input").value = ""
            await pilot.pause(0.1)
        memory = rss_mb()
        new_issue_s, new_issue_cpu_s = await new_issue(app, pilot, root)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    return {
        "p50_ms": round(1000 * statistics.median(latencies), 2),
        "p95_ms": round(1000 * p95, 2),
        "keys": len(latencies),
        "items": app.reader.archive.item_count if app.reader.archive else 0,
        "rss_mb": round(memory, 1),
        "build_s": round(build_s, 2),
        "new_issue_s": round(new_issue_s, 2),
        "new_issue_cpu_s": round(new_issue_cpu_s, 2),
    }


async def new_issue(app, pilot, root: Path) -> tuple[float, float]:
    # One more issue (the newest, renumbered) written into the watched folder: seconds,
    # and seconds of the app's CPU, until a search on the app's engine finds its first item.
    reader = app.reader
    engine = reader.search_engine
    newest = max(root.iterdir())
    number = int(newest.name[:4]) + 1
    text = newest.read_text(encoding="utf-8")
    text = text.replace(f"第 {number - 1} 期", f"第 {number} 期")
    added = root / f"{number:04d}-new{newest.suffix}"
    started, cpu = time.perf_counter(), time.process_time()
    added.write_text(text, encoding="utf-8")
    try:
        deadline = started + 120
        while time.perf_counter() < deadline:
            now = reader.search_engine
            if now is not None and now is not engine and now.ready:
                first = now.index.items[0]
                if first.number == number and any(
                    hit.item.id == first.id for hit in now.search(first.headline).hits(0, 50)
                ):
                    return time.perf_counter() - started, time.process_time() - cpu
            await asyncio.sleep(0.01)
        raise AssertionError("the new issue was not found within 120 s")
    finally:
        added.unlink()


print(json.dumps(asyncio.run(main(Path(sys.argv[1])))))
"""


def run_typing(archive_dir: Path, home: Path) -> dict[str, float]:
    """Type QUERIES into the overlay of a fresh app on this archive; figures as a dict."""
    env = dict(os.environ)
    env["ZHOUBAO_DATA_DIR"] = str(home / "data")
    env["ZHOUBAO_CACHE_DIR"] = str(home / "cache")
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-c", _PROGRAM, str(archive_dir), json.dumps(QUERIES)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO, env=env)
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def measure(archive_dir: Path, tmp_root: Path, args: argparse.Namespace) -> dict[str, float]:
    suffix = "15k" if args.issues == 500 else f"{args.issues}issues"
    small = run_typing(archive_dir, tmp_root / "search-15k")
    cli = measure_cli(archive_dir, tmp_root / "search-cli")
    big_archive = build_archive(tmp_root / "a3000", 3000)
    big = run_typing(big_archive, tmp_root / "search-100k")
    return {
        f"search_p50_ms_{suffix}": small["p50_ms"],
        f"search_p95_ms_{suffix}": small["p95_ms"],
        "search_p95_ms_100k": big["p95_ms"],
        "search_p50_ms_100k": big["p50_ms"],
        "search_items_100k": big["items"],
        "rss_mb": small["rss_mb"],
        "search_index_build_s": small["build_s"],
        "search_new_issue_s": small["new_issue_s"],
        "search_new_issue_cpu_s": small["new_issue_cpu_s"],
        **cli,
    }
