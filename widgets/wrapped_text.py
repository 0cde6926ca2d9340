"""A block of text set as Chinese is set, for dialogs and side panes.

Rich and Textual break lines only at spaces, so a Chinese sentence with a few spaces in it
("2 月 19 日") comes out ragged. This widget breaks each paragraph with the reader's own
`wrap_paragraph` for its content width (again on every resize) and draws the lines as
plain text: nothing in it is ever read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from tui.typeset.cells import cell_width
from tui.typeset.wrap import wrap_paragraph

#: How a paragraph is broken for a width, when not as a body paragraph (`wrap_paragraph`):
#: a headline by `wrap_headline`, a meta line by `wrap_meta` (tui.typeset.headline).
Setter = Callable[[int], list[str]]
#: A paragraph: its text, or (text, style) — a Textual style such as "bold" or "$text-muted" —
#: or (text, style, setter). An empty text is a blank line.
Paragraph = str | tuple[str, str] | tuple[str, str, Setter]


class WrappedText(Widget):
    """Paragraphs of plain text, each broken into lines that fill the width."""

    DEFAULT_CSS = """
    WrappedText {
        height: auto;
    }
    """

    def __init__(
        self,
        *paragraphs: Paragraph,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._paragraphs: tuple[tuple[str, str, Setter | None], ...] = ()
        self._laid_out: tuple[int, list[tuple[str, str]]] | None = None
        self.update(*paragraphs)

    def update(self, *paragraphs: Paragraph) -> None:
        """Show these paragraphs instead."""
        self._paragraphs = tuple(
            (paragraph, "", None)
            if isinstance(paragraph, str)
            else (paragraph[0], paragraph[1], paragraph[2] if len(paragraph) == 3 else None)
            for paragraph in paragraphs
        )
        self._laid_out = None
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """The paragraphs as given, one per line."""
        return "\n".join(text for text, _style, _setter in self._paragraphs)

    def lines(self, width: int) -> list[tuple[str, str]]:
        """(line, style) for each line at `width` cells."""
        if self._laid_out is None or self._laid_out[0] != width:
            self._laid_out = (width, list(self._lay_out(width)))
        return self._laid_out[1]

    def _lay_out(self, width: int) -> Iterable[tuple[str, str]]:
        for paragraph, style, setter in self._paragraphs:
            if setter is not None:
                yield from ((line, style) for line in setter(max(width, 2)) or [""])
                continue
            for text in paragraph.split("\n"):
                lines = wrap_paragraph(text, max(width, 2))
                yield from ((line, style) for line in lines or [""])

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_width(line) for line, _ in self.lines(container.width)), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> RenderResult:
        lines = self.lines(self.content_size.width)
        parts: list[str | tuple[str, str]] = []
        for index, (line, style) in enumerate(lines):
            parts += ["\n"] if index else []
            parts.append((line, style) if style else line)
        return Content.assemble(*parts)
