"""A dialog: a framed box in the middle of the screen, over the screen it was opened from.

The box is the dialog's one child (a `Vertical`, or a `KeyScroll` for a long text), drawn
the same in every dialog: a round border in the accent colour with the dialog's title on
top and its keys at the bottom (`framed`), the surface colour under it, at most the screen's
width. Each dialog sets its box's width (and height, if not its content's) and styles its
own parts; a dialog that warns draws the border in the warning colour.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widget import Widget

#: What the dialog dismisses with.
ResultType = TypeVar("ResultType")
#: The box a dialog frames.
BoxType = TypeVar("BoxType", bound=Widget)


class Dialog(ModalScreen[ResultType]):
    """A modal screen drawn as one framed box in the middle of the screen."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        & > Vertical, & > KeyScroll {
            max-width: 100%;
            height: auto;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
            padding: 0 1;
        }
    }
    """


def framed(box: BoxType, title: str, keys: str) -> BoxType:
    """`box` with `title` on its top border and the dialog's `keys` on its bottom one."""
    box.border_title = title
    box.border_subtitle = keys
    return box
