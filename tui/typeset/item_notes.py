"""What the user keeps about an item — bookmark, tags, note — set as lines under its meta line."""

from __future__ import annotations

from typing import NamedTuple

from tui.i18n import _
from tui.typeset.wrap import wrap_paragraph

#: Drawn before each line of the user's note, to set it apart from the item's own text.
NOTE_BAR = "▎ "


class ItemNotes(NamedTuple):  # not a dataclass: ~0.3 ms less to import before the first frame
    """What the user keeps about the item on show: shown under the meta line."""

    bookmarked: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""

    def lines(self, width: int) -> list[tuple[str, str]]:
        """(role, text) lines for `width` cells: a line of marks and tags, then the note.

        User text is set like item text (`wrap_paragraph` shows ESC as ␛) and drawn as plain
        segments, so markup or escape sequences in a tag or note show as typed.
        """
        lines: list[tuple[str, str]] = []
        marks = " ".join([_("★ 已收藏")] * self.bookmarked + [f"#{tag}" for tag in self.tags])
        lines.extend(("marks", text) for text in wrap_paragraph(marks, width))
        for note_line in self.note.split("\n") if self.note else ():
            wrapped = wrap_paragraph(note_line, max(width - len(NOTE_BAR), 1)) or [""]
            lines.extend(("note", NOTE_BAR + text) for text in wrapped)
        return lines


NO_NOTES = ItemNotes()
