"""Saved searches: queries kept under a name, shown in the reader as views of the archive
(like newsboat's query feeds or neomutt's virtual mailboxes).

One small JSON file in the user's data folder (`tui.paths.saved_searches_file`). Every change
re-reads the file under a lock, changes it and replaces it whole, so two zhoubao processes
saving at once both keep their search; a file that cannot be read as saved searches is moved
aside (never overwritten) and the user is told where it went.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui import paths
from tui.i18n import _
from tui.search.query import QueryError, parse_query

MAX_NAME_LENGTH = 40
MAX_SEARCHES = 200


class SavedSearchError(ValueError):
    """A name or query that cannot be saved; the message is one line for the user."""


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str


class SavedSearches:
    """The saved searches, in the order they were saved."""

    def __init__(self, path: Path, searches: list[SavedSearch], notice: str = "") -> None:
        self.path = path
        self.searches = searches
        #: Set when the file could not be read and was moved aside.
        self.notice = notice

    @classmethod
    def load(cls, path: Path | None = None) -> SavedSearches:
        path = path or paths.saved_searches_file()
        searches, notice = _read(path)
        return cls(path, searches, notice)

    def names(self) -> list[str]:
        return [search.name for search in self.searches]

    def get(self, name: str) -> SavedSearch | None:
        return next((s for s in self.searches if s.name == name), None)

    def save(self, name: str, query: str) -> None:
        """Keep `query` under `name` (replacing a search of that name)."""
        name = check_name(name)
        check_query(query)
        with self._changing() as searches:
            at = next((i for i, s in enumerate(searches) if s.name == name), None)
            if at is None:
                if len(searches) >= MAX_SEARCHES:
                    raise SavedSearchError(_("最多保存 {count} 个搜索").format(count=MAX_SEARCHES))
                searches.append(SavedSearch(name, query))
            else:
                searches[at] = SavedSearch(name, query)

    def rename(self, old: str, new: str) -> None:
        new = check_name(new)
        with self._changing() as searches:
            if new != old and any(s.name == new for s in searches):
                raise SavedSearchError(_("已经有一个叫“{name}”的搜索").format(name=new))
            for index, search in enumerate(searches):
                if search.name == old:
                    searches[index] = SavedSearch(new, search.query)

    def delete(self, name: str) -> None:
        with self._changing() as searches:
            searches[:] = [s for s in searches if s.name != name]

    @contextlib.contextmanager
    def _changing(self) -> Iterator[list[SavedSearch]]:
        """The current searches on disk, to change in place; written back whole."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                searches, notice = _read(self.path)
                self.notice = notice or self.notice
                yield searches
                _write(self.path, searches)
                self.searches = searches
        except OSError as error:
            raise SavedSearchError(_("保存不了：{error}").format(error=error)) from error


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError(_("名称不能为空"))
    if len(name) > MAX_NAME_LENGTH:
        raise SavedSearchError(_("名称最多 {count} 个字").format(count=MAX_NAME_LENGTH))
    if any(unicodedata.category(c)[0] == "C" for c in name):
        raise SavedSearchError(_("名称里不能有控制字符"))
    return name


def check_query(query: str) -> None:
    try:
        parsed = parse_query(query)
    except QueryError as error:
        raise SavedSearchError(str(error)) from error
    if parsed.is_empty:
        raise SavedSearchError(_("搜索内容不能为空"))


def _read(path: Path) -> tuple[list[SavedSearch], str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], ""
    except OSError as error:
        return [], _("读不了保存的搜索：{error}").format(error=error)
    try:
        data = json.loads(raw.decode("utf-8"))
        searches = [SavedSearch(str(e["name"]), str(e["query"])) for e in data["searches"]]
        for search in searches:
            check_name(search.name)
        return searches, ""
    except (ValueError, KeyError, TypeError, SavedSearchError):
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        with contextlib.suppress(OSError):
            os.replace(path, aside)
        return [], _("保存的搜索文件读不了，已移到 {path}").format(path=aside)


def _write(path: Path, searches: list[SavedSearch]) -> None:
    document = {
        "version": 1,
        "searches": [{"name": s.name, "query": s.query} for s in searches],
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
