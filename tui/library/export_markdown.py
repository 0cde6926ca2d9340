"""The Markdown export: YAML front matter, then items grouped by issue and section.

Text from the archive and from the user (headlines, notes, tags) is escaped so that it reads
back literally: a note saying `**重要**` or `<b>` shows those characters, never bold or HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import groupby

from tui.library.records import LibraryRecord

# ASCII punctuation that starts Markdown markup (CommonMark lets any of it be escaped);
# "|" and "~" for the GFM tables and strikethrough of common renderers.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>#~&!|])")
# What makes a line a list item, heading underline or thematic break ("---", "- x", "1. x").
_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}[.)])")
_LEADING_INDENT = re.compile(r"^[ \t]+")


def escape_markdown(text: str) -> str:
    """`text` as Markdown that renders to exactly `text` (leading indentation aside)."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE_MARKUP.sub(r"\\\1", _LEADING_INDENT.sub("", line))
        match = _BLOCK_START.match(line)
        if match:
            marker = match.group(1)
            line = marker[:-1] + "\\" + marker[-1] + line[len(marker) :]
        lines.append(line)
    return "\n".join(lines)


def _hard_breaks(text: str) -> str:
    """Keep the user's line breaks (two trailing spaces) and blank lines."""
    return "\n".join(line + "  " if line else line for line in text.split("\n")).rstrip(" ")


def render_markdown(records: Sequence[LibraryRecord], exported_at: str, filter_label: str) -> str:
    out = [
        "---",
        f"exported_at: {json.dumps(exported_at)}",
        f"count: {len(records)}",
        f"filter: {json.dumps(filter_label, ensure_ascii=False)}",
        "---",
    ]
    for _number, in_issue in groupby(records, key=lambda r: r.snapshot.number):
        issue_records = list(in_issue)
        first = issue_records[0].snapshot
        out += ["", f"# 第 {first.number} 期 · {first.date_label}"]
        # Sections in the order they first appear; a record kept from an older reading of
        # the issue joins its section rather than opening a second one.
        sections: dict[str, list[LibraryRecord]] = {}
        for record in issue_records:
            sections.setdefault(record.snapshot.section, []).append(record)
        for section, in_section in sections.items():
            out += ["", f"## {escape_markdown(section)}"]
            for record in in_section:
                out += _item_lines(record)
    return "\n".join(out) + "\n"


def _item_lines(record: LibraryRecord) -> list[str]:
    snap = record.snapshot
    lines = [
        "",
        f"### {escape_markdown(' '.join(snap.headline.split()))}",
        "",
        escape_markdown(snap.meta_line),
        "",
        f"ID：{escape_markdown(snap.id)}",
    ]
    if not record.in_archive:
        lines += ["", "（已不在存档中，内容取自资料库的快照）"]
    if record.tags:
        lines += ["", "标签：" + "、".join(escape_markdown(tag) for tag in record.tags)]
    if record.note:
        quoted = _hard_breaks(escape_markdown(record.note.strip("\n")))
        lines += ["", "备注：", ""]
        lines += [f"> {line}" if line else ">" for line in quoted.split("\n")]
    for paragraph in snap.paragraphs:
        lines += ["", escape_markdown(paragraph)]
    return lines
