"""Issues as plain data: the JSON shape of ../shared/expected, plus ids and warnings."""

from __future__ import annotations

from typing import Any

from tui.archive.model import Archive, Issue, Item


def issue_to_dict(issue: Issue) -> dict[str, Any]:
    return {
        "title": issue.title,
        "publisher": issue.publisher,
        "number": issue.number,
        "date": issue.date.isoformat() if issue.date else None,
        "summary": [bullet.text for bullet in issue.summary],
        # The same bullets with the id of the item each announces (null when none matched),
        # so links can be checked from the shell; `summary` keeps the expected JSON's shape.
        "summary_links": [
            {"text": bullet.text, "item_id": bullet.item_id} for bullet in issue.summary
        ],
        "footer": list(issue.footer),
        "sections": [
            {
                "name": section.name,
                "items": [
                    {
                        "id": item.id,
                        "headline": item.headline,
                        "page": item.page,
                        "paragraphs": list(item.paragraphs),
                    }
                    for item in section.items
                ],
            }
            for section in issue.sections
        ],
        "item_count": issue.item_count,
        "source": str(issue.source),
        "warnings": list(issue.warnings),
    }


def item_to_dict(item: Item, issue: Issue) -> dict[str, Any]:
    """One item and where it comes from (`zhoubao show ID --json`): the file as an absolute
    path, exact (a name that is not UTF-8 keeps its bytes as `os.fsdecode` gives them)."""
    return {
        "id": item.id,
        "title": issue.title,
        "number": item.number,
        "date": item.date.isoformat() if item.date else None,
        "section": item.section,
        "headline": item.headline,
        "page": item.page,
        "paragraphs": list(item.paragraphs),
        "source": str(issue.source.resolve()),
    }


def archive_listing(archive: Archive) -> dict[str, Any]:
    return {
        "archive": str(archive.root),
        "issues": [
            {
                "number": issue.number,
                "date": issue.date.isoformat() if issue.date else None,
                "items": issue.item_count,
                "file": str(issue.source),
                "warnings": list(issue.warnings),
            }
            for issue in archive.newest_first
        ],
        "skipped": [{"file": str(s.path), "reason": s.reason} for s in archive.skipped],
        "warnings": list(archive.warnings),
    }
