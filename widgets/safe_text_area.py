"""A `TextArea` that never holds a control character, however the text came in.

Textual's `TextArea` keeps what is pasted as it is: an escape sequence or a bidi override in
a pasted note would be drawn raw and stored. Every typed, pasted or programmatic change goes
through `edit`; its text is sanitised as a note is ("text": newline and tab kept, a carriage
return dropped from CRLF, any other control shown as its picture, a bidi control as �).
"""

from __future__ import annotations

import dataclasses

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from tui.sanitize import sanitize


class SafeTextArea(TextArea):
    """A `TextArea` whose text is always safe to draw and to store."""

    def edit(self, edit: Edit) -> EditResult:
        safe = sanitize(edit.text, "text")
        return super().edit(edit if safe == edit.text else dataclasses.replace(edit, text=safe))
