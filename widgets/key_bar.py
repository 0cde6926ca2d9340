"""The bottom line: the keys of the focused pane and of the app, one clickable label each.

Textual's `Footer` builds a widget per key and restyles them all whenever the focus moves
(about 50 ms here on each focus change and on the first frame); this draws the same
information as a single line of text, so moving between panes stays instant.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.screen import Screen
from textual.widget import Widget


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
        for _namespace, binding, enabled, _tooltip in self.screen.active_bindings.values():
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
