"""Read one issue file into an Issue, whatever its layout and encoding."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.archive.assemble import assemble_issue
from tui.archive.blocks import split_blocks
from tui.archive.decode import MAX_ISSUE_BYTES, NotAWeekly, decode_issue_bytes, too_large
from tui.archive.model import Issue
from tui.archive.pdf_text import MAX_PDF_BYTES, is_pdf
from tui.i18n import _, os_reason
from tui.sanitize import sanitize


def parse_text(text: str, source: Path = Path("<text>")) -> Issue:
    """Parse decoded text. Raises NotAWeekly when it is not an issue of the weekly."""
    # Text from a file is data: escape sequences, bidi overrides and invisible characters
    # never reach the model (nor the search index, the library or an export). Layout
    # characters stay for the parser; a BOM anywhere goes.
    text = sanitize(text, "source")
    blocks = split_blocks(text)
    if not blocks:
        raise NotAWeekly(_("没有文字"))
    return assemble_issue(blocks, source)


def parse_bytes(data: bytes, source: Path = Path("<bytes>")) -> Issue:
    """Parse an issue file's bytes: a PDF (by its header, whatever the name), or text."""
    if is_pdf(data):
        return parse_pdf(data, source)
    text, _encoding = decode_issue_bytes(data)
    return parse_text(text, source)


def parse_pdf(data: bytes, source: Path = Path("<pdf>")) -> Issue:
    """Parse a PDF's bytes. Raises NotAWeekly when it cannot be read or is not an issue."""
    from tui.archive.pdf_blocks import pdf_blocks
    from tui.archive.pdf_text import read_pdf_lines

    blocks = pdf_blocks(read_pdf_lines(data))
    for block in blocks:  # a PDF's text is data too (see parse_text)
        block.text = sanitize(block.text, "line")
    if not blocks:
        raise NotAWeekly(_("没有文字"))
    return assemble_issue(blocks, source)


def read_issue_bytes(path: Path) -> bytes:
    """The bytes of an issue file; refuses huge files, and anything but a regular file
    (a FIFO would block, a device never end), before reading them."""
    try:
        # Non-blocking, so that opening a FIFO returns at once; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise NotAWeekly(_("不是普通文件"))
            limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_ISSUE_BYTES
            if info.st_size > limit:
                raise NotAWeekly(too_large(info.st_size))
            return handle.read(limit + 1)
    except OSError as error:
        raise NotAWeekly(_("无法读取：{reason}").format(reason=os_reason(error))) from error


def parse_issue(path: Path) -> Issue:
    """Parse the issue in `path`. Raises NotAWeekly (a one-line reason) for anything else."""
    return parse_bytes(read_issue_bytes(path), path)
