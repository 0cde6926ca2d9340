"""Source text → a flat list of blocks (paragraphs, headings, bullets), whatever the layout.

Markdown goes through markdown-it-py (`tui.archive.markdown_blocks`); plain text from PDF
extractors is split into lines, and hard-wrapped text (pdftotext) is first reflowed into
paragraphs by `reflow`. Everything after this module sees the same shape, so every layout
gives the same structure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from tui.archive.furniture import PAGE_NUMBER, RULE
from tui.archive.marks import has_displaced_marks, restore_marks
from tui.archive.measure import is_hard_wrapped
from tui.archive.reflow import reflow_lines
from tui.archive.textutil import (
    join_fragments,
    prefers_spacing,
    without_spaces_by_punctuation,
)
from tui.archive.vocabulary import FOOTER_LINE, FOOTER_LINES_RUN_ON, FOOTER_RUN_ON


@dataclass(slots=True)
class Block:
    """One paragraph-like unit of the source."""

    text: str
    #: Markdown heading level (1–6); 0 for text that is not a heading.
    heading: int = 0
    #: Came from a list item ("- ◆…").
    bullet: bool = False
    #: Rebuilt from this many hard-wrapped lines (pdftotext); 0 when the source was not wrapped.
    lines: int = 0
    #: For rebuilt blocks, the first line's width as a share of the body measure.
    fill: float = 0.0
    #: The page it starts on (from 1), where the source has pages (PDF); else None.
    page: int | None = None


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]", re.M)
_LIST_MARKER = re.compile(r"^(?:[-*+•●·]\s+)")
#: Marks that open a 摘要 bullet (header.BULLET_MARKS): such a line starts a block.
_BULLET_MARKS = "◆◇•●■□▪▶►·"


def looks_like_markdown(text: str) -> bool:
    return len(list(islice(_MD_HEADING.finditer(text, 0, 20_000), 2))) == 2


def split_blocks(text: str) -> list[Block]:
    """The blocks of a decoded issue, in order."""
    if looks_like_markdown(text):
        # Imported here: it builds on this module's `Block`.
        from tui.archive.markdown_blocks import markdown_blocks

        blocks = markdown_blocks(text)
    else:
        blocks = text_blocks(text)
    blocks = _split_run_ons(_without_furniture(blocks))
    if _drop_join_spaces(blocks) or (blocks and blocks[0].lines):
        # Text a converter rebuilt from printed lines may keep a space where a Latin run
        # ended, before Chinese punctuation ("OpenAI ：").
        for block in blocks:
            block.text = without_spaces_by_punctuation(block.text)
    return blocks


_RUN_ON_BULLET = re.compile(r"\s+(?=[◆◇■□▪▶►])")


def _split_run_ons(blocks: list[Block]) -> list[Block]:
    """One block per 摘要 bullet, where a converter ran them into one line ("◆A ◆B ◆C"), and
    the footer apart from the last paragraph it was run into ("…主任。 编辑部：…"), one
    block per footer line."""
    footer_from = len(blocks) - 12  # the footer comes last
    if not any(
        block.text[:1] in _BULLET_MARKS and _RUN_ON_BULLET.search(block.text) for block in blocks
    ) and not any(_runs_on_into_footer(block.text) for block in blocks[footer_from:]):
        return blocks
    out: list[Block] = []
    for position, block in enumerate(blocks):
        if block.text[:1] in _BULLET_MARKS and _RUN_ON_BULLET.search(block.text):
            out.extend(
                Block(part, bullet=True, page=block.page)
                for part in _RUN_ON_BULLET.split(block.text)
                if part
            )
        elif position >= footer_from and _runs_on_into_footer(block.text):
            out.extend(
                Block(part, page=block.page)
                for part in FOOTER_LINES_RUN_ON.split(block.text)
                if part
            )
        else:
            out.append(block)
    return out


def _runs_on_into_footer(text: str) -> bool:
    # Two footer lines run into one hold two labels, each with its colon.
    return FOOTER_RUN_ON.search(text) is not None or (
        text.count("：") + text.count(":") > 1
        and FOOTER_LINE.match(text) is not None
        and FOOTER_LINES_RUN_ON.search(text) is not None
    )


#: Running heads are short: "行业动态周报 · 中国网络视听协会", "11/30/26, 10:21 PM 行业动态周报".
_FURNITURE = 60


def _without_furniture(blocks: list[Block]) -> list[Block]:
    """Without page numbers and running heads that a converter kept as paragraphs or
    headings (Markdown converters print them where the page broke, even inside a headline).

    A running head is a short line printed three times or more; where it carries a page
    number or a date ("1/5", "11/30/26", "第 2 页") its digits are set aside.
    """
    keys = [
        (
            block.text.translate(_DIGITS_AS_HASH)
            if "/" in block.text or "页" in block.text
            else block.text
        )
        if len(block.text) <= _FURNITURE and not block.bullet
        else ""
        for block in blocks
    ]
    counts = Counter(keys)
    if max(counts.values(), default=0) < 3 and not any(
        len(b.text) <= _PAGE_NUMBER_CHARS and PAGE_NUMBER.match(b.text) for b in blocks
    ):
        return blocks
    return [
        block
        for block, key in zip(blocks, keys, strict=True)
        if (not key or counts[key] < 3)
        and not (len(block.text) <= _PAGE_NUMBER_CHARS and PAGE_NUMBER.match(block.text))
    ]


_DIGITS_AS_HASH = str.maketrans(dict.fromkeys("0123456789", "#"))
#: "第 12 页 / 共 30 页" is the longest page number there is.
_PAGE_NUMBER_CHARS = 16


#: A space between two Chinese characters or marks: never set in body text, but some
#: converters (pymupdf4llm) join a paragraph's lines with one ("要 把发展").
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’·"
_JOIN_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
#: Paragraphs this long (characters) have been wrapped at least once on any page.
_LONG = 60
_BULLET_LEAD = re.compile(r"^[◆◇•●■□▪▶►·]\s*")


def _drop_join_spaces(blocks: list[Block]) -> bool:
    """Remove the spaces a converter put at its line joins between Chinese characters; True
    where it did.

    Only where that is the document's habit — most long paragraphs have such a space. In a
    headline or a 摘要 bullet such a space may be the writer's ("推进会 推动"): it stays when
    the bullet and its headline (a heading or a paragraph), wrapped at different widths, both
    have it.
    """
    # The habit shows in the first long paragraphs; looking at a few keeps this cheap.
    long = list(
        islice((block for block in blocks if len(block.text) > _LONG and not block.heading), 12)
    )
    if not long or sum(1 for b in long if _JOIN_SPACE.search(b.text)) < len(long) * 0.5:
        return False
    titles = [b for b in blocks if (b.heading or b.bullet) and _JOIN_SPACE.search(b.text)]
    counts = Counter(_BULLET_LEAD.sub("", b.text) for b in titles)
    # A bullet's headline may be printed as a plain paragraph, not as a heading.
    bullets = {_BULLET_LEAD.sub("", b.text) for b in titles if b.bullet}
    counts.update(b.text for b in blocks if not (b.heading or b.bullet) and b.text in bullets)
    printed_twice = {text for text, count in counts.items() if count > 1}
    for block in blocks:
        if _BULLET_LEAD.sub("", block.text) in printed_twice:
            continue
        # Footer lines keep theirs where names are set apart with spaces ("余力 何紫薇"); a
        # footer line long enough to have wrapped ("发：…") lists no names.
        if len(block.text) >= (30 if FOOTER_LINE.match(block.text) else 20):
            block.text = _JOIN_SPACE.sub("", block.text)
    return True


def text_blocks(text: str) -> list[Block]:
    # str.strip() would also strip the form feeds that mark page breaks; keep them as lines.
    lines = [
        line if line == "\f" else line.strip() for line in text.replace("\f", "\n\f\n").split("\n")
    ]
    if is_hard_wrapped(lines):
        # Converters that print marks away from their places read printed pages: their text
        # is wrapped at the page's measure.
        if has_displaced_marks(text):
            lines = restore_marks(lines)
        return [
            Block(entry.text, lines=entry.lines, fill=entry.fill) for entry in reflow_lines(lines)
        ]
    # Paragraphs separated by blank lines may be wrapped inside (pandoc and html2text wrap a
    # web page at spaces): there, a line that follows a line goes on the same paragraph.
    filled = sum(1 for line in lines if line) or 1
    wrapped_paragraphs = sum(1 for line in lines if not line) >= filled * 0.3
    spaced: bool | None = None  # the document's spacing habit, looked up at the first join
    blocks: list[Block] = []
    follows = False
    for line in lines:
        if not line or line == "\f" or RULE.match(line):
            follows = False
            continue
        marker = _LIST_MARKER.match(line)
        if marker:
            blocks.append(Block(line[marker.end() :].strip(), bullet=True))
        elif (
            wrapped_paragraphs
            and follows
            and line[0] not in _BULLET_MARKS
            and not FOOTER_LINE.match(line)
        ):
            if spaced is None:
                spaced = prefers_spacing(text)
            blocks[-1].text = join_fragments(blocks[-1].text, line, spaced)
        else:
            blocks.append(Block(line))
        follows = True
    return blocks
