"""The archive model: Archive → Issue → Section → Item, immutable and free of any UI."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

try:  # the built-in module itself: `hashlib` would also load OpenSSL (~2 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

TITLE = "行业动态周报"
PUBLISHER = "中国网络视听协会"

# A compound headline carries several stories: "腾讯：A | B". Some converters lose the bar
# and leave a wide gap; a single space is not a separator (it is common inside headlines).
_SUB_HEADLINE_SPLIT = re.compile(r"\s*[|｜]\s*")
_ENTITY = re.compile(r"^([^：:]{1,12})[：:]")
_WHITESPACE = re.compile(r"\s+")


def fold_for_id(text: str) -> str:
    """The form of a headline that ids are made from: layout-independent (NFKC, no spaces)."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def make_item_id(number: int, headline: str, salt: str = "", *, folded: str | None = None) -> str:
    """A short, readable id from the issue number and the headline text (not its position).

    Re-parsing the same issue from another layout, renaming or moving the file gives the
    same id, because whitespace and width variants are folded away first. `folded` passes
    `fold_for_id(headline)` when the caller has it already.
    """
    key = fold_for_id(headline) if folded is None else folded
    digest = blake2b((key + salt).encode(), digest_size=3).hexdigest()
    return f"{number}-{digest}"


def page_label(page: int) -> str:
    """ "第 2 页": where in its PDF an item is printed, as meta lines and exports say it."""
    from tui.i18n import _

    return _("第 {page} 页").format(page=page)


@dataclass(frozen=True)
class Item:
    """One news item: a headline and its body paragraphs."""

    id: str
    headline: str
    paragraphs: tuple[str, ...]
    section: str
    number: int
    date: date | None
    #: The page its headline is printed on (from 1), for items read from a PDF; else None.
    page: int | None = None

    @property
    def sub_headlines(self) -> tuple[str, ...]:
        """The stories of a compound headline ("腾讯：A | B" → ("腾讯：A", "B"))."""
        parts = [p for p in _SUB_HEADLINE_SPLIT.split(self.headline) if p]
        return tuple(parts) if len(parts) > 1 else (self.headline,)

    @property
    def entity(self) -> str | None:
        """The source named before "：" (腾讯, 芒果 TV, 优酷、腾讯视频), if the headline has one."""
        match = _ENTITY.match(self.headline)
        if match is None:
            return None
        entity = match.group(1).strip()
        # Long prefixes are sentences ("上海发布网络直播营销合规指引："), not sources.
        return entity if entity and len(fold_for_id(entity)) <= 10 else None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Section:
    name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class SummaryBullet:
    """A ◆ line of the 摘要 and the id of the item it announces (None if none matched)."""

    text: str
    item_id: str | None


@dataclass(frozen=True)
class Issue:
    number: int
    date: date | None
    sections: tuple[Section, ...]
    summary: tuple[SummaryBullet, ...] = ()
    footer: tuple[str, ...] = ()
    source: Path = Path()
    warnings: tuple[str, ...] = ()
    title: str = TITLE
    publisher: str = PUBLISHER

    @property
    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    @property
    def label(self) -> str:
        """ "第 393 期 · 2023-12-18", as the meta line and the issue list print it."""
        from tui.i18n import _

        when = self.date.isoformat() if self.date else _("日期不详")
        return _("第 {number} 期 · {date}").format(number=self.number, date=when)


@dataclass(frozen=True)
class SkippedFile:
    """A file of the archive folder that is not a readable weekly, and why."""

    path: Path
    reason: str


class ItemPlace(NamedTuple):
    """Where an item is in its archive: an entry of the one id index, `Archive.places`."""

    item: Item
    issue: Issue
    #: The issue's index in `Archive.issues` (oldest first).
    issue_index: int
    #: The item's section among the issue's sections.
    section_index: int
    #: The item's index among all the items of its issue, across sections.
    item_index: int


@dataclass(frozen=True)
class Archive:
    """Every issue read from one folder, oldest first, and the files that were skipped."""

    root: Path
    issues: tuple[Issue, ...]
    skipped: tuple[SkippedFile, ...] = ()
    warnings: tuple[str, ...] = ()

    @cached_property
    def places(self) -> dict[str, ItemPlace]:
        """The one id index of the archive: item id → the item, its issue and where it is.

        Everything that looks an item up by id (the reader, the library, the CLI) asks this;
        built on first use (the app's loader builds it in its worker thread).
        """
        places: dict[str, ItemPlace] = {}
        for issue_index, issue in enumerate(self.issues):
            item_index = 0
            for section_index, section in enumerate(issue.sections):
                for item in section.items:
                    places[item.id] = ItemPlace(item, issue, issue_index, section_index, item_index)
                    item_index += 1
        return places

    def locate(self, item_id: str) -> ItemPlace | None:
        """Where the item with this id is, if the archive has it."""
        return self.places.get(item_id)

    def item(self, item_id: str) -> Item | None:
        place = self.places.get(item_id)
        return place.item if place is not None else None

    def issue_of(self, item: Item) -> Issue | None:
        place = self.places.get(item.id)
        return place.issue if place is not None else None

    @property
    def newest_first(self) -> tuple[Issue, ...]:
        return tuple(reversed(self.issues))

    @property
    def item_count(self) -> int:
        return sum(issue.item_count for issue in self.issues)
