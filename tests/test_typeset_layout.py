"""An item laid out for the reader and for `zhoubao show`: roles, meta line, the CLI."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui import paths
from tui.archive import Item, load_archive
from tui.cli.main import main
from tui.typeset import (
    layout_item,
    layout_item_lines,
    meta_line,
    wrap_headline,
    wrap_meta,
    wrap_paragraph,
)

WIDTHS = [20, 33, 40, 57, 80, 100]


def _item(**changes: object) -> Item:
    fields: dict[str, object] = {
        "id": "393-abcdef",
        "headline": "腾讯：发布 2023 年度报告",
        "paragraphs": ("12月14日，腾讯发布报告。", "报告显示，OpenAI CEO 表示 GPT-4 增长 28.86%。"),
        "section": "行业",
        "number": 393,
        "date": date(2023, 12, 18),
    }
    fields.update(changes)
    return Item(**fields)  # type: ignore[arg-type]


def test_item_is_headline_meta_blank_then_paragraphs() -> None:
    item = _item()
    assert [(line.role, line.text) for line in layout_item_lines(item, 80)] == [
        ("headline", "腾讯：发布 2023 年度报告"),
        ("meta", "行业动态周报 第 393 期 · 2023-12-18 · 行业 · 腾讯"),
        ("blank", ""),
        ("body", "12月14日，腾讯发布报告。"),
        ("blank", ""),
        ("body", "报告显示，OpenAI CEO 表示 GPT-4 增长 28.86%。"),
    ]
    assert layout_item(item, 80) == [line.text for line in layout_item_lines(item, 80)]


def test_meta_line_without_entity_or_date() -> None:
    item = _item(headline="上海发布网络直播营销合规指引：全文", date=None)
    assert item.entity is None
    assert meta_line(item) == "行业动态周报 第 393 期 · 日期不详 · 行业"


def test_meta_line_breaks_between_fields() -> None:
    fields = ["行业动态周报 第 393 期", "2023-12-18", "行业", "芒果 TV"]
    assert wrap_meta(fields, 40) == ["行业动态周报 第 393 期 · 2023-12-18 ·", "行业 · 芒果 TV"]
    assert wrap_meta(fields, 20) == ["行业动态周报 第 393", "期 · 2023-12-18 ·", "行业 · 芒果 TV"]
    # The source is not left alone under "· 要闻 ·" when "要闻" can keep it company.
    long_source = ["行业动态周报 第 393 期", "2023-12-18", "要闻", "中央经济工作会议"]
    assert wrap_meta(long_source, 52) == [
        "行业动态周报 第 393 期 · 2023-12-18 ·",
        "要闻 · 中央经济工作会议",
    ]
    for width in range(10, 60):
        lines = wrap_meta(fields, width)
        assert all(cell_len(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == "·".join(fields).replace(" ", "")
        if width >= cell_len("行业动态周报 第 393 期 ·"):  # no field is broken inside
            assert " ".join(lines) == " · ".join(fields)


def test_markup_and_controls_in_item_text_are_shown_as_text() -> None:
    item = _item(paragraphs=("[bold red]x[/] [@click=app.quit]退出[/] \x1b[2J",))
    assert layout_item(item, 80)[-1] == "[bold red]x[/] [@click=app.quit]退出[/] ␛[2J"


def test_blank_paragraphs_leave_no_extra_blank_lines() -> None:
    lines = layout_item(_item(paragraphs=("", "第一段。", "  ", "第二段。")), 40)
    assert lines[-4:] == ["", "第一段。", "", "第二段。"]
    assert [line.role for line in layout_item_lines(_item(paragraphs=()), 80)] == [
        "headline",
        "meta",
    ]


@pytest.fixture(scope="module")
def sample_items() -> list[Item]:
    items = [place.item for place in load_archive(paths.sample_archive()).places.values()]
    assert len(items) > 50
    return items


@pytest.mark.parametrize("width", WIDTHS)
def test_every_sample_item_lays_out_as_its_parts(sample_items: list[Item], width: int) -> None:
    for item in sample_items:
        lines = layout_item_lines(item, width)
        assert all(cell_len(line.text) <= width for line in lines)
        roles = [role for role, _ in itertools.groupby(line.role for line in lines)]
        assert roles[:2] == ["headline", "meta"]
        assert roles[2:] == ["blank", "body"] * len([p for p in item.paragraphs if p.strip()])
        headline = [line.text for line in lines if line.role == "headline"]
        assert headline == wrap_headline(item.headline, width)
        bodies = [
            [line.text for line in group]
            for role, group in itertools.groupby(lines, key=lambda line: line.role)
            if role == "body"
        ]
        assert bodies == [wrap_paragraph(p, width) for p in item.paragraphs if p.strip()]


@pytest.mark.parametrize("width", [20, 40, 57, 80])
def test_show_prints_every_sample_item_as_laid_out(
    sample_items: list[Item], width: int, capsys: pytest.CaptureFixture[str]
) -> None:
    for item in sample_items:
        assert main(["show", item.id, "--width", str(width)]) == 0
        out = capsys.readouterr().out
        assert out == "".join(line + "\n" for line in layout_item(item, width))


def test_show_reads_the_archive_given(
    sample_items: list[Item], capsys: pytest.CaptureFixture[str]
) -> None:
    item = sample_items[0]
    assert main(["show", item.id, str(paths.sample_archive()), "--width", "30"]) == 0
    assert capsys.readouterr().out.splitlines() == layout_item(item, 30)


def test_show_default_width_is_the_terminal_capped(
    sample_items: list[Item], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    item = max(sample_items, key=lambda item: len(item.body))
    for columns, width in [("50", 50), ("300", 100), ("4", 10)]:
        monkeypatch.setenv("COLUMNS", columns)
        assert main(["show", item.id]) == 0
        assert capsys.readouterr().out.splitlines() == layout_item(item, width)


def test_show_unknown_item_or_bad_width(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sample = paths.sample_archive()
    assert main(["show", "999-000000"]) == 1
    assert capsys.readouterr() == ("", f"zhoubao: {sample} 里没有条目 999-000000\n")
    assert main(["show", "393-abcdef", "--width", "9"]) == 2
    assert capsys.readouterr().err == "zhoubao: --width 至少是 10，不能是 9\n"
    missing = tmp_path / "nowhere"
    assert main(["show", "393-abcdef", str(missing)]) == 1
    assert capsys.readouterr().err == f"zhoubao: 没有这个存档：{missing}\n"


def test_typeset_does_not_import_textual() -> None:
    code = "import sys, tui.typeset; sys.exit('textual' in sys.modules)"
    repo = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=repo, check=False).returncode == 0
