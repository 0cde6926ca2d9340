"""The Word export: its structure read back with python-docx (against a golden outline), the
Chinese fonts declared in its XML, and (slow) LibreOffice turning it into a PDF whose text
is the items'."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from library_samples import EXPORTED_AT, GONE, check_golden, sample_records

from tui.library import LibraryRecord, Snapshot
from tui.library.export import ExportFilter, render

INFO = ExportFilter().info(EXPORTED_AT)


def _docx(records: list[LibraryRecord]) -> bytes:
    return render("docx", records, INFO)


def outline(data: bytes) -> str:
    """One line per paragraph: its style and its text, as python-docx reads them back."""
    document = docx.Document(io.BytesIO(data))
    lines = [f"{p.style.name if p.style else '?'}: {p.text}" for p in document.paragraphs]
    return "\n".join(lines) + "\n"


def _part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def _style(styles_xml: str, style_id: str) -> str:
    match = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles_xml, re.S)
    assert match, style_id
    return match.group(0)


def test_docx_outline_matches_golden_file(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    check_golden(outline(_docx(records)).encode(), "samples.docx.txt")


def test_docx_reads_back_as_a_report(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    document = docx.Document(io.BytesIO(_docx(records)))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "行业动态周报摘编")
    assert paragraphs[1] == ("Subtitle", f"共 {len(records)} 条 · 已收藏的条目 · 导出于 2024-03-01")
    headings = {level: [t for s, t in paragraphs if s == f"Heading {level}"] for level in (1, 2, 3)}
    assert headings[1] == ["第 393 期 · 2023-12-18", "第 403 期 · 2024-02-26"]
    # Sections keep the order they first appear in; an item kept from an older reading
    # (GONE, position 999) joins its section.
    assert sorted(headings[3]) == sorted(" ".join(r.snapshot.headline.split()) for r in records)
    after = {text: paragraphs[n + 1] for n, (style, text) in enumerate(paragraphs[:-1])
             if style == "Heading 3"}  # fmt: skip
    assert after[GONE.headline] == (
        "条目信息", "第 393 期 · 2023-12-18 · 要闻 · 第 7 页 · ID 393-0ff1ce · "
        "已不在存档中，内容取自资料库的快照",
    )  # fmt: skip
    boxed = [t for s, t in paragraphs if s == "标签与备注"]
    assert "备注：=SUM(A1:A2) 公式不生效" in boxed
    assert any(t.startswith("标签：#AI 技术") for t in boxed)
    assert document.core_properties.language == "zh-CN"
    assert document.core_properties.title == "行业动态周报摘编"


def test_docx_declares_chinese_fonts_in_its_styles() -> None:
    data = _docx([LibraryRecord(GONE, True, ("甲",), "注", False, False)])
    styles = _part(data, "word/styles.xml")
    # No theme font is left to override the East Asian fonts named.
    assert "eastAsiaTheme" not in styles
    for style_id in ("Normal", "ItemMeta", "ItemNote"):
        fonts = re.findall(r"<w:rFonts [^>]*/>", _style(styles, style_id))
        assert all('w:eastAsia="宋体"' in f for f in fonts)
    assert 'w:eastAsia="宋体"' in _style(styles, "Normal")
    for style_id in ("Title", "Subtitle", "Heading1", "Heading2", "Heading3"):
        assert 'w:eastAsia="黑体"' in _style(styles, style_id)
    defaults = re.search(r"<w:docDefaults>.*</w:docDefaults>", styles, re.S)
    assert defaults and 'w:eastAsia="宋体"' in defaults.group(0)
    assert 'w:eastAsia="zh-CN"' in defaults.group(0)
    note = _style(styles, "ItemNote")
    assert '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>' in note
    fonts = _part(data, "word/fontTable.xml")
    assert re.search(
        r'<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/>', fonts
    )
    assert re.search(r'<w:font w:name="黑体"><w:altName w:val="SimHei"/>', fonts)


def test_docx_is_reproducible() -> None:
    records = [LibraryRecord(GONE, True, (), "", False, False)]
    assert _docx(records) == _docx(records)


def test_docx_of_nothing_is_a_title_page() -> None:
    assert outline(_docx([])).splitlines()[:2] == [
        "Title: 行业动态周报摘编", "Subtitle: 共 0 条 · 已收藏的条目 · 导出于 2024-03-01"
    ]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.lists(st.text(max_size=10), max_size=3))
def test_any_text_makes_a_word_file(headline: str, body: str, tags: list[str]) -> None:
    snap = Snapshot("1-abcdef", 1, date(2024, 1, 1), "要闻", headline, (body,), 0)
    record = LibraryRecord(snap, True, tuple(tags), body, False, True)
    document = docx.Document(io.BytesIO(_docx([record])))
    texts = [p.text for p in document.paragraphs]
    assert not any(c < " " and c not in "\t\n" for text in texts for c in text)
    assert len(texts) >= 6


def _pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext"):
        run = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
        return run.stdout.decode()
    pdfium = pytest.importorskip("pypdfium2", reason="pdftotext or pypdfium2 reads the PDF")
    document = pdfium.PdfDocument(pdf)
    return "".join(page.get_textpage().get_text_range() for page in document)


@pytest.mark.slow
def test_libreoffice_opens_the_docx_and_prints_its_text(sample_dir: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    records = ExportFilter().select(sample_records(sample_dir))
    source = tmp_path / "报告.docx"
    source.write_bytes(_docx(records))
    # A profile of its own: the test never touches (or waits on) the user's LibreOffice.
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=240, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    text = "".join(_pdf_text(tmp_path / "报告.pdf").split())
    assert "行业动态周报摘编" in text
    for record in records:
        assert "".join(record.snapshot.headline.split()) in text
    assert "=SUM(A1:A2)公式不生效" in text
