"""The reader's keys, as data: every binding has an id, so users can remap it.

A key map in the settings file (`{"app.next_item": "ctrl+n"}`) is kept in our `Settings`
and handed to `App.set_keymap`; the help screen and the notices that name a key read it from
there (`key_for`). The ids keep their `app.` prefix, as users' settings files name them.

Four groups, each bound where it acts: `APP_BINDINGS` on the App (help and quit work on
every screen; undo and redo on the screens that change the library: the reader, search and
the library view), `READER_BINDINGS` on the `ReaderScreen` (moving through the archive: they do
nothing while a dialog is open), `LIBRARY_BINDINGS` on the `LibraryKeys` around the panes
(they act on the item on show). "Next" always means down the issue list (newest first).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingType

from tui.i18n import _

#: Undo and redo of the library's changes: actions of the App, bound on the App (for the
#: reader) and on the search overlay and the library view (a modal screen hides the App's
#: bindings). `ZhoubaoApp.check_action` keeps them from other screens.
UNDO_BINDINGS: list[BindingType] = [
    Binding("ctrl+z,U", "app.undo", _("撤销"), show=False, id="app.undo"),
    Binding("ctrl+y", "app.redo", _("重做"), show=False, id="app.redo"),
]

APP_BINDINGS: list[BindingType] = [
    Binding("question_mark", "help", "Help", id="app.help"),
    Binding("q", "quit", "Quit", id="app.quit"),
]

READER_BINDINGS: list[BindingType] = [
    Binding("tab", "app.focus_next", "Next pane", show=False, id="app.next_pane"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="app.prev_pane"),
    Binding("h,left", "pane(-1)", "Pane left", show=False, id="app.pane_left"),
    Binding("l,right", "pane(1)", "Pane right", show=False, id="app.pane_right"),
    Binding("n", "move('item', 1)", "Next item", id="app.next_item"),
    Binding("p", "move('item', -1)", "Prev item", show=False, id="app.prev_item"),
    Binding("right_square_bracket", "move('issue', 1)", "Next issue", id="app.next_issue"),
    Binding(
        "left_square_bracket", "move('issue', -1)", "Prev issue", show=False, id="app.prev_issue"
    ),
    Binding(
        "right_curly_bracket",
        "move('section', 1)",
        "Next section",
        show=False,
        id="app.next_section",
    ),
    Binding(
        "left_curly_bracket",
        "move('section', -1)",
        "Prev section",
        show=False,
        id="app.prev_section",
    ),
    Binding("N", "next_new", "Next new issue", show=False, id="app.next_new"),
    Binding("space", "page", "Page", id="app.page", tooltip="Page down, then the next item"),
    Binding("slash", "search", "Search", id="app.search"),
    Binding("y", "copy_item", "Copy", id="app.copy"),
    Binding("z", "zoom", "Zoom", id="app.zoom"),
    Binding("r", "reload", "Reload", show=False, id="app.reload"),
    Binding(
        "exclamation_mark",
        "problems",
        "Problems",
        show=False,
        id="app.problems",
        tooltip="Files skipped and warnings from reading the archive",
    ),
]

#: `u` moves through the archive, so the ReaderScreen binds it; help lists it with the library.
NEXT_UNREAD = Binding("u", "next_unread", "Next unread", show=False, id="app.next_unread")

#: The library's keys (see `widgets.library_keys`), listed under a heading of their own.
LIBRARY_BINDINGS: list[BindingType] = [
    Binding("b", "bookmark", "Bookmark", id="app.bookmark", tooltip="Bookmark the item, or not"),
    Binding("t", "edit_tags", "Tags", id="app.tags", tooltip="Edit the item's tags"),
    Binding("a", "edit_note", "Note", show=False, id="app.note", tooltip="Annotate the item"),
    Binding("m", "toggle_read", "Read/unread", show=False, id="app.toggle_read"),
    Binding(
        "M",
        "catch_up",
        _("全部标为已读…"),
        show=False,
        id="app.catch_up",
        tooltip=_("这一期、之前的各期或整个存档"),
    ),
    Binding("B", "library", "Library", id="app.library", tooltip="Every item you kept"),
    Binding("e", "export", "Export", show=False, id="app.export"),
]

#: The keys the footer always shows, at its right end, however narrow the terminal.
PINNED_IN_FOOTER = ("app.help", "app.quit")


def key_for(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The first key bound to `binding_id`: the user's remapping, else the default."""
    keys = keymap.get(binding_id)
    if keys is None:
        every = (*APP_BINDINGS, *UNDO_BINDINGS, *READER_BINDINGS, NEXT_UNREAD, *LIBRARY_BINDINGS)
        keys = next((b.key for b in every if isinstance(b, Binding) and b.id == binding_id), "")
    return keys.split(",")[0].strip()
