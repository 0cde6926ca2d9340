"""The `?` screen: every key of the app and of each pane, as currently mapped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar, NamedTuple, TypeAlias

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from tui.i18n import N_, _
from tui.screens.dialog import Dialog, framed
from widgets.key_scroll import KeyScroll


class KeyNote(NamedTuple):
    """A key a widget handles itself, not through a binding (digits, Enter in a list)."""

    keys: str
    #: Already in the chosen language (a binding's description is a message id).
    description: str


#: (heading, keys) pairs, as `binding_sections()` returns them.
BindingSections: TypeAlias = "Sequence[tuple[str, Sequence[BindingType | KeyNote]]]"


def binding_sections() -> BindingSections:
    """Every key the app knows, grouped as the help screen lists them."""
    from tui.keys import APP_BINDINGS, LIBRARY_BINDINGS, NEXT_UNREAD, READER_BINDINGS, UNDO_BINDINGS
    from tui.screens.entity import EntityScreen
    from tui.screens.export_dialog import ExportDialog
    from tui.screens.import_dialog import ImportDialog
    from tui.screens.library_screen import LibraryScreen
    from tui.screens.note_editor import NoteEditor
    from tui.screens.search import SearchScreen
    from tui.screens.tag_editor import TagEditor
    from tui.screens.trend import TrendScreen
    from widgets.entity_table import EntityTable
    from widgets.issue_list import IssueList
    from widgets.item_reader import ItemReader
    from widgets.item_rows import ItemRows
    from widgets.key_option_list import KeyOptionList
    from widgets.library_list import LibraryItemList
    from widgets.section_tree import SectionTree
    from widgets.trend_chart import TrendChart

    save = KeyNote("enter", _("保存"))
    palette = KeyNote(App.COMMAND_PALETTE_BINDING, _("命令面板：全部命令、主题、语言"))
    return [
        (_("全局"), [*READER_BINDINGS, *APP_BINDINGS, palette]),
        (_("资料库"), [*LIBRARY_BINDINGS[:5], NEXT_UNREAD, *LIBRARY_BINDINGS[5:], *UNDO_BINDINGS]),
        (_("期刊列表"), [*IssueList.BINDINGS, KeyNote("0-9", _("跳到第 N 期"))]),
        (_("目录"), SectionTree.BINDINGS),
        (_("正文"), ItemReader.BINDINGS),
        (
            _("搜索（/）"),
            [*_without_undo(SearchScreen.BINDINGS), KeyNote("enter", _("打开选中的结果"))],
        ),
        (
            _("趋势（搜索中的 ctrl+g）"),
            [
                *TrendScreen.BINDINGS,
                *TrendChart.BINDINGS,
                *EntityTable.BINDINGS[-1:],
                *ItemRows.BINDINGS[-1:],
            ],
        ),
        (_("实体时间线（趋势的实体表中 Enter）"), EntityScreen.BINDINGS),
        (
            _("资料库视图（B）"),
            [
                *LibraryItemList.BINDINGS,
                *_without_undo(LibraryScreen.BINDINGS),
                *KeyOptionList.BINDINGS,
            ],
        ),
        (_("标签（t）"), [*TagEditor.BINDINGS, KeyNote("right", _("补全标签")), save]),
        (_("备注（a）"), NoteEditor.BINDINGS),
        (_("导出（e）"), ExportDialog.BINDINGS),
        (
            _("导入（资料库视图里的 i）"),
            [
                *ImportDialog.BINDINGS,
                KeyNote("right", _("补全路径")),
                KeyNote("enter", _("导入这个文件")),
            ],
        ),
        (_("按键与问题列表（?、!）"), KeyScroll.BINDINGS),
    ]


def _without_undo(bindings: Sequence[BindingType]) -> list[BindingType]:
    """A dialog's keys less undo and redo, which the 资料库 section lists."""
    from tui.keys import UNDO_BINDINGS

    undo_ids = {binding.id for binding in UNDO_BINDINGS if isinstance(binding, Binding)}
    return [
        binding
        for binding in bindings
        if not (isinstance(binding, Binding) and binding.id in undo_ids)
    ]


class HelpScreen(Dialog[None]):
    """A scrollable table of keys as the user's `keymap` binds them; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", N_("关闭"), id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        & > KeyScroll {
            width: 72;
            height: 90%;
        }
    }
    """

    def __init__(self, sections: BindingSections, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self._sections = sections
        self._user_keymap = keymap

    def compose(self) -> ComposeResult:
        with framed(KeyScroll(), _("按键"), _("Esc 关闭")):
            for heading, bindings in self._sections:
                yield Static(Text(heading, style="bold"))
                yield Static(self._table(bindings))

    def _table(self, bindings: Sequence[BindingType | KeyNote]) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(min_width=16, style="bold")
        table.add_column()
        table.add_column(style="dim")
        keymap = self._user_keymap
        for binding in bindings:
            if isinstance(binding, KeyNote):
                keys, description, binding_id = binding.keys, binding.description, ""
            elif isinstance(binding, Binding):
                keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                description, binding_id = _(binding.description), binding.id or ""
            else:
                continue
            shown = ", ".join(
                self.app.get_key_display(Binding(key.strip(), "")) for key in keys.split(",")
            )
            table.add_row(Text(shown), Text(description), Text(binding_id))
        return table
