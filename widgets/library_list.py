"""The list of the library view (`B`): a row per kept item, under its group's heading.

Each row is a `RecordOption` that carries its record (the same item may be listed under
several tags); `LibraryItemList` is the list, moved with the reader's keys, Enter opening
the item under the cursor; `cursor_index` says where the cursor goes when the list is
filled again after a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from tui.i18n import N_, _
from tui.library.records import LibraryRecord
from tui.sanitize import sanitize
from widgets.key_option_list import KeyOptionList

NOT_IN_ARCHIVE = N_("不在存档中")


class RecordOption(Option):
    """A line of the list that carries its record (the same item may be under several tags)."""

    def __init__(self, record: LibraryRecord, group: str) -> None:
        parts: list[str | tuple[str, str]] = [
            ("★" if record.bookmarked else " ", "bold $warning"),
            (" " if record.read else "•", "$text-accent"),
            " ",
            sanitize(" ".join(record.snapshot.headline.split())),
        ]
        if record.note:
            parts.append(("  ✎", "$accent"))
        if record.tags:
            tags = " ".join(f"#{tag}" for tag in record.tags)
            parts.append((sanitize(f"  {tags}"), "$text-muted"))
        if not record.in_archive:
            parts.append(("  " + _("（{why}）").format(why=_(NOT_IN_ARCHIVE)), "$text-warning"))
        super().__init__(Content.assemble(*parts), id=f"{group}\x00{record.id}")
        self.record = record


class LibraryItemList(KeyOptionList):
    """The kept items; Enter (which the key bar shows) opens the one under the cursor."""

    # Group headings are options that cannot be chosen, not greyed-out text:
    # `$text-disabled` drew them at 2.61:1 in catppuccin-latte.
    DEFAULT_CSS = """
    LibraryItemList > .option-list--option-disabled {
        color: $foreground;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", N_("打开"), id="library.open", tooltip=N_("在阅读器中打开")),
    ]


def cursor_index(options: Sequence[Option], keep: str | None, near: int) -> int | None:
    """Where the cursor goes: on the item `keep`, else the first item from `near` on, else
    the last item before it; None when nothing can be chosen."""
    records = [(i, o) for i, o in enumerate(options) if isinstance(o, RecordOption)]
    for index, option in records:
        if option.record.id == keep:
            return index
    after = [index for index, _option in records if index >= near]
    before = [index for index, _option in records if index < near]
    return after[0] if after else before[-1] if before else None
