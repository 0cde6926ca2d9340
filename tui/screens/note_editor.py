"""The note screen: a multi-line note for one item, kept exactly as typed.

ctrl+s saves (the screen dismisses with the text; an empty text means "no note"); escape
cancels, asking once more when there are unsaved changes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from tui.i18n import N_, _
from tui.sanitize import sanitize
from tui.screens.dialog import Dialog, framed
from widgets.safe_text_area import SafeTextArea
from widgets.wrapped_text import WrappedText

UNSAVED_WARNING = N_("备注未保存：再按 Esc 放弃，ctrl+s 保存。")


class NoteEditor(Dialog[str | None]):
    """Edit the note of `headline`; dismisses with the note, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("保存"), id="note.save", priority=True),
        # Priority: the TextArea would otherwise take escape to mean "leave the text area".
        Binding("escape", "cancel", N_("取消"), id="note.cancel", priority=True),
    ]

    DEFAULT_CSS = """
    NoteEditor {
        & > Vertical {
            width: 80;
            height: 70%;
        }
        #note-headline { color: $text-muted; margin-bottom: 1; }
        TextArea { height: 1fr; }
        #note-warning { color: $warning; height: auto; }
    }
    """

    def __init__(self, headline: str, note: str) -> None:
        super().__init__()
        self.headline = headline
        self.initial = note
        self._warned = False

    def compose(self) -> ComposeResult:
        with framed(Vertical(), _("备注"), _("ctrl+s 保存 · Esc 取消")):
            yield WrappedText(self.headline, id="note-headline")
            # Control characters (an escape sequence) show as pictures; an unchanged note is
            # saved as it was stored (see `text`).
            yield SafeTextArea(self.shown, soft_wrap=True, tab_behavior="indent", id="note-text")
            yield Static(id="note-warning")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def shown(self) -> str:
        """The stored note as the editor shows it."""
        return sanitize(self.initial, "text")

    @property
    def text(self) -> str:
        """The note as it will be saved: as stored while unchanged, else as typed (pictures
        of control characters stay pictures)."""
        typed = self.query_one(TextArea).text
        return self.initial if typed == self.shown else typed

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text != self.initial and not self._warned:
            self._warned = True
            self.query_one("#note-warning", Static).update(_(UNSAVED_WARNING))
            return
        self.dismiss(None)
