"""A dialog of one line to type — the base of the save-search and find-in-item dialogs.

A framed box: an optional line of context above the input, the input, and a line for an
error under it. Enter calls `submitted` (which dismisses, or shows an error and stays);
escape dismisses with None.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from tui.i18n import N_
from tui.sanitize import sanitize
from tui.screens.dialog import Dialog, framed
from widgets.safe_input import SafeInput


class LineDialog(Dialog[str | None]):
    """One line of text; subclasses say what Enter does with it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("取消"), id="line_dialog.cancel"),
    ]

    DEFAULT_CSS = """
    LineDialog {
        & > Vertical { width: 60; }
        & Input { border: none; height: 1; padding: 0 1; background: $boost; }
        & #line-dialog-context { color: $text-muted; height: auto; }
        & #line-dialog-error { color: $text-error; height: auto; }
    }
    """

    def __init__(
        self, title: str, keys: str, value: str = "", placeholder: str = "", context: str = ""
    ) -> None:
        super().__init__()
        # Names of our own: Textual's screens have private attributes of their own.
        self.line_title, self.line_keys, self.line_context = title, keys, context
        self.line_value, self.line_placeholder = value, placeholder

    def compose(self) -> ComposeResult:
        with framed(Vertical(), self.line_title, self.line_keys):
            if self.line_context:
                context = sanitize(self.line_context, "text")  # a headline, a query: outside text
                yield Static(context, id="line-dialog-context", markup=False)
            yield SafeInput(self.line_value, placeholder=self.line_placeholder)
            yield Static("", id="line-dialog-error", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.submitted(event.value)

    def submitted(self, value: str) -> None:
        """Enter: dismiss with the line (subclasses may check it first)."""
        self.dismiss(value)

    def show_error(self, message: str) -> None:
        self.query_one("#line-dialog-error", Static).update(Content(sanitize(message)))
