"""`zhoubao import FILE.json [ARCHIVE]`: merge a colleague's JSON export into the library.

Bookmarks and tags are added, a note that differs is kept beside the local one, items the
archive lacks are kept from the file's snapshots; all in one transaction (see
`tui.library.sharing`). Importing the same file again changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.commands.library_cmd import open_archive_and_library
from tui.cli.common import fail, say, warn
from tui.i18n import _
from tui.library import LibraryError
from tui.library.sharing import merge_collection, read_collection


def run(args: argparse.Namespace) -> int:
    try:
        collection = read_collection(Path(args.file).expanduser())
    except LibraryError as error:
        return fail(str(error))
    opened = open_archive_and_library(args)
    if opened is None:
        return 1
    archive, store = opened
    try:
        report = merge_collection(store, collection, archive)
    except LibraryError as error:
        return fail(str(error))
    for line in report.refused:  # too long to keep: the rest is imported
        warn(line)
    say(report.summary())
    if report.merged_ids:
        # Where to look: each of these notes now holds both texts, marked.
        say(_("两份并存的备注：{ids}").format(ids=" ".join(report.merged_ids)))
    return 0
