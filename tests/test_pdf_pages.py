"""The page an item is printed on travels with it: the reader's meta line, the library's
snapshot, and every export that can cite it."""

from __future__ import annotations

import json
from pathlib import Path

from tui.archive import parse_issue
from tui.library import LibraryStore, Snapshot
from tui.library.export import ExportFilter, render
from tui.typeset.item_layout import meta_line

PDF = Path(__file__).resolve().parent / "fixtures" / "pdfs" / "393.lo-a4.pdf"
INFO = ExportFilter().info("2024-03-01T09:00:00+00:00")


def _second_page_item():  # type: ignore[no-untyped-def]
    issue = parse_issue(PDF)
    item = next(item for item in issue.items if item.page == 2)
    return issue, item


def test_meta_line_names_the_page() -> None:
    _issue, item = _second_page_item()
    assert meta_line(item).endswith(" · 第 2 页")
    assert meta_line(item).startswith(f"行业动态周报 第 393 期 · 2023-12-18 · {item.section}")


def test_page_survives_the_library_and_reaches_exports() -> None:
    issue, item = _second_page_item()
    store = LibraryStore()
    store.set_bookmark(Snapshot.of(item, issue))
    records = store.records(present={item.id: item})
    assert records[0].snapshot.page == 2
    document = json.loads(render("json", records, INFO))
    assert document["items"][0]["page"] == 2
    csl = json.loads(render("csl-json", records, INFO))
    assert csl[0]["page"] == "2" and csl[0]["source"] == "393.lo-a4.pdf"
    markdown = render("md", records, INFO).decode()
    assert f"第 393 期 · 2023-12-18 · {item.section} · 第 2 页" in markdown.replace("\\", "")


def test_text_items_have_no_page(sample_dir: Path) -> None:
    issue = parse_issue(sample_dir / "393-2023-12-18.txt")
    item = issue.sections[0].items[0]
    assert "页" not in meta_line(item)
    store = LibraryStore()
    store.set_bookmark(Snapshot.of(item, issue))
    records = store.records(present={item.id: item})
    csl = json.loads(render("csl-json", records, INFO))
    assert "page" not in csl[0]
