"""A one-line dialog that names a saved search: ctrl+s in the search overlay, and renaming a
saved search from the issue list (`R`). Enter saves (an error is shown under the line and
the dialog stays); escape cancels. Dismisses with the name saved, or None."""

from __future__ import annotations

from tui.i18n import _
from tui.screens.line_dialog import LineDialog
from tui.search.saved import SavedSearchError, SavedSearches


class SaveSearchDialog(LineDialog):
    """Name `query` (new), or rename the saved search `renaming` (its query kept)."""

    def __init__(self, query: str, renaming: str | None = None) -> None:
        title = _("重命名保存的搜索") if renaming else _("保存搜索")
        keys = _("Enter 保存 · Esc 取消")
        super().__init__(title, keys, renaming or "", _("名称"), context=query)
        self.search_query = query
        self.renaming = renaming

    def submitted(self, value: str) -> None:
        saved = SavedSearches.load()
        try:
            if self.renaming is None:
                saved.save(value, self.search_query)
            else:
                saved.rename(self.renaming, value)
        except SavedSearchError as error:
            self.show_error(str(error))
            return
        self.dismiss(" ".join(value.split()))
