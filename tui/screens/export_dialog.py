"""The `e` dialog: export library items as Markdown, Word, JSON, CSV or CSL-JSON.

Choose the format and which items (bookmarked, every kept item, or the hits of the search it
was opened from; optionally only those with given tags), and the file. It opens on the last
export's format and scope. An existing file is replaced only after a second press of "导出"
(the dialog says so first); a path that holds no regular file (a FIFO, a device) is refused.
The file is written atomically in a worker; the dialog dismisses with what it wrote
(`Exported`), or None if cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tui.i18n import N_, _, _n, pgettext
from tui.library.export import FORMATS, SUFFIXES, ExportFilter, render
from tui.library.output import ExportExists, resolve_target, write_atomically
from tui.library.records import LibraryRecord
from tui.library.rows import now_stamp
from tui.library.store import LibraryError
from tui.sanitize import sanitize
from tui.screens.dialog import Dialog, framed
from tui.screens.tag_editor import TagSuggester, split_tags
from tui.settings import ExportChoice
from widgets.safe_input import SafeInput

FORMAT_LABELS = {
    "md": "Markdown",
    "docx": N_("Word（.docx）"),
    "json": "JSON",
    "csv": N_("CSV（Excel）"),
    "csl-json": N_("CSL-JSON（Zotero）"),
}


#: Scopes: which records an export takes.
SCOPES = ("results", "bookmarked", "all")


@dataclass(frozen=True)
class SearchHits:
    """A search's hits (as records, with the user's marks), offered as a scope of their own."""

    query: str
    records: Sequence[LibraryRecord]


@dataclass(frozen=True)
class Exported:
    """What the dialog wrote: the file, the format and scope chosen, how many items."""

    path: Path
    choice: ExportChoice
    count: int


class ExportDialog(Dialog[Exported | None]):
    """Export `records` (the whole library), or `hits`, to a file under `directory` by
    default; `last` is the previous export's format and scope, offered first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("取消"), id="export.cancel"),
        Binding("ctrl+s", "export", N_("导出"), id="export.go", priority=True),
    ]

    DEFAULT_CSS = """
    ExportDialog {
        & > Vertical {
            width: 72;
            /* Compact widgets keep it within 80x24; on a smaller screen the body scrolls. */
            max-height: 100%;
            overflow-y: auto;
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
        *,
        hits: SearchHits | None = None,
        last: ExportChoice | None = None,
    ) -> None:
        super().__init__()
        self.records = records
        self.hits = hits
        self.directory = directory
        self.known_tags = known_tags
        self._stored_tags = {sanitize(tag): tag for tag in known_tags}
        self.exported_at = exported_at
        self.format = last.format if last is not None and last.format in FORMATS else "md"
        # Opened from a search, the dialog offers its hits; otherwise the last scope used.
        scope = last.scope if last is not None and last.scope in SCOPES[1:] else SCOPES[1]
        self._first_scope = "results" if hits is not None else scope
        #: The existing file the user was warned about; a second export replaces it.
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with framed(Vertical(), _("导出"), _("ctrl+s 导出 · Esc 取消")):
            with Horizontal():
                with RadioSet(id="export-format", compact=True):
                    for fmt in FORMATS:
                        label = _(FORMAT_LABELS[fmt])
                        yield RadioButton(
                            label, value=fmt == self.format, name=fmt, id=f"export-{fmt}"
                        )
                with RadioSet(id="export-scope", compact=True):
                    for scope, label in self._scope_labels():
                        first = scope == self._first_scope
                        yield RadioButton(label, value=first, name=scope, id=f"export-{scope}")
            yield Label(_("只要带这些标签的（可留空）"))
            # Tags complete as shown (sanitised) and are matched as stored.
            suggester = TagSuggester(tuple(self._stored_tags))
            yield SafeInput(suggester=suggester, id="export-tags", compact=True)
            yield Label(_("文件"))
            # The folder's name is outside text: where it is not safe to draw, the field
            # holds the file's name alone (resolved in the folder, as the summary shows).
            folder, name = str(self.directory), self._default_name(self.format)
            default = str(self.directory / name) if sanitize(folder) == folder else name
            yield Input(default, id="export-path", compact=True)
            yield Static(id="export-summary")
            yield Static(id="export-warning")
            with Horizontal(id="export-buttons"):
                yield Button(_("导出"), variant="primary", id="export-go", compact=True)
                yield Button(_("取消"), id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self._update_summary()

    @staticmethod
    def _default_name(fmt: str) -> str:
        return f"zhoubao-{date.today():%Y%m%d}{SUFFIXES[fmt]}"

    def _scope_labels(self) -> list[tuple[str, str]]:
        labels = [
            ("bookmarked", pgettext("export scope", "已收藏的条目")),
            ("all", _("全部（含标签、备注）")),
        ]
        if self.hits is not None:
            found = _("搜索结果（{count} 条）").format(count=f"{len(self.hits.records):,}")
            labels.insert(0, ("results", found))
        return labels

    @property
    def scope(self) -> str:
        pressed = self.query_one("#export-scope", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else self._first_scope

    @property
    def chosen(self) -> ExportFilter:
        typed = split_tags(self.query_one("#export-tags", Input).value)
        tags = tuple(self._stored_tags.get(tag, tag) for tag in typed)
        if self.scope == "results" and self.hits is not None:
            return ExportFilter(tags=tags, search=self.hits.query)
        return ExportFilter(tags=tags, everything=self.scope == "all")

    @property
    def candidates(self) -> Sequence[LibraryRecord]:
        """The records the scope chooses from: the search's hits, or the library."""
        return self.hits.records if self.hits is not None and self.scope == "results" else (
            self.records
        )  # fmt: skip

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
        count = len(self.chosen.select(self.candidates))
        summary = _n("将导出 {count} 条（{format}）→ {path}", count).format(
            count=count, format=_(FORMAT_LABELS[self.format]), path=self.target
        )
        self.query_one("#export-summary", Static).update(Content(sanitize(summary)))
        self._confirmed = None
        self.query_one("#export-warning", Static).update("")
        self.query_one("#export-go", Button).label = _("导出")

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        target, chosen = self.target, self.chosen
        if not chosen.select(self.candidates):
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
        self._write(target, ExportChoice(self.format, self.scope), chosen, self.candidates)

    def _warn(self, message: str) -> None:
        self.query_one("#export-warning", Static).update(Content(sanitize(message)))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(
        self,
        target: Path,
        choice: ExportChoice,
        chosen: ExportFilter,
        candidates: Sequence[LibraryRecord],
    ) -> None:
        records = chosen.select(candidates)
        try:
            data = render(choice.format, records, chosen.info(self.exported_at()))
            write_atomically(target, data, force=True)
        except LibraryError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, Exported(target, choice, len(records)))

    def _failed(self, message: str) -> None:
        self._confirmed = None
        self._warn(_("导出失败：{reason}").format(reason=message))
