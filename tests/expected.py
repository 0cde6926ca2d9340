"""Compare a parsed Issue with ../shared/expected/*.json the way its README says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tui.archive import Issue

EXPECTED_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "expected"
_SPACE = re.compile(r"\s+")


def load_expected(number: int) -> dict[str, Any]:
    bundled = Path(__file__).resolve().parent / "fixtures" / "expected" / f"issue-{number}.json"
    path = EXPECTED_DIR / f"issue-{number}.json"
    return json.loads((path if path.exists() else bundled).read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def differences(issue: Issue, expected: dict[str, Any]) -> list[str]:
    """Every way `issue` departs from `expected`; empty when it matches."""
    problems: list[str] = []
    for key in ("number", "title", "publisher"):
        if getattr(issue, key) != expected[key]:
            problems.append(f"{key}: {getattr(issue, key)!r} != {expected[key]!r}")
    date = issue.date.isoformat() if issue.date else None
    if date != expected["date"]:
        problems.append(f"date: {date!r} != {expected['date']!r}")
    summary = [bullet.text for bullet in issue.summary]
    if summary != expected["summary"]:
        problems.append(f"summary: {summary!r} != {expected['summary']!r}")
    if list(issue.footer) != expected["footer"]:
        problems.append(f"footer: {list(issue.footer)!r} != {expected['footer']!r}")
    got = [(s.name, [i.headline for i in s.items]) for s in issue.sections]
    want = [(s["name"], [i["headline"] for i in s["items"]]) for s in expected["sections"]]
    if got != want:
        problems.append(f"sections/headlines differ:\n  got  {got}\n  want {want}")
    else:
        problems.extend(body_differences(issue, expected))
    if issue.item_count != expected["item_count"]:
        problems.append(f"item_count: {issue.item_count} != {expected['item_count']}")
    paragraphs = [squash(p) for item in issue.items for p in item.paragraphs]
    for joined in expected["must_join"]:
        if not any(squash(joined) in p for p in paragraphs):
            problems.append(f"must_join not inside one paragraph: {joined!r}")
    return problems


def body_differences(issue: Issue, expected: dict[str, Any]) -> list[str]:
    """The items whose body differs, for an issue whose sections and items line up."""
    return [
        f"body of {item.headline!r} differs"
        for section, want_section in zip(issue.sections, expected["sections"], strict=True)
        for item, want_item in zip(section.items, want_section["items"], strict=True)
        if squash("".join(item.paragraphs)) != squash("".join(want_item["paragraphs"]))
    ]


#: A space a printer or converter sets (or drops) beside Latin letters, digits or signs: the
#: README of ../shared/expected lets these differ. A space between two Chinese characters may
#: not (it is restored from the 摘要 where a wrap lost it).
_LATIN_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff\u3400-\u4dbf，。、：“”《》（）]) (?=[!-~])"
    r"|(?<=[!-~]) (?=[\u4e00-\u9fff\u3400-\u4dbf])"
)


def without_latin_gaps(text: str) -> str:
    return _LATIN_GAP.sub("", text)


def loose_differences(issue: Issue, expected: dict[str, Any]) -> list[str]:
    """`differences`, but headlines and 摘要 bullets compared modulo the spaces beside Latin
    text (bodies are compared without any whitespace already)."""
    problems = [
        p for p in differences(issue, expected) if not p.startswith(("sections/", "summary"))
    ]
    summary = [without_latin_gaps(b.text) for b in issue.summary]
    if summary != [without_latin_gaps(b) for b in expected["summary"]]:
        problems.append(f"summary: {[b.text for b in issue.summary]!r}")
    got = [(s.name, [without_latin_gaps(i.headline) for i in s.items]) for s in issue.sections]
    want = [
        (s["name"], [without_latin_gaps(i["headline"]) for i in s["items"]])
        for s in expected["sections"]
    ]
    if got != want:
        problems.append(f"sections/headlines differ:\n  got  {got}\n  want {want}")
    elif not any(p.startswith("body of") for p in problems):
        # `differences` compares bodies only where the headlines match exactly.
        problems.extend(body_differences(issue, expected))
    return problems
