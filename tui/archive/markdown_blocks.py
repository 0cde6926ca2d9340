"""Markdown (a converter's output) → blocks: headings, list items and paragraphs.

markdown-it-py parses only the rules a converted weekly uses; what a PDF printed from
Markdown brings back (a form feed before a heading, a "---" rule run into the next line)
is undone first. Editorial lines printed without blank lines between them stay blocks of
their own.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from tui.archive.blocks import Block
from tui.archive.textutil import join_fragments
from tui.archive.vocabulary import FOOTER_LINE

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Only the rules a converted weekly uses; tables, HTML and links would only misread text.
    # Inline parsing is left out of the main pass: most paragraphs are plain text, and
    # `_inline_text` parses the few with markup characters on their own.
    parser = MarkdownIt("zero").enable(["heading", "lheading", "hr", "list"])
    parser.core.ruler.disable(["inline", "text_join"])
    return parser


@cache
def _markdown_inline() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["emphasis", "escape", "backticks"])


#: What a printed "---" rule turns into in front of the next line ("--## 行业", "—报：").
_RULE_RESIDUE = re.compile(r"^(?:-{2,}|[—–]+)[ \t]*")
_RULE_BEFORE_HEADING = re.compile(r"^[ \t]*(?:-{2,}|[—–]+)[ \t]*(?=#{1,6}[ \t])", re.M)
_INLINE_MARKUP = re.compile(r"[*_`\\&<\[]")


def _inline_texts(token: Token) -> list[str]:
    raw = token.content
    if _INLINE_MARKUP.search(raw):
        parts: list[str] = []
        for inline in _markdown_inline().parseInline(raw):
            for child in inline.children or ():
                if child.type in ("text", "text_special", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
        raw = "".join(parts)
    # CommonMark's flanking rules do not let "**" close after CJK punctuation
    # ("**编辑部：**中国…"), so the parser leaves those delimiters as text: drop them.
    if "**" in raw:
        raw = raw.replace("**", "")
    if "\n" not in raw:
        return [raw.strip()] if raw.strip() else []
    # A hard-wrapped paragraph is one text, but editorial lines printed without blank lines
    # between them ("编辑部：…" / "责编：…") stay lines of their own.
    texts = [""]
    for line in raw.split("\n"):
        line = line.strip()
        residue = _RULE_RESIDUE.match(line)
        if residue and FOOTER_LINE.match(line[residue.end() :]):
            line = line[residue.end() :]
        if texts[-1] and FOOTER_LINE.match(line):
            texts.append(line)
        else:
            texts[-1] = join_fragments(texts[-1], line)
    return [text.strip() for text in texts if text.strip()]


def markdown_blocks(text: str) -> list[Block]:
    # Markdown printed to PDF and extracted again: a form feed may open a heading line, and
    # a "---" rule may come back as dashes in front of the next heading.
    text = _RULE_BEFORE_HEADING.sub("", text.replace("\f", "\n"))
    tokens = _markdown().parse(text)
    blocks: list[Block] = []
    heading = 0
    list_depth = 0
    ordinal = ""
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1])
        elif kind == "heading_close":
            heading = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open":
            # Keep the number of an ordered list item: it is part of the printed text.
            ordinal = f"{token.info}{token.markup} " if token.info else ""
        elif kind == "inline":
            for content in _inline_texts(token):
                blocks.append(Block(ordinal + content, heading=heading, bullet=list_depth > 0))
                ordinal = ""
            ordinal = ""
        elif kind in ("fence", "code_block", "html_block"):
            for line in token.content.splitlines():
                if line.strip():
                    blocks.append(Block(line.strip()))
    return blocks
