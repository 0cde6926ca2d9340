"""The library view's preview sets its headline, meta line and tags as the reader does.

The headline breaks between phrases (`wrap_headline`), the meta line between its fields
(`wrap_meta`: no "行业" alone under "第 393 期 · 2023-12-18 ·"), and the tags line between
tags: "#RTL" never above "反", "#[link" never above "=http://x]".
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_app_themes import THEMES, faint_words
from test_library_screens import Host
from textual.widgets import OptionList

from tui.library import LibraryRecord, Snapshot
from tui.sanitize import sanitize
from tui.screens.library_screen import LibraryScreen
from tui.typeset.cells import cell_width
from tui.typeset.headline import wrap_headline, wrap_meta, wrap_words
from widgets.wrapped_text import WrappedText

HEADLINE = "中央经济工作会议：加快推动人工智能发展 推进产业焕新与新质生产力"
TAGS = ("AI", "RTL\u202e反", "[link=http://x]", "短剧出海", "平台治理", "政策研究")


def kept(tags: tuple[str, ...] = TAGS) -> LibraryRecord:
    snap = Snapshot(
        id="393-e5238b",
        number=393,
        date=date(2023, 12, 18),
        section="行业",
        headline=HEADLINE,
        paragraphs=("正文。",),
        position=1,
    )
    return LibraryRecord(snap, True, tags, "", read=False, in_archive=True)


async def test_the_preview_sets_headline_meta_and_tags_as_the_reader_does() -> None:
    record = kept()
    host = Host(LibraryScreen([record]))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = host.screen.query_one(OptionList)
        assert items.highlighted is not None
        detail = host.screen.query_one("#library-detail", WrappedText)
        width = detail.content_size.width
        lines = [line for line, _style in detail.lines(width)]
        headline = wrap_headline(HEADLINE, width)
        meta = wrap_meta(record.snapshot.meta_fields, width)
        assert lines[: len(headline)] == headline
        assert lines[len(headline) : len(headline) + len(meta)] == meta
        assert "行业" not in [line.strip() for line in meta]  # not alone below
        tag_lines = [line for line in lines if "#" in line]
        for tag in TAGS:
            shown = sanitize(f"#{tag}", "flow")
            assert any(shown in line for line in tag_lines), (shown, tag_lines)


async def test_the_meta_line_keeps_its_text() -> None:
    snap = kept().snapshot
    assert snap.meta_line == "第 393 期 · 2023-12-18 · 行业"
    assert snap.meta_fields == ["第 393 期", "2023-12-18", "行业"]


WORDS = st.lists(
    st.text(st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=8),
    min_size=1,
    max_size=12,
)


@given(WORDS, st.integers(min_value=8, max_value=60))
def test_words_break_only_between_words(words: list[str], width: int) -> None:
    shown = [sanitize(word, "flow") for word in words]
    lines = wrap_words(words, width)
    assert all(cell_width(line) <= width for line in lines)
    if all(0 < cell_width(word) <= width and " " not in word for word in shown):
        starts, offset = set(), 0
        for word in shown:
            starts.add(offset)
            offset += len(word) + 1
        assert " ".join(lines) == " ".join(shown)
        offset = 0
        for line in lines[:-1]:
            offset += len(line) + 1
            assert offset in starts, (line, lines)


@pytest.mark.parametrize("theme", THEMES)
async def test_group_headings_read_in_dark_and_light_themes(theme: str) -> None:
    """Headings ("#AI  1") are options that cannot be chosen, not greyed-out text: at least
    WCAG's 3:1 for bold text (`$text-disabled` drew them at 2.61:1 in catppuccin-latte)."""
    host = Host(LibraryScreen([kept(("AI",)), kept(("政策",))]))
    host.theme = theme
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = host.screen.query_one(OptionList)
        heading = [list(items.render_line(0))]
        assert "#AI" in "".join(segment.text for segment in heading[0])
        assert not faint_words(heading), theme
        items.highlighted = 1
        await pilot.press("tab")  # the list blurred: headings still read
        await pilot.pause()
        assert not faint_words([list(items.render_line(0))]), theme


async def test_the_filter_line_is_one_row_at_80x24() -> None:
    """The filter is compact, as the export dialog's inputs are: the rows go to the list."""
    host = Host(LibraryScreen([kept()]))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = host.screen
        assert screen.query_one("#library-filter").outer_size.height == 1
        items = screen.query_one(OptionList)
        await pilot.press("slash", *"AI")
        await pilot.pause()
        assert screen.query_one("#library-filter").outer_size.height == 1  # focused too
        assert items.size.height >= 24 - 2 - 3 - 1 - 1  # screen - margins, border, bar, filter
