"""`zhoubao export [ARCHIVE] [--format F] [--tag T]... [--all] [-o FILE|DIR|-] [--split]
[--force]`.

Exports the bookmarked items (or every kept item with --all, or the items with every given
tag) from the library's snapshots: items whose files were removed still export. Nothing to
export is an error (exit 1) that writes nothing. The output path is checked before the
archive is read, so a refusal is immediate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.commands.library_cmd import open_archive_and_library
from tui.cli.common import fail, warn
from tui.i18n import _, _n
from tui.library import LibraryError
from tui.library.export import BINARY_FORMATS, ExportFilter, render
from tui.library.export_markdown import split_notes
from tui.library.output import STDOUT, prepare_folder, resolve_target, write_atomically, write_files
from tui.library.rows import now_stamp
from tui.sanitize import sanitize


def run(args: argparse.Namespace) -> int:
    to_stdout = args.output in (None, STDOUT)
    if args.split and (to_stdout or args.format != "md"):
        return fail(_("--split 把每个条目写成一个 Markdown 文件：需要 --format md 和 -o 文件夹"))
    if to_stdout and args.format in BINARY_FORMATS and sys.stdout.isatty():
        return fail(
            _("{format} 是二进制文件，不能输出到终端：请用 -o 文件名").format(format=args.format)
        )
    target = None if to_stdout else Path(args.output).expanduser()
    try:
        if target is not None and not args.split:
            resolve_target(target, args.force)
    except LibraryError as error:
        return fail(str(error))
    if target is not None and args.split and target.exists() and not target.is_dir():
        return fail(_("{path} 不是文件夹").format(path=target))
    opened = open_archive_and_library(args)
    if opened is None:
        return 1
    archive, store = opened
    chosen = ExportFilter(tags=tuple(args.tag), everything=args.all)
    records = chosen.select(store.records(present=archive.places))
    if not records:
        return fail(
            _("0 个条目符合条件（{chosen}）：没有写入任何内容").format(chosen=chosen.description)
        )
    info = chosen.info(now_stamp())
    try:
        if target is None:
            write_stdout(render(args.format, records, info))
            return 0
        if args.split:
            prepare_folder(target)
            write_files(target, split_notes(records, info), args.force)
        else:
            write_atomically(target, render(args.format, records, info), args.force)
    except LibraryError as error:
        return fail(str(error))
    warn(_n("已导出 {count} 条到 {path}", len(records)).format(count=len(records), path=target))
    return 0


def write_stdout(data: bytes) -> None:
    """The export on stdout: exact bytes into a pipe or file; sanitised text on a terminal,
    where a tag or note holding an escape sequence would act on the screen."""
    if sys.stdout.isatty():
        text = sanitize(data.decode("utf-8-sig", errors="replace"), "text")
        data = text.encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
