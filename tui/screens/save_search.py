"""A one-line dialog that names a saved search: ctrl+s in the search overlay, and renaming a
saved search from the issue list. Enter saves (an error is shown under the line and the
dialog stays); escape cancels. Dismisses with the name saved, or None."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.i18n import _
from tui.search.saved import SavedSearchError, SavedSearches


class SaveSearchDialog(ModalScreen[str | None]):
    """Name `query` (new), or rename the saved search `renaming` (its query kept)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="save_search.cancel"),
    ]

    DEFAULT_CSS = """
    SaveSearchDialog {
        align: center middle;
        & > Vertical {
            width: 60;
            max-width: 100%;
            height: auto;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
            padding: 0 1;
        }
        & Input { border: none; height: 1; padding: 0 1; background: $boost; }
        & #save-search-query { color: $text-muted; height: auto; }
        & #save-search-error { color: $text-error; height: auto; }
    }
    """

    def __init__(self, query: str, renaming: str | None = None) -> None:
        super().__init__()
        self.search_query = query
        self.renaming = renaming

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("重命名保存的搜索") if self.renaming else _("保存搜索")
            box.border_subtitle = _("Enter 保存 · Esc 取消")
            yield Static(self.search_query, id="save-search-query", markup=False)
            yield Input(self.renaming or "", placeholder=_("名称"), id="save-search-name")
            yield Static("", id="save-search-error", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        saved = SavedSearches.load()
        try:
            if self.renaming is None:
                saved.save(event.value, self.search_query)
            else:
                saved.rename(self.renaming, event.value)
        except SavedSearchError as error:
            self.query_one("#save-search-error", Static).update(str(error))
            return
        self.dismiss(" ".join(event.value.split()))
