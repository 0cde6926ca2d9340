"""The keys that change the user's library, around the reader's panes.

A container (a `LibraryConnection`, which opens the library and writes to it): the reader's
panes sit inside it, so its keys (b t a m M B e) are active while a pane has the focus and not
while a dialog is open. Its one declared dependency is the item the keys act on,
`current_item`, a callable the screen passes in; it knows nothing else of the reader. It posts
`ItemChosen` when the library view (`B`) picks an item to read.

The keys act on the item on show; the library view asks for the same on the item it lists
(`act_on`), and is shown the library again after every change, this process's or another's.
Catch-up (`M`), undo and redo, and batches on search results are `LibraryActions`
(`widgets.library_actions`); the tag and note editors are `widgets.library_editors`; exports
and imports are `LibraryExchange` (`widgets.library_exchange`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar, Literal

from textual.binding import BindingType
from textual.message import Message
from textual.widget import Widget

from tui.archive.model import Item
from tui.i18n import _
from tui.keys import LIBRARY_BINDINGS
from tui.settings import ExportChoice
from widgets.library_actions import LibraryActions
from widgets.library_connection import NOT_OPEN_YET, LibraryConnection
from widgets.library_editors import edit_note, edit_tags
from widgets.library_exchange import LibraryExchange

#: What a key (or the library view) asks to do to one item.
ItemAction = Literal["bookmark", "read", "tags", "note", "remove"]


class LibraryKeys(LibraryConnection):
    """The user's library for the item `current_item()` returns, and its keys."""

    BINDINGS: ClassVar[list[BindingType]] = LIBRARY_BINDINGS

    DEFAULT_CSS = "LibraryKeys { height: 1fr; }"

    class ItemChosen(Message):
        """The library view picked an item to read."""

        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class ExportDone(Message):
        """An export was written with this format and scope: the next one starts there."""

        def __init__(self, choice: ExportChoice) -> None:
            super().__init__()
            self.choice = choice

    def __init__(
        self,
        *children: Widget,
        current_item: Callable[[], Item | None],
        last_export: ExportChoice | None = None,
        keymap: Mapping[str, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(*children, id=id)
        self._current_item = current_item
        #: Catch-up, batches, undo and redo.
        self.actions = LibraryActions(self, keymap if keymap is not None else {})
        #: Exports and imports.
        self.exchange = LibraryExchange(
            self,
            lambda choice: self.post_message(self.ExportDone(choice)),
            lambda: self.actions.undo_key,
            last_export,
        )

    # The keys on the item on show.

    def action_act(self, action: ItemAction) -> None:
        """`b` (bookmark or not), `m` (read or unread), `t` (tags), `a` (note): on the item
        on show."""
        item = self._current_item()
        if item is None:
            self.notify(_("没有打开的条目。"), timeout=2)
        else:
            self.act_on(item.id, item.headline, action)

    def action_catch_up(self) -> None:
        """`M`: mark this issue, the ones before it, or the whole archive read."""
        item = self._current_item()
        if item is None:
            self.notify(_("没有打开的条目。"), timeout=2)
        elif self.session is None:
            self.notify(_(NOT_OPEN_YET), timeout=2)
        else:
            self.actions.catch_up(item)

    def act_on(self, item_id: str, headline: str, action: ItemAction) -> None:
        """Do what `b`, `m`, `t`, `a` (or removing, in the library view) do, to this item:
        the reader's keys and the library view's."""
        session = self.session
        if session is None:
            self.notify(_(NOT_OPEN_YET), timeout=2)
        elif action == "bookmark":
            # The stored bookmark is flipped (another process's included), and the outcome said.
            self.write(
                lambda library: library.toggle_bookmark(item_id),
                lambda on: self.notify(_("已收藏 ★") if on else _("已取消收藏"), timeout=2),
            )
        elif action == "read":
            self.write(
                lambda library: library.toggle_read(item_id),
                lambda read: self.notify(_("已读") if read else _("未读"), timeout=2),
            )
        elif action == "remove":
            hint = _("{key} 撤销").format(key=self.actions.undo_key)
            said = _("已从资料库移除") + " · " + hint
            self.write(lambda library: library.remove(item_id), lambda _: self.notify(said))
        elif action == "tags":
            edit_tags(self, session, item_id, headline)
        else:
            edit_note(self, session, item_id, headline)

    # The library as a whole.

    def undo(self) -> None:
        """ctrl+z / U (on the App): take back the last change to the library."""
        self.actions.replay(redo=False)

    def redo(self) -> None:
        """ctrl+y: make again the change undone last."""
        self.actions.replay(redo=True)

    def act_on_all(
        self,
        action: Literal["bookmark", "tag"],
        item_ids: tuple[str, ...],
        done: Callable[[], None],
    ) -> None:
        """ctrl+b / ctrl+t in search (see `LibraryActions.on_all`); `done` after."""
        self.actions.on_all(action, item_ids, done)

    def action_library(self) -> None:
        """`B`: every kept item; the one chosen opens in the reader."""
        from tui.screens.library_screen import LibraryScreen

        if self.session is None:
            self.notify(_(NOT_OPEN_YET), timeout=2)
            return

        def chosen(item_id: str | None) -> None:
            if item_id is not None:
                self.post_message(self.ItemChosen(item_id))

        view = LibraryScreen()  # opens at once; its records are read in a thread
        self.app.push_screen(view, chosen)
        self.reload_view(self.session, view)

    def action_export(self) -> None:
        """`e`: export the library to a file in the current directory (by default)."""
        self.exchange.export()

    def export(self, hits: tuple[str, ...] | None = None, query: str = "") -> None:
        """The export dialog, for the library or for the items a search found (`hits`)."""
        self.exchange.export(hits, query)

    def import_file(self, path: Path) -> None:
        """Merge a colleague's JSON export into the library (one undoable action)."""
        self.exchange.import_file(path)
