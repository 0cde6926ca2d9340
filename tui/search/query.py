"""The query language: words, "exact phrases", -exclusions and key:value filters.

    短剧 腾讯                  every word must match (fuzzy, pinyin or full text)
    "AI 赋能"  “最低价协议”     an exact phrase (no fuzz, no pinyin, spaces ignored)
    -抖音  -"低价"             leave out items that contain this
    sec:技术                   section name contains 技术
    no:393  no:390..410  no:400..   issue number or range (open ends allowed)
    date:2024-02  date:2023-12-01..2024-01-31  date:2024   a day, month, year or range
    #AI  is:bookmarked  is:read  is:unread  is:noted  is:tagged   (need the library)

Any filter may be negated with a leading "-". A word that only looks like a filter
(腾讯:微信, OpenAI:) is text: only the keys above, in ASCII, start a filter. Parsing never
needs the archive; `QueryError` carries a short message to show under the input.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from tui.i18n import _, join_list

if TYPE_CHECKING:
    from tui.archive.model import Issue

STATES = ("bookmarked", "read", "unread", "noted", "tagged")


class QueryError(ValueError):
    """A filter the search cannot use; the message is short enough for one line."""


@dataclass(frozen=True)
class SectionFilter:
    name: str
    negated: bool = False


@dataclass(frozen=True)
class NumberFilter:
    low: int | None
    high: int | None
    negated: bool = False

    def accepts(self, number: int) -> bool:
        inside = (self.low is None or number >= self.low) and (
            self.high is None or number <= self.high
        )
        return inside != self.negated

    def accepts_issue(self, issue: Issue) -> bool:
        return self.accepts(issue.number)


@dataclass(frozen=True)
class DateFilter:
    low: date | None
    high: date | None
    negated: bool = False

    def accepts(self, when: date | None) -> bool:
        if when is None:
            return self.negated
        inside = (self.low is None or when >= self.low) and (self.high is None or when <= self.high)
        return inside != self.negated

    def accepts_issue(self, issue: Issue) -> bool:
        return self.accepts(issue.date)


@dataclass(frozen=True)
class TagFilter:
    tag: str
    negated: bool = False


@dataclass(frozen=True)
class StateFilter:
    state: str
    negated: bool = False


Filter = SectionFilter | NumberFilter | DateFilter | TagFilter | StateFilter


@dataclass(frozen=True)
class Query:
    """A parsed query. `terms` are matched fuzzily; `phrases` and `excluded` exactly."""

    text: str
    terms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.excluded or self.filters)

    @property
    def needs_library(self) -> bool:
        return any(isinstance(f, TagFilter | StateFilter) for f in self.filters)


# One token: an optional "-", then a quoted phrase (ASCII or Chinese quotes; a phrase still
# being typed has no closing quote yet) or a run of non-space characters.
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|(\S+))')
_FILTER = re.compile(r"(sec|no|date|is):(.*)", re.ASCII)
_NUMBER_RANGE = re.compile(r"(\d*)\.\.(\d*)")
_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_query(text: str) -> Query:
    """Parse what the user typed; raise QueryError for a filter that cannot be used."""
    terms: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    filters: list[Filter] = []
    for match in _TOKEN.finditer(text):
        negated = match.group(1) == "-"
        phrase = match.group(2) if match.group(2) is not None else match.group(3)
        word = match.group(4)
        if phrase is not None:
            if phrase.strip():
                (excluded if negated else phrases).append(phrase)
            continue
        if word is None or word == "-":
            # An empty quote, or a "-" whose word is not typed yet: nothing to match.
            continue
        parsed = _parse_filter(word, negated)
        if parsed is not None:
            filters.append(parsed)
        elif negated:
            excluded.append(word)
        else:
            terms.append(word)
    return Query(text, tuple(terms), tuple(phrases), tuple(excluded), tuple(filters))


def _parse_filter(word: str, negated: bool) -> Filter | None:
    if word.startswith("#") and len(word) > 1:
        return TagFilter(word[1:], negated)
    match = _FILTER.fullmatch(word)
    if match is None:
        return None
    key, value = match.group(1), match.group(2)
    if not value:
        raise QueryError(
            _("{key}: 后面要有值，如 {example}").format(key=key, example=_EXAMPLES[key])
        )
    if key == "sec":
        return SectionFilter(value, negated)
    if key == "no":
        low, high = _number_range(value)
        return NumberFilter(low, high, negated)
    if key == "date":
        low_day, high_day = _date_range(value)
        return DateFilter(low_day, high_day, negated)
    state = value.casefold()
    if state not in STATES:
        states = join_list(f"is:{s}" for s in STATES)
        raise QueryError(_("is:{value}？可用的有：{states}").format(value=value, states=states))
    return StateFilter(state, negated)


_EXAMPLES = {
    "sec": "sec:技术",
    "no": "no:390..410",
    "date": "date:2024-02",
    "is": "is:bookmarked",
}


def _number_range(value: str) -> tuple[int | None, int | None]:
    if value.isascii() and value.isdigit():
        return int(value), int(value)
    match = _NUMBER_RANGE.fullmatch(value)
    if match is None or value == "..":
        raise QueryError(
            _("no:{value}？请写期号或期号范围：no:393、no:390..410").format(value=value)
        )
    low = int(match.group(1)) if match.group(1) else None
    high = int(match.group(2)) if match.group(2) else None
    if low is not None and high is not None and low > high:
        raise QueryError(_("no:{value}？范围是空的（小的期号写在前面）").format(value=value))
    return low, high


def _date_range(value: str) -> tuple[date | None, date | None]:
    low_text, dots, high_text = value.partition("..")
    if not dots:
        return _day_bounds(value)
    if not low_text and not high_text:
        raise QueryError(_("date:..？至少要写一头，如 date:2024-01.."))
    low = _day_bounds(low_text)[0] if low_text else None
    high = _day_bounds(high_text)[1] if high_text else None
    if low is not None and high is not None and low > high:
        raise QueryError(_("date:{value}？范围是空的（早的日期写在前面）").format(value=value))
    return low, high


def _day_bounds(text: str) -> tuple[date, date]:
    """The first and last day that "2024", "2024-02" or "2024-02-26" stand for."""
    match = _DAY.fullmatch(text) if text.isascii() else None
    if match is None:
        raise QueryError(
            _("date:{value}？请写 YYYY、YYYY-MM 或 YYYY-MM-DD（范围用 ..）").format(value=text)
        )
    year = int(match.group(1))
    try:
        if match.group(3) is not None:
            day = date(year, int(match.group(2)), int(match.group(3)))
            return day, day
        if match.group(2) is not None:
            month = int(match.group(2))
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        raise QueryError(_("date:{value}？没有这一天").format(value=text)) from None
