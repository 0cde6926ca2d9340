"""The reader's find key (`f`): one line of words to find in the item on show.

Enter dismisses with the text typed (the reader highlights every match and scrolls to the
first; an empty line clears the highlights), escape with None.
"""

from __future__ import annotations

from tui.i18n import _
from tui.screens.line_dialog import LineDialog


class FindInItemDialog(LineDialog):
    """Words to find in the item; dismisses with them, or None if cancelled."""

    def __init__(self, text: str = "") -> None:
        super().__init__(
            _("在本条中查找"),
            _("Enter 查找 · . 下一处 · , 上一处 · Esc 取消"),
            value=text,
            placeholder=_("词语，空格分开"),
        )
