"""Write to the library in a loop, printing each write's number once it is committed.

The safety tests run this as a separate process: killed with SIGKILL at a random moment
(nothing it reported may be lost) and two at once (no write may be lost to the other).

    PYTHONPATH=. python scripts/library_writer.py --prefix a --count 500 [--gate]

Write n is, by n % 3: bookmark item "<prefix>-n"; tag the shared item with "<prefix>-n";
set the note of item "<prefix>-n" to "note <prefix>-n". The library is the usual one
(ZHOUBAO_DATA_DIR chooses where).
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from tui.library import LibraryStore, Snapshot

SHARED_ID = "1-shared"


def snapshot(item_id: str) -> Snapshot:
    return Snapshot(
        id=item_id,
        number=1,
        date=None,
        section="测试",
        headline=f"并发写入 {item_id}",
        paragraphs=("正文。",),
    )


def write(store: LibraryStore, prefix: str, n: int) -> None:
    name = f"{prefix}-{n}"
    kind = n % 3
    if kind == 0:
        store.set_bookmark(snapshot(name))
    elif kind == 1:
        store.add_tags([snapshot(SHARED_ID)], [name])
    else:
        store.set_note(snapshot(name), f"note {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument(
        "--gate",
        action="store_true",
        help="print 'ready' once started, then open and write when a line comes on stdin",
    )
    parser.add_argument(
        "--pause-ms", type=float, default=0.0, help="rest up to this long between writes"
    )
    args = parser.parse_args()
    # All writers open the library at the same moment too: creating it is a race of its own.
    # A start time would not do: on a busy machine a process may still be importing then.
    if args.gate:
        print("ready", flush=True)
        sys.stdin.readline()
    store = LibraryStore()
    if store.notice:
        print(store.notice, file=sys.stderr)
        return 1
    rest = random.Random(args.prefix)
    for n in range(args.count):
        write(store, args.prefix, n)
        print(n, flush=True)
        # Like people and scripts, leave gaps in which another process can get the lock.
        time.sleep(rest.uniform(0, args.pause_ms) / 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
