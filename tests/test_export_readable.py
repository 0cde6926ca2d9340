"""The exports people read (Markdown, Word, CSV) hold no control, bidi or invisible character
from the library's text; JSON and CSL-JSON keep the text as stored."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st
from library_samples import EXPORTED_AT

from tui.library import LibraryRecord, Snapshot
from tui.library.export import ExportFilter, render
from tui.library.export_markdown import split_notes

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# What a file, a paste or an import may carry: controls, breaks, bidi, invisible characters,
# lone surrogates.
TRICKY = (
    "\x00\x07\x1b\t\n\r\x0b\x0c\x7f\x85\x9b\u2028\u2029\u200b\u200c\u00ad\ufeff\u2060"
    "\U000e0041\u200d\ud800\udc80" + BIDI
)
outside_text = st.text(
    alphabet=st.sampled_from(TRICKY) | st.characters(exclude_categories=()), max_size=20
)
ZWJ = "\u200d"  # kept, as emoji sequences need it (tui.sanitize)


def _unsafe(text: str, allowed: str) -> list[str]:
    """The characters of `text` no reader should get raw: controls (but the format's own
    `allowed`), bidi controls and invisible format characters."""
    return [
        char
        for char in text
        if char not in allowed
        and char != ZWJ
        and (char in BIDI or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"})
    ]


def _record(headline: str, section: str, tags: list[str], note: str, body: str) -> LibraryRecord:
    snap = Snapshot("1-abcdef", 1, date(2024, 1, 1), section, headline, (body, note), 0,
                    source_title="周报" + headline, page=3, source_file=note + ".pdf")  # fmt: skip
    return LibraryRecord(snap, True, tuple(tags), note, False, False)


@settings(max_examples=60, deadline=None)
@example("RTL\u202e反", "要闻", ["RTL\u202e反"], "备注\u202e\u200b\x1b[2J", "正文\u2066", "\u202e")
@given(
    outside_text, outside_text, st.lists(outside_text, max_size=3), outside_text, outside_text,
    outside_text,
)  # fmt: skip
def test_readable_exports_hold_no_control_bidi_or_invisible_character(
    headline: str, section: str, tags: list[str], note: str, body: str, query: str
) -> None:
    records = [_record(headline, section, tags, note, body)]
    info = ExportFilter(search=query).info(EXPORTED_AT)
    markdown = render("md", records, info).decode()
    assert _unsafe(markdown, "\n\t") == []
    for _name, data in split_notes(records, info):
        assert _unsafe(data.decode(), "\n\t") == []
    table = render("csv", records, info).decode("utf-8-sig")
    assert _unsafe(table, "\r\n\t") == []
    with zipfile.ZipFile(io.BytesIO(render("docx", records, info))) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                assert _unsafe(package.read(name).decode(), "\r\n\t") == [], name


def test_json_and_csl_json_keep_the_text_as_stored() -> None:
    tag = "RTL\u202e反"
    records = [_record("标题\u200b", "要闻", [tag], "备注\u2066", "正文")]
    info = ExportFilter().info(EXPORTED_AT)
    [item] = json.loads(render("json", records, info))["items"]
    assert item["tags"] == [tag] and item["note"] == "备注\u2066"
    assert item["headline"] == "标题\u200b"
    [entry] = json.loads(render("csl-json", records, info))
    assert entry["keyword"] == tag


def test_a_tag_with_a_bidi_override_reads_as_on_screen() -> None:
    records = [_record("标题", "要闻", ["RTL\u202e反"], "", "正文")]
    table = render("csv", records, ExportFilter().info(EXPORTED_AT)).decode("utf-8-sig")
    assert "RTL\ufffd反" in table and "\u202e" not in table
