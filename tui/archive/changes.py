"""What changed in an archive folder between two reads of it, said in a line.

The reader reads the folder again when a file in it changes (or on `r`) and says what
arrived, what went and what was edited; `new_issues` decides which issues are 新: those that
were not in the folder the last time it was read (in this session or the last one). No UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tui.archive.model import Archive
from tui.i18n import _, _n

#: Issue numbers named in a notice before "…".
NAMED = 5


class ArchiveChanges(NamedTuple):
    """Issues added, removed and edited between two reads, and files newly skipped."""

    added: tuple[int, ...]
    removed: tuple[int, ...]
    edited: tuple[int, ...]
    newly_skipped: int

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.edited or self.newly_skipped)

    def notice(self) -> str:
        """A line for a toast: "新到第 404 期；第 393 期有改动"."""
        parts = []
        if self.added:
            parts.append(_("新到{issues}").format(issues=_issues(self.added)))
        if self.removed:
            parts.append(_("{issues}的文件不见了").format(issues=_issues(self.removed)))
        if self.edited:
            parts.append(_("{issues}有改动").format(issues=_issues(self.edited)))
        if self.newly_skipped:
            parts.append(
                _n("{count} 个新文件无法读取", self.newly_skipped).format(count=self.newly_skipped)
            )
        return "；".join(parts)


def _issues(numbers: tuple[int, ...]) -> str:
    named = "、".join(str(number) for number in numbers[:NAMED])
    more = "…" if len(numbers) > NAMED else ""
    if len(numbers) == 1:
        return _("第 {number} 期").format(number=named)
    return _n("{count} 期（第 {numbers}{more} 期）", len(numbers)).format(
        count=len(numbers), numbers=named, more=more
    )


def archive_changes(old: Archive, new: Archive) -> ArchiveChanges:
    """What `new` (the folder read again) holds that `old` did not, and the reverse."""
    old_numbers = {issue.number for issue in old.issues}
    new_numbers = {issue.number for issue in new.issues}
    old_items = {issue.source: tuple(issue.items) for issue in old.issues}
    edited = {
        issue.number
        for issue in new.issues
        if issue.number in old_numbers
        and issue.source in old_items
        and old_items[issue.source] != tuple(issue.items)
    }
    old_skipped = {skipped.path for skipped in old.skipped}
    return ArchiveChanges(
        added=tuple(sorted(new_numbers - old_numbers, reverse=True)),
        removed=tuple(sorted(old_numbers - new_numbers, reverse=True)),
        edited=tuple(sorted(edited, reverse=True)),
        newly_skipped=sum(1 for skipped in new.skipped if skipped.path not in old_skipped),
    )


def new_issues(numbers: Iterable[int], known: frozenset[int]) -> frozenset[int]:
    """The issues among `numbers` that are not `known`: 新."""
    return frozenset(numbers) - known
