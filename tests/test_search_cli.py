"""`zhoubao search`: text and JSON output, and a bad query's exit code."""

from __future__ import annotations

import json

import pytest

from tui.cli.main import main


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "txsp", "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "txsp"
    top = data["hits"][0]
    assert top["headline"] == "优酷、腾讯视频：电视剧《画眉》开播"
    assert top["number"] == 393
    assert top["date"] == "2023-12-18"
    assert top["section"] == "内容"
    assert top["spans"] == [[3, 7]]
    assert set(top) == {"id", "number", "date", "section", "headline", "score", "spans"}
    assert len(data["hits"]) <= 3


def test_text_output_is_one_line_per_hit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "短剧", "--limit", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert all("第" in line and "期" in line and "短剧" in line for line in lines)
    assert lines[0].split()[0].count("-") == 1  # the item id comes first


@pytest.mark.parametrize("query", ["no:abc", "date:2024-13", "sec:体育", "is:bookmarkd"])
def test_bad_query_exits_2_with_one_line(query: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", query]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("zhoubao: ")


def test_library_filter_reads_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "is:bookmarked", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"] == []


def test_missing_archive(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    assert main(["search", "短剧", "/no/such/folder"]) == 1
    assert "no archive" in capsys.readouterr().err


def test_body_and_latin_words_without_candidate_indexes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["search", "曹淑敏", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [hit["headline"] for hit in hits] == ["国家广播电视总局召开地方局台网负责同志座谈会"]
    assert main(["search", "chatgpt", "--json"]) == 0
    headlines = [hit["headline"] for hit in json.loads(capsys.readouterr().out)["hits"]]
    assert "苹果内测类 ChatGPT 工具" in headlines
