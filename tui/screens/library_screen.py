"""The library view: every bookmarked, tagged or annotated item, grouped by tag or by issue.

Type in the filter line to narrow the list (words, or `#tag`); `g` switches the grouping;
Enter dismisses the screen with the chosen item's id, for the app to open in the reader.
Items whose file is gone are listed too, marked, from the library's snapshots. `i` asks for
a colleague's JSON export and posts `ImportRequested` (the app imports it, then calls
`show_records` with the library as it is now).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.i18n import _
from tui.keys import UNDO_BINDINGS
from tui.library.grouping import UNTAGGED, GroupBy, group_records, matches
from tui.library.records import LibraryRecord
from tui.sanitize import sanitize
from widgets.key_option_list import KeyOptionList
from widgets.wrapped_text import Paragraph, WrappedText

NOT_IN_ARCHIVE = "不在存档中"
NO_MATCH = "没有符合筛选的条目。"
EMPTY_LIBRARY = "资料库是空的：收藏、加了标签或写了备注的条目会列在这里。"


class RecordOption(Option):
    """A line of the list that carries its record (the same item may be under several tags)."""

    def __init__(self, record: LibraryRecord, group: str) -> None:
        parts: list[str | tuple[str, str]] = [
            ("★ " if record.bookmarked else "  ", "bold $warning"),
            sanitize(" ".join(record.snapshot.headline.split())),
        ]
        if record.note:
            parts.append(("  ✎", "$accent"))
        if record.tags:
            tags = " ".join(f"#{tag}" for tag in record.tags)
            parts.append((sanitize(f"  {tags}"), "$text-muted"))
        if not record.in_archive:
            parts.append((f"  （{NOT_IN_ARCHIVE}）", "$text-warning"))
        super().__init__(Content.assemble(*parts), id=f"{group}\x00{record.id}")
        self.record = record


class LibraryScreen(ModalScreen[str | None]):
    """Kept items of the library; dismisses with an item id, or None."""

    #: Undo and redo of the library's changes work here (`ZhoubaoApp.check_action`).
    ACTS_ON_LIBRARY: ClassVar[bool] = True
    BINDINGS: ClassVar[list[BindingType]] = [
        *UNDO_BINDINGS,
        Binding("escape", "dismiss", "Close", id="library.close"),
        Binding("s", "toggle_grouping", "By tag/issue", id="library.group"),
        Binding("slash", "focus_filter", "Filter", id="library.filter"),
        Binding("i", "import", "Import", id="library.import", tooltip="A colleague's export"),
    ]

    DEFAULT_CSS = """
    LibraryScreen {
        align: center middle;
        & > Vertical {
            width: 96%;
            height: 92%;
            border: round $accent;
            border-title-color: $accent;
            background: $surface;
        }
        #library-filter { margin: 0 1; }
        /* A row per item, cut to fit: the detail beside it shows the headline in full. */
        #library-items {
            width: 3fr;
            height: 1fr;
            border: none;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        #library-detail-box { width: 2fr; height: 1fr; padding: 0 1; border-left: solid $panel; }
    }
    """

    class ImportRequested(Message):
        """`i`: merge this JSON export into the library (the app does it)."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, records: Sequence[LibraryRecord], group_by: GroupBy = "tag") -> None:
        super().__init__()
        self.records = [record for record in records if record.kept]
        self.group_by: GroupBy = group_by

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "资料库 · Library"
            box.border_subtitle = _("Enter 打开 · s 按标签/期 · / 筛选 · i 导入 · Esc 关闭")
            yield Input(placeholder="筛选：文字或 #标签", id="library-filter")
            with Horizontal():
                yield KeyOptionList(id="library-items")
                with VerticalScroll(id="library-detail-box"):
                    yield WrappedText(id="library-detail")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    @property
    def shown(self) -> list[LibraryRecord]:
        """The records the filter lets through, in list order (once each)."""
        options = self.query_one(OptionList).options
        seen = dict.fromkeys(o.record.id for o in options if isinstance(o, RecordOption))
        by_id = {record.id: record for record in self.records}
        return [by_id[item_id] for item_id in seen]

    def _fill(self) -> None:
        query = self.query_one(Input).value
        chosen = [record for record in self.records if matches(record, query)]
        items = self.query_one(OptionList)
        options: list[Option] = []
        for heading, group in group_records(chosen, self.group_by):
            shown = f"#{heading}" if self.group_by == "tag" and heading != UNTAGGED else heading
            label = Content.assemble((sanitize(shown), "bold"), (f"  {len(group)}", "$text-muted"))
            options.append(Option(label, disabled=True))
            options.extend(RecordOption(record, heading) for record in group)
        if not options:
            empty = NO_MATCH if self.records else EMPTY_LIBRARY
            options.append(Option(Content(empty), disabled=True))
        items.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        items.highlighted = first
        if first is None:
            self._show(None)
        box = self.query_one(Vertical)
        box.border_title = f"资料库 · Library · {len(chosen)}/{len(self.records)}"

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        option = event.option
        self._show(option.record if isinstance(option, RecordOption) else None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, RecordOption):
            self.dismiss(event.option.record.id)

    def _show(self, record: LibraryRecord | None) -> None:
        # WrappedText sanitises what it sets (tui.typeset), headline and note included.
        detail = self.query_one("#library-detail", WrappedText)
        if record is None:
            detail.update()
            return
        snap = record.snapshot
        paragraphs: list[Paragraph] = [
            (snap.headline, "bold"),
            (snap.meta_line, "$text-muted"),
            (snap.id, "$text-muted"),
        ]
        if not record.in_archive:
            paragraphs.append((f"{NOT_IN_ARCHIVE}：内容取自资料库的快照", "$text-warning"))
        if record.tags:
            paragraphs += ["", "标签：" + " ".join(f"#{tag}" for tag in record.tags)]
        if record.note:
            paragraphs += ["", ("备注", "bold"), record.note]
        if snap.paragraphs:
            paragraphs += ["", snap.paragraphs[0]]
        detail.update(*paragraphs)

    def action_toggle_grouping(self) -> None:
        self.group_by = "issue" if self.group_by == "tag" else "tag"
        self._fill()

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    def action_import(self) -> None:
        """`i`: ask for a zhoubao JSON export to merge into the library."""
        from tui.screens.import_dialog import ImportDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(self.ImportRequested(path))

        self.app.push_screen(ImportDialog(Path.cwd()), chosen)

    def show_records(self, records: Sequence[LibraryRecord]) -> None:
        """The library changed (an import): list it as it is now."""
        self.records = [record for record in records if record.kept]
        self._fill()
