"""What every export says about itself: when it was made, what was chosen, its title."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.archive.model import TITLE
from tui.i18n import _, _n
from tui.library.records import LibraryRecord


@dataclass(frozen=True)
class ExportInfo:
    """The export's own facts, passed in so that the output is reproducible."""

    #: ISO 8601 time of the export.
    exported_at: str
    #: What was chosen, for machines: "bookmarked", "all", "tag:短剧 tag:AI", "search:微短剧".
    filter_label: str
    #: The same for people: "已收藏的条目", "标签 #短剧 #AI".
    description: str


def document_title(records: Sequence[LibraryRecord]) -> str:
    """ "行业动态周报摘编": the newsletter the items come from (the first one's, if several)."""
    source = records[0].snapshot.source_title if records else TITLE
    return _("{source}摘编").format(source=source)


def summary_line(records: Sequence[LibraryRecord], info: ExportInfo) -> str:
    """ "共 13 条 · 已收藏的条目 · 导出于 2024-03-01": the line under the title."""
    return _n("共 {count} 条 · {chosen} · 导出于 {day}", len(records)).format(
        count=len(records), chosen=info.description, day=info.exported_at[:10]
    )


def issue_heading(number: int, date_label: str) -> str:
    """ "第 393 期 · 2023-12-18": the heading of an issue in a document."""
    return _("第 {number} 期 · {date}").format(number=number, date=date_label)
