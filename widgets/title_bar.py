"""The top line: the screen's title and sub-title (archive name, counts, loading progress), and
a lasting "只读" mark when the library cannot be written (the notice saying why goes away),
and "等待写入…" while a change waits for another process to release the library.

One widget drawing one line: Textual's `Header` is four widgets (icon, title, clock space),
which the first frame of a reader that must appear at once does not need.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from tui.i18n import N_, _
from tui.sanitize import sanitize

#: The mark of a session whose library is read-only.
READ_ONLY_MARK = N_("只读")


class TitleBar(Widget):
    """Shows the screen's `title — sub_title` (the app's where the screen has none), centred,
    and follows changes to either."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
    }
    """

    #: True while the library is read-only: nothing marked or noted now will be kept.
    read_only: reactive[bool] = reactive(False)
    #: True while a change waits for another process to release the library's write lock.
    waiting: reactive[bool] = reactive(False)

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._changed, init=False)
            self.watch(owner, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        # The title holds the archive folder's name: outside text.
        title = self.screen.title or self.app.title
        sub_title = self.screen.sub_title or self.app.sub_title
        text = Text(sanitize(title), style="bold", no_wrap=True, overflow="ellipsis")
        if sub_title:
            text.append(f" — {sanitize(sub_title)}", style="dim")
        if self.read_only:
            text.append(" · ")
            text.append(f" {_(READ_ONLY_MARK)} ", style="bold reverse")
        if self.waiting:
            text.append(" · ")
            text.append(" " + _("等待写入…") + " ", style="bold reverse")
        return text
