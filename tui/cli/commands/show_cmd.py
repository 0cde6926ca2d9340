"""`zhoubao show ITEM_ID [ARCHIVE] [--width N | --source | --json]`: print one item as the
reader lays it out, or where it comes from (its file, and the page of a PDF), or as JSON."""

from __future__ import annotations

import argparse
import shutil
import sys

from tui.archive.serialize import item_to_dict
from tui.cli.common import archive_root, fail, open_archive, print_json, say
from tui.i18n import _
from tui.sanitize import sanitize
from tui.typeset import layout_item

MIN_WIDTH = 10
#: Without --width, the terminal's width — but no wider: long lines of Chinese are hard to
#: follow, and the reader pane is rarely wider than this either.
MAX_DEFAULT_WIDTH = 100


def default_width() -> int:
    """The terminal's width (80 when not a terminal), kept within [MIN_WIDTH, MAX_DEFAULT_WIDTH]."""
    columns = shutil.get_terminal_size(fallback=(80, 24)).columns
    return max(MIN_WIDTH, min(columns, MAX_DEFAULT_WIDTH))


def run(args: argparse.Namespace) -> int:
    width: int = default_width() if args.width is None else args.width
    if width < MIN_WIDTH:
        return fail(
            _("--width 至少是 {least}，不能是 {width}").format(least=MIN_WIDTH, width=width), 2
        )
    archive = open_archive(args.archive)  # through the parse cache, as the reader reads it
    if archive is None:
        return 1
    place = archive.locate(args.item_id)
    if place is None:
        return fail(
            _("{archive} 里没有条目 {id}").format(
                id=args.item_id, archive=archive_root(args.archive)
            )
        )
    if args.json:
        print_json(item_to_dict(place.item, place.issue))
        return 0
    if args.source:
        # One line for scripts: the absolute path (sanitised like every name we print), then
        # a tab and the page for an item read from a PDF.
        path = sanitize(str(place.issue.source.resolve()))
        page = "" if place.item.page is None else f"\t{place.item.page}"
        sys.stdout.write(f"{path}{page}\n")
        return 0
    for line in layout_item(place.item, width):
        say(line)
    return 0
