"""How long a note and a tag may be, so that showing one never stalls the screen.

Laying out text costs about 0.9 s per million characters (`tui.typeset.wrap_paragraph`, on
the UI thread), so a 3 MB note froze the reader for seconds. A note holds up to 100,000
characters — some 50 pages of Chinese, far beyond any note, and laid out in under 0.1 s. A
tag is a label shown on one line beside others: 200 characters already fill five lines of an
80-column terminal, and nothing longer is a label. What is longer is refused, with a
message saying which and how long; `zhoubao import` and `zhoubao bookmark` apply this.
"""

from __future__ import annotations

from tui.i18n import _

MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 200
# How much of a refused tag a message quotes.
_QUOTED_CHARS = 20


def note_too_long(note: str) -> str | None:
    """Why `note` is refused ("备注有 … 个字，超过上限 100000"), or None if it may be kept."""
    if len(note) <= MAX_NOTE_CHARS:
        return None
    return _("备注有 {length} 个字，超过上限 {limit}").format(
        length=len(note), limit=MAX_NOTE_CHARS
    )


def tag_too_long(tag: str) -> str | None:
    """Why `tag` is refused (quoting its start), or None if it may be kept."""
    if len(tag) <= MAX_TAG_CHARS:
        return None
    return _("标签“{start}…”有 {length} 个字，超过上限 {limit}").format(
        start=tag[:_QUOTED_CHARS], length=len(tag), limit=MAX_TAG_CHARS
    )


def capped_marks(
    item_id: str, tags: tuple[str, ...], note: str
) -> tuple[tuple[str, ...], str, list[str]]:
    """The tags and note of an imported item within the limits, and one line per refused
    one ("条目 393-5f1c2a：备注有 3000000 个字，超过上限 100000，未导入")."""
    refused = []
    kept_tags = []
    for tag in tags:
        reason = tag_too_long(tag)
        if reason is None:
            kept_tags.append(tag)
        else:
            refused.append(refusal(item_id, reason))
    reason = note_too_long(note)
    if reason is not None:
        refused.append(refusal(item_id, reason))
        note = ""
    return tuple(kept_tags), note, refused


def refusal(item_id: str, reason: str) -> str:
    """The line saying that an item's note or tag was not imported, and why."""
    return _("条目 {id}：{reason}，未导入").format(id=item_id, reason=reason)
