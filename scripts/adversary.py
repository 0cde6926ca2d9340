"""Issue 9's cross-process and hostile-input cases, against the real `zhoubao` command.

    python scripts/adversary.py [--rounds 8] [--tree DIR]

The reader runs in a pseudo-terminal (its raw output kept byte for byte) while `zhoubao`
CLI processes write to the same library, a plain SQLite connection holds the write lock
for a while, and archives hold a symlink loop, a FIFO, a dangling link, a folder the
reader cannot list (as root: a folder it can list, so that part is only the others) and
file names that are not UTF-8 or hold escape sequences. Tags and notes hold OSC 52 ("set
the clipboard to rm -rf") and bidi overrides. At the end it prints one line:

    writes attempted / kept / lost, archives opened with bad entries (opened/tried), escape
    bytes seen on the terminal, crashes

and exits 1 if a write was lost, an archive did not open, an escape reached the terminal or
anything crashed. `--tree` runs another checkout's code (an older main, say) with this
venv's packages, for a before/after comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

from adversary_run import (
    OSC52,
    RLO,
    ROOT,
    TITLE,
    Run,
    Terminal,
    bookmarked,
    first_item,
    note_of,
    tags_of,
    wait_until,
)


def writes_across_processes(run: Run, rounds: int) -> None:
    """The app and the CLI tagging, annotating and bookmarking one item, round after round;
    then a bookmark pressed while another process holds the write lock."""
    item = first_item(run)
    run.zhoubao("bookmark", item, "--tag", OSC52, "--note", f"hostile {RLO}note")
    app = Terminal(run, ROOT / "sample_data")
    if not app.wait_for("403", 120):
        run.crashes.append("the reader never drew the archive")
    time.sleep(2)  # the library opens after the archive is read
    for n in range(rounds):
        run.zhoubao("bookmark", item, "--tag", f"cli{n}")
        run.attempted.append(f"tag cli{n}")
        app.keys("t", *f"tui{n}", "\r")
        run.attempted.append(f"tag tui{n}")
        wait_until(lambda n=n: f"tui{n}" in tags_of(run, item), 20)
        app.keys("a", *f"app{n}")
        run.zhoubao("bookmark", item, "--note", f"cli note {n}")  # saved while the editor is open
        run.attempted += [f"note app{n}", f"note cli note {n}"]
        app.keys("\x13")  # ctrl+s
        wait_until(lambda n=n: f"app{n}" in note_of(run, item), 20)
    # A bookmark pressed while a long export (here: a held lock) keeps the library busy.
    holder = run.library()
    holder.isolation_level = None
    holder.execute("BEGIN IMMEDIATE")
    app.keys("n", "b")
    run.attempted.append("bookmark (waited for the lock)")
    time.sleep(3)
    holder.execute("COMMIT")
    holder.close()
    app.keys("B")  # the library view: group headings are tags, one of them OSC 52
    time.sleep(2)
    app.keys("\x1b")
    wait_until(lambda: bookmarked(run, second_item(run, item)), 30)
    status = app.quit()
    if status != 0:
        run.crashes.append(f"the reader exited with {status}")
    run.check_bytes("the reader", app.seen())
    tags, note = tags_of(run, item), note_of(run, item)
    run.kept = [
        intent
        for intent in run.attempted
        if (intent.startswith("tag ") and intent[4:] in tags)
        or (intent.startswith("note ") and intent[5:] in note)
        or (intent.startswith("bookmark") and bookmarked(run, second_item(run, item)))
    ]
    for command in (("library",), ("export", "--format", "csv")):
        run.check_bytes(f"zhoubao {command[0]} on a terminal", on_a_terminal(run, *command))


def second_item(run: Run, first: str) -> str:
    shown = run.zhoubao("parse", str(ROOT / "sample_data" / "403-2024-02-26.md"), "--json")
    items = [i["id"] for s in json.loads(shown.stdout)["sections"] for i in s["items"]]
    return str(items[items.index(first) + 1])


def on_a_terminal(run: Run, *args: str) -> bytes:
    """What `zhoubao ARGS` writes to a terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main", *args],
        stdout=follower,
        stderr=follower,
        env=run.env,
        cwd=run.home,
    )
    os.close(follower)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    if process.wait(timeout=120) != 0 or b"Traceback" in shown:
        run.crashes.append(f"zhoubao {args[0]} on a terminal: {bytes(shown[-300:])!r}")
    return bytes(shown)


def hostile_archives(run: Run) -> list[Path]:
    """Folders of the two sample issues plus one kind of bad entry each, and all of them."""
    made = []
    kinds = ["loop", "fifo", "dangling", "locked", "names", "all"]
    for kind in kinds:
        root = run.home / f"archive-{kind}"
        (root / "sub").mkdir(parents=True)
        shutil.copy(ROOT / "sample_data" / "393-2023-12-18.txt", root)
        shutil.copy(ROOT / "sample_data" / "403-2024-02-26.md", root / "sub")
        if kind in ("loop", "all"):
            (root / "loop").symlink_to(".")
        if kind in ("fifo", "all"):
            os.mkfifo(root / "fifo")
        if kind in ("dangling", "all"):
            (root / "dangling").symlink_to("nowhere")
        if kind in ("locked", "all"):
            (root / "locked").mkdir()
            (root / "locked" / "x.txt").write_text("x")
            (root / "locked").chmod(0)
        if kind in ("names", "all"):
            name = os.fsdecode(b"caf\xe9 " + TITLE.encode() + b".txt")
            (root / name).write_bytes(b"not an issue")
        made.append(root)
    return made


def open_archives(run: Run) -> None:
    for root in hostile_archives(run):
        run.tried += 1
        listed = run.zhoubao("list", str(root))
        good = listed.returncode == 0 and listed.stdout.count(" 条  ".encode()) == 2
        app = Terminal(run, root)
        drawn = app.wait_for("2 期", 120)
        status = app.quit()
        if status != 0:
            run.crashes.append(f"the reader on {root.name} exited with {status}")
        run.check_bytes(f"the reader on {root.name}", app.seen())
        run.opened += good and drawn
    run.zhoubao("parse", str(run.home / "archive-fifo" / "fifo"), timeout=30)  # must not hang


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=8, help="rounds of app + CLI writes")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to run")
    args = parser.parse_args()
    run = Run(args.tree.resolve())
    started = time.monotonic()
    try:
        writes_across_processes(run, args.rounds)
        open_archives(run)
    finally:
        for locked in run.home.glob("archive-*/locked"):
            locked.chmod(0o755)
    lost = len(run.attempted) - len(run.kept)
    for problem in [*run.escapes, *run.crashes]:
        print(f"  {problem}", file=sys.stderr)
    for intent in run.attempted:
        if intent not in run.kept:
            print(f"  lost: {intent}", file=sys.stderr)
    print(
        f"writes attempted {len(run.attempted)} / kept {len(run.kept)} / lost {lost}, "
        f"archives with bad entries opened {run.opened}/{run.tried}, "
        f"escape bytes on the terminal {len(run.escapes)}, crashes {len(run.crashes)} "
        f"({time.monotonic() - started:.0f} s)"
    )
    shutil.rmtree(run.home, ignore_errors=True)
    failed = lost or run.escapes or run.crashes or run.opened < run.tried
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
