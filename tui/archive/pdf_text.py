"""A PDF's pages → its lines of text, each with where and how it is printed (pypdfium2).

A line is what PDFium's text page puts between two line breaks. For each we ask PDFium for
a handful of facts — its first character's origin, its last character's right edge, and the
size, font and weight of a character in its middle — instead of walking every character from
Python (a ctypes call costs ~0.5 µs; an issue page has ~1,500 characters but ~40 lines).
Everything about structure (headings, paragraphs, running heads) is decided in `pdf_blocks`.
"""

from __future__ import annotations

import ctypes
import re
import threading
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from tui.archive.decode import NotAWeekly
from tui.i18n import _

if TYPE_CHECKING:
    import pypdfium2

#: An issue of the weekly is 5–20 pages; a longer PDF is some other document, and reading
#: hundreds of pages would stall the archive's load (the PDF twin of the 4 MB text limit).
MAX_PDF_PAGES = 100
#: Printed issues are ~0.2–2 MB; a scan-heavy or image-heavy PDF can be larger.
MAX_PDF_BYTES = 64 * 1024 * 1024

PDF_MAGIC = b"%PDF-"
#: PDFium is not thread-safe: one document at a time in this process.
_PDFIUM = threading.Lock()
_LINE = re.compile(r"[^\r\n]+")
_SPACE = " \t\u3000\xa0"
#: Font descriptor flag: glyphs are painted bold even at small sizes.
_FORCE_BOLD = 1 << 18
_FILL_STROKE = 2  # FPDF_TEXTRENDERMODE_FILL_STROKE: how printers fake a bold weight
#: Lines whose order or spacing PDFium may have wrong: a space between two Chinese
#: characters, or beside a quotation mark (often set in a fallback font, in runs of its own).
_UNSURE = re.compile("[\u2e80-\uffff] [\u2e80-\uffff]|[“”‘’] | [“”‘’]")
#: Chinese punctuation carries its own space: no space is set beside it.
_CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』…—·")


class PdfLine(NamedTuple):
    """One printed line: its text, its page (from 1) and its geometry in points."""

    page: int
    text: str
    left: float
    right: float
    #: Distance of the baseline from the top of the page.
    baseline: float
    size: float
    #: Names of the fonts of a few of its Chinese characters, as the PDF gives them (subset
    #: prefix included; "" when unnamed): a heading set in the body size may differ only here.
    fonts: frozenset[str]
    bold: bool
    page_height: float


def is_pdf(data: bytes) -> bool:
    """PDF readers accept the header anywhere in the first kilobyte; so do we."""
    return PDF_MAGIC in data[:1024]


def read_pdf_lines(data: bytes) -> list[PdfLine]:
    """Every line of every page, in PDFium's order. Raises NotAWeekly with a one-line reason
    for a PDF that cannot be read: encrypted, damaged, too long, or a scan with no text."""
    if len(data) > MAX_PDF_BYTES:
        raise NotAWeekly(
            _("PDF 太大，不像一期周报（{size:.1f} MB）").format(size=len(data) / 1_048_576)
        )
    import pypdfium2

    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            raise NotAWeekly(_open_failure(error.err_code)) from None
        try:
            return _document_lines(document)
        finally:
            document.close()


def _open_failure(code: int | None) -> str:
    import pypdfium2.raw as pdfium_c

    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return _("PDF 已加密，需要密码才能打开")
    return _("PDF 文件已损坏或不完整，无法打开")


def _document_lines(document: pypdfium2.PdfDocument) -> list[PdfLine]:
    import pypdfium2

    count = len(document)
    if count > MAX_PDF_PAGES:
        raise NotAWeekly(
            _("PDF 有 {pages} 页，超过一期周报的上限（{limit} 页）").format(
                pages=count, limit=MAX_PDF_PAGES
            )
        )
    if count == 0:
        raise NotAWeekly(_("PDF 没有页面"))
    lines: list[PdfLine] = []
    unreadable = 0
    for index in range(count):
        try:
            page = document[index]
        except pypdfium2.PdfiumError:
            unreadable += 1
            continue
        try:
            lines.extend(_page_lines(page, index + 1))
        finally:
            page.close()
    if unreadable == count:
        raise NotAWeekly(_("PDF 文件已损坏或不完整，无法打开"))
    if not lines:
        raise NotAWeekly(_("扫描件，没有文字层（不做文字识别）"))
    return lines


def _page_text(textpage: object, count: int) -> str:
    import pypdfium2.raw as pdfium_c

    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(memoryview(buffer).cast("B")[: max(written - 1, 0) * 2]).decode(
        "utf-16-le", "replace"
    )
    if len(text) == count:
        return text
    # Characters outside the BMP, or text PDFium leaves out: index the characters one by one
    # so that text offsets stay character indexes.
    return "".join(
        chr(code) if 0 < (code := pdfium_c.FPDFText_GetUnicode(textpage, i)) < 0xD800 else "\ufffd"
        for i in range(count)
    )


def _middle_char(text: str, start: int, end: int) -> int:
    """A Chinese character near the middle of text[start:end] (its font is the line's body
    font; a Latin letter or a bullet mark may come from a fallback font), else the middle."""
    middle = (start + end) // 2
    for offset in range(min(8, end - start)):
        for index in (middle - offset, middle + offset):
            if start <= index < end and text[index] >= "\u2e80":
                return index
    return middle


def _by_position(textpage: object, text: str, start: int, end: int, size: float) -> str:
    """The line's characters in the order they are printed, left to right, with spaces where
    the printed gaps are.

    Content-stream order is not always reading order: a printer that sets quotation marks in
    a Western fallback font draws them in runs of their own (“系列” comes out as 系” 列), and
    PDFium puts spaces where those runs leave gaps. A space is kept where the gap is a real
    one (a fifth of an em or more), never beside Chinese punctuation, which carries its own.
    """
    import pypdfium2.raw as pdfium_c

    box = pdfium_c.FS_RECTF()
    placed: list[tuple[float, float, str]] = []
    for index in range(start, end):
        char = text[index]
        if char in _SPACE:
            continue
        # The loose box spans the glyph's advance, not its ink: gaps between boxes are the
        # spaces the printer set, whatever the shape of the glyphs ("1" is narrow ink).
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box):
            return ""
        placed.append((box.left, box.right, char))
    if not placed:
        return ""
    placed.sort(key=lambda entry: entry[0])
    out = [placed[0][2]]
    for (_left, prev_right, prev), (next_left, _right, char) in pairwise(placed):
        gap = next_left - prev_right
        if gap > size * 0.15 and prev not in _CJK_PUNCTUATION and char not in _CJK_PUNCTUATION:
            out.append(" ")
        out.append(char)
    return "".join(out)


def _page_lines(page: pypdfium2.PdfPage, number: int) -> list[PdfLine]:
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        text = _page_text(textpage, count)
        height = page.get_height()
        x, y = ctypes.c_double(), ctypes.c_double()
        left, right = ctypes.c_double(), ctypes.c_double()
        bottom, top = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        lines: list[PdfLine] = []
        for match in _LINE.finditer(text):
            start, end = match.span()
            while start < end and text[start] in _SPACE:
                start += 1
            while end > start and text[end - 1] in _SPACE:
                end -= 1
            if start == end:
                continue
            middle = _middle_char(text, start, end)
            pdfium_c.FPDFText_GetCharOrigin(textpage, start, x, y)
            pdfium_c.FPDFText_GetCharBox(textpage, end - 1, left, right, bottom, top)
            size = pdfium_c.FPDFText_GetFontSize(textpage, middle)
            fonts = []
            for sample in ((start + middle) // 2, (middle + end) // 2, middle):
                got = pdfium_c.FPDFText_GetFontInfo(textpage, sample, name, len(name), flags)
                fonts.append(name.value.decode("utf-8", "replace") if 0 < got <= len(name) else "")
            # The middle character (sampled last) says whether the line is set bold.
            weight = pdfium_c.FPDFText_GetFontWeight(textpage, middle)
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(
                pdfium_c.FPDFText_GetTextObject(textpage, middle)
            )
            bold = (
                weight >= 600
                or "bold" in fonts[-1].lower()
                or bool(flags.value & _FORCE_BOLD)
                or mode == _FILL_STROKE
            )
            line_text = text[start:end]
            if _UNSURE.search(line_text):
                line_text = _by_position(textpage, text, start, end, size) or line_text
            lines.append(
                PdfLine(
                    number,
                    line_text,
                    x.value,
                    max(right.value, x.value),
                    height - y.value,
                    size,
                    frozenset(fonts),
                    bold,
                    height,
                )
            )
        return lines
    finally:
        textpage.close()
