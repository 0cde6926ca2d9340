"""The `e` dialog: export library items as Markdown, Word, JSON, CSV or CSL-JSON.

Choose the format and which items (bookmarked, or every kept item; optionally only those
with given tags), and the file. An existing file is replaced only after a second press of
"导出" (the dialog says so first); a path that holds no regular file (a FIFO, a device) is
refused. The file is written atomically in a worker; the dialog dismisses with the path
written, or None if cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tui.i18n import _
from tui.library.export import FORMATS, SUFFIXES, ExportFilter, render
from tui.library.output import ExportExists, resolve_target, write_atomically
from tui.library.records import LibraryRecord
from tui.library.rows import now_stamp
from tui.library.store import LibraryError
from tui.sanitize import sanitize
from tui.screens.tag_editor import TagSuggester, split_tags

FORMAT_LABELS = {
    "md": "Markdown",
    "docx": "Word（.docx）",
    "json": "JSON",
    "csv": "CSV（Excel）",
    "csl-json": "CSL-JSON（Zotero）",
}


class ExportDialog(ModalScreen[Path | None]):
    """Export `records` (the whole library) to a file under `directory` by default."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.go", priority=True),
    ]

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
        & > Vertical {
            width: 72;
            max-width: 100%;
            height: auto;
            /* Compact widgets keep it within 80x24; on a smaller screen the body scrolls. */
            max-height: 100%;
            overflow-y: auto;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
            padding: 0 1;
        }
        Horizontal { height: auto; }
        RadioSet { width: 1fr; }
        Label { margin-top: 1; color: $text-muted; }
        #export-summary { margin-top: 1; }
        #export-warning { color: $text-warning; height: auto; }
        #export-buttons { align-horizontal: right; margin-top: 1; height: auto; }
        Button { margin-left: 1; }
    }
    """

    def __init__(
        self,
        records: Sequence[LibraryRecord],
        directory: Path,
        known_tags: Sequence[str] = (),
        exported_at: Callable[[], str] = now_stamp,
    ) -> None:
        super().__init__()
        self.records = records
        self.directory = directory
        self.known_tags = known_tags
        self._stored_tags = {sanitize(tag): tag for tag in known_tags}
        self.exported_at = exported_at
        self.format = "md"
        #: The existing file the user was warned about; a second export replaces it.
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "导出 · Export"
            box.border_subtitle = "ctrl+s 导出 · Esc 取消"
            with Horizontal():
                with RadioSet(id="export-format", compact=True):
                    for fmt in FORMATS:
                        yield RadioButton(
                            FORMAT_LABELS[fmt], value=fmt == "md", name=fmt, id=f"export-{fmt}"
                        )
                with RadioSet(id="export-scope", compact=True):
                    yield RadioButton(
                        "已收藏的条目", value=True, name="bookmarked", id="export-bookmarked"
                    )
                    yield RadioButton("全部（含标签、备注）", name="all", id="export-all")
            yield Label("只要带这些标签的（可留空）")
            # Tags complete as shown (sanitised) and are matched as stored.
            suggester = TagSuggester(tuple(self._stored_tags))
            yield Input(suggester=suggester, id="export-tags", compact=True)
            yield Label("文件")
            default = str(self.directory / self._default_name("md"))
            yield Input(default, id="export-path", compact=True)
            yield Static(id="export-summary")
            yield Static(id="export-warning")
            with Horizontal(id="export-buttons"):
                yield Button("导出", variant="primary", id="export-go", compact=True)
                yield Button("取消", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self._update_summary()

    @staticmethod
    def _default_name(fmt: str) -> str:
        return f"zhoubao-{date.today():%Y%m%d}{SUFFIXES[fmt]}"

    @property
    def chosen(self) -> ExportFilter:
        scope = self.query_one("#export-scope", RadioSet).pressed_button
        typed = split_tags(self.query_one("#export-tags", Input).value)
        tags = tuple(self._stored_tags.get(tag, tag) for tag in typed)
        return ExportFilter(tags=tags, everything=scope is not None and scope.name == "all")

    @property
    def target(self) -> Path:
        typed = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        return typed if typed.is_absolute() else self.directory / typed

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        old, self.format = self.format, event.pressed.name or "md"
        path = self.query_one("#export-path", Input)
        # Follow the format with the file's suffix, unless the user chose another name.
        if path.value.endswith(SUFFIXES[old]):
            path.value = path.value[: -len(SUFFIXES[old])] + SUFFIXES[self.format]
        self._update_summary()

    @on(RadioSet.Changed, "#export-scope")
    @on(Input.Changed)
    def _update_summary(self) -> None:
        count = len(self.chosen.select(self.records))
        summary = f"将导出 {count} 条（{FORMAT_LABELS[self.format]}）→ {self.target}"
        self.query_one("#export-summary", Static).update(Content(sanitize(summary)))
        self._confirmed = None
        self.query_one("#export-warning", Static).update("")
        self.query_one("#export-go", Button).label = "导出"

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        target, chosen = self.target, self.chosen
        if not chosen.select(self.records):
            self._warn(_("没有符合条件的条目：没有可导出的内容。"))
            return
        try:
            resolve_target(target, force=self._confirmed == target)
        except ExportExists:
            self._confirmed = target
            self._warn(_("{path} 已存在。再按「覆盖」替换它，或改个文件名。").format(path=target))
            self.query_one("#export-go", Button).label = _("覆盖")
            return
        except LibraryError as error:
            self._failed(str(error))
            return
        self._write(target, self.format, chosen)

    def _warn(self, message: str) -> None:
        self.query_one("#export-warning", Static).update(Content(sanitize(message)))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(self, target: Path, fmt: str, chosen: ExportFilter) -> None:
        try:
            data = render(fmt, chosen.select(self.records), chosen.info(self.exported_at()))
            write_atomically(target, data, force=True)
        except LibraryError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, target)

    def _failed(self, message: str) -> None:
        self._confirmed = None
        self._warn(_("导出失败：{reason}").format(reason=message))
