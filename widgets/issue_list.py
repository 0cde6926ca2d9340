"""The left pane: one row per issue, newest first — 期号, 新 for an issue that arrived since
the last session, date, item count, and once the library is open the unread (•) and
bookmarked (★) counts. Below the issues, the saved searches (views), each with its hit
count and unread count; `R` renames one, `delete` deletes it.

Only the rows on screen are drawn (see `RowList`), so 3,000 issues cost what 30 do. Typing
digits jumps to that issue. The issue rows are held and drawn by `IssueListIssues`
(widgets/issue_list_issues.py); this module adds the saved searches below them and the keys.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.i18n import N_, _, _n
from tui.sanitize import sanitize
from widgets.issue_list_issues import NARROW_WIDTH, IssueListIssues
from widgets.row_list import cursor_bindings

if TYPE_CHECKING:
    from tui.search.views import ViewRow

#: Digits typed within this many seconds of each other form one issue number.
DIGIT_PAUSE_S = 1.2


class IssueList(IssueListIssues):
    """Issues newest first, then the saved searches; the cursor row is what the other panes
    show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *cursor_bindings("issues"),
        Binding("enter", "choose", N_("打开"), id="issues.open", tooltip=N_("到目录")),
        Binding("R", "saved('rename')", N_("重命名"), show=False, id="issues.rename_view"),
        Binding("delete", "saved('delete')", N_("删除"), show=False, id="issues.delete_view"),
    ]

    class ViewHighlighted(Message):
        """The cursor moved to row `index`, a saved search: show its items."""

        def __init__(self, index: int, name: str, chosen: bool = False) -> None:
            super().__init__()
            self.index = index
            self.name = name
            #: Enter (or a double click) on it: go on to its items.
            self.chosen = chosen

    class ViewAction(Message):
        """`R` or `delete` on a saved search."""

        def __init__(self, action: str, name: str) -> None:
            super().__init__()
            self.action = action
            self.name = name

    def set_views(self, views: Sequence[ViewRow]) -> None:
        """The saved searches to list below the issues (the cursor stays where it is)."""
        self._views = views
        self._strips.clear()
        self.rows_changed(min(self.cursor, max(0, self.row_count() - 1)), scroll=False)

    def view_name(self, index: int) -> str | None:
        """The name of the saved search on row `index`, if it is one."""
        at = index - len(self._rows) - 1
        return self._views[at].name if 0 <= at < len(self._views) else None

    def view_row(self, name: str) -> int | None:
        names = [view.name for view in self._views]
        return len(self._rows) + 1 + names.index(name) if name in names else None

    def row_count(self) -> int:
        return len(self._rows) + (len(self._views) + 1 if self._views else 0)

    def can_rest_on(self, index: int) -> bool:
        return index != len(self._rows)  # the heading over the saved searches

    def render_row(self, index: int, width: int, at_cursor: bool) -> Text:
        """ "403新 2024-02-26 22条 •21 ★1" (narrow: "403新 24-02-26•★"), or a saved search."""
        if index >= len(self._rows):
            return self._render_view(index - len(self._rows) - 1, width, at_cursor)
        return self._issue_row_text(self._rows[index], width, at_cursor)

    def _render_view(self, at: int, width: int, at_cursor: bool) -> Text:
        """The heading over the saved searches (at -1), or one: ⌕ name  hits •unread."""
        if at < 0:
            return Text(_("保存的搜索"), style=self.style_for("issue-list--dim"), no_wrap=True)
        view = self._views[at]
        text = Text(style=self.style_for("issue-list--cursor" if at_cursor else ""), no_wrap=True)
        counts = (
            "" if view.hits is None else " " + _n("{count}条", view.hits).format(count=view.hits)
        )
        unread = f" •{view.unread}" if view.unread else ""
        room = max(1, width - 2 - len(counts) - len(unread)) if width >= NARROW_WIDTH else width - 1
        text.append("⌕ " if width >= NARROW_WIDTH else "⌕")
        text.append(sanitize(view.name)[:room])
        if width >= NARROW_WIDTH:
            text.append(counts, self.style_for("issue-list--dim", partial=True))
            text.append(unread, self.style_for("issue-list--unread", partial=True))
        return text

    def cursor_moved(self, index: int) -> None:
        name = self.view_name(index)
        if name is not None:
            self.post_message(self.ViewHighlighted(index, name))
        elif index < len(self._rows):
            self.post_message(self.Highlighted(index, self._rows[index].number))

    def row_chosen(self, index: int) -> None:
        name = self.view_name(index)
        if name is not None:
            self.post_message(self.ViewHighlighted(index, name, chosen=True))
        elif index < len(self._rows):
            self.post_message(self.Chosen(index, self._rows[index].number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Rename and delete act on a saved search: off (and out of the command palette)
        while the cursor is on an issue."""
        if action == "saved":
            return self.view_name(self.cursor) is not None or None
        return True

    def action_saved(self, action: str) -> None:
        """`R` / `delete` on a saved search: the screen asks for a name, or deletes it."""
        name = self.view_name(self.cursor)
        if name is not None:
            self.post_message(self.ViewAction(action, name))

    def on_key(self, event: events.Key) -> None:
        """Digits typed in a quick run jump to the issue with that number."""
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        now = time.monotonic()
        if now - self._digit_time > DIGIT_PAUSE_S:
            self._digits = ""
        self._digit_time = now
        self._digits = (self._digits + event.character)[-6:]
        exact = self._index_of(int(self._digits))
        if exact is not None:
            self.cursor = exact
            return
        for index, row in enumerate(self._rows):
            if str(row.number).startswith(self._digits):
                self.cursor = index
                return
