"""Exports: golden files for the samples, and each format's promises to the tool it feeds
(Obsidian, Excel, Zotero)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft3Validator
from library_samples import EXPORTED_AT, GONE, check_golden, csl_data_schema, sample_records
from markdown_it import MarkdownIt

from tui import i18n
from tui.library import LibraryError, LibraryRecord, Snapshot
from tui.library.export import ExportFilter, render
from tui.library.export_info import ExportInfo
from tui.library.export_markdown import (
    escape_markdown,
    note_file_name,
    obsidian_tag,
    obsidian_tags,
    render_markdown,
    render_note,
    split_notes,
)

GOLDEN_NAMES = {"md": "samples.md", "json": "samples.json", "csv": "samples.csv",
                "csl-json": "samples.csl.json"}  # fmt: skip
INFO = ExportFilter().info(EXPORTED_AT)

# CommonMark plus the GFM tables and strikethrough most Markdown apps add.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
CSL_SCHEMA = Draft3Validator(csl_data_schema())


@pytest.mark.parametrize("fmt", list(GOLDEN_NAMES))
def test_sample_export_matches_golden_file(sample_dir: Path, fmt: str) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    check_golden(render(fmt, records, INFO), GOLDEN_NAMES[fmt])


# Markdown, for Obsidian.


def _front_matter(text: str) -> tuple[dict[str, Any], list[str]]:
    """The front matter read as YAML (as Obsidian reads it), and its tags apart."""
    fields = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(fields, dict)
    tags = fields.pop("tags")
    return fields, tags


def test_markdown_has_front_matter_tags_one_h1_and_no_html(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    text = render("md", records, INFO).decode()
    fields, tags = _front_matter(text)
    assert fields == {
        "title": "行业动态周报摘编", "exported_at": EXPORTED_AT, "count": len(records),
        "filter": "bookmarked",
    }  # fmt: skip
    # Obsidian indexes front matter tags only when they are spelled as tags.
    assert tags == ["AI_技术", "第393期", "第403期", "精选"]
    body = text.split("---\n", 2)[2]
    assert re.findall(r"^# (.*)", body, flags=re.M) == ["行业动态周报摘编"]
    assert re.findall(r"^## 第 (\d+) 期", body, flags=re.M) == ["393", "403"]
    assert body.count("\n#### ") == len(records)
    assert "标签：#AI_技术 #第393期 #精选" in body
    for record in records:
        assert f"ID：{escape_markdown(record.id)}" in body
        assert record.snapshot.meta_line in body
    rendered = MARKDOWN.render(body)
    allowed = {"h1", "h2", "h3", "h4", "p", "blockquote", "br"}
    assert set(re.findall(r"</?([a-z0-9]+)", rendered)) <= allowed
    assert "&lt;b&gt;不是粗体&lt;/b&gt;" in rendered and "**重点**" in rendered


def test_markdown_of_nothing_is_still_a_document() -> None:
    text = render_markdown([], INFO)
    assert "tags: []" in text and "\n# 行业动态周报摘编\n" in text


@pytest.mark.parametrize(
    ("tag", "spelled"),
    [("AI", "AI"), ("脑机 接口", "脑机_接口"), ("2024", "_2024"), ("清朗·整治", "清朗_整治"),
     ("行业/短剧", "行业/短剧"), ("#x#", "x"), ("、", ""), ("C++", "C"), ("a_b", "a_b")],
)  # fmt: skip
def test_obsidian_tags(tag: str, spelled: str) -> None:
    assert obsidian_tag(tag) == spelled


@example("**粗**")
@example("_x_")
@example("[[链接]]")
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4))
def test_any_tag_is_an_obsidian_tag_and_plain_text(tags: list[str]) -> None:
    record = LibraryRecord(GONE, True, tuple(tags), "", False, True)
    for tag in filter(None, map(obsidian_tag, tags)):
        # What Obsidian takes as a tag after "#": letters (with their marks), digits,
        # _ - and /, and not numbers only.
        kinds = {c if c in "_-/" else unicodedata.category(c)[0] for c in tag}
        assert kinds <= {"_", "-", "/", "L", "N", "M"} and kinds - {"N", "/"}
    text = render_markdown([record], INFO)
    line = next((li for li in text.splitlines() if li.startswith("标签：")), "")
    rendered = MARKDOWN.render(line)
    assert set(re.findall(r"</?([a-z0-9]+)", rendered)) <= {"p"}


def test_split_writes_one_note_per_item_named_by_id(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    notes = split_notes(records, INFO)
    assert [name for name, _data in notes] == [f"{r.id}.md" for r in records]
    gone = dict(notes)[f"{GONE.id}.md"].decode()
    fields, tags = _front_matter(gone)
    assert fields["id"] == GONE.id and fields["title"] == GONE.headline
    assert fields["aliases"] == [GONE.headline]
    assert fields["issue"] == 393 and fields["page"] == 7
    assert fields["source_file"] == "行业动态周报393.pdf"
    assert re.findall(r"^# (.*)", gone, flags=re.M) == [GONE.headline]
    tagged = next(r for r in records if r.tags)
    fields, tags = _front_matter(dict(notes)[f"{tagged.id}.md"].decode())
    assert tags == [obsidian_tag(t) for t in tagged.tags]
    assert note_file_name("../../etc/passwd") == "_._.._etc_passwd.md"
    assert note_file_name("3-0.1") == "3-0.1.md"


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


# JSON and CSV.


def test_json_carries_every_field(sample_dir: Path) -> None:
    records = ExportFilter(everything=True).select(sample_records(sample_dir))
    document = json.loads(render("json", records, ExportFilter(everything=True).info(EXPORTED_AT)))
    assert document["format"] == "zhoubao-export" and document["version"] == 1
    assert document["exported_at"] == EXPORTED_AT and document["count"] == len(records)
    assert document["filter"] == "all"
    gone = next(item for item in document["items"] if item["id"] == GONE.id)
    assert gone == {
        "id": GONE.id, "headline": GONE.headline, "number": 393, "date": "2023-12-18",
        "section": "要闻", "source_title": "行业动态周报", "source_file": "行业动态周报393.pdf",
        "page": 7, "position": 999, "tags": [], "note": "=SUM(A1:A2) 公式不生效",
        "bookmarked": True, "read": False, "in_archive": False,
        "paragraphs": list(GONE.paragraphs),
    }  # fmt: skip


def test_csv_speaks_chinese_opens_in_excel_and_round_trips_notes(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    data = render("csv", records, INFO)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == [
        "条目 ID", "期号", "日期", "栏目", "标题", "标签", "备注", "已收藏", "已读", "在存档中",
        "刊名", "来源文件", "页码", "正文",
    ]  # fmt: skip
    assert len(rows) == len(records)
    by_id = {row["条目 ID"]: row for row in rows}
    noted = next(r for r in records if r.note and r.in_archive)
    assert by_id[noted.id]["备注"] == noted.note  # newlines kept inside one quoted cell
    gone = by_id[GONE.id]
    assert gone["备注"] == "'=SUM(A1:A2) 公式不生效"  # not run as a formula
    assert (gone["已收藏"], gone["已读"], gone["在存档中"]) == ("是", "否", "否")
    assert (gone["来源文件"], gone["页码"]) == ("行业动态周报393.pdf", "7")


# CSL-JSON, for Zotero.


def test_csl_json_is_valid_and_ready_for_zotero(sample_dir: Path) -> None:
    chosen = ExportFilter(tags=("精选",))
    records = chosen.select(sample_records(sample_dir))
    entries = json.loads(render("csl-json", records, chosen.info(EXPORTED_AT)))
    assert list(CSL_SCHEMA.iter_errors(entries)) == []
    assert len(entries) == len(records) > 0
    for entry, record in zip(entries, records, strict=True):
        assert entry["type"] == "article-newspaper" and entry["language"] == "zh-CN"
        assert entry["container-title"] == "行业动态周报"
        assert entry["issue"] == str(record.snapshot.number)
        assert entry["section"] == record.snapshot.section
        assert entry["title"] == record.snapshot.headline and entry["id"] == record.id
        assert entry["source"] in {path.name for path in sample_dir.iterdir()}
        assert "page" not in entry  # text files have no pages
        assert "精选" in entry["keyword"]
        day = record.snapshot.date
        assert day is not None
        assert entry["issued"] == {"date-parts": [[day.year, day.month, day.day]]}


def test_csl_json_cites_the_page_of_a_pdf(sample_dir: Path) -> None:
    [entry] = json.loads(render("csl-json", [LibraryRecord(GONE, True, (), "", False, False)],
                                INFO))  # fmt: skip
    assert entry["page"] == "7" and entry["source"] == "行业动态周报393.pdf"
    assert list(CSL_SCHEMA.iter_errors([entry])) == []


def test_the_schema_test_can_fail() -> None:
    assert list(CSL_SCHEMA.iter_errors([{"id": "x", "type": "newspaper", "lang": "zh"}]))


text_field = st.text(max_size=30)


@given(
    headline=text_field, section=text_field, note=text_field, source=text_field,
    tags=st.lists(text_field, max_size=3), page=st.none() | st.integers(1, 9999),
    day=st.none() | st.dates(date(1990, 1, 1), date(2100, 1, 1)),
)  # fmt: skip
def test_csl_json_of_any_text_is_valid(
    headline: str, section: str, note: str, source: str, tags: list[str], page: int | None,
    day: date | None,
) -> None:  # fmt: skip
    snap = Snapshot(
        "1-abcdef", 1, day, section, headline, (note,), source_title="周报", page=page,
        source_file=source,
    )  # fmt: skip
    entries = json.loads(render("csl-json", [LibraryRecord(snap, True, tuple(tags), note,
                                                           False, True)], INFO))  # fmt: skip
    assert list(CSL_SCHEMA.iter_errors(entries)) == []


# Choosing what to export.


def test_filters_choose_records(sample_dir: Path) -> None:
    records = sample_records(sample_dir)
    bookmarked = ExportFilter().select(records)
    assert all(r.bookmarked for r in bookmarked) and GONE.id in {r.id for r in bookmarked}
    both = ExportFilter(tags=("精选", "第393期")).select(records)
    assert both and all({"精选", "第393期"} <= set(r.tags) for r in both)
    assert ExportFilter(tags=("#精选",)).label == "tag:精选"
    assert ExportFilter(tags=("#精选",)).description == "带标签 #精选 的条目"
    assert ExportFilter(everything=True).label == "all"
    assert ExportFilter(tags=("没有",)).select(records) == []
    hits = ExportFilter(search="短剧").select(list(reversed(records)))
    assert [r.id for r in hits] == [r.id for r in records]  # every hit, in issue order
    assert ExportFilter(search="短剧").label == "search:短剧"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(LibraryError, match="未知的导出格式"):
        render("pdf", [], INFO)


def test_export_info_is_what_the_title_page_says() -> None:
    info = ExportInfo(EXPORTED_AT, "all", "资料库的全部条目")
    assert info == ExportFilter(everything=True).info(EXPORTED_AT)


def test_markdown_in_english_labels_its_parts_in_english(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    i18n.set_language("en")
    try:
        text = render("md", records, INFO).decode("utf-8")
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
    ids = [line for line in text.splitlines() if line.startswith("ID")]
    assert ids and all(re.fullmatch(r"ID: [0-9a-f-]+", line) for line in ids), ids
    assert "\nTags: #" in text and "\nNote:\n" in text
    # (a note's lines end in two spaces on purpose: Markdown's hard line break)
    labels = [line for line in text.splitlines() if not line.startswith(">")]
    assert [line for line in labels if line.endswith(" ")] == []


def test_csv_in_english_says_true_and_false(sample_dir: Path) -> None:
    records = ExportFilter().select(sample_records(sample_dir))
    i18n.set_language("en")
    try:
        data = render("csv", records, INFO).decode("utf-8-sig")
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert list(rows[0])[:3] == ["id", "issue", "date"]
    gone = next(row for row in rows if row["id"] == GONE.id)
    assert (gone["bookmarked"], gone["read"], gone["in archive"]) == ("true", "false", "false")


@given(st.text(max_size=40), st.lists(st.text(max_size=10), max_size=3))
def test_front_matter_is_yaml_that_reads_back_exactly(headline: str, tags: list[str]) -> None:
    snap = Snapshot("1-abcdef", 1, None, "要闻", headline, (), 0)
    note = render_note(LibraryRecord(snap, True, tuple(tags), "", False, True), INFO)
    fields, read_tags = _front_matter(note)
    spelled = " ".join(headline.split())
    assert fields["title"] == spelled and fields["aliases"] == [spelled]
    assert read_tags == obsidian_tags(tags)
