"""The bottom line: the keys of the focused pane and of the app, one clickable label each.

Textual's `Footer` builds a widget per key and restyles them all whenever the focus moves
(about 50 ms here on each focus change and on the first frame); this draws the same
information as a single line of text, so moving between panes stays instant.

Keys keep the order in which they are declared: Textual re-files a remapped binding under
its new key, at the end of its namespace, where the line would cut it off.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget


def declared_order(node_type: type[DOMNode]) -> dict[str, int]:
    """Binding id → place in the BINDINGS of `node_type` (and its bases), before remapping."""
    merged = node_type._merged_bindings
    if merged is None:
        return {}
    ids = (binding.id for bindings in merged.key_to_bindings.values() for binding in bindings)
    return {binding_id: place for place, binding_id in enumerate(dict.fromkeys(ids)) if binding_id}


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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        key_style = Style(bold=True, color=self.app.theme_variables.get("footer-key-foreground"))
        text = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        for binding, enabled in self._in_declared_order():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            # A click runs the binding's key, exactly as if it had been typed.
            click = Style.from_meta({"@click": f"app.simulate_key({binding.key.split(',')[0]!r})"})
            dim = Style(dim=not enabled)
            text.append(f" {key} ", key_style + click + dim)
            text.append(f"{binding.description} ", click + dim)
        return text

    def _in_declared_order(self) -> list[tuple[Binding, bool]]:
        """The active bindings, namespace by namespace as Textual lists them, each
        namespace's in the order its class declares them."""
        namespaces: dict[DOMNode, int] = {}
        orders: dict[type[DOMNode], dict[str, int]] = {}
        ranked: list[tuple[int, int, int, Binding, bool]] = []
        for index, active in enumerate(self.screen.active_bindings.values()):
            namespace, binding = active.node, active.binding
            rank = namespaces.setdefault(namespace, len(namespaces))
            order = orders.get(type(namespace))
            if order is None:
                order = orders[type(namespace)] = declared_order(type(namespace))
            place = order.get(binding.id, len(order)) if binding.id else len(order)
            ranked.append((rank, place, index, binding, active.enabled))
        ranked.sort(key=lambda entry: entry[:3])
        return [(binding, enabled) for _rank, _place, _index, binding, enabled in ranked]
