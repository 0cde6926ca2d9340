"""Saving a note that may have changed elsewhere since the editor opened it.

The note editor remembers the note it showed (the *base*). When it saves, the store compares
that base with the note as stored now, inside the write transaction: if another process (a
second reader, `zhoubao bookmark --note`) saved a note meanwhile, neither text is dropped —
the saved note holds the other text, then this one under a marked line — and the user is
told. Without a base (the CLI sets a note outright) the text is stored as given.
"""

from __future__ import annotations

import enum
from datetime import datetime

from tui.i18n import _


class NoteSaved(enum.Enum):
    """What became of a note the user saved."""

    #: Stored as typed.
    SAVED = "saved"
    #: Nothing to store: the text was already the stored one.
    UNCHANGED = "unchanged"
    #: Changed elsewhere meanwhile: the note now holds both texts.
    MERGED = "merged"
    #: Changed elsewhere meanwhile, and emptied here: the other text is kept, not deleted.
    KEPT_OTHER = "kept-other"


def is_empty(text: str) -> bool:
    """An all-space note is no note."""
    return not text.strip()


def merge_note(stored: str, base: str | None, typed: str) -> tuple[str, NoteSaved]:
    """The note to store ("" to delete it) and what happened, given the note `stored` now,
    the `base` the editor started from (None: set outright) and the `typed` text."""
    if base is None or stored == base:
        return typed, NoteSaved.UNCHANGED if typed == stored else NoteSaved.SAVED
    if typed in (base, stored):  # nothing typed here, or the same text typed in both places
        return stored, NoteSaved.UNCHANGED
    if is_empty(stored):  # emptied elsewhere, edited here: keep what was typed
        return typed, NoteSaved.SAVED
    if is_empty(typed):  # emptied here, edited elsewhere: deleting would lose that text
        return stored, NoteSaved.KEPT_OTHER
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    marker = _("——— 同时在另一处编辑的版本（{time} 保存，两份都保留）———").format(time=when)
    return f"{stored.rstrip()}\n\n{marker}\n{typed}", NoteSaved.MERGED
