"""PDFs are read directly: every printed sample parses to the expected structure, with the
same ids as its text, and each item knows the page its headline is printed on."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdfium2
import pytest
from expected import differences, load_expected

from tui.archive import load_archive, parse_issue
from tui.archive.model import Issue, fold_for_id

PDFS = Path(__file__).resolve().parent / "fixtures" / "pdfs"
MANIFEST = json.loads((PDFS / "MANIFEST.json").read_text(encoding="utf-8"))
PRINTED = sorted(name for name, entry in MANIFEST.items() if entry["expected"])
SAMPLES = {393: "393-2023-12-18.txt", 403: "403-2024-02-26.md"}
#: A space a printer sets (or drops) beside Latin letters, digits or signs (the README of
#: ../shared/expected: such spaces may differ); a space between two Chinese characters may not.
_LATIN_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff，。、：“”《》]) (?=[!-~])|(?<=[!-~]) (?=[\u4e00-\u9fff])"
)


def _loose(text: str) -> str:
    return _LATIN_GAP.sub("", text)


def _loose_issue(issue: Issue) -> dict[str, object]:
    return {
        "summary": [_loose(b.text) for b in issue.summary],
        "sections": [(s.name, [_loose(i.headline) for i in s.items]) for s in issue.sections],
    }


def _number(name: str) -> int:
    return int(name.split(".")[0])


def test_every_printer_and_page_size_is_kept() -> None:
    printers = {name.split(".")[1].split("-")[0] for name in PRINTED}
    assert printers == {"lo", "chromium", "docx"}
    assert {_number(name) for name in PRINTED} == {393, 403}
    for name in PRINTED:  # small enough to keep in the repository
        assert (PDFS / name).stat().st_size < 300_000


@pytest.mark.parametrize("name", PRINTED)
def test_printed_sample_matches_expected(name: str) -> None:
    issue = parse_issue(PDFS / name)
    expected = load_expected(_number(name))
    want = {
        "summary": [_loose(b) for b in expected["summary"]],
        "sections": [
            (s["name"], [_loose(i["headline"]) for i in s["items"]]) for s in expected["sections"]
        ],
    }
    assert _loose_issue(issue) == want
    problems = differences(issue, expected)
    # Bodies, must_join, counts, the footer and the masthead exactly; headlines and the
    # summary modulo the spaces a printer sets beside Latin text (compared above).
    assert [p for p in problems if not p.startswith(("sections/", "summary"))] == []
    assert issue.warnings == ()


@pytest.mark.parametrize("name", PRINTED)
def test_ids_are_those_of_the_text(sample_dir: Path, name: str) -> None:
    number = _number(name)
    text = parse_issue(sample_dir / SAMPLES[number])
    printed = parse_issue(PDFS / name)
    assert [item.id for item in printed.items] == [item.id for item in text.items]
    assert [b.item_id for b in printed.summary] == [b.item_id for b in text.summary]
    assert all(item.page is None for item in text.items)


def _page_texts(path: Path) -> list[str]:
    """Each page's text as PDFium gives it, folded like ids (no spaces): the oracle for pages."""
    document = pypdfium2.PdfDocument(path)
    try:
        return [fold_for_id(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


@pytest.mark.parametrize("name", PRINTED)
def test_each_item_knows_the_page_its_headline_is_printed_on(name: str) -> None:
    issue = parse_issue(PDFS / name)
    pages = _page_texts(PDFS / name)
    assert len(pages) > 3
    seen = [item.page for item in issue.items]
    assert seen == sorted(seen)  # in reading order
    assert seen[0] == 1 and seen[-1] is not None and seen[-1] >= len(pages) - 1
    for item in issue.items:
        assert item.page is not None
        start = fold_for_id(item.headline)[:10]
        # The headline starts on its page (or wraps there from the foot of the page before).
        assert start in pages[item.page - 1] or start[:4] in pages[item.page - 1], item.headline


def test_running_heads_and_page_numbers_are_dropped() -> None:
    for name in PRINTED:
        issue = parse_issue(PDFS / name)
        text = "".join(p for item in issue.items for p in (item.headline, *item.paragraphs))
        assert "中国网络视听协会" not in text
        assert "file://" not in text and "行业动态周报" not in text
        assert not re.search(r"(?<![\d.])\d{1,2}/\d{1,2}(?![\d.])", text), name


def test_an_archive_of_pdfs_text_and_markdown(tmp_path: Path, sample_dir: Path) -> None:
    shutil.copy(PDFS / "393.lo-a4.pdf", tmp_path / "393.pdf")
    shutil.copy(sample_dir / SAMPLES[403], tmp_path / "403.md")
    # A PDF with a misleading name is still a PDF; a copy of an issue is kept with a warning.
    shutil.copy(PDFS / "403.chromium-a4.pdf", tmp_path / "notes.txt")
    archive = load_archive(tmp_path)
    assert [issue.number for issue in archive.issues] == [393, 403, 403]
    assert archive.skipped == ()
    pdf_issue = archive.issues[0]
    assert pdf_issue.source == tmp_path / "393.pdf"
    assert all(item.page for item in pdf_issue.items)
