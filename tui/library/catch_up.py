"""Catching up: marking a whole issue, the issues before it, or the whole archive read.

An archive of 300 issues imported at once would otherwise show unread counts forever. Each
choice lists the items still unread in its issues, so the dialog can say how many turn read
and the change holds only those (its undo then leaves items read before as read).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.archive.model import Archive, Issue
from tui.i18n import _, _n
from tui.library.journal import Action


@dataclass(frozen=True)
class CatchUpChoice:
    """One way to catch up: which issues, and their items still unread."""

    #: The journal's name of it: catch_up_issue, catch_up_older, catch_up_all.
    kind: str
    #: What it covers, for the dialog ("第 403 期（2024-02-26）", "之前的 499 期").
    title: str
    #: Ids of the items in those issues not read yet, in archive order.
    unread: tuple[str, ...]
    #: The number of the issue it starts from (names it in the journal).
    number: int

    @property
    def action(self) -> Action:
        return Action(self.kind, str(self.number), len(self.unread))


def catch_up_choices(
    archive: Archive, issue_index: int, is_read: Callable[[str], bool]
) -> list[CatchUpChoice]:
    """The three ways to catch up from the issue at `issue_index` of `archive.issues`
    (oldest first): that issue, the older ones, every issue."""
    issue = archive.issues[issue_index]
    older = archive.issues[:issue_index]
    when = _("（{date}）").format(date=issue.date.isoformat()) if issue.date else ""
    return [
        CatchUpChoice(
            "catch_up_issue",
            _("这一期：第 {number} 期{date}").format(number=issue.number, date=when),
            _unread((issue,), is_read),
            issue.number,
        ),
        CatchUpChoice(
            "catch_up_older",
            _n(
                "之前的各期：第 {number} 期以前的 {count} 期",
                len(older),
            ).format(number=issue.number, count=f"{len(older):,}"),
            _unread(older, is_read),
            issue.number,
        ),
        CatchUpChoice(
            "catch_up_all",
            _n("整个存档：{count} 期", len(archive.issues)).format(
                count=f"{len(archive.issues):,}"
            ),
            _unread(archive.issues, is_read),
            issue.number,
        ),
    ]


def _unread(issues: Sequence[Issue], is_read: Callable[[str], bool]) -> tuple[str, ...]:
    return tuple(item.id for issue in issues for item in issue.items if not is_read(item.id))
