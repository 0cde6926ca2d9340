"""`zhoubao bookmark`, `zhoubao library` and `zhoubao export` on the sample archive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui import paths
from tui.archive import load_archive
from tui.cli.main import main

FIRST = "393-870a05"  # 中央经济工作会议：加快推动人工智能发展


@pytest.fixture
def first_id(sample_dir: Path) -> str:
    archive = load_archive(sample_dir)
    assert archive.item(FIRST) is not None
    return FIRST


def _library(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["library", "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_bookmark_with_tags_and_note_then_list(
    first_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    note = "多行\n**不是粗体** [red]x[/red]"
    assert main(["bookmark", first_id, "--tag", "AI", "--tag", "政策", "--note", note]) == 0
    assert (
        capsys.readouterr().out
        == f"已收藏  {first_id}  中央经济工作会议：加快推动人工智能发展  #AI #政策\n"
    )
    document = _library(capsys)
    assert document["count"] == 1
    [item] = document["items"]
    assert item == {
        "id": first_id, "headline": "中央经济工作会议：加快推动人工智能发展", "number": 393,
        "date": "2023-12-18", "section": "要闻", "source_title": "行业动态周报",
        "source_file": "393-2023-12-18.txt", "page": None, "position": 0,
        "tags": ["AI", "政策"], "note": note, "bookmarked": True, "read": False,
        "in_archive": True,
    }  # fmt: skip
    assert main(["library"]) == 0
    line = capsys.readouterr().out
    assert (
        line.startswith(f"{first_id}  B-N  第 393 期 · 2023-12-18 · 要闻  ")
        and "#AI  #政策" in line
    )


def test_bookmark_twice_is_the_same_as_once(
    first_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert main(["bookmark", first_id, "--tag", "AI"]) == 0
    [item] = _library(capsys)["items"]
    assert item["tags"] == ["AI"] and item["bookmarked"]


def test_remove_keeps_the_tags(first_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["bookmark", first_id, "--tag", "AI"])
    assert main(["bookmark", first_id, "--remove"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"已取消收藏  {first_id}")
    [item] = _library(capsys)["items"]
    assert not item["bookmarked"] and item["tags"] == ["AI"]


def test_unknown_id_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bookmark", "999-000000"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "没有条目 999-000000" in err


def test_missing_archive_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("bookmark", "library", "export"):
        args = [command, *(["393-870a05"] if command == "bookmark" else []), str(tmp_path / "x")]
        assert main(args) == 1
        assert "没有这个存档" in capsys.readouterr().err


def test_item_whose_file_is_gone_can_still_be_changed_and_exported(
    first_id: str, sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["bookmark", first_id, str(sample_dir)])
    only_403 = tmp_path / "archive"
    only_403.mkdir()
    (only_403 / "403.md").write_bytes((sample_dir / "403-2024-02-26.md").read_bytes())
    assert main(["bookmark", first_id, str(only_403), "--note", "文件没了"]) == 0
    [item] = _library(capsys)["items"]
    assert item["note"] == "文件没了"
    capsys.readouterr()
    assert main(["library", str(only_403)]) == 0
    assert "（不在存档中）" in capsys.readouterr().out
    assert main(["export", str(only_403), "--format", "json"]) == 0
    [exported] = json.loads(capsys.readouterr().out)["items"]
    assert exported["id"] == first_id and not exported["in_archive"]
    assert exported["paragraphs"]


def test_export_to_file_refuses_overwrite_without_force(
    first_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["bookmark", first_id])
    target = tmp_path / "out.csv"
    assert main(["export", "--format", "csv", "-o", str(target)]) == 0
    assert "已导出 1 条" in capsys.readouterr().err
    assert target.read_bytes().startswith("\ufeff条目 ID,".encode())
    target.write_text("mine")
    assert main(["export", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert target.read_text() == "mine"
    assert main(["export", "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith('---\ntitle: "行业动态周报摘编"\nexported_at: ')


def test_export_filters(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = list(load_archive(sample_dir).places)[:3]
    main(["bookmark", ids[0], "--tag", "甲"])
    main(["bookmark", ids[1], "--tag", "乙", "--remove"])
    main(["bookmark", ids[2]])
    capsys.readouterr()

    def exported(*flags: str) -> list[str]:
        assert main(["export", "--format", "json", *flags]) == 0
        return [item["id"] for item in json.loads(capsys.readouterr().out)["items"]]

    assert exported() == [ids[0], ids[2]]
    assert exported("--tag", "乙") == [ids[1]]
    assert exported("--all") == ids
    assert exported("--all", "--tag", "甲") == [ids[0]]


def test_read_only_library_refuses_writes_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocker / "data"))
    assert main(["bookmark", FIRST]) == 1
    err = capsys.readouterr().err
    assert "只读" in err and "Traceback" not in err
    assert main(["library"]) == 0
