"""Every common converter's text of the printed samples reads to the same structure.

The files in fixtures/converters/ are what pdftotext (default, -layout, -raw), PyMuPDF,
pymupdf4llm, markitdown, pdfminer.six, pypdf, pdfplumber and pypdfium2 print for the PDFs in
fixtures/pdfs/, what html2text and pandoc make of the issue as a web page, and OpenCC's
Traditional-Chinese conversions — all made by fixtures/make_converters/make_converters.py,
none typed by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from expected import load_expected, loose_differences, squash

from tui.archive import Issue, parse_issue

CONVERTERS = Path(__file__).resolve().parent / "fixtures" / "converters"
MANIFEST = json.loads((CONVERTERS / "MANIFEST.json").read_text(encoding="utf-8"))
#: Known limits, each with its reason; strict: a case that starts to pass must leave the list.
#: All are prints from Word (pandoc → .docx → LibreOffice), which sets quotation marks, digits
#: and Latin words in a Western font, drawn in runs of their own; zhoubao's PDF reader reads
#: those PDFs exactly, and the other converters' text of them reads exactly too. (The prints
#: with a Song face and a Western serif, docx-serif, draw their marks in reading order:
#: every converter's text of them reads.)
_NO_GAPS = (
    "prints the Western-font runs (quotation marks; for pdfminer, markitdown and PyMuPDF also"
    " digits and Latin words: 2023 / 年 12 / 月 18 日) away from their places and leaves no gap"
    " where they were taken from: nothing in the text says where they go"
)
_PYPDF = (
    "drops the spaces between the footer's names (责编：余力何紫薇张轩豪若斯) and, in 403, the"
    " one in the headline 推进会 推动; and prints some lines' quotation marks at the line's"
    " start, where nothing says which of them moved (“中央网信办开展 清朗· ”整治)"
)
_AUTHORS_SPACE = (
    "two quoted phrases hold a space of the author's (“AI 赋能 产业焕新”, “视听京津冀 协同谱新篇”):"
    " the gap a displaced quotation mark left cannot be told from it"
)
KNOWN: dict[str, str] = {
    **{
        f"{name}.{converter}": _NO_GAPS
        for name in ("393.docx", "403.docx", "393.docx-headings")
        for converter in ("markitdown.md", "pdfminer.txt", "pymupdf.txt", "pymupdf4llm.md")
    },
    "393.docx-headings.pymupdf4llm.md": _NO_GAPS
    + "; and it prints a page's last lines, with the section name 内容, after the next page's",
    "393.docx.pypdf.txt": _PYPDF,
    "393.docx-headings.pypdf.txt": _PYPDF,
    "403.docx.pypdf.txt": _PYPDF,
    "403.docx.pdftotext-raw.txt": _AUTHORS_SPACE,
    "403.docx.pypdfium2.txt": _AUTHORS_SPACE
    + "; and the footer's space before 王小野, drawn out of order, comes out inside it (王 小野)",
}


def _expected(name: str) -> dict[str, Any]:
    target = MANIFEST[name]["expected"]
    local = CONVERTERS / target
    if local.exists():  # a Traditional-Chinese conversion of the expected structure
        data: dict[str, Any] = json.loads(local.read_text(encoding="utf-8"))
        return data
    return load_expected(int(target.split("-")[1].split(".")[0]))


def _cases() -> list[object]:
    cases: list[object] = []
    for name in sorted(MANIFEST):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else []
        cases.append(pytest.param(name, marks=marks, id=name))
    return cases


def _close(got: str, want: str) -> bool:
    """The same text up to OpenCC's phrase choices where a line break split a phrase in the
    converted file but not in the converted expected structure (合作伙|伴 stays 伙; the
    unbroken 合作伙伴 becomes 合作夥伴)."""
    got, want = squash(got), squash(want)
    return len(got) == len(want) and sum(a != b for a, b in zip(got, want, strict=True)) <= 2


def traditional_differences(issue: Issue, expected: dict[str, Any]) -> list[str]:
    """For an OpenCC conversion: the masthead, footer and section names exactly; headlines and
    bullets up to phrase choices; bodies by length (s2twp rewrites phrases: 用户 → 使用者)."""
    problems = []
    for key in ("number", "title", "publisher"):
        if getattr(issue, key) != expected[key]:
            problems.append(f"{key}: {getattr(issue, key)!r}")
    if list(issue.footer) != expected["footer"]:
        problems.append(f"footer: {issue.footer!r}")
    summary = [b.text for b in issue.summary]
    if len(summary) != len(expected["summary"]) or not all(
        _close(a, b) for a, b in zip(summary, expected["summary"], strict=False)
    ):
        problems.append(f"summary: {summary!r}")
    got = [(s.name, [i.headline for i in s.items]) for s in issue.sections]
    want = [(s["name"], [i["headline"] for i in s["items"]]) for s in expected["sections"]]
    if [(n, len(h)) for n, h in got] != [(n, len(h)) for n, h in want] or not all(
        _close(a, b)
        for (_, ga), (_, wa) in zip(got, want, strict=True)
        for a, b in zip(ga, wa, strict=True)
    ):
        problems.append(f"sections/headlines:\n  got  {got}\n  want {want}")
    body = sum(len(squash("".join(i.paragraphs))) for i in issue.items)
    want_body = sum(
        len(squash("".join(i["paragraphs"]))) for s in expected["sections"] for i in s["items"]
    )
    if abs(body - want_body) > want_body * 0.02:
        problems.append(f"bodies: {body} characters, expected about {want_body}")
    return problems


@pytest.mark.parametrize("name", _cases())
def test_converter_output_reads_to_the_expected_structure(name: str) -> None:
    issue = parse_issue(CONVERTERS / name)
    expected = _expected(name)
    if (CONVERTERS / MANIFEST[name]["expected"]).exists():
        assert traditional_differences(issue, expected) == []
    else:
        assert loose_differences(issue, expected) == []


def test_every_converter_is_covered() -> None:
    converters = {name.split(".")[-2] for name in MANIFEST}
    assert {
        "pdftotext", "pdftotext-layout", "pdftotext-raw", "pymupdf", "pymupdf4llm",
        "markitdown", "pdfminer", "pypdf", "pdfplumber", "pypdfium2", "html2text",
        "html2text-nowrap", "pandoc-plain", "pandoc-plain-78", "pandoc-plain-nowrap",
        "s2t", "s2twp",
    } <= converters  # fmt: skip
