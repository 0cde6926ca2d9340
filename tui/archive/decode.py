"""Bytes of an issue file → text: encodings, byte-order marks, line ends, size limits."""

from __future__ import annotations

import codecs

from tui.i18n import _

#: A weekly is about 20 KB; anything far larger is not one, and reading it would stall the load.
MAX_ISSUE_BYTES = 4 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class NotAWeekly(ValueError):
    """The file is not an issue of the weekly; the message is a one-line reason."""


def too_large(size: int) -> str:
    """The reason a file of `size` bytes is no weekly."""
    return _("太大，不像一期周报（{size:.1f} MB）").format(size=size / 1_048_576)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 from where the NUL bytes sit (every other byte, in ASCII-heavy text)."""
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2 or 1
    if odd > half * 0.3 and even < half * 0.05:
        encoding = "utf-16-le"
    elif even > half * 0.3 and odd < half * 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_issue_bytes(data: bytes) -> tuple[str, str]:
    """Decode an issue file; returns (text with "\\n" line ends, encoding name).

    UTF-8 is tried first because GB18030 accepts many UTF-8 byte strings as (wrong) text,
    never the other way round for real Chinese prose.
    """
    if len(data) > MAX_ISSUE_BYTES:
        raise NotAWeekly(too_large(len(data)))
    if not data.strip():
        raise NotAWeekly(_("空文件"))
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(name), name + " with BOM"
            except UnicodeDecodeError as error:
                raise NotAWeekly(
                    _("有 {encoding} 的字节顺序标记，内容却不是 {encoding} 文本").format(
                        encoding=name
                    )
                ) from error
            break
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise NotAWeekly(_("二进制数据，不是文本"))
        encoding = "utf-16"
    if text is None:
        for name in ("utf-8", "gb18030"):
            try:
                text, encoding = data.decode(name), name
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise NotAWeekly(_("不是文本：既不是 UTF-8 也不是 GB18030"))
    if "\x00" in text:
        raise NotAWeekly(_("二进制数据，不是文本"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding
