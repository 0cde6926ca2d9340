"""The library view's `i` dialog: which zhoubao JSON export to import.

A path, relative to `directory` or absolute (`~` allowed), completed (→) from the folders and
`.json` files of the folder typed so far. Enter dismisses with the file's path once it names
a file; Esc with None. What the import does is `tui.library.sharing`'s business.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from tui.i18n import N_, _
from tui.sanitize import sanitize
from tui.screens.dialog import Dialog, framed


class JsonFileSuggester(Suggester):
    """Completes a path with the first folder or `.json` file that starts as typed."""

    def __init__(self, directory: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.directory = directory

    async def get_suggestion(self, value: str) -> str | None:
        # Listing a folder touches the disk: not on the UI thread.
        return await asyncio.to_thread(self._complete, value)

    def _complete(self, value: str) -> str | None:
        typed = Path(value).expanduser()
        folder = typed if value.endswith("/") else typed.parent
        stem = "" if value.endswith("/") else typed.name
        where = folder if folder.is_absolute() else self.directory / folder
        try:
            names = sorted(
                entry.name + ("/" if entry.is_dir() else "")
                for entry in where.iterdir()
                if entry.name.startswith(stem)
                and not entry.name.startswith(".")
                and (entry.is_dir() or entry.suffix.lower() == ".json")
            )
        except OSError:
            return None
        return value + names[0][len(stem) :] if names else None


class ImportDialog(Dialog[Path | None]):
    """Asks for the export file to import; dismisses with its path, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("取消"), id="import.cancel"),
    ]

    DEFAULT_CSS = """
    ImportDialog {
        & > Vertical { width: 72; }
        Label { color: $text-muted; }
        #import-warning { color: $text-warning; height: auto; }
    }
    """

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory

    def compose(self) -> ComposeResult:
        with framed(Vertical(), _("导入同事的收藏"), _("Enter 导入 · → 补全 · Esc 取消")):
            yield Label(_("zhoubao export --format json 导出的文件："))
            suggester = JsonFileSuggester(self.directory)
            yield Input(suggester=suggester, id="import-path", compact=True)
            yield Static(id="import-warning")

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = Path(event.value.strip()).expanduser()
        path = typed if typed.is_absolute() else self.directory / typed
        if not event.value.strip() or not path.is_file():
            warning = _("{path} 不是文件").format(path=path)
            self.query_one("#import-warning", Static).update(Content(sanitize(warning)))
            return
        self.dismiss(path)
