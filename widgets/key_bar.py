"""The bottom line: the keys of the focused pane and of the screen, one clickable label each.

Textual's `Footer` builds a widget per key and restyles them all whenever the focus moves
(about 50 ms here on each focus change and on the first frame); this draws the same
information as a single line of text, so moving between panes stays instant.

The focused widget's keys come first, then the screen's, then those of the containers
around the focus; within each, keys keep the order their class declares them in (Textual
re-files a remapped binding under its new key, at the end, where the line would cut it
off). The `pinned` keys (help, quit) sit at the right end and are never cut off.
Descriptions are message ids (`tui.keys`), translated here, as the line is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from tui.i18n import _


def declared_order(node_type: type[DOMNode]) -> dict[str, int]:
    """Binding id → place in the BINDINGS of `node_type` and its bases (bases first)."""
    ids: list[str] = []
    for cls in reversed(node_type.__mro__):
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                ids.append(binding.id)
    return {binding_id: place for place, binding_id in enumerate(dict.fromkeys(ids))}


def ordered_bindings(screen: Screen[object]) -> list[ActiveBinding]:
    """The screen's active bindings: the focused widget's, the screen's, the other
    namespaces' (the containers around the focus, then the app), each in its declared order.
    The key bar and the command palette list them so."""
    focused = screen.focused
    namespaces: dict[DOMNode, int] = {}
    orders: dict[type[DOMNode], dict[str, int]] = {}
    ranked: list[tuple[int, int, int, int, ActiveBinding]] = []
    for index, active in enumerate(screen.active_bindings.values()):
        namespace, binding = active.node, active.binding
        group = 0 if namespace is focused else 1 if namespace is screen else 2
        rank = namespaces.setdefault(namespace, len(namespaces))
        order = orders.get(type(namespace))
        if order is None:
            order = orders[type(namespace)] = declared_order(type(namespace))
        place = order.get(binding.id, len(order)) if binding.id else len(order)
        ranked.append((group, rank, place, index, active))
    ranked.sort(key=lambda entry: entry[:4])
    return [active for *_ranks, active in ranked]


class KeyBar(Widget):
    """Shows the bindings with `show=True` that are active for the focused widget."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self, pinned: Sequence[str] = ()) -> None:
        """`pinned`: ids of bindings always shown, at the right end."""
        super().__init__()
        self.pinned = tuple(pinned)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        key_style = Style(bold=True, color=self.app.theme_variables.get("footer-key-foreground"))
        labels: list[Text] = []
        pinned: dict[str, Text] = {}
        seen: set[str] = set()
        for active in ordered_bindings(self.screen):
            binding, enabled = active.binding, active.enabled
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            # A click runs the binding's key, exactly as if it had been typed.
            click = Style.from_meta({"@click": f"app.simulate_key({binding.key.split(',')[0]!r})"})
            dim = Style(dim=not enabled)
            label = Text(no_wrap=True)
            label.append(f" {key} ", key_style + click + dim)
            label.append(f"{_(binding.description)} ", click + dim)
            if binding.id in self.pinned:
                pinned[binding.id] = label
            else:
                labels.append(label)
        right = Text(no_wrap=True).join(pinned[i] for i in self.pinned if i in pinned)
        room = self.size.width - cell_len(right.plain) if self.size.width else 1_000
        text = Text(no_wrap=True, overflow="ellipsis")
        for label in labels:
            if cell_len(text.plain) + cell_len(label.plain) > room:
                break
            text.append_text(label)
        if right:
            text.append(" " * max(room - cell_len(text.plain), 0))
            text.append_text(right)
        return text
