"""The reader's keys, as data: every binding has an id, so users can remap it.

A key map in the settings file (`{"app.next_item": "ctrl+n"}`) is kept in our `Settings`
and handed to `App.set_keymap`; the help screen and the notices that name a key read it from
there (`key_for`). The ids keep their `app.` prefix, as users' settings files name them.

Four groups, each bound where it acts: `APP_BINDINGS` on the App (help and quit work on
every screen; undo and redo on the screens that change the library: the reader, search and
the library view), `READER_BINDINGS` on the `ReaderScreen` (moving through the archive: they do
nothing while a dialog is open), `LIBRARY_BINDINGS` on the `LibraryKeys` around the panes
(they act on the item on show). "Next" always means down the issue list (newest first).

Descriptions and tooltips are message ids, `N_("下一条")`: the key bar, the help screen and
the command palette translate them as they show them (see `tui.i18n`).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingType

from tui.i18n import N_

#: Undo and redo of the library's changes: actions of the App, bound on the App (for the
#: reader) and on the search overlay and the library view (a modal screen hides the App's
#: bindings). `ZhoubaoApp.check_action` keeps them from other screens.
UNDO = Binding("ctrl+z,U", "app.undo", N_("撤销"), show=False, id="app.undo")
REDO = Binding("ctrl+y", "app.redo", N_("重做"), show=False, id="app.redo")
UNDO_BINDINGS: list[BindingType] = [UNDO, REDO]

APP_BINDINGS: list[BindingType] = [
    Binding("question_mark", "help", N_("帮助"), id="app.help"),
    Binding("q", "quit", N_("退出"), id="app.quit"),
]

READER_BINDINGS: list[BindingType] = [
    Binding("tab", "app.focus_next", N_("下一栏"), show=False, id="app.next_pane"),
    Binding("shift+tab", "app.focus_previous", N_("上一栏"), show=False, id="app.prev_pane"),
    Binding("h,left", "pane(-1)", N_("左边一栏"), show=False, id="app.pane_left"),
    Binding("l,right", "pane(1)", N_("右边一栏"), show=False, id="app.pane_right"),
    Binding("n", "move('item', 1)", N_("下一条"), id="app.next_item"),
    Binding("p", "move('item', -1)", N_("上一条"), show=False, id="app.prev_item"),
    Binding("right_square_bracket", "move('issue', 1)", N_("下一期"), id="app.next_issue"),
    Binding(
        "left_square_bracket", "move('issue', -1)", N_("上一期"), show=False, id="app.prev_issue"
    ),
    Binding(
        "right_curly_bracket",
        "move('section', 1)",
        N_("下一节"),
        show=False,
        id="app.next_section",
    ),
    Binding(
        "left_curly_bracket",
        "move('section', -1)",
        N_("上一节"),
        show=False,
        id="app.prev_section",
    ),
    Binding("N", "next_new", N_("下一个新到的期"), show=False, id="app.next_new"),
    Binding("space", "page", N_("翻页"), id="app.page", tooltip=N_("向下翻一页，翻到底就到下一条")),
    Binding("slash", "search", N_("搜索"), id="app.search"),
    Binding("y", "copy_item", N_("复制"), id="app.copy"),
    Binding("z", "zoom", N_("放大"), id="app.zoom", tooltip=N_("正文占满屏幕，或恢复三栏")),
    Binding("r", "reload", N_("重新读取"), show=False, id="app.reload"),
    Binding(
        "exclamation_mark",
        "problems",
        N_("问题"),
        show=False,
        id="app.problems",
        tooltip=N_("跳过的文件和读取存档时的提示"),
    ),
]

#: `u` moves through the archive, so the ReaderScreen binds it; help lists it with the library.
NEXT_UNREAD = Binding("u", "next_unread", N_("下一条未读"), show=False, id="app.next_unread")

#: The library's keys (see `widgets.library_keys`), listed under a heading of their own.
LIBRARY_BINDINGS: list[BindingType] = [
    Binding(
        "b", "act('bookmark')", N_("收藏"), id="app.bookmark", tooltip=N_("收藏这一条，或取消收藏")
    ),
    Binding("t", "act('tags')", N_("标签"), id="app.tags", tooltip=N_("编辑这一条的标签")),
    Binding(
        "a", "act('note')", N_("备注"), show=False, id="app.note", tooltip=N_("给这一条写备注")
    ),
    Binding("m", "act('read')", N_("已读/未读"), show=False, id="app.toggle_read"),
    Binding(
        "M",
        "catch_up",
        N_("全部标为已读…"),
        show=False,
        id="app.catch_up",
        tooltip=N_("这一期、之前的各期或整个存档"),
    ),
    Binding(
        "B",
        "library",
        N_("资料库"),
        id="app.library",
        tooltip=N_("收藏、加了标签或写了备注的全部条目"),
    ),
    Binding("e", "export", N_("导出"), show=False, id="app.export"),
]

#: The keys the footer always shows, at its right end, however narrow the terminal.
PINNED_IN_FOOTER = ("app.help", "app.quit")


def key_for(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The first key bound to `binding_id`: the user's remapping, else the default."""
    keys = keymap.get(binding_id)
    if keys is None:
        every = (*APP_BINDINGS, *UNDO_BINDINGS, *READER_BINDINGS, NEXT_UNREAD, *LIBRARY_BINDINGS)
        keys = next((b.key for b in every if isinstance(b, Binding) and b.id == binding_id), "")
    return keys.split(",")[0].strip()


def paging_bindings(prefix: str) -> list[Binding]:
    """Half a page and a page down or up, with ids under `prefix` ("reader.half_down", …):
    the same keys in every list (`RowList`) and every scrolling view (`KeyScroll`), each
    with `half_page(direction)`, `page_down` and `page_up` actions of its own."""
    return [
        Binding("ctrl+d", "half_page(1)", N_("向下半页"), show=False, id=f"{prefix}.half_down"),
        Binding("ctrl+u", "half_page(-1)", N_("向上半页"), show=False, id=f"{prefix}.half_up"),
        Binding("pagedown", "page_down", N_("向下翻页"), show=False, id=f"{prefix}.page_down"),
        Binding("pageup", "page_up", N_("向上翻页"), show=False, id=f"{prefix}.page_up"),
    ]
