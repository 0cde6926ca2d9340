"""The masthead of an issue: title, 第 N 期 and date, with the file name as a fallback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui.archive.blocks import Block
from tui.archive.decode import NotAWeekly
from tui.archive.model import PUBLISHER, TITLE
from tui.archive.vocabulary import DATE, FILE_NAME, NUMBER, PUBLISHERS, SUMMARY_HEADING, TITLES
from tui.i18n import _

#: Marks that open a 摘要 bullet (converters and PDF extractors use different ones).
BULLET_MARKS = "◆◇•●■□▪▶►·"
#: The masthead is in the first blocks; a weekly's title further down is a quotation.
_HEADER_SPAN = 12


@dataclass(frozen=True)
class Header:
    number: int
    date: date | None
    #: Index of the first block after the masthead.
    end: int
    warnings: tuple[str, ...]
    #: The title and publisher as printed (Simplified, or a Traditional conversion).
    title: str = TITLE
    publisher: str = PUBLISHER


def read_header(blocks: list[Block], source: Path) -> Header:
    """Read the masthead. Raises NotAWeekly when there is none."""
    number: int | None = None
    when: date | None = None
    titled = False
    title, publisher = TITLE, PUBLISHER
    end = 0
    for index, block in enumerate(blocks[:_HEADER_SPAN]):
        text = block.text
        if SUMMARY_HEADING.match(text) or text.startswith(tuple(BULLET_MARKS)):
            break
        found = False
        if printed := next((t for t in TITLES if t in text), None):
            titled = found = True
            title = printed
        if number is None and (match := NUMBER.search(text)):
            number, found = int(match.group(1)), True
        if when is None and (match := DATE.search(text)):
            when, found = make_date(*match.groups()), True
        if (printed := next((p for p in PUBLISHERS if p in text), None)) and len(text) <= 20:
            found = True
            publisher = printed
        if found:
            end = index + 1
    if not titled and (number is None or when is None):
        raise NotAWeekly(
            _("开头几行没有《{title}》的报头（刊名、第 N 期、日期）").format(title=TITLE)
        )
    warnings: list[str] = []
    hint_number, hint_date = _from_file_name(source)
    if number is None:
        if hint_number is None:
            raise NotAWeekly(_("报头和文件名里都没有期号（第 N 期）"))
        number = hint_number
        warnings.append(_("期号 {number} 取自文件名").format(number=number))
    if when is None:
        when = hint_date
        warnings.append(_("报头里没有日期，取自文件名") if when else _("报头里没有日期"))
    return Header(number, when, end, tuple(warnings), title, publisher)


def make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _from_file_name(path: Path) -> tuple[int | None, date | None]:
    """ "393-2023-12-18.txt" → (393, 2023-12-18), for files whose masthead lacks them."""
    match = FILE_NAME.search(path.stem)
    if match is None:
        return None, None
    year, month, day = match.group(2, 3, 4)
    return int(match.group(1)), make_date(year, month, day) if year else None
