"""`M`: catch up — mark the issue on show, the issues before it, or the whole archive read.

Each line says how many items it turns read; lines with nothing unread cannot be chosen.
Choosing a line with Enter is the confirmation; escape changes nothing. The
dismissed choice is made by the library as one action, which ctrl+z takes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.i18n import N_, _
from tui.library.catch_up import CatchUpChoice
from tui.screens.dialog import Dialog, framed
from tui.typeset.cells import cell_width
from widgets.key_option_list import KeyOptionList

#: Cells around a choice's line: the border, the padding, the list's own padding.
DIALOG_FRAME = 6
#: The narrowest the dialog gets (its title and key hints fit).
MIN_WIDTH = 64


class CatchUpDialog(Dialog[CatchUpChoice | None]):
    """The ways to catch up; dismisses with the one chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("取消"), id="catch_up.cancel"),
    ]

    DEFAULT_CSS = """
    CatchUpDialog {
        & OptionList, & OptionList:focus { height: auto; border: none; background: $surface; }
        & #catch-up-note { color: $text-muted; }
    }
    """

    def __init__(self, choices: Sequence[CatchUpChoice], undo_key: str) -> None:
        super().__init__()
        self.choices = tuple(choices)
        self.undo_key = undo_key

    def compose(self) -> ComposeResult:
        with framed(Vertical(), _("全部标为已读"), _("Enter 标为已读 · Esc 取消")) as box:
            width = max(cell_width(choice.title) for choice in self.choices)
            options = [self._option(choice, width) for choice in self.choices]
            # As wide as the longest line (English ones are longer), within the screen.
            longest = width + 2 + max(cell_width(_said(choice)) for choice in self.choices)
            box.styles.width = max(longest + DIALOG_FRAME, MIN_WIDTH)
            yield KeyOptionList(*options)
            note = _("之后可以用 {key} 撤销。").format(key=self.undo_key)
            yield Static(note, id="catch-up-note", markup=False)

    @staticmethod
    def _option(choice: CatchUpChoice, width: int) -> Option:
        """The choice's title, then (in a column of their own) how many items it marks."""
        said = _said(choice)
        gap = " " * (width - cell_width(choice.title) + 2)
        style = "bold" if choice.unread else "$text-muted"
        label = Content.assemble(choice.title, gap, (said, style))
        return Option(label, disabled=not choice.unread)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next((i for i, c in enumerate(self.choices) if c.unread), None)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])


def _said(choice: CatchUpChoice) -> str:
    """How many items the choice marks read."""
    count = len(choice.unread)
    return _("{count} 条未读").format(count=f"{count:,}") if count else _("全部已读")
