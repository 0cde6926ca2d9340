"""`zhoubao list [ARCHIVE] [--json]`: the issues of an archive, newest first, and skipped files."""

from __future__ import annotations

import argparse

from tui.archive.serialize import archive_listing
from tui.cli.common import open_archive, print_json, say
from tui.i18n import _, _n


def run(args: argparse.Namespace) -> int:
    archive = open_archive(args.archive)
    if archive is None:
        return 1
    if args.json:
        print_json(archive_listing(archive))
        return 0
    for issue in archive.newest_first:
        when = issue.date.isoformat() if issue.date else "----------"
        line = _n("{number:>5}  {date}  {count:>3} 条  {source}", issue.item_count)
        say(
            line.format(number=issue.number, date=when, count=issue.item_count, source=issue.source)
        )
    for skipped in archive.skipped:
        say(_("跳过  {path}：{reason}").format(path=skipped.path, reason=skipped.reason))
    for warning in archive.warnings:
        say(_("提示  {warning}").format(warning=warning))
    return 0
