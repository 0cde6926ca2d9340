"""The user's marks and note, set under an item's meta line, and the item as plain text:
domain code in tui.typeset, tested without a screen."""

from __future__ import annotations

from datetime import date

from tui.archive.model import Item
from tui.i18n import _
from tui.typeset import cell_width, layout_item_lines, plain_item_text
from tui.typeset.item_notes import NO_NOTES, NOTE_BAR, ItemNotes


def test_no_notes_take_no_lines() -> None:
    assert NO_NOTES.lines(40) == []


def test_marks_come_first_then_each_note_line_behind_the_bar() -> None:
    notes = ItemNotes(True, ("AI", "监管"), "第一行\n\n第三行")
    assert notes.lines(40) == [
        ("marks", f"{_('★ 已收藏')} #AI #监管"),
        ("note", NOTE_BAR + "第一行"),
        ("note", NOTE_BAR),
        ("note", NOTE_BAR + "第三行"),
    ]


def test_a_long_note_wraps_inside_the_width_with_the_bar_on_every_line() -> None:
    lines = ItemNotes(note="备注" * 30).lines(20)
    assert len(lines) > 1
    assert all(role == "note" and text.startswith(NOTE_BAR) for role, text in lines)
    assert all(cell_width(text) <= 20 for _role, text in lines)


def test_plain_text_is_the_item_laid_out_on_unbroken_lines() -> None:
    item = Item("1-0.0", "标题", ("第一段。" * 50, "第二段。"), "要闻", 1, date(2024, 1, 1))
    text = plain_item_text(item)
    assert text.endswith("第二段。\n") and text.startswith("标题\n")
    assert "第一段。" * 50 in text.splitlines()
    assert text == "\n".join(line.text for line in layout_item_lines(item, 10_000)) + "\n"
