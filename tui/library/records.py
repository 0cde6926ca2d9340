"""What the library keeps about an item: a snapshot of it, and the user's marks on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.archive.model import TITLE, Issue, Item, ItemPlace, page_label
from tui.i18n import _


def storable_name(name: str) -> str:
    """A file name as text SQLite can keep and a citation can show: the bytes of a name that
    is not UTF-8 (lone surrogates, from `os.fsdecode`) become `\\xNN`, as the reader shows
    them; any other lone surrogate becomes `\\udcNN`."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True)
class Snapshot:
    """Enough of an item to show and export it after its file is gone."""

    id: str
    number: int
    date: date | None
    section: str
    headline: str
    paragraphs: tuple[str, ...]
    #: The item's index among all items of its issue, so exports keep the issue's order.
    position: int = 0
    source_title: str = TITLE
    #: The PDF page the headline is printed on; None for items read from text.
    page: int | None = None
    #: The name of the issue's file ("行业动态周报393.pdf"), for citations; "" if unknown.
    source_file: str = ""

    @classmethod
    def at(cls, place: ItemPlace) -> Snapshot:
        """The item at this place of the archive's index, as the library keeps it."""
        return cls.of(place.item, place.issue, place.item_index)

    @classmethod
    def of(cls, item: Item, issue: Issue | None = None, position: int | None = None) -> Snapshot:
        if position is None:
            position = 0
            if issue is not None:
                position = next((i for i, it in enumerate(issue.items) if it.id == item.id), 0)
        return cls(
            id=item.id,
            number=item.number,
            date=item.date,
            section=item.section,
            headline=item.headline,
            paragraphs=item.paragraphs,
            position=position,
            source_title=issue.title if issue is not None else TITLE,
            page=item.page,
            source_file=storable_name(issue.source.name) if issue is not None else "",
        )

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def date_label(self) -> str:
        return self.date.isoformat() if self.date else _("日期不详")

    @property
    def meta_line(self) -> str:
        """ "第 393 期 · 2023-12-18 · 要闻 · 第 2 页", the line under a headline (the page only
        for items read from a PDF)."""
        return " · ".join(self.meta_fields)

    @property
    def meta_fields(self) -> list[str]:
        """The meta line's fields ("第 393 期", "2023-12-18", "要闻"…), for `wrap_meta`."""
        issue = _("第 {number} 期 · {date}").format(number=self.number, date=self.date_label)
        fields = [*issue.split(" · "), self.section]
        return fields if self.page is None else [*fields, page_label(self.page)]


@dataclass(frozen=True)
class LibraryRecord:
    """One item of the library: its snapshot, the user's marks, and whether it is on disk."""

    snapshot: Snapshot
    bookmarked: bool
    tags: tuple[str, ...]
    note: str
    read: bool
    #: False when the item's id is not in the archive that is open (file removed, re-parsed).
    in_archive: bool
    #: When the item was last kept (bookmarked, tagged, noted): ISO time, UTC; "" unknown.
    kept_at: str = ""

    @property
    def id(self) -> str:
        return self.snapshot.id

    @property
    def kept(self) -> bool:
        """Bookmarked, tagged or annotated: what the library view and `--all` exports list."""
        return self.bookmarked or bool(self.tags) or bool(self.note)

    def as_dict(self) -> dict[str, object]:
        """Every field, in the shape the JSON export and `zhoubao library --json` print."""
        snap = self.snapshot
        return {
            "id": snap.id,
            "headline": snap.headline,
            "number": snap.number,
            "date": snap.date.isoformat() if snap.date else None,
            "section": snap.section,
            "source_title": snap.source_title,
            "source_file": snap.source_file,
            "page": snap.page,
            "position": snap.position,
            "tags": list(self.tags),
            "note": self.note,
            "bookmarked": self.bookmarked,
            "read": self.read,
            "in_archive": self.in_archive,
            "paragraphs": list(snap.paragraphs),
        }
