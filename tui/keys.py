"""The app's own keys, as data: every binding has an id, so users can remap it.

A key map in the settings file (`{"app.next_item": "ctrl+n"}`) is handed to
`App.set_keymap`; the help screen lists these with the panes' own bindings. "Next" always
means down the issue list (newest first): `n` after an issue's last item reads the first
item of the issue below it. The library's keys act on the item on show.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("tab", "focus_next", "Next pane", show=False, id="app.next_pane"),
    Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="app.prev_pane"),
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
    Binding("question_mark", "help", "Help", id="app.help"),
    Binding("q", "quit", "Quit", id="app.quit"),
]

#: The library's keys (see `tui.library_actions`), listed under a heading of their own.
LIBRARY_BINDINGS: list[BindingType] = [
    Binding("b", "bookmark", "Bookmark", id="app.bookmark", tooltip="Bookmark the item, or not"),
    Binding("t", "edit_tags", "Tags", id="app.tags", tooltip="Edit the item's tags"),
    Binding("a", "edit_note", "Note", show=False, id="app.note", tooltip="Annotate the item"),
    Binding("m", "toggle_read", "Read/unread", show=False, id="app.toggle_read"),
    Binding("u", "next_unread", "Next unread", show=False, id="app.next_unread"),
    Binding("B", "library", "Library", id="app.library", tooltip="Every item you kept"),
    Binding("e", "export", "Export", show=False, id="app.export"),
]
