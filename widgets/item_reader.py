"""The right pane: one item — headline, meta line, the user's marks, paragraphs — laid out
for its width.

A `ScrollView` with `render_line` (the model is toolong's `log_lines.py`): the item is laid
out once per width by `tui.typeset` (Chinese line breaking; control characters such as a
stray ESC made visible) and each visible line becomes a `Strip` of plain `Segment`s: text
from the archive is data and is never parsed as markup.

Words can be highlighted (`highlight`: an item opened from search, or `f` to find any
words): every match is marked, the reader scrolls to the first, and `.` / `,` go to the
next / previous one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.archive.model import Item, page_label
from tui.i18n import N_, _
from tui.sanitize import sanitize
from tui.typeset import layout_item_lines, wrap_paragraph
from tui.typeset.item_notes import NO_NOTES, ItemNotes
from widgets.key_scroll import scroll_bindings

if TYPE_CHECKING:  # imported when first used: the reader's first frame does without search
    from tui.search.snippets import Needles


class ItemReader(ScrollView, can_focus=True):
    """Shows one item; scrolls with keys and asks for the next item at the end of a page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *scroll_bindings("reader"),
        Binding("o", "open_source", N_("打开原文件"), show=False, id="reader.open_source"),
        Binding("f", "find", N_("查找"), show=False, id="reader.find"),
        Binding("full_stop", "match(1)", N_("下一处"), show=False, id="reader.next_match"),
        Binding("comma", "match(-1)", N_("上一处"), show=False, id="reader.previous_match"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-reader--headline",
        "item-reader--meta",
        "item-reader--body",
        "item-reader--placeholder",
        "item-reader--marks",
        "item-reader--note",
        "item-reader--match",
        "item-reader--current-match",
    }

    DEFAULT_CSS = """
    ItemReader {
        & > .item-reader--headline { text-style: bold; color: $accent; }
        & > .item-reader--meta { color: $text-muted; }
        & > .item-reader--placeholder { color: $text-muted; text-style: italic; }
        & > .item-reader--marks { color: $warning; }
        & > .item-reader--note { color: $text-secondary; }
        & > .item-reader--match { background: $warning 30%; text-style: bold; }
        & > .item-reader--current-match {
            background: $warning;
            color: $background;
            text-style: bold;
        }
        /* A light theme's accent and warning are bright on white (catppuccin-latte 2.3–2.7:1):
           text takes their darker text variants there. */
        &:light > .item-reader--headline { color: $text-accent; }
        &:light > .item-reader--marks { color: $text-warning; }
    }
    """

    class EndReached(Message):
        """Space was pressed with the end of the item on screen: the reader wants the next."""

    class OpenSourceRequested(Message):
        """`o` was pressed: the screen, which knows the item's file, calls `open_source`."""

        def __init__(
            self, item: Item
        ) -> None:  # not a dataclass: see tui.typeset.item_notes.ItemNotes
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._item: Item | None = None
        self._placeholder = ""
        self._notes = NO_NOTES
        self._lines: list[tuple[str, str]] = []
        self._layout_width = -1
        self._strips: dict[int, Strip] = {}
        #: Called once, just after the first frame that shows an item has been drawn.
        self.on_first_item_drawn: Callable[[], None] | None = None
        #: Rich styles of the widget and of each line role, resolved once per style change.
        self._styles: dict[str, Style] = {}
        #: What to highlight, the (line, start, end) of each match, and the current one.
        self._needles: Needles | None = None
        self.matches: list[tuple[tuple[int, int, int], ...]] = []
        self.current_match = -1
        self.border_title = _("正文")

    @property
    def item(self) -> Item | None:
        """The item on show, if any."""
        return self._item

    @property
    def notes(self) -> ItemNotes:
        return self._notes

    def show_item(
        self, item: Item | None, placeholder: str = "", notes: ItemNotes = NO_NOTES
    ) -> None:
        """Show `item` and the user's `notes` from the top, or `placeholder` text when there
        is no item. The same item read again from its file keeps its place."""
        if item == self._item and placeholder == self._placeholder:
            self.set_notes(notes)
            return
        self._item = item
        self._placeholder = placeholder
        self._notes = notes
        self._needles = None  # highlights belong to the item they were asked for
        self._layout_again()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def set_notes(self, notes: ItemNotes) -> None:
        """New marks, tags or note for the item on show; the reader keeps its place."""
        if notes != self._notes:
            self._notes = notes
            self._layout_again()

    def _layout_again(self) -> None:
        self._layout_width = -1
        self._lines = []
        self._strips.clear()
        self._relayout()
        self.refresh()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._layout_width or width <= 0:  # no size yet: laid out on resize
            return
        self._layout_width = width
        self._strips.clear()
        if self._item is None:
            # Set like text (a long path in "… 中没有可读的期刊。" was cut at the pane's edge).
            self._lines = [
                ("placeholder", line) for line in wrap_paragraph(self._placeholder, width)
            ]
        else:
            lines = [(line.role, line.text) for line in layout_item_lines(self._item, width)]
            # The user's marks go right under the meta line, before the first paragraph.
            after_meta = next((i for i, (role, _) in enumerate(lines) if role == "blank"), None)
            at = len(lines) if after_meta is None else after_meta
            self._lines = [*lines[:at], *self._notes.lines(width), *lines[at:]]
        self.virtual_size = Size(width, len(self._lines))
        self._find_matches()

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def _style(self, role: str) -> Style:
        """The style of a line with this role (role "" is the widget's own background)."""
        style = self._styles.get(role)
        if style is None:
            base = self.rich_style
            if role in ("headline", "meta", "placeholder", "marks", "note"):
                style = base + self.get_component_rich_style(f"item-reader--{role}")
            elif role:
                style = base + self.get_component_rich_style("item-reader--body", partial=True)
            else:
                style = base
            self._styles[role] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            # The first frame is drawn as soon as the layout gives the pane its size, before
            # the resize event arrives: lay the item out now, so that frame shows its text.
            self._relayout()
        if self.on_first_item_drawn is not None and self._item is not None and self._lines:
            # Runs after the frame being drawn now has been handed to the terminal.
            asyncio.get_running_loop().call_soon(self.on_first_item_drawn)
            self.on_first_item_drawn = None
        index = self.scroll_offset.y + y
        base = self._style("")
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            role, text = self._lines[index]
            segments = self._segments(index, text, self._style(role))
            strip = Strip(segments).adjust_cell_length(width, base)
            self._strips[index] = strip
        return strip.crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, base)

    def _segments(self, index: int, text: str, style: Style) -> list[Segment]:
        """The line's text, its matches (if any) in the match styles."""
        segments: list[Segment] = []
        at = 0
        pieces = [(p, k) for k, match in enumerate(self.matches) for p in match if p[0] == index]
        for (_line, start, end), k in pieces:
            role = "current-match" if k == self.current_match else "match"
            mark = style + self.get_component_rich_style(f"item-reader--{role}", partial=True)
            segments += [Segment(text[at:start], style), Segment(text[start:end], mark)]
            at = end
        segments.append(Segment(text[at:], style))
        return segments

    # Highlighting words.

    def highlight(self, needles: Needles | None) -> None:
        """Mark every match of `needles` in the item on show (None or none: clear them)
        and scroll to the first."""
        self._needles = needles if needles else None
        self._find_matches()
        if self.matches:
            self.action_match(1)

    def _find_matches(self) -> None:
        if self._needles is None or self._item is None:
            found: list[tuple[tuple[int, int, int], ...]] = []
        else:
            from tui.search.highlight import line_matches

            found = line_matches(self._lines, self._needles)
        if found != self.matches:
            self.matches = found
            self._strips.clear()
            self.refresh()
        self.current_match = -1
        self._say_matches()

    def action_match(self, step: int) -> None:
        """`.` / `,`: to the next / previous match, round from the last to the first."""
        if not self.matches:
            self.notify(_("没有要查找的词，按 f 查找"), timeout=2)
            return
        self.current_match = (self.current_match + step) % len(self.matches)
        line = self.matches[self.current_match][0][0]
        height = self.scrollable_content_region.height
        if not self.scroll_y <= line < self.scroll_y + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)
        self._strips.clear()
        self.refresh()
        self._say_matches()

    def _say_matches(self) -> None:
        if self._needles is None:
            self.border_subtitle = ""
        elif not self.matches:
            self.border_subtitle = _("没有找到")
        else:
            self.border_subtitle = _("第 {at}/{count} 处 · . 下一处 , 上一处").format(
                at=max(1, self.current_match + 1), count=len(self.matches)
            )

    def action_find(self) -> None:
        """`f`: find words in the item on show (the words searched, to start with)."""
        from tui.screens.find_in_item import FindInItemDialog

        if self._item is None:
            return
        typed = " ".join(self._needles.words) if self._needles is not None else ""

        def found(text: str | None) -> None:
            if text is not None:
                from tui.search.snippets import Needles

                self.highlight(Needles.of(text))

        self.app.push_screen(FindInItemDialog(typed), found)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_open_source(self) -> None:
        if self._item is not None:
            self.post_message(self.OpenSourceRequested(self._item))

    def open_source(self, path: Path, page: int | None) -> None:
        """Open `path` (at `page`) in the system's viewer, from a worker: a viewer that is
        slow to start never holds up the reader."""
        where = sanitize(path.name) + ("" if page is None else " · " + page_label(page))
        self.notify(where, title=_("正在打开原文件"), timeout=3, markup=False)
        self._run_opener(path, page)

    @work(thread=True, group="opener", exit_on_error=False)
    def _run_opener(self, path: Path, page: int | None) -> None:
        from tui.opener import OpenFailed, open_source

        try:
            open_source(path, page)
        except OpenFailed as error:
            self.app.call_from_thread(
                self.notify,
                sanitize(str(error)),
                title=_("无法打开原文件"),
                severity="error",
                markup=False,
            )

    def action_half_page(self, step: int) -> None:
        """Scroll half the visible height down (`step` > 0) or up."""
        half = max(1, self.scrollable_content_region.height // 2)
        self.scroll_relative(y=step * half, animate=False)

    def page_or_next(self) -> None:
        """Page down; at the end of the item, post `EndReached` so the app shows the next one."""
        if self.scroll_y >= self.max_scroll_y:
            self.post_message(self.EndReached())
        else:
            self.scroll_page_down(animate=False)
