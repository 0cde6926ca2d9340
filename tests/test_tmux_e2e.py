"""End to end: the real `zhoubao` in a real terminal (tmux), driven by keys, read off screen."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui import paths

REPO = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


#: What the shell prints once the command in the terminal has exited, before its status.
EXITED = "[the command exited with status] "


class Terminal:
    """A detached tmux session running one command, on a tmux server of its own.

    Never the user's default server: a session there would show in their `tmux ls`, and a
    server the test started would hand the test's data and cache folders (its global
    environment) to every session the user opens in it afterwards; the user's `.tmux.conf`
    (a default size, a status line) would change what the test reads off the screen.
    """

    def __init__(self, command: list[str], env: dict[str, str], cols: int, rows: int) -> None:
        self.session = f"zhoubao-e2e-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.session, "-f", os.devnull]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # The short sleep lets tmux give the window its size before the app asks for it; the
        # line after the app tells that it has exited (its files written, its locks let go).
        exited = f"echo {shlex.quote(EXITED)}$?"
        line = f"sleep 0.3; env {exports} {shlex.join(command)}; {exited}; sleep 30"
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.session,
                "-x",
                str(cols),
                "-y",
                str(rows),
                line,
            ],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.tmux, "send-keys", "-t", self.session, "--", key], check=True)
            time.sleep(0.15)

    def screen(self) -> str:
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.session],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def wait_for(self, found: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if found(shown):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"timed out; the screen shows:\n{shown}")

    def wait_exit(self) -> int:
        """Wait until the command has exited, and return its exit status."""
        shown = self.wait_for(lambda s: EXITED in s)
        return int(shown.split(EXITED, 1)[1].split()[0])

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    opened: list[Terminal] = []

    def open_terminal(*args: str, cols: int = 120, rows: int = 36) -> Terminal:
        env = {
            "PYTHONPATH": str(REPO),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            paths.DATA_DIR_ENV: os.environ[paths.DATA_DIR_ENV],
            paths.CACHE_DIR_ENV: os.environ[paths.CACHE_DIR_ENV],
        }
        term = Terminal([sys.executable, "-m", "tui.cli.main", *args], env, cols, rows)
        opened.append(term)
        return term

    yield open_terminal
    for term in opened:
        term.close()


def test_reads_the_sample_archive_with_keys(terminal: Callable[..., Terminal]) -> None:
    term = terminal()
    shown = term.wait_for(lambda s: "2 期 · 53 条" in s)
    assert "403 2024-02-26 22条" in shown
    assert "国务院国资委召开中央企业人工智能专题推进会" in shown
    assert "行业动态周报 第 403 期 · 2024-02-26 · 要闻" in shown

    term.keys("]")
    shown = term.wait_for(lambda s: "行业动态周报 第 393 期" in s)
    assert "中央经济工作会议：加快推动人工智能发展" in shown

    term.keys("n")
    term.wait_for(lambda s: "12月14日，国家广播电视总局召开" in s)

    term.keys("b")  # bookmarked: the reader says so, the issue list counts it
    shown = term.wait_for(lambda s: "★ 已收藏" in s)
    assert "31条 •" in shown and "★1" in shown

    term.keys("?")
    term.wait_for(lambda s: "app.next_item" in s)
    term.keys("Escape", "q")
    assert term.wait_exit() == 0


def test_reopens_where_reading_stopped_at_80_columns(terminal: Callable[..., Terminal]) -> None:
    first = terminal(str(REPO / "sample_data"), cols=80, rows=24)
    first.wait_for(lambda s: "2 期 · 53 条" in s)
    first.keys("]", "n", "n")
    first.wait_for(lambda s: "12月12日" in s)
    first.keys("q")
    assert first.wait_exit() == 0  # the position is saved by then

    again = terminal(str(REPO / "sample_data"), cols=80, rows=24)
    shown = again.wait_for(lambda s: "2 期 · 53 条" in s and "12月12日" in s)
    assert "第 393 期" in shown


def test_a_missing_archive_exits_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nowhere" in result.stderr


def test_new_issues_arrive_while_reading_and_are_new_next_time(
    terminal: Callable[..., Terminal], tmp_path: Path
) -> None:
    root = tmp_path / "archive"
    shutil.copytree(REPO / "sample_data", root)
    sample = (root / "403-2024-02-26.md").read_text(encoding="utf-8")

    def add(number: int) -> None:
        text = sample.replace("第 403 期", f"第 {number} 期")
        (root / f"{number}.md").write_text(text, encoding="utf-8")

    first = terminal(str(root))
    shown = first.wait_for(lambda s: "2 期 · 53 条" in s)
    assert "新" not in shown.splitlines()[2]  # the first time, nothing is new
    # A new file while the reader is open shows without `r`. The watch starts once the
    # folder is read: the file is written again (same text) until a change is seen.
    deadline = time.monotonic() + 30
    shown = first.screen()
    while "新到第 404 期" not in shown and time.monotonic() < deadline:
        add(404)
        for _ in range(10):
            shown = first.screen()
            if "新到第 404 期" in shown:
                break
            time.sleep(0.2)
    assert "3 期 · 75 条" in shown and "新到第 404 期" in shown, shown
    assert "404新" in shown
    first.keys("q")
    assert first.wait_exit() == 0

    add(405)  # arrives while the reader is closed: 新 the next time
    again = terminal(str(root))
    shown = again.wait_for(lambda s: "4 期 · 97 条 · 新 1 期" in s)
    assert "405新" in shown and "404新" not in shown
    again.keys("N")
    again.wait_for(lambda s: "行业动态周报 第 405 期" in s)


def test_catch_up_then_undo_also_after_a_restart(terminal: Callable[..., Terminal]) -> None:
    term = terminal()
    # Unread counts show once the library is open, after the issues.
    term.wait_for(lambda s: "2 期 · 53 条" in s and "22条 •22" in s and "31条 •31" in s)
    term.keys("M")  # catch up: the dialog counts what each choice turns read
    term.wait_for(lambda s: "全部标为已读" in s and "53 条未读" in s)
    term.keys("j", "j", "Enter")  # the whole archive
    shown = term.wait_for(lambda s: "已标为已读" in s and "•22" not in s)
    assert "•31" not in shown

    term.keys("C-z")
    shown = term.wait_for(lambda s: "已撤销" in s and "22条 •22" in s)
    assert "31条 •31" in shown and "整个存档全部标为已读" in shown

    term.keys("b")
    term.wait_for(lambda s: "★ 已收藏" in s and "★1" in s)
    term.keys("q")
    assert term.wait_exit() == 0

    again = terminal()  # the same day, after a restart: U undoes the bookmark
    again.wait_for(lambda s: "2 期 · 53 条" in s and "★1" in s)
    again.keys("U")
    shown = again.wait_for(lambda s: "已撤销" in s and "★1" not in s)
    assert "★ 已收藏" not in shown


def test_sessions_stay_off_the_users_tmux_server(
    terminal: Callable[..., Terminal], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The user's default server would live under TMUX_TMPDIR: the test must not start it
    # (nor add sessions to it), or the user's next `tmux` would inherit the test's folders.
    monkeypatch.setenv("TMUX_TMPDIR", str(tmp_path))
    term = terminal("--version")
    term.wait_for(lambda s: "zhoubao" in s)
    users = subprocess.run(["tmux", "list-sessions"], capture_output=True, text=True)
    assert users.returncode != 0, users.stdout
