"""`zhoubao list [ARCHIVE] [--json]`: the issues of an archive, newest first, and skipped files."""

from __future__ import annotations

import argparse

from tui.archive.serialize import archive_listing
from tui.cli.common import open_archive, print_json, say


def run(args: argparse.Namespace) -> int:
    archive = open_archive(args.archive)
    if archive is None:
        return 1
    if args.json:
        print_json(archive_listing(archive))
        return 0
    for issue in archive.newest_first:
        when = issue.date.isoformat() if issue.date else "----------"
        say(f"{issue.number:>5}  {when}  {issue.item_count:>3} 条  {issue.source}")
    for skipped in archive.skipped:
        say(f"skipped  {skipped.path}: {skipped.reason}")
    for warning in archive.warnings:
        say(f"warning  {warning}")
    return 0
