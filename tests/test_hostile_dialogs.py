"""Dialogs that show outside text the user did not type: a folder's name is data too."""

from __future__ import annotations

from pathlib import Path

from test_library_screens import LIBRARY, SIZE, Host, _text
from textual.widgets import Input, Static

from tui.screens.export_dialog import ExportDialog


async def test_export_dialog_never_shows_a_folder_name_s_controls_raw(tmp_path: Path) -> None:
    folder = tmp_path / "a\x1b[2J\u202eb\nc"
    folder.mkdir()
    dialog = ExportDialog(LIBRARY, folder)
    async with Host(dialog).run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = dialog.query_one("#export-path", Input)
        assert "\x1b" not in field.value and "\u202e" not in field.value
        assert field.value.startswith("zhoubao-") and field.value.endswith(".md")
        assert dialog.target == folder / field.value  # still written in that folder
        summary = _text(dialog.query_one("#export-summary", Static))
        assert "a␛[2J\ufffdb␊c" in summary
