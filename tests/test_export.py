"""Exports: golden files for the samples, each format's promises, atomic writes."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tui.archive import load_archive
from tui.library import LibraryError, LibraryRecord, LibraryStore, Snapshot
from tui.library.export import ExportExists, ExportFilter, render, write_atomically
from tui.library.export_markdown import escape_markdown

GOLDEN = Path(__file__).resolve().parent / "golden"
EXPORTED_AT = "2024-03-01T09:00:00+00:00"
GOLDEN_NAMES = {"md": "samples.md", "json": "samples.json", "csv": "samples.csv",
                "csl-json": "samples.csl.json"}  # fmt: skip

# CommonMark plus the GFM tables and strikethrough most Markdown apps add.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

GONE = Snapshot(
    id="393-0ff1ce",
    number=393,
    date=date(2023, 12, 18),
    section="要闻",
    headline="一条文件已删除的新闻",
    paragraphs=("它只在资料库的快照里。",),
    position=999,
)


def sample_records(sample_dir: Path) -> list[LibraryRecord]:
    """Every fifth sample item bookmarked, some tagged and annotated, one no longer on disk."""
    archive = load_archive(sample_dir)
    store = LibraryStore()
    for issue in archive.issues:
        for n, item in enumerate(issue.items):
            if n % 5:
                continue
            snap = Snapshot.of(item, issue)
            store.set_bookmark(snap)
            if n % 10 == 0:
                store.add_tags([snap], ["精选", f"第{issue.number}期"])
            if n == 5:
                store.set_note(snap, "跟进：\n- **重点** <b>不是粗体</b>\n1. 第二行 #标签 `code`")
    store.set_bookmark(GONE)
    store.set_note(GONE, "=SUM(A1:A2) 公式不生效")
    return store.records(present=archive.places)


@pytest.mark.parametrize("fmt", list(GOLDEN_NAMES))
def test_sample_export_matches_golden_file(sample_dir: Path, fmt: str) -> None:
    chosen = ExportFilter()
    data = render(fmt, chosen.select(sample_records(sample_dir)), EXPORTED_AT, chosen.label)
    golden = GOLDEN / GOLDEN_NAMES[fmt]
    if os.environ.get("ZHOUBAO_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"regenerate with ZHOUBAO_UPDATE_GOLDEN=1 ({golden})"


def _front_matter(text: str) -> dict[str, object]:
    head = text.split("---\n")[1]
    return {k: json.loads(v) for k, v in (line.split(": ", 1) for line in head.splitlines())}


def test_markdown_has_front_matter_groups_and_no_html(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    text = render("md", records, EXPORTED_AT, "bookmarked").decode()
    assert _front_matter(text) == {
        "exported_at": EXPORTED_AT, "count": len(records), "filter": "bookmarked"
    }  # fmt: skip
    issues = re.findall(r"^# 第 (\d+) 期", text, flags=re.M)
    assert issues == ["393", "403"]
    assert text.count("\n### ") == len(records)
    for record in records:
        assert f"ID：{escape_markdown(record.id)}" in text
        assert record.snapshot.meta_line in text
    rendered = MARKDOWN.render(text.split("---\n", 2)[2])
    allowed = {"h1", "h2", "h3", "p", "blockquote", "br"}
    assert set(re.findall(r"</?([a-z0-9]+)", rendered)) <= allowed
    assert "&lt;b&gt;不是粗体&lt;/b&gt;" in rendered and "**重点**" in rendered


def _plain(rendered_html: str) -> str:
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", rendered_html)).split())


printable = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), whitelist_characters="\n"
    ),
    max_size=80,
)


@example("---")
@example("标题\n===")
@example("a|b\n-|-")
@example("- 列表\n+ 列表\n1. 列表\n2) 列表")
@example("    缩进的代码\n> 引用\n# 标题")
@example("<div>x</div> &amp; [链接](http://x) `代码` ~~删除~~ ![图](x.png)")
@given(printable)
def test_escaped_markdown_renders_to_the_same_text(text: str) -> None:
    rendered = MARKDOWN.render(escape_markdown(text))
    assert _plain(rendered) == "".join(text.split())
    assert not re.search(r"<(?!/?(p|br)\b)[a-z]", rendered.replace("<p>", "").replace("</p>", ""))


def test_json_carries_every_field(sample_dir: Path) -> None:
    records = ExportFilter(everything=True).select(sample_records(sample_dir))
    document = json.loads(render("json", records, EXPORTED_AT, "all"))
    assert document["format"] == "zhoubao-export" and document["version"] == 1
    assert document["exported_at"] == EXPORTED_AT and document["count"] == len(records)
    gone = next(item for item in document["items"] if item["id"] == GONE.id)
    assert gone == {
        "id": GONE.id, "headline": GONE.headline, "number": 393, "date": "2023-12-18",
        "section": "要闻", "source_title": "行业动态周报", "tags": [],
        "note": "=SUM(A1:A2) 公式不生效", "bookmarked": True, "read": False,
        "in_archive": False, "page": None, "paragraphs": list(GONE.paragraphs),
    }  # fmt: skip


def test_csv_opens_in_excel_and_round_trips_notes(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    data = render("csv", records, EXPORTED_AT, "bookmarked")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(records)
    by_id = {row["id"]: row for row in rows}
    noted = next(r for r in records if r.note and r.in_archive)
    assert by_id[noted.id]["note"] == noted.note  # newlines kept inside one quoted cell
    assert by_id[GONE.id]["note"] == "'=SUM(A1:A2) 公式不生效"  # not run as a formula
    assert by_id[GONE.id]["in_archive"] == "false"


def test_csl_json_is_ready_for_zotero(sample_dir: Path) -> None:
    records = ExportFilter(tags=("精选",)).select(sample_records(sample_dir))
    entries = json.loads(render("csl-json", records, EXPORTED_AT, "tag:精选"))
    assert len(entries) == len(records) > 0
    for entry, record in zip(entries, records, strict=True):
        assert entry["type"] == "article-newspaper"
        assert entry["container-title"] == "行业动态周报"
        assert entry["issue"] == str(record.snapshot.number)
        assert entry["section"] == record.snapshot.section
        assert entry["title"] == record.snapshot.headline and entry["id"] == record.id
        assert "精选" in entry["keyword"]
        day = record.snapshot.date
        assert day is not None
        assert entry["issued"] == {"date-parts": [[day.year, day.month, day.day]]}


def test_filters_choose_records(sample_dir: Path) -> None:
    records = sample_records(sample_dir)
    bookmarked = ExportFilter().select(records)
    assert all(r.bookmarked for r in bookmarked) and GONE.id in {r.id for r in bookmarked}
    both = ExportFilter(tags=("精选", "第393期")).select(records)
    assert both and all({"精选", "第393期"} <= set(r.tags) for r in both)
    assert ExportFilter(tags=("#精选",)).label == "tag:精选"
    assert ExportFilter(everything=True).label == "all"
    assert ExportFilter(tags=("没有",)).select(records) == []


def test_unknown_format_is_refused() -> None:
    with pytest.raises(LibraryError, match="unknown export format"):
        render("docx", [], EXPORTED_AT, "bookmarked")


def test_write_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, b"first")
    with pytest.raises(ExportExists, match="--force"):
        write_atomically(target, b"second")
    assert target.read_bytes() == b"first"
    write_atomically(target, b"second", force=True)
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(LibraryError, match="No space left"):
        write_atomically(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="cannot write in"):
        write_atomically(tmp_path / "no" / "such" / "out.md", b"x")
