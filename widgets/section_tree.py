"""The middle pane: one issue's 摘要 bullets and sections, with the items as leaves.

Only the issue on show is in the tree (a few dozen nodes), so the tree is rebuilt whenever
the issue changes. Headlines are shortened to the pane's width rather than scrolled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.archive.model import Issue


@dataclass(frozen=True)
class NodeData:
    """What a node stands for: a section heading (item_id None), an item, or a 摘要 bullet."""

    item_id: str | None
    section: str | None = None


class SectionTree(Tree[NodeData]):
    """The issue's summary and sections; highlighting a leaf asks the app to show its item."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("g", "scroll_home", "First", show=False, id="tree.first"),
        Binding("G", "scroll_end", "Last", show=False, id="tree.last"),
        Binding("enter", "select_cursor", "Read", id="tree.read", tooltip="Read the item"),
    ]

    @dataclass
    class ItemHighlighted(Message):
        """The cursor is on a leaf (an item, or a bullet announcing one)."""

        item_id: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SectionTree.ItemHighlighted)

    @dataclass
    class ItemChosen(Message):
        """Enter or a click on a leaf: the reader should take the focus."""

        item_id: str

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("issue", id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.border_title = "目录"
        self._issue: Issue | None = None

    @property
    def issue(self) -> Issue | None:
        return self._issue

    def show_issue(self, issue: Issue | None, item_id: str | None = None) -> None:
        """Rebuild the tree for `issue` and put the cursor on `item_id` (default: first item)."""
        self._issue = issue
        self.clear()
        if issue is None:
            return
        if issue.summary:
            summary = self.root.add(Text("摘要"), NodeData(None), expand=True)
            for bullet in issue.summary:
                summary.add_leaf(Text("◆" + bullet.text), NodeData(bullet.item_id))
        for section in issue.sections:
            node = self.root.add(Text(section.name), NodeData(None, section.name), expand=True)
            for item in section.items:
                node.add_leaf(Text(item.headline), NodeData(item.id, section.name))
        first = next(iter(issue.items), None)
        self.select_item(item_id or (first.id if first else None))

    def select_item(self, item_id: str | None) -> None:
        """Put the cursor on the item's leaf (the section's leaf, not its 摘要 bullet)."""
        if item_id is None:
            return
        for node in self._leaves():
            if node.data is not None and node.data.item_id == item_id and node.data.section:
                if self.cursor_node is not node:
                    self.move_cursor(node, animate=False)
                return

    def _leaves(self) -> list[TreeNode[NodeData]]:
        return [leaf for top in self.root.children for leaf in top.children]

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        """The label, shortened with an ellipsis so the line fits the pane without scrolling."""
        label = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if data is not None and data.item_id is not None:
            self.post_message(self.ItemHighlighted(data.item_id))

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if data is None:
            return
        if data.item_id is None:
            event.node.toggle()
        else:
            self.post_message(self.ItemChosen(data.item_id))
