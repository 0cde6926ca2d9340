"""Exporting library items: Markdown, Word, JSON, CSV (for Excel) and CSL-JSON (for Zotero).

Exports read the library's snapshots, not the archive, so an item whose file is gone still
exports. Word (.docx) is in `export_docx`, Markdown in `export_markdown`; where the bytes go
(a file, a folder, standard output) is `output`'s business.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.archive.model import PUBLISHER
from tui.i18n import _, pgettext
from tui.library.export_info import ExportInfo
from tui.library.export_markdown import render_markdown
from tui.library.export_readable import readable_info, readable_records
from tui.library.records import LibraryRecord
from tui.library.rows import clean_tag
from tui.library.store import LibraryError

FORMATS = ("md", "docx", "json", "csv", "csl-json")
SUFFIXES = {
    "md": ".md", "docx": ".docx", "json": ".json", "csv": ".csv", "csl-json": ".csl.json"
}  # fmt: skip
#: Formats that are not text: never poured onto a terminal.
BINARY_FORMATS = frozenset({"docx"})
#: Formats people read: their text is sanitized as the screen's is (`export_readable`);
#: JSON and CSL-JSON are data and keep it as stored.
READABLE_FORMATS = frozenset({"md", "docx", "csv"})
#: What the JSON export calls itself; `zhoubao import` reads only this.
JSON_FORMAT_NAME = "zhoubao-export"
JSON_VERSION = 1
#: The language of every item, as CSL-JSON names it.
CSL_LANGUAGE = "zh-CN"
# A cell starting with one of these is a formula to Excel; a quote in front keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFilter:
    """Which records to export: the bookmarked ones by default, or every kept item
    (`everything`), or the hits of a search (`search`, the query, with the hits as the
    records); `tags` narrows any of them to items carrying every one of them. With tags
    given, tagged items export even if not bookmarked."""

    tags: tuple[str, ...] = ()
    everything: bool = False
    search: str | None = None

    def select(self, records: Sequence[LibraryRecord]) -> list[LibraryRecord]:
        """The chosen records, in issue order."""
        wanted = {clean_tag(tag) for tag in self.tags} - {""}
        broad = self.everything or bool(wanted)
        chosen = [
            record
            for record in records
            if (self.search is not None or (record.kept if broad else record.bookmarked))
            and wanted <= set(record.tags)
        ]
        return sorted(chosen, key=lambda r: (r.snapshot.number, r.snapshot.position, r.id))

    @property
    def label(self) -> str:
        """ "bookmarked", "all", "tag:短剧 tag:AI", "search:微短剧": what the front matter
        calls the filter."""
        if self.search is not None:
            words = [f"search:{self.search}"]
        else:
            words = ["all"] if self.everything else [] if self.tags else ["bookmarked"]
        words += [f"tag:{clean_tag(tag)}" for tag in self.tags]
        return " ".join(words)

    @property
    def description(self) -> str:
        """The filter for people: "已收藏的条目", "带标签 #短剧 的条目", …"""
        tags = " ".join(f"#{clean_tag(tag)}" for tag in self.tags)
        if self.search is not None and tags:
            return _("搜索“{query}”的结果中带标签 {tags} 的条目").format(
                query=self.search, tags=tags
            )
        if self.search is not None:
            return _("搜索“{query}”的结果").format(query=self.search)
        if tags:  # with tags, every kept item is a candidate, as with `everything`
            return _("带标签 {tags} 的条目").format(tags=tags)
        return _("资料库的全部条目") if self.everything else _("已收藏的条目")

    def info(self, exported_at: str) -> ExportInfo:
        return ExportInfo(exported_at, self.label, self.description)


def render(fmt: str, records: Sequence[LibraryRecord], info: ExportInfo) -> bytes:
    """The export file's bytes; `info` carries the time, so the output is reproducible."""
    if fmt not in _RENDERERS:
        raise LibraryError(
            _("未知的导出格式 {format}（可选：{choices}）").format(
                format=repr(fmt), choices=", ".join(FORMATS)
            )
        )
    if fmt in READABLE_FORMATS:
        return _RENDERERS[fmt](readable_records(records), readable_info(info))
    return _RENDERERS[fmt](records, info)


def _markdown(records: Sequence[LibraryRecord], info: ExportInfo) -> bytes:
    return render_markdown(records, info).encode()


def _docx(records: Sequence[LibraryRecord], info: ExportInfo) -> bytes:
    # python-docx (and lxml) load only when a Word file is asked for.
    from tui.library.export_docx import render_docx

    return render_docx(records, info)


def _json(records: Sequence[LibraryRecord], info: ExportInfo) -> bytes:
    document = {
        "format": JSON_FORMAT_NAME,
        "version": JSON_VERSION,
        "exported_at": info.exported_at,
        "filter": info.filter_label,
        "count": len(records),
        "items": [record.as_dict() for record in records],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def csv_header() -> list[str]:
    """The CSV's column names, in the language of the UI."""
    # A column's name may differ from the same word on screen (正文: "body", not "Item").
    return [
        pgettext("CSV column", "条目 ID"),
        pgettext("CSV column", "期号"),
        pgettext("CSV column", "日期"),
        pgettext("CSV column", "栏目"),
        pgettext("CSV column", "标题"),
        pgettext("CSV column", "标签"),
        pgettext("CSV column", "备注"),
        pgettext("CSV column", "已收藏"),
        pgettext("CSV column", "已读"),
        pgettext("CSV column", "在存档中"),
        pgettext("CSV column", "刊名"),
        pgettext("CSV column", "来源文件"),
        pgettext("CSV column", "页码"),
        pgettext("CSV column", "正文"),
    ]


def _csv(records: Sequence[LibraryRecord], info: ExportInfo) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # quotes cells holding newlines, commas and quotes
    writer.writerow(csv_header())
    for record in records:
        snap = record.snapshot
        text = [snap.section, snap.headline, "; ".join(record.tags), record.note, snap.body]
        section, headline, tags, note, body = (no_formula(cell) for cell in text)
        writer.writerow(
            [
                snap.id, snap.number, snap.date.isoformat() if snap.date else "", section,
                headline, tags, note, _flag(record.bookmarked), _flag(record.read),
                _flag(record.in_archive), no_formula(snap.source_title),
                no_formula(snap.source_file), snap.page or "", body,
            ]
        )  # fmt: skip
    # The BOM tells Excel (notably on Chinese Windows) that the file is UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _csl_json(records: Sequence[LibraryRecord], info: ExportInfo) -> bytes:
    entries = []
    for record in records:
        snap = record.snapshot
        entry: dict[str, object] = {
            "id": snap.id,
            "type": "article-newspaper",
            "title": snap.headline,
            "container-title": snap.source_title,
            "publisher": PUBLISHER,
            "issue": str(snap.number),
            "section": snap.section,
            "language": CSL_LANGUAGE,
        }
        if snap.page is not None:
            entry["page"] = str(snap.page)
        if snap.source_file:
            entry["source"] = snap.source_file
        if snap.date is not None:
            entry["issued"] = {"date-parts": [[snap.date.year, snap.date.month, snap.date.day]]}
        if snap.paragraphs:
            entry["abstract"] = "\n\n".join(snap.paragraphs)
        if record.tags:
            entry["keyword"] = ", ".join(record.tags)
        if record.note:
            entry["note"] = record.note
        entries.append(entry)
    return (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode()


_RENDERERS: dict[str, Callable[[Sequence[LibraryRecord], ExportInfo], bytes]] = {
    "md": _markdown,
    "docx": _docx,
    "json": _json,
    "csv": _csv,
    "csl-json": _csl_json,
}


def _flag(value: bool) -> str:
    return _("是") if value else _("否")


def no_formula(cell: str) -> str:
    """A CSV cell Excel will not run as a formula: one starting with = + - @ gets a '."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
