"""A one-line `Input` that never holds a control character, however the text came in.

Textual's `Input` keeps what is pasted as it is: a bidi override (U+202E) pasted into the
search field reorders what the terminal draws, and whatever the field holds is stored (a
tag) or echoed (a query). Every change to the text goes through `replace` (typing, pasting,
completing) or sets `value`; both are sanitised here as `tui.sanitize` does for text the
caller lays out itself ("flow"): a tab or a line break becomes a space, any other control
its picture (␛), a bidi control �, an invisible format character nothing.
"""

from __future__ import annotations

from textual.widgets import Input

from tui.sanitize import sanitize


class SafeInput(Input):
    """An `Input` whose value is always safe to draw and to store."""

    def replace(self, text: str, start: int, end: int) -> None:
        # Sanitised before it goes in, so the cursor lands after what is really inserted.
        super().replace(sanitize(text, "flow"), start, end)

    def validate_value(self, value: str) -> str:
        """Reactive validator: a value set in code is held to the same rule."""
        return sanitize(value, "flow")
