"""Layouts we have not been given, made from the fixtures: the parser must not depend on
the details of the samples (blank lines, heading levels, form feeds, running heads)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from expected import differences, load_expected

from tui.archive import parse_bytes, parse_text

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"
SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


def _pages(text: str) -> list[str]:
    return text.split("\f")


def running_header(text: str, number: int) -> str:
    pages = _pages(text)
    return "\f".join(
        (f"行业动态周报 第 {number} 期\n" if i else "") + p for i, p in enumerate(pages)
    )


def running_footer(text: str, number: int) -> str:
    pages = _pages(text)
    last = len(pages) - 1
    return "\f".join(
        p + ("\n中国网络视听协会 内部资料\n" if i < last else "") for i, p in enumerate(pages)
    )


def no_form_feeds(text: str, number: int) -> str:
    return text.replace("\f", "\n")


def no_blank_lines(text: str, number: int) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip())


def bold_paragraph_headlines(text: str, number: int) -> str:
    return re.sub(r"^###\s+(?:\*\*)?(.+?)(?:\*\*)?$", r"**\1**", text, flags=re.M)


def bare_bullets(text: str, number: int) -> str:
    return re.sub(r"^- ◆", "◆", text, flags=re.M)


PDFTOTEXT = ["393.pdftotext.txt", "403.pdftotext-narrow.txt", "403.pdftotext-layout.txt"]
CASES: list[tuple[str, Callable[[str, int], str]]] = [
    *((name, running_header) for name in PDFTOTEXT),
    *((name, running_footer) for name in PDFTOTEXT),
    *((name, no_form_feeds) for name in PDFTOTEXT),
    ("../../../sample_data/393-2023-12-18.txt", no_blank_lines),
    ("403.txt", no_blank_lines),
    ("../../../sample_data/403-2024-02-26.md", bold_paragraph_headlines),
    ("393.md", bold_paragraph_headlines),
    ("../../../sample_data/393-2023-12-18.txt", bare_bullets),
]


@pytest.mark.parametrize(("name", "change"), CASES, ids=[f"{n}-{c.__name__}" for n, c in CASES])
def test_variant_reads_like_the_original(name: str, change: Callable[[str, int], str]) -> None:
    number = 393 if "393" in name else 403
    text = (LAYOUTS / name).resolve().read_text(encoding="utf-8")
    assert differences(parse_text(change(text, number)), load_expected(number)) == []


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_old_mac_and_windows_line_ends(line_end: str) -> None:
    text = (SAMPLES / "403-2024-02-26.md").read_text(encoding="utf-8")
    data = ("\ufeff" + text.replace("\n", line_end)).encode("utf-8")
    assert differences(parse_bytes(data), load_expected(403)) == []


AUTOSPACE = LAYOUTS / "autospace"
_AUTOSPACE_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[\u4e00-\u9fff])"
)


def _without_autospace(text: str) -> str:
    return _AUTOSPACE_GAP.sub("", text)


@pytest.mark.parametrize("path", sorted(AUTOSPACE.glob("*.txt")), ids=lambda p: p.name)
def test_samples_printed_with_default_autospace(path: Path) -> None:
    number = int(path.name[:3])
    issue = parse_text(path.read_text(encoding="utf-8"))
    expected = load_expected(number)
    got = [(s.name, [_without_autospace(i.headline) for i in s.items]) for s in issue.sections]
    want = [
        (s["name"], [_without_autospace(i["headline"]) for i in s["items"]])
        for s in expected["sections"]
    ]
    assert got == want
    # Bodies, must_join, counts and the footer exactly; headlines and summary modulo autospace.
    problems = differences(issue, expected)
    assert [p for p in problems if not p.startswith(("sections/", "summary"))] == []
    assert [_without_autospace(b.text) for b in issue.summary] == [
        _without_autospace(b) for b in expected["summary"]
    ]
    assert list(issue.footer) == expected["footer"]
