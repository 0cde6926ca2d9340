"""A folder of issue files → an Archive: every good issue, and every skipped file with why.

The files come from the one walk of the folder (`tui.archive.walk`), whose problems (a
link that loops, a folder that cannot be listed, a FIFO) are skipped files too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tui.archive.decode import NotAWeekly
from tui.archive.model import Archive, Issue, Section, SkippedFile, make_item_id
from tui.archive.parser import parse_issue
from tui.archive.walk import walk_archive
from tui.i18n import _

ParseFn = Callable[[Path], Issue]


def read_issues(
    files: Iterable[Path], parse: ParseFn = parse_issue
) -> Iterator[Issue | SkippedFile]:
    """Parse each file; a file that is not a weekly (or any reading error) becomes a SkippedFile."""
    for path in files:
        try:
            yield parse(path)
        except NotAWeekly as error:
            yield SkippedFile(path, str(error))
        except (OSError, ValueError, RecursionError) as error:
            # The parser is tested never to raise; should a new kind of file still break it,
            # the rest of the archive opens and the file is reported, not lost silently.
            yield SkippedFile(path, f"unreadable ({type(error).__name__}: {error})")


def build_archive(
    root: Path, results: Iterable[Issue | SkippedFile], notes: Iterable[str] = ()
) -> Archive:
    """Order the issues oldest first and give duplicate copies of an issue their own ids;
    `notes` (from the walk) become warnings of the archive."""
    issues: list[Issue] = []
    skipped: list[SkippedFile] = []
    for result in results:
        if isinstance(result, SkippedFile):
            skipped.append(result)
        else:
            issues.append(result)
    # Of several files holding one issue, the most complete keeps the plain item ids, so that
    # adding a partial copy (a truncated download, an excerpt) never moves existing ids.
    issues.sort(
        key=lambda issue: (
            issue.number,
            -issue.item_count,
            len(issue.warnings),
            str(issue.source),
        )
    )
    warnings: list[str] = list(notes)
    copies: dict[int, int] = {}
    #: The file of each issue that keeps the plain ids, named beside each other copy.
    kept: dict[int, Path] = {}
    for position, issue in enumerate(issues):
        copies[issue.number] = copies.get(issue.number, 0) + 1
        kept.setdefault(issue.number, issue.source)
        if copies[issue.number] > 1:
            warnings.append(
                _("第 {number} 期在不止一个文件里：{path}（另一份：{kept}）").format(
                    number=issue.number, path=issue.source, kept=kept[issue.number]
                )
            )
            issues[position] = _as_copy(issue, copies[issue.number])
    return Archive(
        root=root, issues=tuple(issues), skipped=tuple(skipped), warnings=tuple(warnings)
    )


def _as_copy(issue: Issue, copy: int) -> Issue:
    """A second file of the same issue keeps its items, under ids that cannot collide."""
    sections = tuple(
        Section(
            section.name,
            tuple(
                dataclasses.replace(
                    item, id=make_item_id(issue.number, item.headline, f"{item.id}/copy{copy}")
                )
                for item in section.items
            ),
        )
        for section in issue.sections
    )
    remap = {
        old.id: new.id
        for old, new in zip(issue.items, (i for s in sections for i in s.items), strict=True)
    }
    summary = tuple(
        dataclasses.replace(bullet, item_id=remap.get(bullet.item_id or ""))
        for bullet in issue.summary
    )
    note = _("另一个文件也是第 {number} 期；这一份的条目有自己的编号").format(number=issue.number)
    return dataclasses.replace(
        issue, sections=sections, summary=summary, warnings=(*issue.warnings, note)
    )


def load_archive(root: Path, parse: ParseFn = parse_issue) -> Archive:
    """Read every issue under `root` (a folder, or a single issue file), without the cache."""
    walk = walk_archive(root)
    files = read_issues((found.path for found in walk.files), parse)
    return build_archive(root, [*walk.problems, *files], walk.notes)
