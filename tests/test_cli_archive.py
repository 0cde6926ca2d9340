"""`zhoubao parse`, `list`, `--version` and `--help`, as scripts use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from expected import load_expected

from tui.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "layouts" / "bad"


def test_parse_json_has_the_expected_shape_plus_ids_and_warnings(
    sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(sample_dir / "393-2023-12-18.txt"), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    want = load_expected(393)
    for key in ("title", "publisher", "number", "date", "summary", "footer", "item_count"):
        assert got[key] == want[key]
    assert got["warnings"] == []
    for section, want_section in zip(got["sections"], want["sections"], strict=True):
        assert section["name"] == want_section["name"]
        for item, want_item in zip(section["items"], want_section["items"], strict=True):
            assert item["headline"] == want_item["headline"]
            assert item["id"].startswith("393-")


@pytest.mark.parametrize("name", ["random.bin", "empty.txt", "unrelated.txt"])
def test_parse_refuses_junk_with_one_line_and_exit_1(name: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", "parse", str(BAD / name)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 1
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1
    assert str(BAD / name) in out.stderr and "Traceback" not in out.stderr


def test_list_prints_issues_newest_first_and_skipped_files(
    tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = tmp_path / "archive"  # beside the data and cache folders, not around them
    tmp_path.mkdir()
    for path in sample_dir.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 4)
    assert main(["list", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["403", "2024-02-26", "22"]
    assert lines[1].split()[:3] == ["393", "2023-12-18", "31"]
    assert lines[2].startswith("跳过") and "junk.bin" in lines[2]
    assert main(["list", str(tmp_path), "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [i["number"] for i in listing["issues"]] == [403, 393]
    assert listing["skipped"][0]["file"].endswith("junk.bin")


def test_list_of_a_missing_folder_fails_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "/no/such/archive"]) == 1
    assert "没有这个存档：/no/such/archive" in capsys.readouterr().err


def test_version_and_help_on_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("zhoubao ")
    for command in ("parse", "list", "show", "search", "export", "bookmark", "library", "open"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert "用法：zhoubao " + command in capsys.readouterr().out
