"""The reader's find key (`f`): one line of words to find in the item on show.

Enter dismisses with the text typed (the reader highlights every match and scrolls to the
first; an empty line clears the highlights), escape with None.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from tui.i18n import _


class FindInItemDialog(ModalScreen[str | None]):
    """Words to find in the item; dismisses with them, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="find.cancel"),
    ]

    DEFAULT_CSS = """
    FindInItemDialog {
        align: center middle;
        & > Vertical {
            width: 60;
            max-width: 100%;
            height: auto;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
            padding: 0 1;
        }
        & Input { border: none; height: 1; padding: 0 1; background: $boost; }
    }
    """

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("在本条中查找")
            box.border_subtitle = _("Enter 查找 · . 下一处 · , 上一处 · Esc 取消")
            yield Input(self._text, placeholder=_("词语，空格分开"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
