"""The Word (.docx) export, for reports handed in from Chinese offices (Word and WPS).

A title and a line saying what was exported, then a heading per issue and per section, each
item's headline as a heading, its meta line, its tags and note set apart in a shaded box,
and its body. Chinese fonts are declared where Word and WPS look for them: the East Asian
font of every style (`w:rFonts/@w:eastAsia`: 宋体 for text, 黑体 for headings; python-docx's
`font.name` sets only the Latin ones), with the theme's East Asian fonts removed (they would
win), Chinese as the East Asian language, and both fonts in the font table with their
English names (SimSun, SimHei) so that either spelling finds them.

XML cannot hold most control characters; they are written as their pictures (ESC → ␛).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.styles.styles import Styles
from docx.text.paragraph import Paragraph
from lxml import etree

from tui.i18n import _
from tui.library.export_info import ExportInfo, document_title, issue_heading, summary_line
from tui.library.grouping import by_issue_and_section
from tui.library.records import LibraryRecord

#: (East Asian font, its English name, Latin font) for body text and for headings.
BODY_FONTS = ("宋体", "SimSun", "Times New Roman")
HEADING_FONTS = ("黑体", "SimHei", "Arial")
#: Style ids of the two styles this export adds (their names follow the UI language).
META_STYLE = "ItemMeta"
NOTE_STYLE = "ItemNote"

#: Heading styles (python-docx names) of the title, issues, sections and headlines.
HEADING_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3")
# Characters XML 1.0 cannot carry: C0 controls but tab and line breaks, lone surrogates, and
# two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# 五号 (10.5 pt) text, indented by two characters, as Chinese documents are.
_BODY_SIZE = Pt(10.5)
_HEADING_SIZES = {"Title": 22, "Subtitle": 12, "Heading 1": 16, "Heading 2": 14, "Heading 3": 12}


def _text(text: str) -> str:
    """The text as XML can hold it: a control character as its picture (ESC → ␛), anything
    else XML cannot carry as U+FFFD. Everything else is kept as stored."""
    return _NOT_XML.sub(
        lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", text
    )


def render_docx(records: Sequence[LibraryRecord], info: ExportInfo) -> bytes:
    """The export as the bytes of a .docx file."""
    document = Document()
    _set_up_styles(document)
    title = document_title(records)
    properties = document.core_properties
    properties.title = title
    properties.language = "zh-CN"
    properties.author = properties.last_modified_by = "zhoubao"
    properties.comments = info.filter_label
    made = _when(info.exported_at)
    if made is not None:
        properties.created = properties.modified = made
    _add(document, title, "Title")
    _add(document, summary_line(records, info), "Subtitle")
    for issue, sections in by_issue_and_section(records):
        _add(document, issue_heading(issue.number, issue.date_label), "Heading1")
        for section, in_section in sections:
            _add(document, section, "Heading2")
            for record in in_section:
                _add_item(document, record)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_font_table(buffer.getvalue(), made)


def _add(document: WordDocument, text: str, style_id: str | None = None) -> Paragraph:
    """A paragraph of `text` in the style with this id.

    The style is set by id on the paragraph's XML: python-docx's `style=` looks the style up
    among the template's 160 by scanning them for the default one, each time (1,000 items
    took 2 s that way).
    """
    paragraph = document.add_paragraph(_text(text))
    if style_id is not None:
        paragraph.paragraph_format.element.style = style_id
    return paragraph


def _add_item(document: WordDocument, record: LibraryRecord) -> None:
    snap = record.snapshot
    _add(document, " ".join(snap.headline.split()), "Heading3")
    line = _("{meta} · ID {id}").format(meta=snap.meta_line, id=snap.id)
    if not record.in_archive:
        line += _(" · 已不在存档中，内容取自资料库的快照")
    _add(document, line, META_STYLE)
    if record.tags:
        _add(document, _("标签：") + " ".join(f"#{tag}" for tag in record.tags), NOTE_STYLE)
    if record.note:
        box = _add(document, "", NOTE_STYLE)
        box.add_run(_("备注：")).bold = True
        box.add_run(_text(record.note.strip("\n")))
    for paragraph in snap.paragraphs:
        _add(document, paragraph)


def _when(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp)
    except ValueError:
        return None


# Styles.


def _name_fonts(rfonts: etree._Element, fonts: tuple[str, str, str]) -> None:
    """Explicit East Asian and Latin fonts on an `rFonts`, and no theme fonts: a theme font
    would take precedence over the font named."""
    east_asian, _english, latin = fonts
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    for attribute, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian)):
        rfonts.set(qn(attribute), name)
    rfonts.set(qn("w:cs"), latin)


def _set_fonts(element: etree._Element, fonts: tuple[str, str, str]) -> None:
    """Give a style (or the document defaults) these fonts."""
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    _name_fonts(rfonts, fonts)


def _set_up_styles(document: WordDocument) -> None:
    """Fonts, sizes and colours of the template's styles, and the two styles added for the
    meta line and for the tags and note."""
    styles = document.styles
    root = styles.element
    defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _set_fonts(defaults, BODY_FONTS)
    lang = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    # Every style that names a theme font (headings, quotes, table styles, their linked
    # character styles) names the heading or body fonts instead.
    for rfonts in root.iter(qn("w:rFonts")):
        major = rfonts.get(qn("w:eastAsiaTheme"), "").startswith("major")
        _name_fonts(rfonts, HEADING_FONTS if major else BODY_FONTS)
    normal = styles["Normal"]
    _set_fonts(normal.element, BODY_FONTS)
    normal.font.size = _BODY_SIZE
    normal.paragraph_format.first_line_indent = Pt(21)
    normal.paragraph_format.line_spacing = 1.25
    for name in HEADING_STYLES:
        style = styles[name]
        _set_fonts(style.element, HEADING_FONTS)
        style.font.size = Pt(_HEADING_SIZES[name])
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
        style.paragraph_format.first_line_indent = Pt(0)
    # The subtitle is numbered in the template (a list level); here it is plain text.
    numbering = styles["Subtitle"].element.find(qn("w:pPr"))
    if numbering is not None:
        for num in numbering.findall(qn("w:numPr")):
            numbering.remove(num)
    _add_style(styles, META_STYLE, _("条目信息"), size=9, color=RGBColor(0x59, 0x59, 0x59))
    note = _add_style(styles, NOTE_STYLE, _("标签与备注"), size=10.5)
    _shade(note, "F2F2F2")


def _add_style(
    styles: Styles, style_id: str, name: str, size: float, color: RGBColor | None = None
) -> ParagraphStyle:
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[no-untyped-call]
    assert isinstance(style, ParagraphStyle)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = styles["Normal"]
    style.font.size = Pt(size)
    if color is not None:
        style.font.color.rgb = color
    style.paragraph_format.first_line_indent = Pt(0)
    style.paragraph_format.space_after = Pt(4)
    return style


def _shade(style: ParagraphStyle, fill: str) -> None:
    """A grey box with a rule on the left: the tags and note stand apart from the body."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "6"), ("color", "A6A6A6")):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    # CT_PPr's children have a fixed order: pBdr and shd go before spacing and ind.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        anchor = ppr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(borders)
        anchor.addprevious(shading)
    else:
        ppr.append(borders)
        ppr.append(shading)


# The font table and the package.

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _font_entry(name: str, english: str, family: str) -> etree._Element:
    font = etree.Element(f"{{{_W}}}font", {f"{{{_W}}}name": name})
    for tag, value in (("altName", english), ("charset", "86"), ("family", family)):
        etree.SubElement(font, f"{{{_W}}}{tag}", {f"{{{_W}}}val": value})
    etree.SubElement(font, f"{{{_W}}}pitch", {f"{{{_W}}}val": "variable"})
    return font


def _with_font_table(package: bytes, made: datetime | None) -> bytes:
    """The package with 宋体 and 黑体 in word/fontTable.xml (charset 86 is GB2312), and every
    part dated `made` so that the same export gives the same bytes."""
    stamp = (made or datetime(2000, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "word/fontTable.xml":
                table = etree.fromstring(data)
                table.insert(0, _font_entry(HEADING_FONTS[0], HEADING_FONTS[1], "modern"))
                table.insert(0, _font_entry(BODY_FONTS[0], BODY_FONTS[1], "roman"))
                data = etree.tostring(table, xml_declaration=True, encoding="UTF-8")
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()
