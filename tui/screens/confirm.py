"""The question asked before an action on many items (a batch on search results).

Enter (or `y`) goes ahead, escape (or `n`) does not. The question says how many items and
what happens to them; the line under it says how to take it back.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from tui.i18n import N_, _
from tui.screens.dialog import Dialog, framed
from widgets.wrapped_text import WrappedText


class ConfirmDialog(Dialog[bool]):
    """A question with a yes and a no; dismisses with the answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "answer(True)", N_("确定"), id="confirm.yes"),
        Binding("escape,n", "answer(False)", N_("取消"), id="confirm.no"),
    ]

    DEFAULT_CSS = """
    ConfirmDialog {
        & > Vertical {
            width: 56;
            border: round $warning;
            border-title-color: $warning;
        }
    }
    """

    def __init__(self, title: str, question: str, afterwards: str = "") -> None:
        super().__init__()
        self.confirm_title, self.question, self.afterwards = title, question, afterwards

    def compose(self) -> ComposeResult:
        with framed(Vertical(), self.confirm_title, _("Enter 确定 · Esc 取消")):
            after = [("", ""), (self.afterwards, "$text-muted")] if self.afterwards else []
            yield WrappedText(self.question, *after)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
