"""`zhoubao trend`: which argument is the archive, the counts in every form (the search's
own), errors, and the chart image written and read back (PNG: size, pixels, the font in
its metadata; SVG: text as outlines), or a clear message when no Chinese font is there."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from trends_archive import build_holey_archive

from tui.cli.commands.trend_cmd import split_arguments
from tui.cli.main import main
from tui.search import SearchEngine
from tui.trends import fonts

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_data"


@pytest.fixture(scope="module")
def holey_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_holey_archive(tmp_path_factory.mktemp("holey"))


def words(*argv: str, archive: str | None = None) -> tuple[list[str], str | None]:
    return split_arguments(argparse.Namespace(words=list(argv), archive=archive))


def test_the_archive_is_an_option_or_a_last_existing_folder(tmp_path: Path) -> None:
    folder = str(tmp_path)
    assert words("短剧", "AI", folder) == (["短剧", "AI"], folder)
    assert words("短剧", "AI") == (["短剧", "AI"], None)
    assert words(folder) == ([folder], None), "a lone argument is a query"
    assert words("短剧", folder, archive="x") == (["短剧", folder], "x")
    assert words("短剧", str(tmp_path / "missing")) == (["短剧", str(tmp_path / "missing")], None)


def test_json_counts_are_the_search_counts(
    holey_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["trend", "短剧", "AI", str(holey_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    from tui.archive import load_archive

    engine = SearchEngine(load_archive(holey_dir))
    engine.prepare()
    assert [q["total"] for q in data["queries"]] == [
        len(engine.search("短剧")),
        len(engine.search("AI")),
    ]
    assert data["by"] == "month" and data["archive"] == str(holey_dir)
    totals = [sum(p["counts"][k] for p in data["periods"] if p["counts"]) for k in (0, 1)]
    assert totals == [q["total"] for q in data["queries"]]
    assert [p["period"] for p in data["periods"] if p["counts"] is None] == [
        "2016-04",
        "2016-05",
        "2016-06",
    ]


def test_csv_and_table(holey_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trend", "AI", "-a", str(holey_dir), "--by", "quarter", "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["期间", "开始", "结束", "期数", "AI"]
    assert [row[0] for row in rows[1:]] == ["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4", "2017-Q1"]
    assert rows[2][3] == "0" and rows[2][4] == "", "Q2 2016 has no issue: a gap"
    assert main(["trend", "AI", "-a", str(holey_dir), "--by", "issue"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["期间", "期数", "AI"]
    assert lines[14].split() == ["第", "14", "期", "0", "—"]
    assert lines[-1].split()[0] == "合计"


def test_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trend", "a", "b", "c", "d", str(SAMPLES)]) == 2
    assert "最多比较三个查询" in capsys.readouterr().err
    assert main(["trend", "no:abc", str(SAMPLES)]) == 2
    assert "no:abc" in capsys.readouterr().err


def test_png_is_written_in_a_chinese_font(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    font = fonts.find_chinese_font()
    if font is None:
        pytest.skip("no Chinese font on this machine (the message is tested below)")
    out = tmp_path / "趋势.png"
    assert (
        main(["trend", "短剧", "AI", "-a", str(SAMPLES), "--by", "issue", "--png", str(out)]) == 0
    )
    assert f"（字体：{font.name}）" in capsys.readouterr().err
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size == (1650, 750)
        assert image.text["Description"] == f"font: {font.name}"
        assert "短剧、AI" in image.text["Title"]
        colours = image.convert("RGB").getcolors(maxcolors=100_000)
    assert colours is not None and len(colours) > 50, "not a blank image"
    assert main(["trend", "短剧", "-a", str(SAMPLES), "--png", str(out)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["trend", "短剧", "-a", str(SAMPLES), "--png", str(out), "--force"]) == 0


def test_svg_text_is_outlines(tmp_path: Path) -> None:
    if fonts.find_chinese_font() is None:
        pytest.skip("no Chinese font on this machine")
    out = tmp_path / "trend.svg"
    assert main(["trend", "腾讯", "-a", str(SAMPLES), "--svg", str(out)]) == 0
    root = ET.parse(out).getroot()
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "path" in tags and "text" not in tags


def test_without_a_chinese_font_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(fonts, "find_chinese_font", lambda named=None: None)
    out = tmp_path / "trend.png"
    assert main(["trend", "短剧", "-a", str(SAMPLES), "--png", str(out)]) == 1
    message = capsys.readouterr().err
    assert "没有找到能显示中文的字体" in message and "fonts-noto-cjk" in message
    assert "--font" in message and not out.exists()


def test_a_named_file_that_is_no_font(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "font.ttf"
    fake.write_text("not a font", encoding="utf-8")
    out = tmp_path / "trend.png"
    assert main(["trend", "短剧", "-a", str(SAMPLES), "--png", str(out), "--font", str(fake)]) == 2
    assert "不是能显示中文的字体文件" in capsys.readouterr().err and not out.exists()


def test_matplotlib_is_imported_only_for_an_image() -> None:
    code = (
        "import sys; from tui.cli.main import main; "
        f"main(['trend', 'AI', '-a', {str(SAMPLES)!r}, '--json']); "
        "print('matplotlib' in sys.modules, file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stderr.strip().endswith("False")
