"""`zhoubao parse FILE [--json]`: read one issue and print its structure."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.archive import NotAWeekly, parse_issue
from tui.archive.serialize import issue_to_dict
from tui.cli.common import fail, print_json, say
from tui.i18n import _, _n


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        issue = parse_issue(path)
    except NotAWeekly as error:
        return fail(_("{path}：{reason}").format(path=path, reason=error))
    if args.json:
        print_json(issue_to_dict(issue))
        return 0
    count = _n("{count} 条", issue.item_count).format(count=issue.item_count)
    say(f"{issue.title} · {issue.publisher} · {issue.label} · {count}")
    if issue.summary:
        say(_("摘要"))
        for bullet in issue.summary:
            say(f"  ◆ {bullet.text}")
    for section in issue.sections:
        say(section.name or _("（未分节）"))
        for item in section.items:
            say(f"  {item.id}  {item.headline}")
    for line in issue.footer:
        say(line)
    for warning in issue.warnings:
        say(_("提示：{warning}").format(warning=warning))
    return 0
