"""An item laid out as lines: what the reader pane draws and `zhoubao show` prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.archive.model import TITLE, Item, page_label
from tui.i18n import _
from tui.typeset.headline import META_SEPARATOR, wrap_headline, wrap_meta
from tui.typeset.wrap import wrap_paragraph

#: What a line is, so the reader can style it (bold headline, dim meta line).
LineRole = Literal["headline", "meta", "blank", "body"]


@dataclass(frozen=True, slots=True)
class LaidLine:
    """One line of a laid-out item: its plain text and its role."""

    text: str
    role: LineRole


BLANK = LaidLine("", "blank")


def meta_fields(item: Item) -> list[str]:
    """Title and number, date, section, the source when the headline names one, and the
    page for an item read from a PDF."""
    when = item.date.isoformat() if item.date else _("日期不详")
    fields = [
        _("{title} 第 {number} 期").format(title=TITLE, number=item.number),
        when,
        item.section,
    ]
    if item.entity is not None:
        fields.append(item.entity)
    if item.page is not None:
        fields.append(page_label(item.page))
    return fields


def meta_line(item: Item) -> str:
    """Where the item comes from: "行业动态周报 第 393 期 · 2023-12-18 · 行业 · 腾讯"."""
    return META_SEPARATOR.join(meta_fields(item))


def layout_item_lines(item: Item, width: int) -> list[LaidLine]:
    """Headline, meta line, a blank line, then the paragraphs separated by blank lines."""
    lines = [LaidLine(text, "headline") for text in wrap_headline(item.headline, width)]
    lines.extend(LaidLine(text, "meta") for text in wrap_meta(meta_fields(item), width))
    for paragraph in item.paragraphs:
        body = wrap_paragraph(paragraph, width)
        if body:
            lines.append(BLANK)
            lines.extend(LaidLine(text, "body") for text in body)
    return lines


def layout_item(item: Item, width: int) -> list[str]:
    """The text of `layout_item_lines`, line by line."""
    return [line.text for line in layout_item_lines(item, width)]


def plain_item_text(item: Item) -> str:
    """The item as copied to the clipboard: headline, meta line, then the paragraphs."""
    lines = layout_item_lines(item, 10_000)
    return "\n".join(line.text for line in lines).strip("\n") + "\n"
