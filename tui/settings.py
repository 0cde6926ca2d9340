"""The reader's remembered choices: the language, theme, key map, the last position in each
archive, the issues each archive held last time (what is 新 the next time) and the last
export's format and scope.

Stored as JSON in `tui.paths.settings_file()`. A missing, unreadable or malformed file is
never an error: the reader starts with defaults and writes a good file the next time it saves.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui import paths


@dataclass(frozen=True)
class LastRead:
    """Where the reader was in one archive: the issue number and the item shown (kept by
    number and id, unlike `tui.navigation.Position`, so it survives files added or removed)."""

    issue: int
    item_id: str | None = None


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog exported last time, and offers first the next time."""

    #: One of `tui.library.export.FORMATS` ("md", "docx", …).
    format: str
    #: "bookmarked", "all" or "results" (a search's hits).
    scope: str


@dataclass
class Settings:
    """Everything the reader remembers between runs."""

    theme: str | None = None
    #: The language on screen, "zh_CN" or "en" (None: the locale's; `ZHOUBAO_LANG` overrides
    #: it). Read by the CLI before anything is shown (`tui.i18n.choose_language`).
    language: str | None = None
    #: Binding id → keys ("app.quit": "ctrl+q"), handed to `App.set_keymap`.
    keymap: dict[str, str] = field(default_factory=dict)
    #: Archive path (resolved, as text) → last position read there.
    positions: dict[str, LastRead] = field(default_factory=dict)
    #: The last export's format and scope (None: never exported).
    export: ExportChoice | None = None
    #: Archive path → the issue numbers it held when last read: an issue not among them
    #: arrived since, and is marked 新.
    known_issues: dict[str, frozenset[int]] = field(default_factory=dict)

    def last_read_in(self, archive_root: Path) -> LastRead | None:
        return self.positions.get(_archive_key(archive_root))

    def remember_last_read(self, archive_root: Path, last_read: LastRead) -> None:
        self.positions[_archive_key(archive_root)] = last_read

    def known_issues_in(self, archive_root: Path) -> frozenset[int] | None:
        """The issues the archive held last time, or None if it was never opened."""
        return self.known_issues.get(_archive_key(archive_root))

    def remember_known_issues(self, archive_root: Path, numbers: frozenset[int]) -> None:
        self.known_issues[_archive_key(archive_root)] = numbers


def _archive_key(archive_root: Path) -> str:
    """The folder's path as a key of settings.json: the bytes of a path that is not UTF-8
    as `\\xNN` (its lone surrogates cannot be written as UTF-8)."""
    resolved = os.fsencode(archive_root.expanduser().resolve())
    return resolved.decode("utf-8", "backslashreplace")


def _str_dict(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _positions(value: Any) -> dict[str, LastRead]:
    if not isinstance(value, dict):
        return {}
    positions: dict[str, LastRead] = {}
    for key, entry in value.items():
        if not isinstance(key, str) or not isinstance(entry, dict):
            continue
        issue, item_id = entry.get("issue"), entry.get("item_id")
        if isinstance(issue, int) and (item_id is None or isinstance(item_id, str)):
            positions[key] = LastRead(issue, item_id)
    return positions


def _known_issues(value: Any) -> dict[str, frozenset[int]]:
    if not isinstance(value, dict):
        return {}
    return {
        key: frozenset(n for n in numbers if isinstance(n, int) and not isinstance(n, bool))
        for key, numbers in value.items()
        if isinstance(key, str) and isinstance(numbers, list)
    }


def _export_choice(value: Any) -> ExportChoice | None:
    if not isinstance(value, dict):
        return None
    fmt, scope = value.get("format"), value.get("scope")
    if isinstance(fmt, str) and isinstance(scope, str):
        return ExportChoice(fmt, scope)
    return None


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; any part that is missing or malformed falls back to defaults."""
    path = path or paths.settings_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    theme, language = raw.get("theme"), raw.get("language")
    return Settings(
        theme=theme if isinstance(theme, str) else None,
        language=language if isinstance(language, str) else None,
        keymap=_str_dict(raw.get("keymap")),
        positions=_positions(raw.get("positions")),
        export=_export_choice(raw.get("export")),
        known_issues=_known_issues(raw.get("known_issues")),
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a crash mid-write leaves the old file intact)."""
    path = path or paths.settings_file()
    data = {
        "language": settings.language,
        "theme": settings.theme,
        "keymap": settings.keymap,
        "positions": {
            key: {"issue": pos.issue, "item_id": pos.item_id}
            for key, pos in settings.positions.items()
        },
        "export": (
            {"format": settings.export.format, "scope": settings.export.scope}
            if settings.export is not None
            else None
        ),
        "known_issues": {key: sorted(numbers) for key, numbers in settings.known_issues.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
