"""Start-up: launch to newest issue on screen, against an empty Textual app's first frame.

Both programs run the same way — a fresh interpreter in a pseudo-terminal of 120×36 — and
write the wall-clock time to the file named by `ZHOUBAO_BENCH_READY` just after the frame
they wait for has been drawn (a `loop.call_soon` from the `render_line` that draws it), then
exit: zhoubao when the reader first draws the newest issue, the empty app its first frame.
Each is launched `--start-runs` times, interleaved, and the medians are compared:
`start_ratio` with a warm cache, `start_cold_ratio` with an empty one (the first
`COLD_RUNS` zhoubao runs of the loop start from an empty cache folder, so every file is
parsed). Warm-up runs first compile both programs to bytecode, as an installed package is
(the sandbox sets PYTHONDONTWRITEBYTECODE, which would make every launch compile zhoubao's
modules from source).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
READY_ENV = "ZHOUBAO_BENCH_READY"
RUNS = 7
#: Of the runs, how many start with an empty cache (each parses the whole archive).
COLD_RUNS = 3
TIMEOUT_S = 120.0

EMPTY_APP = """
import asyncio, os, time
from pathlib import Path
from textual.app import App
from textual.screen import Screen

class FirstFrameScreen(Screen[None]):
    drawn = False

    def render_line(self, y):
        if not self.drawn:
            self.drawn = True
            asyncio.get_running_loop().call_soon(self.app.ready)
        return super().render_line(y)

class Empty(App[None]):
    def get_default_screen(self):
        return FirstFrameScreen()

    def ready(self) -> None:
        Path(os.environ["ZHOUBAO_BENCH_READY"]).write_text(f"{time.time()}\\n")
        self.exit()

Empty().run()
"""


def _drain(master: int) -> None:
    """Read the program's output so that it never blocks on a full terminal buffer."""
    while True:
        try:
            if not os.read(master, 65536):
                return
        except OSError:
            return


def time_to_ready(command: list[str], env: dict[str, str], ready_file: Path) -> float:
    """Seconds from launching `command` in a 120×36 pty until it writes `ready_file`."""
    ready_file.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    drain = threading.Thread(target=_drain, args=(master,), daemon=True)
    drain.start()
    started = time.time()
    process = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, READY_ENV: str(ready_file)},
        start_new_session=True,
    )
    os.close(slave)
    try:
        process.wait(timeout=TIMEOUT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
        drain.join(timeout=1)
    if not ready_file.exists():
        raise RuntimeError(f"{command[:3]} exited ({process.returncode}) without getting ready")
    return float(ready_file.read_text().strip()) - started


def measure(archive_dir: Path, tmp_root: Path, args: argparse.Namespace) -> dict[str, float]:
    runs = int(getattr(args, "start_runs", RUNS) or RUNS)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TERM": "xterm-256color",
        "ZHOUBAO_DATA_DIR": str(tmp_root / "start-data"),
        "ZHOUBAO_CACHE_DIR": str(tmp_root / "start-cache"),
        # Both programs start as installed ones do, from bytecode: compiled once by the
        # warm-up runs into a folder of the benchmark's own (never into the repository).
        "PYTHONPYCACHEPREFIX": str(tmp_root / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ready = tmp_root / "start-ready"
    app = [sys.executable, "-m", "tui.cli.main", str(archive_dir)]
    empty = [sys.executable, "-c", EMPTY_APP]
    time_to_ready(empty, env, ready)  # warm-up: compiles Textual into the bytecode folder
    time_to_ready(app, env, ready)  # warm-up: compiles zhoubao, fills the caches
    cache = tmp_root / "start-cache"
    cold: list[float] = []
    warm: list[float] = []
    bare: list[float] = []
    for run in range(runs):
        bare.append(time_to_ready(empty, env, ready))
        if run < COLD_RUNS:
            # An empty cache (a new archive, a parser upgrade): every file is parsed.
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(time_to_ready(app, env, ready))
        warm.append(time_to_ready(app, env, ready))
    start_warm = statistics.median(warm)
    start_cold = statistics.median(cold)
    empty_app = statistics.median(bare)
    return {
        "start_cold_s": round(start_cold, 3),
        "start_cold_ratio": round(start_cold / empty_app, 3),
        "start_warm_s": round(start_warm, 3),
        "empty_app_s": round(empty_app, 3),
        "start_ratio": round(start_warm / empty_app, 3),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive", type=Path)
    parser.add_argument("--start-runs", type=int, default=RUNS)
    cli = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="zhoubao-start-") as tmp:
        print(measure(cli.archive, Path(tmp), cli))
