"""Dialogs the command palette opens: the number of an issue to go to, a query to chart.

Both dismiss with what was typed (None on escape); the issue dialog stays open, saying why,
until the number is one of the archive's.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from tui.i18n import _
from tui.screens.line_dialog import LineDialog

#: "403", "第 403 期", "no:403": what a user types for an issue (also in the palette).
ISSUE_NUMBER = re.compile(r"(?:第|no:|#)?\s*(\d{1,6})\s*期?")


class GoToIssueDialog(LineDialog):
    """The number of an issue of the archive."""

    def __init__(self, numbers: Collection[int]) -> None:
        newest = max(numbers, default=None)
        super().__init__(
            _("跳到某一期"),
            _("Enter 跳转 · Esc 取消"),
            placeholder=_("期号，如 {number}").format(number=newest) if newest else "",
        )
        self.numbers = numbers

    def submitted(self, value: str) -> None:
        typed = ISSUE_NUMBER.fullmatch(value.strip())
        if typed is None:
            self.show_error(_("请输入期号（数字）"))
        elif int(typed.group(1)) not in self.numbers:
            self.show_error(_("存档里没有第 {number} 期").format(number=int(typed.group(1))))
        else:
            self.dismiss(typed.group(1))


class TrendQueryDialog(LineDialog):
    """A query whose matches over time to show."""

    def __init__(self) -> None:
        super().__init__(
            _("趋势"),
            _("Enter 显示 · Esc 取消"),
            placeholder=_("查询，如 短剧 或 AI -游戏"),
        )

    def submitted(self, value: str) -> None:
        if value.strip():
            self.dismiss(value.strip())
        else:
            self.show_error(_("先输入要看趋势的查询"))
