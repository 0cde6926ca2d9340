"""The Markdown export, made for Obsidian as much as for any Markdown reader.

One document: YAML front matter (with every tag as a `tags:` list, which Obsidian indexes),
one H1, then issues (H2), sections (H3) and items (H4). Or, for a vault, one note per item
(`split_notes`), named by its id, with the item's own front matter and its headline as H1.
Tags appear as `#tag` in the text too, spelled the way Obsidian accepts them.

Text from the archive and from the user (headlines, notes, tags) is escaped so that it reads
back literally: a note saying `**重要**` or `<b>` shows those characters, never bold or HTML.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

from tui.i18n import _
from tui.library.export_info import ExportInfo, document_title, issue_heading, summary_line
from tui.library.export_readable import readable_info, readable_records
from tui.library.grouping import by_issue_and_section
from tui.library.records import LibraryRecord

# ASCII punctuation that starts Markdown markup (CommonMark lets any of it be escaped);
# "|" and "~" for the GFM tables and strikethrough of common renderers.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>#~&!|])")
# What makes a line a list item, heading underline or thematic break ("---", "- x", "1. x").
_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}[.)])")
_LEADING_INDENT = re.compile(r"^[ \t]+")
# What YAML's printable set leaves out, or takes for a line break, beyond what JSON escapes.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# What a file name made from an id may hold; anything else becomes "_" (and so does a
# leading dot: no hidden files, no "..").
_UNSAFE_NAME = re.compile(r"[^0-9A-Za-z_.-]|^\.")


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


def obsidian_tag(tag: str) -> str:
    """`tag` as Obsidian accepts it after a `#`: letters, digits, `_`, `-` and `/` (nesting),
    no spaces, not digits only. Anything else becomes `_` ("清朗 行动" → "清朗_行动");
    "2024" becomes "_2024". Empty if nothing is left."""
    kept = "".join(
        char if char in "_-/" or unicodedata.category(char)[0] in "LNM" else "_"
        for char in unicodedata.normalize("NFC", tag)
    )
    # An underscore beside "-" or "/" could open or close emphasis in Markdown: dropped.
    kept = re.sub(r"_*([-/])_*", r"\1", re.sub(r"_+", "_", kept)).strip("_/")
    if kept and all(char == "/" or unicodedata.category(char)[0] == "N" for char in kept):
        kept = "_" + kept
    return "" if kept == "_" else kept


def obsidian_tags(tags: Iterable[str]) -> list[str]:
    """Each tag once, in Obsidian's spelling, in the order given."""
    return [tag for tag in dict.fromkeys(map(obsidian_tag, tags)) if tag]


def _yaml(value: object) -> str:
    """`value` as a YAML scalar on one line: JSON's (quoted and escaped), with the characters
    YAML may not hold raw, or reads as line breaks, escaped too (DEL, C1, NEL, U+2028…)."""
    return _NOT_YAML.sub(
        lambda m: "".join(f"\\u{unit:04x}" for unit in _utf16(m.group())),
        json.dumps(value, ensure_ascii=False),
    )


def _utf16(char: str) -> list[int]:
    code = ord(char)
    if code < 0x10000:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]


def _front_matter(fields: dict[str, object], **lists: Sequence[str]) -> list[str]:
    """YAML front matter: one line per field, then each list (`tags`, `aliases`)."""
    lines = ["---"] + [f"{key}: {_yaml(value)}" for key, value in fields.items()]
    for key, values in lists.items():
        lines += [f"{key}:"] + [f"  - {_yaml(v)}" for v in values] if values else [f"{key}: []"]
    return [*lines, "---"]


def _hard_breaks(text: str) -> str:
    """Keep the user's line breaks (two trailing spaces) and blank lines."""
    return "\n".join(line + "  " if line else line for line in text.split("\n")).rstrip(" ")


def render_markdown(records: Sequence[LibraryRecord], info: ExportInfo) -> str:
    """The whole export as one Markdown document."""
    title = document_title(records)
    fields: dict[str, object] = {
        "title": title,
        "exported_at": info.exported_at,
        "count": len(records),
        "filter": info.filter_label,
    }
    every_tag = sorted({tag for record in records for tag in record.tags})
    out = _front_matter(fields, tags=obsidian_tags(every_tag))
    out += ["", f"# {escape_markdown(title)}", "", escape_markdown(summary_line(records, info))]
    for issue, sections in by_issue_and_section(records):
        out += ["", f"## {escape_markdown(issue_heading(issue.number, issue.date_label))}"]
        for section, in_section in sections:
            out += ["", f"### {escape_markdown(section)}"]
            for record in in_section:
                headline = escape_markdown(" ".join(record.snapshot.headline.split()))
                out += ["", f"#### {headline}", *_item_lines(record)]
    return "\n".join(out) + "\n"


def _item_lines(record: LibraryRecord) -> list[str]:
    snap = record.snapshot
    lines = [
        "",
        escape_markdown(snap.meta_line),
        "",
        _("ID：{id}").format(id=escape_markdown(snap.id)),
    ]
    if not record.in_archive:
        lines += ["", _("（已不在存档中，内容取自资料库的快照）")]
    tags = obsidian_tags(record.tags)
    if tags:
        lines += ["", _("标签：") + " ".join(f"#{tag}" for tag in tags)]
    if record.note:
        quoted = _hard_breaks(escape_markdown(record.note.strip("\n")))
        lines += ["", _("备注：").rstrip(), ""]  # English "Note: " ends with a space
        lines += [f"> {line}" if line else ">" for line in quoted.split("\n")]
    for paragraph in snap.paragraphs:
        lines += ["", escape_markdown(paragraph)]
    return lines


def note_file_name(item_id: str) -> str:
    """The file an item's note goes to in a split export: its id, made safe as a name."""
    return _UNSAFE_NAME.sub("_", item_id) + ".md"


def render_note(record: LibraryRecord, info: ExportInfo) -> str:
    """One item as an Obsidian note: its own front matter, its headline as the H1."""
    snap = record.snapshot
    headline = " ".join(snap.headline.split())
    fields: dict[str, object] = {
        "id": snap.id,
        "title": headline,
        "issue": snap.number,
        "date": snap.date.isoformat() if snap.date else None,
        "section": snap.section,
        "source": snap.source_title,
    }
    if snap.source_file:
        fields["source_file"] = snap.source_file
    if snap.page is not None:
        fields["page"] = snap.page
    fields.update(bookmarked=record.bookmarked, exported_at=info.exported_at)
    # The note is named by id; the alias lets Obsidian's switcher and links find it by
    # its headline.
    out = _front_matter(fields, tags=obsidian_tags(record.tags), aliases=[headline])
    out += ["", f"# {escape_markdown(headline)}", *_item_lines(record)]
    return "\n".join(out) + "\n"


def split_notes(records: Sequence[LibraryRecord], info: ExportInfo) -> list[tuple[str, bytes]]:
    """(file name, bytes) of one note per item, for `-o FOLDER --split`, its text sanitized
    as `render` does for Markdown (named by the id as stored)."""
    info = readable_info(info)
    return [
        (note_file_name(r.id), render_note(readable, info).encode())
        for r, readable in zip(records, readable_records(records), strict=True)
    ]
