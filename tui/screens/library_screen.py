"""The library view: every bookmarked, tagged or annotated item, grouped by tag, by issue or
by the day it was kept.

Type in the filter line to narrow the list (words, or `#tag`); `s` steps through the
groupings; Enter dismisses the screen with the chosen item's id, for the app to open in the
reader. Items whose file is gone are listed too, marked, from the library's snapshots.

The reader's keys act on the highlighted item: `b`, `t`, `a`, `m` and `x` (remove from the
library: bookmark, tags and note) post `ActOn`, which the app hands to the library; `o`
posts `OpenSourceRequested`; `y` copies the item. `i` asks for a colleague's JSON export and
posts `ImportRequested`. After every change to the library (here, undone, or another
process's) the app calls `show_records` with the library as it is now; the cursor stays on
its item, or the next one when its item left the list. The records are read off the UI
thread: the screen opens at once, saying it is reading, and fills when they come.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.archive.model import Item
from tui.i18n import N_, _
from tui.keys import REDO, UNDO
from tui.library.grouping import GROUPINGS, UNTAGGED, GroupBy, group_records, matches
from tui.library.records import LibraryRecord
from tui.sanitize import sanitize
from tui.screens.requests import OpenSourceRequested
from tui.typeset.headline import wrap_headline, wrap_meta, wrap_words
from widgets.key_bar import KeyBar
from widgets.library_list import LibraryItemList, RecordOption, cursor_index
from widgets.safe_input import SafeInput
from widgets.wrapped_text import Paragraph, WrappedText

NO_MATCH = N_("没有符合筛选的条目。")
EMPTY_LIBRARY = N_("资料库是空的：收藏、加了标签或写了备注的条目会列在这里。")
#: What each grouping is called in the title.
GROUPING_NAMES: dict[GroupBy, str] = {
    "tag": N_("按标签"),
    "issue": N_("按期"),
    "kept": N_("按收藏时间"),
}
#: What the keys that change the library ask the app to do.
LibraryAction = Literal["bookmark", "read", "tags", "note", "remove"]


def tags_paragraph(tags: Sequence[str]) -> Paragraph:
    """ "标签：#AI #政策", broken only between tags (a tag wider than the line is the only
    one broken inside)."""
    named = [f"#{tag}" for tag in tags]
    line = _("标签：{tags}")
    before, _field, after = line.partition("{tags}")
    words = [before + named[0], *named[1:]]
    words[-1] += after
    return (line.format(tags=" ".join(named)), "", partial(wrap_words, words))


class LibraryScreen(ModalScreen[str | None]):
    """Kept items of the library; dismisses with an item id, or None."""

    #: Undo and redo of the library's changes work here (`ZhoubaoApp.check_action`).
    ACTS_ON_LIBRARY: ClassVar[bool] = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("关闭"), id="library.close"),
        # The reader's ids: a key the user remapped there is remapped here too.
        Binding("b", "act('bookmark')", N_("收藏"), id="app.bookmark"),
        Binding("t", "act('tags')", N_("标签"), id="app.tags"),
        Binding("a", "act('note')", N_("备注"), id="app.note"),
        Binding("m", "act('read')", N_("已读/未读"), show=False, id="app.toggle_read"),
        Binding("x,delete", "act('remove')", N_("移出"), id="library.remove"),
        # Undo is what makes `x` safe: the key bar says so here (hidden in the reader's).
        replace(UNDO, show=True),
        REDO,
        Binding("o", "open_source", N_("原文件"), show=False, id="reader.open_source"),
        Binding("y", "copy", N_("复制"), show=False, id="app.copy"),
        Binding("s", "cycle_grouping", N_("分组"), id="library.group"),
        Binding("slash", "focus_filter", N_("筛选"), id="library.filter"),
        Binding("i", "import", N_("导入"), id="library.import", tooltip=N_("同事的导出")),
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

    class ActOn(Message):
        """`b`, `t`, `a`, `m`, `x` on a listed item: the app has the library do it."""

        def __init__(self, action: LibraryAction, item_id: str, headline: str) -> None:
            super().__init__()
            self.action: LibraryAction = action
            self.item_id = item_id
            self.headline = headline

    class ImportRequested(Message):
        """`i`: merge this JSON export into the library (the app does it)."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(
        self, records: Sequence[LibraryRecord] | None = None, group_by: GroupBy = "tag"
    ) -> None:
        """List `records`, or (None) say the library is being read until `show_records`."""
        super().__init__()
        self.records = [record for record in records or () if record.kept]
        self.loaded = records is not None
        self.group_by: GroupBy = group_by

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("资料库")
            yield SafeInput(placeholder=_("筛选：文字或 #标签"), id="library-filter", compact=True)
            with Horizontal():
                yield LibraryItemList(id="library-items")
                with VerticalScroll(id="library-detail-box"):
                    yield WrappedText(id="library-detail")
        yield KeyBar(pinned=("library.close",))

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

    @property
    def current(self) -> LibraryRecord | None:
        """The record under the cursor, if any."""
        option = self.query_one(OptionList).highlighted_option
        return option.record if isinstance(option, RecordOption) else None

    def _fill(self, keep: str | None = None, near: int = 0) -> None:
        """List the records the filter lets through; the cursor on the item `keep` (its
        first row), else on the first item from row `near` on."""
        query = self.query_one(Input).value
        chosen = [record for record in self.records if matches(record, query)]
        items = self.query_one(OptionList)
        options: list[Option] = []
        for heading, group in group_records(chosen, self.group_by):
            if heading == UNTAGGED:
                shown = _(UNTAGGED)
            else:
                shown = f"#{heading}" if self.group_by == "tag" else heading
            label = Content.assemble((sanitize(shown), "bold"), (f"  {len(group)}", "$text-muted"))
            options.append(Option(label, disabled=True))
            options.extend(RecordOption(record, heading) for record in group)
        if not options:
            empty = _(NO_MATCH) if self.records else _(EMPTY_LIBRARY)
            options.append(Option(Content(empty if self.loaded else _("读取中…")), disabled=True))
        items.set_options(options)
        items.highlighted = cursor_index(options, keep, near)
        if items.highlighted is None:
            self._show(None)
        box = self.query_one(Vertical)
        grouping = _(GROUPING_NAMES[self.group_by])
        box.border_title = _("资料库 · {shown}/{kept} · {grouping}").format(
            shown=len(chosen), kept=len(self.records), grouping=grouping
        )

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
        # Set as the reader sets them: the headline between phrases, the meta line between
        # fields, the tags between tags (never "#RT" / "L").
        paragraphs: list[Paragraph] = [
            (snap.headline, "bold", partial(wrap_headline, snap.headline)),
            (snap.meta_line, "$text-muted", partial(wrap_meta, snap.meta_fields)),
            (snap.id, "$text-muted"),
        ]
        if not record.in_archive:
            paragraphs.append((_("不在存档中：内容取自资料库的快照"), "$text-warning"))
        if record.tags:
            paragraphs += ["", tags_paragraph(record.tags)]
        if record.note:
            paragraphs += ["", (_("备注"), "bold"), record.note]
        if snap.paragraphs:
            paragraphs += ["", snap.paragraphs[0]]
        detail.update(*paragraphs)

    def action_cycle_grouping(self) -> None:
        """`s`: by tag → by issue → by the day kept → by tag."""
        self.group_by = GROUPINGS[(GROUPINGS.index(self.group_by) + 1) % len(GROUPINGS)]
        current = self.current
        self._fill(keep=current.id if current is not None else None)

    def action_act(self, action: LibraryAction) -> None:
        """Ask the app to do what the reader's key does, to the item under the cursor."""
        record = self.current
        if record is not None:
            self.post_message(self.ActOn(action, record.id, record.snapshot.headline))

    def action_open_source(self) -> None:
        """`o`: the item's file, opened by the reader (which knows where it is)."""
        record = self.current
        if record is None:
            return
        if not record.in_archive:
            self.notify(_("这个条目不在存档中，没有原文件可打开。"), timeout=3)
            return
        self.post_message(OpenSourceRequested(record.id))

    def action_copy(self) -> None:
        """`y`: copy the item (headline, meta line, body) as the reader's `y` does."""
        from tui.typeset import plain_item_text

        record = self.current
        if record is not None:
            snap = record.snapshot
            item = Item(
                snap.id, snap.headline, snap.paragraphs, snap.section, snap.number, snap.date,
                snap.page,
            )  # fmt: skip
            self.app.copy_to_clipboard(plain_item_text(item))
            self.notify(sanitize(snap.headline), title=_("已复制"), timeout=2, markup=False)

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
        """The library as it is now (it changed, or it has been read): list it, the cursor
        staying on its item."""
        current = self.current
        near = self.query_one(OptionList).highlighted or 0
        self.records = [record for record in records if record.kept]
        self.loaded = True
        self._fill(keep=current.id if current is not None else None, near=near)
