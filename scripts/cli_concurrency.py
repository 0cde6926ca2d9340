"""Two `zhoubao bookmark` processes writing at once, 500 writes each, through the real CLI.

    python scripts/cli_concurrency.py [--count 500] [--data-dir DIR]

Each writer tags items of the bundled sample archive, one `zhoubao bookmark ITEM --tag T`
process per write, all at the same time as the other writer; then `zhoubao library --json`
must hold every one of the 2 × count tags. Prints the figures and exits 1 if any is lost.
(The test suite runs the same check with fewer writes: tests/test_library_safety.py.)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def zhoubao(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def writer(name: str, count: int, item_ids: list[str], env: dict[str, str]) -> int:
    failures = 0
    for n in range(count):
        item = item_ids[n % len(item_ids)]
        if zhoubao("bookmark", item, "--tag", f"{name}-{n}", env=env).returncode != 0:
            failures += 1
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500, help="writes per process")
    parser.add_argument("--data-dir", default=None, help="library folder (default: a temp one)")
    args = parser.parse_args()
    from tui import paths
    from tui.archive import load_archive

    data_dir = args.data_dir or tempfile.mkdtemp(prefix="zhoubao-cli-concurrency-")
    env = {**os.environ, paths.DATA_DIR_ENV: data_dir, "PYTHONPATH": str(ROOT)}
    env.setdefault(paths.CACHE_DIR_ENV, tempfile.mkdtemp(prefix="zhoubao-cache-"))
    archive = load_archive(paths.sample_archive())
    item_ids = [item.id for issue in archive.issues for item in issue.items][:10]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(writer, name, args.count, item_ids, env) for name in ("a", "b")]
        failures = sum(run.result() for run in runs)
    seconds = time.perf_counter() - started
    listing = json.loads(zhoubao("library", "--json", env=env).stdout)
    records = listing if isinstance(listing, list) else listing.get("items", [])
    tags = {tag for record in records for tag in record["tags"]}
    wanted = {f"{name}-{n}" for name in ("a", "b") for n in range(args.count)}
    lost = sorted(wanted - tags)
    print(f"writes: {2 * args.count} in {seconds:.1f} s; failed: {failures}; lost: {len(lost)}")
    return 1 if failures or lost else 0


if __name__ == "__main__":
    sys.exit(main())
