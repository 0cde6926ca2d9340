"""The harness of `scripts/adversary.py`: a run's own folders and figures, the reader in a
pseudo-terminal with every byte it writes kept, and the library as stored on disk (read with
plain SQLite, not zhoubao's code, so that a lost write cannot hide behind it)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Payloads that must never reach a terminal as they are (each would act on it).
OSC52 = "\x1b]52;c;cm0gLXJm\x1b\\"  # set the clipboard to "rm -rf"
TITLE = "\x1b]0;pwned\x07"  # set the window title
RLO = "\u202e"  # right-to-left override
SEEN_IF_RAW = (b"\x1b]52;c;cm0gLXJm", b"\x1b]0;pwned", RLO.encode())


class Run:
    """The environment of one run: a data and cache folder, the code tree, the figures."""

    def __init__(self, tree: Path) -> None:
        self.tree = tree
        self.home = Path(tempfile.mkdtemp(prefix="zhoubao-adversary-"))
        self.env = {
            **os.environ,
            "ZHOUBAO_DATA_DIR": str(self.home / "data"),
            "ZHOUBAO_CACHE_DIR": str(self.home / "cache"),
            "PYTHONPATH": str(tree),
            "PYTHONIOENCODING": "utf-8:strict",
            "TERM": "xterm-256color",
        }
        self.attempted: list[str] = []  # what a write meant to leave in the library
        self.kept: list[str] = []
        self.crashes: list[str] = []
        self.escapes: list[str] = []
        self.opened = 0
        self.tried = 0

    def zhoubao(
        self, *args: str | bytes, timeout: float = 120
    ) -> subprocess.CompletedProcess[bytes]:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "tui.cli.main", *args],
                capture_output=True,
                env=self.env,
                cwd=self.home,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            self.crashes.append(f"zhoubao {args[0]!r} hung")
            return subprocess.CompletedProcess(args, -1, b"", b"")
        if b"Traceback" in done.stderr:
            self.crashes.append(
                f"zhoubao {args[0]!r}: {done.stderr.decode(errors='replace')[-300:]}"
            )
        self.check_bytes(f"zhoubao {args[0]!r}", done.stdout + done.stderr)
        return done

    def check_bytes(self, where: str, data: bytes) -> None:
        for payload in SEEN_IF_RAW:
            if payload in data:
                self.escapes.append(f"{where}: {payload!r}")

    def library(self) -> sqlite3.Connection:
        return sqlite3.connect(self.home / "data" / "library.db", timeout=60)


class Terminal:
    """`zhoubao` in a pseudo-terminal of 120×36; every byte it writes is kept."""

    def __init__(self, run: Run, archive: Path) -> None:
        self.run = run
        pid, fd = pty.fork()
        if pid == 0:  # the child: the reader app
            os.chdir(run.home)
            os.execve(sys.executable, [sys.executable, "-m", "tui.cli.main", str(archive)], run.env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.2)
                if ready:
                    chunk = os.read(self.fd, 65536)
                    if not chunk:
                        return
                    with self._lock:
                        self.output += chunk
            except OSError:
                return

    def seen(self) -> bytes:
        with self._lock:
            return bytes(self.output)

    def wait_for(self, text: str, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text.encode() in self.seen():
                return True
            time.sleep(0.1)
        return False

    def keys(self, *keys: str) -> None:
        for key in keys:
            os.write(self.fd, key.encode())
            time.sleep(0.15)  # a person's pace; the app takes each key as it comes

    def quit(self) -> int:
        self.keys("q")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self._reader.join(timeout=5)
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.1)
        os.kill(self.pid, signal.SIGKILL)
        return -9


def wait_until(check: object, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def tags_of(run: Run, item: str) -> set[str]:
    with run.library() as db:
        return {row[0] for row in db.execute("SELECT tag FROM tags WHERE item_id = ?", (item,))}


def note_of(run: Run, item: str) -> str:
    with run.library() as db:
        row = db.execute("SELECT text FROM notes WHERE item_id = ?", (item,)).fetchone()
    return str(row[0]) if row else ""


def bookmarked(run: Run, item: str) -> bool:
    with run.library() as db:
        return (
            db.execute("SELECT 1 FROM bookmarks WHERE item_id = ?", (item,)).fetchone() is not None
        )


def first_item(run: Run) -> str:
    """The item the reader opens on (the newest issue's first), by the CLI."""
    shown = run.zhoubao("parse", str(ROOT / "sample_data" / "403-2024-02-26.md"), "--json")
    issue = json.loads(shown.stdout)
    return str(issue["sections"][0]["items"][0]["id"])
