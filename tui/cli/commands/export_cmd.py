"""`zhoubao export [ARCHIVE] [--format F] [--tag T]... [--all] [-o FILE] [--force]`.

Exports the bookmarked items (or every kept item with --all, or the items with every given
tag) from the library's snapshots: items whose files were removed still export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.commands.library_cmd import open_archive_and_library
from tui.cli.common import fail, warn
from tui.library import LibraryError
from tui.library.export import ExportFilter, render, write_atomically
from tui.library.rows import now_stamp
from tui.sanitize import sanitize


def run(args: argparse.Namespace) -> int:
    target = Path(args.output) if args.output else None
    if target is not None and target.exists() and not args.force:
        return fail(f"{target} exists; use --force to overwrite it")
    opened = open_archive_and_library(args)
    if opened is None:
        return 1
    archive, store = opened
    chosen = ExportFilter(tags=tuple(args.tag), everything=args.all)
    records = chosen.select(store.records(present=archive.places))
    data = render(args.format, records, now_stamp(), chosen.label)
    if target is None:
        write_stdout(data)
        return 0
    try:
        write_atomically(target, data, force=args.force)
    except LibraryError as error:
        return fail(str(error))
    warn(f"exported {len(records)} items to {target}")
    return 0


def write_stdout(data: bytes) -> None:
    """The export on stdout: exact bytes into a pipe or file; sanitised text on a terminal,
    where a tag or note holding an escape sequence would act on the screen."""
    if sys.stdout.isatty():
        text = sanitize(data.decode("utf-8-sig", errors="replace"), "text")
        data = text.encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
