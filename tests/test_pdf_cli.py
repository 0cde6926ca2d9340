"""The command line on PDFs: each 摘要 bullet with the id of its item, and where an item is."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tui.archive import parse_issue
from tui.cli.main import main

PDF = Path(__file__).resolve().parent / "fixtures" / "pdfs" / "403.lo-a5-head.pdf"


def test_parse_json_links_each_bullet_to_its_item(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(PDF), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = {item["id"]: item for s in data["sections"] for item in s["items"]}
    assert [link["text"] for link in data["summary_links"]] == data["summary"]
    for link in data["summary_links"]:
        headline = items[link["item_id"]]["headline"].replace(" ", "")
        assert headline.startswith(link["text"].replace(" ", ""))
    assert all(item["page"] >= 1 for item in items.values())
    assert data["source"] == str(PDF)


def test_parse_json_of_text_has_no_pages(
    sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(sample_dir / "393-2023-12-18.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {item["page"] for s in data["sections"] for item in s["items"]} == {None}
    assert all(link["item_id"] for link in data["summary_links"])


def test_show_source_prints_the_file_and_page(
    tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(PDF, tmp_path / "403.pdf")
    shutil.copy(sample_dir / "393-2023-12-18.txt", tmp_path / "393.txt")
    last = list(parse_issue(PDF).items)[-1]
    assert last.page is not None and last.page > 1
    assert main(["show", last.id, str(tmp_path), "--source"]) == 0
    assert capsys.readouterr().out == f"{(tmp_path / '403.pdf').resolve()}\t{last.page}\n"
    text_item = next(iter(parse_issue(tmp_path / "393.txt").items))
    assert main(["show", text_item.id, str(tmp_path), "--source"]) == 0
    assert capsys.readouterr().out == f"{(tmp_path / '393.txt').resolve()}\n"


def test_show_lays_out_a_pdf_item_with_its_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(PDF, tmp_path / "403.pdf")
    item = list(parse_issue(PDF).items)[-1]
    assert main(["show", item.id, str(tmp_path), "--width", "100"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.endswith(f"第 {item.page} 页") for line in out[:4])


def test_show_json_gives_scripts_the_item_and_its_exact_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name `--source` can only print made safe (a newline, a byte that is not UTF-8):
    # the JSON holds it exactly, as `os.fsdecode` gives it.
    name = os.fsdecode(b"\xb5\xda 403\n.pdf")
    shutil.copy(PDF, tmp_path / name)
    item = list(parse_issue(PDF).items)[-1]
    assert main(["show", item.id, str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == item.id and data["headline"] == item.headline
    assert data["number"] == 403 and data["date"] == "2024-02-26"
    assert data["section"] == item.section and data["page"] == item.page
    assert data["paragraphs"] == list(item.paragraphs)
    assert os.fsencode(data["source"]) == os.fsencode((tmp_path / name).resolve())


def test_search_json_gives_the_page_of_each_pdf_hit(
    tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(PDF, tmp_path / "403.pdf")
    shutil.copy(sample_dir / "393-2023-12-18.txt", tmp_path / "393.txt")
    pages = {item.id: item.page for item in parse_issue(PDF).items}
    assert main(["search", "人工智能", str(tmp_path), "--json", "--limit", "100"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert {hit["number"] for hit in hits} == {393, 403}
    for hit in hits:
        assert hit["page"] == pages.get(hit["id"]), hit  # None for the text issue's items
