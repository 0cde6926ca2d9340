"""Every layout of both sample issues reads to exactly the expected structure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from expected import differences, load_expected

from tui.archive import parse_issue

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"
MANIFEST = json.loads((LAYOUTS / "MANIFEST.json").read_text(encoding="utf-8"))
GOOD = sorted(name for name, entry in MANIFEST.items() if entry.get("expected"))
SAMPLES = {"393-2023-12-18.txt": 393, "403-2024-02-26.md": 403}


def _number(name: str) -> int:
    return int(MANIFEST[name]["expected"].split("-")[1].split(".")[0])


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_matches_expected(sample_dir: Path, name: str) -> None:
    issue = parse_issue(sample_dir / name)
    assert differences(issue, load_expected(SAMPLES[name])) == []
    assert issue.warnings == ()


@pytest.mark.parametrize("name", GOOD)
def test_layout_matches_expected(name: str) -> None:
    issue = parse_issue(LAYOUTS / name)
    assert differences(issue, load_expected(_number(name))) == []


@pytest.mark.parametrize("name", GOOD)
def test_ids_do_not_depend_on_layout(sample_dir: Path, name: str) -> None:
    number = _number(name)
    original = next(f for f, n in SAMPLES.items() if n == number)
    want = [item.id for item in parse_issue(sample_dir / original).items]
    assert [item.id for item in parse_issue(LAYOUTS / name).items] == want


def test_item_counts(sample_dir: Path) -> None:
    counts = {n: parse_issue(sample_dir / f).item_count for f, n in SAMPLES.items()}
    assert counts == {393: 31, 403: 22}
