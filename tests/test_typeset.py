"""The Chinese line breaker: widths, 避头尾, filling, and text that comes back unchanged."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from expected import load_expected
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.sanitize import sanitize
from tui.typeset import cell_width, wrap_paragraph
from tui.typeset.cells import graphemes
from tui.typeset.kinsoku import CLOSING, NO_END, NO_START, OPENING, is_word_char

# The marks issue 3 names, which the classes must hold.
ISSUE_CLOSING = "，。、；：？！）》」』”’…%．，：；！？,.;:!?"
ISSUE_OPENING = "（《「『“‘"
# Characters that join into one unbreakable Latin word: "GPT-4", "28.86%".
_JOINERS = frozenset(".,:-_/'’+&@#%~·")


def _lead_cells(text: str) -> int:
    """Cells of the run `text` starts with that has no allowed break: "GPT-4" of "GPT-4 的",
    "“啊？”" of "“啊？”这", "举行。" of "举行。中"."""
    glyphs = graphemes(text)
    cells, previous, spaces = 0, "", 0
    for glyph, width in glyphs:
        if glyph == " ":
            spaces += width
            continue
        base = glyph[0]
        in_word = not spaces and all(
            is_word_char(char, 1) or char in _JOINERS for char in (previous, base)
        )
        bound = base in NO_START or previous in NO_END or (base == previous and base in "—…")
        if previous and not (in_word or bound):
            break
        cells += spaces + width
        previous, spaces = base, 0
    return cells


def assert_well_set(
    text: str, width: int, lines: list[str], *, kinsoku: bool = True, filled: bool = True
) -> None:
    """Every rule of issue 3 for `lines`, the wrap of `text` at `width` (`filled`: lines but
    the last fill the width, as a paragraph's do; a headline's break between phrases)."""
    source = sanitize(text, "flow")
    # Nothing is lost or reordered: the lines are the text, minus spaces at the breaks.
    position, dropped, starts = 0, [], []
    for line in lines:
        found = source.find(line, position)
        assert found >= 0 and source[position:found].strip(" ") == "", (line, source)
        dropped.append(found - position)
        starts.append(found)
        position = found + len(line)
    assert source[position:].strip(" ") == ""
    assert bool(lines) == bool(source.strip(" "))
    for line in lines:
        assert cell_len(line) <= width or len(graphemes(line)) == 1, (line, width)
        assert not any(unicodedata.category(char) == "Cc" for char in line)
        assert line[0] != " " or cell_len(line[:2]) == 1, repr(line)  # a space + mark
        assert not line.endswith(" "), repr(line)
    if kinsoku:
        # (A paragraph may itself start with a closing mark or end with an opening one.)
        for line in lines[1:]:
            assert line[0] not in NO_START, (line, lines)
        for line in lines[:-1]:
            assert line[-1] not in NO_END, (line, lines)
    # Each line but the last is full to within 2 cells — unless what follows could not fit:
    # a Latin word, a mark that pulled its neighbour down (and spaces dropped at the break);
    # the line before the last may give it characters, so that none is alone on it.
    for number, line in enumerate(lines[:-1] if filled else ()):
        gap = width - cell_len(line)
        widow_pull = cell_len(lines[-1]) if number == len(lines) - 2 else 0
        explained = (
            gap <= 2 + widow_pull
            or dropped[number + 1] + _lead_cells(source[starts[number + 1] :]) > gap - widow_pull
        )
        assert explained, (gap, line, lines)


def test_issue_marks_are_in_the_classes() -> None:
    assert set(ISSUE_CLOSING) <= CLOSING <= NO_START
    assert set(ISSUE_OPENING) <= OPENING <= NO_END


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # Spaces around numbers break like any space; the number stays whole.
        ("2023 年 12 月", 10, ["2023 年", "12 月"]),  # no character left alone
        ("2023 年 12 月", 8, ["2023 年", "12 月"]),
        ("OpenAI CEO 山姆·奥特曼", 12, ["OpenAI CEO", "山姆·奥特曼"]),
        # A closing mark never starts a line: the character before it comes down too.
        ("哔哩哔哩 2023 年度弹幕出炉：“啊？”", 20, ["哔哩哔哩 2023 年度弹", "幕出炉：“啊？”"]),
        ("哔哩哔哩 2023 年度弹幕出炉：“啊？”", 28, ["哔哩哔哩 2023 年度弹幕出炉：", "“啊？”"]),
        ("一二三四五，六", 10, ["一二三四", "五，六"]),
        # An opening mark never ends a line: it goes down with what it opens.
        ("一二三四《五》", 10, ["一二三四", "《五》"]),
        # Words and numbers with inner marks are whole; a too-long word is broken hard.
        ("增长 28.86%，GPT-4 与 2024-2026", 12, ["增长", "28.86%，", "GPT-4 与", "2024-2026"]),
        ("abcdefghijklmnopqrstuvwxyz", 10, ["abcdefghij", "klmnopqrst", "uvwxyz"]),
        ("abcdefghij，", 10, ["abcdefghi", "j，"]),
        # The two halves of a dash or an ellipsis stay together.
        ("一二三四a——五", 10, ["一二三四a", "——五"]),
        ("一二三四a……", 10, ["一二三四", "a……"]),
        ("", 10, []),
        ("   ", 10, []),
    ],
)
def test_examples(text: str, width: int, expected: list[str]) -> None:
    lines = wrap_paragraph(text, width)
    assert lines == expected
    assert_well_set(text, width, lines)


def test_every_line_fills_the_width() -> None:
    text = "中央经济工作会议 12 月 11 日至 12 日在北京举行。" * 6
    lines = wrap_paragraph(text, 30)
    assert len(lines) > 5
    for line, following in itertools.pairwise(lines):
        # Full to within 2 cells, or 3 where "举" had to come down with "。".
        assert cell_len(line) >= (27 if following[1] in CLOSING else 28), (line, following)
    assert_well_set(text, 30, lines)


def test_controls_are_shown_never_sent() -> None:
    # An escape sequence in item text must not recolour the terminal: it is shown.
    assert wrap_paragraph("红\x1b[31m字\x07", 40) == ["红␛[31m字␇"]
    assert wrap_paragraph("a\tb\nc\r\nd", 40) == ["a b c  d"]
    assert sanitize("\x7f\x9b", "flow") == "\u2421\ufffd"
    assert cell_width("\x1b[0m中") == 6


def test_widths_agree_with_rich() -> None:
    for text in ["中文", "Ａ１", "e\u0301", "👍", "👨\u200d👩\u200d👧", "❤\ufe0f", "“啊”…"]:
        assert cell_width(text) == cell_len(text)
        assert sum(cells for _, cells in graphemes(text)) == cell_len(text)


_CJK = st.sampled_from("中国网络视听协会的发展短剧行业腾讯年月日　０ａ")
_LATIN_WORD = st.from_regex(r"[A-Za-z0-9]{1,12}([.\-/][A-Za-z0-9]{1,6})?", fullmatch=True)
_BASE = st.one_of(
    _CJK,
    _LATIN_WORD,
    _LATIN_WORD.map(lambda word: word + "\u0301"),
    st.sampled_from(["\x1b", "\x07", "#", "=", "👍", "❤\ufe0f"]),
)
_CLUSTER = st.tuples(
    st.sampled_from(["", *sorted(OPENING)]),
    _BASE,
    st.lists(st.sampled_from(sorted(CLOSING)), max_size=2).map("".join),
).map("".join)
# Text as it is written: no run of marks that may not be separated is wider than 10 cells.
WELL_FORMED = st.lists(
    st.tuples(_CLUSTER, st.sampled_from(["", "", "", " ", "  ", "\n", "\t"])).map("".join),
    max_size=60,
).map("".join)
WIDTHS = st.integers(min_value=10, max_value=120)


@given(text=WELL_FORMED, width=WIDTHS)
@settings(max_examples=300)
def test_well_formed_text_is_set_by_every_rule(text: str, width: int) -> None:
    assert_well_set(text, width, wrap_paragraph(text, width))


_ANY_CHAR = st.one_of(
    st.sampled_from(
        sorted(NO_START | NO_END) + list("中文字ab12 \t\n\x1b\x00\x7f\x85\x9b\u0301\u200d\ufe0f👍")
    ),
    st.characters(),
)


@given(text=st.text(_ANY_CHAR, max_size=300), width=WIDTHS)
@settings(max_examples=300)
def test_any_text_fits_and_comes_back(text: str, width: int) -> None:
    # Runs of marks wider than the line cannot keep 避头尾; everything else still holds.
    assert_well_set(text, width, wrap_paragraph(text, width), kinsoku=False)


def _sample_texts() -> list[str]:
    """Every headline, paragraph and summary bullet of the two sample issues."""
    texts: list[str] = []
    for number in (393, 403):
        issue = load_expected(number)
        texts.extend(issue["summary"])
        for section in issue["sections"]:
            for item in section["items"]:
                texts.append(item["headline"])
                texts.extend(item["paragraphs"])
    return texts


SAMPLE_TEXTS = _sample_texts()


@pytest.mark.parametrize("width", [20, 33, 40, 57, 80, 100])
def test_every_sample_paragraph_is_set_by_every_rule(width: int) -> None:
    assert len(SAMPLE_TEXTS) > 100
    for text in SAMPLE_TEXTS:
        assert_well_set(text, width, wrap_paragraph(text, width))


_PHRASE = st.tuples(
    st.sampled_from(["", "《", "“", "（"]),
    st.text(st.sampled_from("中文字词句段落"), min_size=1, max_size=12),
    st.sampled_from(["", "》", "”", "）"]),
    st.sampled_from(["", "，", "。", "、", "；", "：", "？！", "……"]),
).map("".join)
_CHINESE_PROSE = st.lists(_PHRASE, max_size=30).map("".join)


@given(text=_CHINESE_PROSE, width=st.integers(min_value=30, max_value=120))
@settings(max_examples=300)
def test_no_chinese_character_is_left_alone_on_the_last_line(text: str, width: int) -> None:
    """A 孤字 — one character (and its closing marks) alone on a paragraph's last line — is
    what Chinese typesetting never leaves: the line above gives it a character or two.
    (In a narrow column the line above may be left shorter than the last line, a worse
    rag than the widow: then the widow stays.)"""
    lines = wrap_paragraph(text, width)
    assert_well_set(text, width, lines)
    if len(lines) >= 2:
        alone = lines[-1].rstrip("".join(NO_START))
        assert len(alone) != 1 or alone in NO_END, lines
