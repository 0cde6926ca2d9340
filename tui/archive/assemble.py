"""Blocks → an Issue: header, 摘要, sections, items and footer.

The same rules serve every layout. Markdown headings are strong hints; plain lines are read
by what they look like (`tui.archive.block_shapes`): a headline is short, has no "。", and
does not open like a body paragraph ("近日，…"); a paragraph that stops without ending its
sentence was split by a page break and continues in the next block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tui.archive.block_shapes import (
    WRAPPED_HEADLINE_FILL,
    body_follows,
    continues_paragraph,
    headlines_set_larger,
    is_headline_like,
    is_section,
)
from tui.archive.blocks import Block
from tui.archive.header import BULLET_MARKS, read_header
from tui.archive.measure import FULL
from tui.archive.model import Issue, Item, Section, fold_for_id, make_item_id
from tui.archive.summary import link_bullets
from tui.archive.textutil import join_fragments, prefers_spacing
from tui.archive.vocabulary import (
    FOOTER_LINE,
    FOOTER_START,
    SECTION_NAMES,
    SUMMARY_HEADING,
    section_name,
)
from tui.i18n import _

#: The headline of a paragraph found without one: data, not UI text (it is in the item's id).
_UNTITLED = "（无标题）"


@dataclass
class _Draft:
    headline: str
    section: str
    paragraphs: list[str] = field(default_factory=list)
    page: int | None = None


class _Assembler:
    def __init__(self, blocks: list[Block], source: Path) -> None:
        self.blocks = blocks
        self.source = source
        self.warnings: list[str] = []
        self.bullets: list[str] = []
        self.drafts: list[_Draft] = []
        self.sections: list[str] = []
        self.footer: list[str] = []
        #: Fill of the current headline's last line, to tell whether it wrapped.
        self.wrapped_fill = 0.0
        #: Markdown heading level of the current headline (0 for plain text).
        self.heading_level = 0
        #: Where headlines are set in the body's size, a long one fills its line and reflow
        #: has already rejoined it (a block of several lines). Only where they are set larger
        #: does a wrapped headline come out as several short blocks for `_wraps_headline`.
        self.larger_headings = headlines_set_larger(blocks)
        #: The document's habit of spacing Chinese from Latin, to restore spaces lost in wraps.
        self.spaced = any(b.lines for b in blocks) and prefers_spacing(
            "\n".join(b.text for b in blocks)
        )

    # -- summary ----------------------------------------------------------------------
    def read_summary(self, index: int) -> int:
        blocks = self.blocks
        if index < len(blocks) and SUMMARY_HEADING.match(blocks[index].text):
            index += 1
        while index < len(blocks):
            text = blocks[index].text
            if not (blocks[index].bullet or text.startswith(tuple(BULLET_MARKS))):
                break
            bullet = text.lstrip(BULLET_MARKS + " ").strip()
            if bullet:
                self.bullets.append(bullet)
            index += 1
        return index

    # -- body ---------------------------------------------------------------------------
    def read_body(self, index: int) -> None:
        blocks = self.blocks
        bullet_keys = {fold_for_id(b) for b in self.bullets}
        section = ""
        last = "start"  # what the previous block was: start, section, headline, body
        while index < len(blocks):
            block = blocks[index]
            text = block.text
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if FOOTER_START.match(text) or (
                FOOTER_LINE.match(text) and all(FOOTER_LINE.match(b.text) for b in blocks[index:])
            ):
                self.read_footer(index)
                return
            draft = self.drafts[-1] if self.drafts else None
            if last == "body" and draft and continues_paragraph(draft.paragraphs[-1], block):
                draft.paragraphs[-1] = join_fragments(draft.paragraphs[-1], text)
            elif last == "headline" and draft and block.heading and self._wraps_headline(block):
                draft.headline = join_fragments(draft.headline, text, self.spaced)
            elif is_section(block, following, last):
                section = section_name(text)
                self.sections.append(section)
                last = "section"
            elif last == "headline" and draft and self._wraps_headline(block):
                # A long headline wrapped by pdftotext comes out as several short blocks.
                draft.headline = join_fragments(draft.headline, text, self.spaced)
                self.wrapped_fill = block.fill
            elif block.heading or (
                last != "headline"
                and is_headline_like(text)
                and (body_follows(following) or fold_for_id(text) in bullet_keys)
            ):
                self._start_item(text, section, block.fill if block.lines == 1 else 0.0, block.page)
                self.heading_level = block.heading
                last = "headline"
            else:
                if draft is None or last == "section":
                    self.warnings.append(
                        _("“{section}”里有一段没有标题").format(section=section)
                        if section
                        else _("正文里有一段没有标题")
                    )
                    self._start_item(_UNTITLED, section, page=block.page)
                self.drafts[-1].paragraphs.append(text)
                last = "body"
            index += 1
        self.warnings.append(_("没有刊尾（编辑部、责编等行）：文件可能不完整"))

    def _wraps_headline(self, block: Block) -> bool:
        """Is this block the next line of a wrapped headline (pdftotext only)?

        The headline's last line must have been nearly as long as a heading line can be, and
        this block must be one short line that could be part of a headline.
        """
        if block.heading:
            # A converter that makes each printed line of a heading a heading of its own
            # (pymupdf4llm): a long headline, then a short heading of the same level with
            # no body between them, is one headline.
            return (
                self.heading_level == block.heading
                and len(self.drafts[-1].headline) >= 20
                and len(block.text) <= 12
                and is_headline_like(block.text)
                and section_name(block.text) not in SECTION_NAMES
            )
        return (
            self.larger_headings
            and block.lines == 1
            and self.wrapped_fill >= WRAPPED_HEADLINE_FILL
            and block.fill < FULL
            and is_headline_like(block.text)
        )

    def _start_item(
        self, headline: str, section: str, fill: float = 0.0, page: int | None = None
    ) -> None:
        self.wrapped_fill = fill
        if not section and not self.sections:
            self.sections.append("")
        self.drafts.append(_Draft(headline, section, page=page))

    def read_footer(self, index: int) -> None:
        for block in self.blocks[index:]:
            text = block.text
            if label := FOOTER_LINE.match(text):
                # "编辑部： 中国…" (a converter's space after a bold label) → "编辑部：中国…"
                self.footer.append(label.group() + text[label.end() :].lstrip())
            elif not self.footer:
                self.footer.append(text)
            else:
                self.footer[-1] = join_fragments(self.footer[-1], text)

    # -- result -------------------------------------------------------------------------
    def _restore_wrap_spaces(self) -> None:
        """A headline and its 摘要 bullet wrap at different places, each losing the spaces at
        its own wraps; where they differ only in spaces, both get the version with more."""
        bullets = {fold_for_id(b): index for index, b in enumerate(self.bullets)}
        for draft in self.drafts:
            index = bullets.get(fold_for_id(draft.headline))
            if index is None:
                continue
            bullet = self.bullets[index]
            fuller = max(bullet, draft.headline, key=lambda text: text.count(" "))
            draft.headline = self.bullets[index] = fuller

    def issue(self, number: int, when: date | None, title: str, publisher: str) -> Issue:
        # Lines rejoined from a printed page (pdftotext, PDF) may have lost a space at a wrap.
        if self.spaced or any(block.page for block in self.blocks[:1]):
            self._restore_wrap_spaces()
        seen: dict[str, int] = {}
        by_section: dict[str, list[Item]] = {name: [] for name in self.sections}
        folded: dict[str, str] = {}
        for draft in self.drafts:
            key = fold_for_id(draft.headline)
            seen[key] = seen.get(key, 0) + 1
            salt = f"#{seen[key]}" if seen[key] > 1 else ""
            item = Item(
                id=make_item_id(number, draft.headline, salt, folded=key),
                headline=draft.headline,
                paragraphs=tuple(draft.paragraphs),
                section=draft.section,
                number=number,
                date=when,
                page=draft.page,
            )
            folded[item.id] = key
            by_section.setdefault(draft.section, []).append(item)
            if not draft.paragraphs:
                self.warnings.append(
                    _("「{headline}」下面没有正文").format(headline=draft.headline)
                )
        sections = tuple(Section(name, tuple(items)) for name, items in by_section.items())
        items = [item for section in sections for item in section.items]
        summary = link_bullets(self.bullets, items, [folded[item.id] for item in items])
        for bullet in summary:
            if bullet.item_id is None:
                self.warnings.append(
                    _("摘要里的「{bullet}」没有对应的条目").format(bullet=bullet.text)
                )
        if not items:
            self.warnings.append(_("没有找到条目"))
        return Issue(
            number=number,
            date=when,
            sections=sections,
            summary=summary,
            footer=tuple(self.footer),
            source=self.source,
            warnings=tuple(self.warnings),
            title=title,
            publisher=publisher,
        )


def assemble_issue(blocks: list[Block], source: Path) -> Issue:
    """Read the structure of one issue out of its blocks."""
    header = read_header(blocks, source)
    assembler = _Assembler(blocks, source)
    assembler.warnings.extend(header.warnings)
    index = assembler.read_summary(header.end)
    assembler.read_body(index)
    return assembler.issue(header.number, header.date, header.title, header.publisher)
