"""`zhoubao search`: text and JSON output, and a bad query's exit code."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert top["tier"] == "pinyin"
    assert set(top) == {
        "id",
        "number",
        "date",
        "section",
        "headline",
        "page",
        "tier",
        "spans",
        "alias",
        "heard",
        "snippet",
    }
    assert len(data["hits"]) <= 3 and data["count"] >= len(data["hits"])


def test_text_output_is_one_line_per_hit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "短剧", "--limit", "4"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 4
    assert all("第" in line and "期" in line and "短剧" in line for line in lines)
    assert lines[0].split()[0].count("-") == 1  # the item id comes first
    assert "显示了前 4 条" in captured.err  # the count goes to stderr, the hits to stdout


def test_aliases_say_why_and_orders(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "广电"]) == 0
    assert (
        "国家广播电视总局与越南通信传媒部签署谅解备忘录  （别名：广播电视）"
        in capsys.readouterr().out
    )
    assert main(["search", "短剧", "--order", "oldest", "--json"]) == 0
    numbers = [hit["number"] for hit in json.loads(capsys.readouterr().out)["hits"]]
    assert numbers == sorted(numbers) and numbers[0] == 393


def test_save_keeps_the_query_for_the_reader(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.search.saved import SavedSearches

    assert main(["search", "--save", "短剧动态", "短剧 -抖音", "--limit", "1"]) == 0
    assert main(["search", "--save", "AI", "AI"]) == 0
    assert main(["search", "--save", "短剧动态", "短剧"]) == 0  # the same name: replaced
    saved = SavedSearches.load()
    assert [(s.name, s.query) for s in saved.searches] == [("短剧动态", "短剧"), ("AI", "AI")]
    assert main(["search", "--save", "  ", "AI"]) == 2
    assert main(["search", "--save", "x", "no:abc"]) == 2
    assert "名称不能为空" in capsys.readouterr().err


def test_the_cli_uses_the_caches_of_the_reader(tmp_path: Path) -> None:
    from tui import paths

    assert main(["search", "短剧"]) == 0
    assert list(paths.search_index_dir().glob("index-*.sqlite"))
    assert list(paths.parse_cache_dir().glob("archive-*"))


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
    assert "没有这个存档" in capsys.readouterr().err


def test_body_and_latin_words_without_candidate_indexes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["search", "曹淑敏", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [hit["headline"] for hit in hits] == ["国家广播电视总局召开地方局台网负责同志座谈会"]
    assert main(["search", "chatgpt", "--json"]) == 0
    headlines = [hit["headline"] for hit in json.loads(capsys.readouterr().out)["hits"]]
    assert "苹果内测类 ChatGPT 工具" in headlines
