"""The library leaving and entering the app: exports (`e`, ctrl+e in search) and imports
(the library view's `i`).

`LibraryExchange.export` opens the export dialog on the library's records, or on the items a
search found, read off the UI thread; after an export the screen is told the format and scope
(`LibraryKeys.ExportDone`), to offer them first next time. `import_file` merges a colleague's
JSON export through the library's writer: one undoable action.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.i18n import _, _n
from tui.sanitize import sanitize
from tui.settings import ExportChoice
from widgets.library_connection import NOT_OPEN_YET

if TYPE_CHECKING:
    from tui.library.records import LibraryRecord
    from tui.library.session import LibrarySession
    from tui.library.sharing import ImportReport
    from tui.screens.export_dialog import Exported, SearchHits
    from widgets.library_connection import LibraryConnection

#: How many of an import's refused notes and tags its warning names.
_REFUSED_SHOWN = 3


class LibraryExchange:
    """Exports and imports of the library `library` is connected to."""

    def __init__(
        self,
        library: LibraryConnection,
        exported: Callable[[ExportChoice], object],
        undo_key: Callable[[], str],
        last_export: ExportChoice | None,
    ) -> None:
        self.library = library
        self._exported = exported
        self._undo_key = undo_key
        #: The last export's format and scope, which the export dialog offers first.
        self.last_export = last_export

    def export(self, hits: tuple[str, ...] | None = None, query: str = "") -> None:
        """The export dialog, for the library or for the items a search found (`hits`)."""
        session = self.library.session
        if session is None:
            self.library.notify(_(NOT_OPEN_YET), timeout=2)
            return
        self.library.run_worker(
            lambda: self._gather(session, hits, query),
            thread=True,
            exclusive=True,
            group="library-export",
            exit_on_error=False,
        )

    def _gather(self, session: LibrarySession, hits: tuple[str, ...] | None, query: str) -> None:
        # On a worker's thread: the records come from the database.
        from tui.screens.export_dialog import SearchHits

        records = session.records()
        found = SearchHits(query, session.records_of(hits)) if hits is not None else None
        self.library.app.call_from_thread(self._open, records, found, session.view.all_tags())

    def _open(
        self, records: list[LibraryRecord], hits: SearchHits | None, tags: tuple[str, ...]
    ) -> None:
        from tui.screens.export_dialog import ExportDialog

        dialog = ExportDialog(records, Path.cwd(), tags, hits=hits, last=self.last_export)

        def written(done: Exported | None) -> None:
            if done is not None:
                self.last_export = done.choice
                self._exported(done.choice)
                where = _n("{count} 条 → {path}", done.count).format(
                    count=done.count, path=done.path
                )
                self.library.notify(where, title=_("已导出"), markup=False)

        self.library.app.push_screen(dialog, written)

    def import_file(self, path: Path) -> None:
        """Merge a colleague's JSON export into the library (one undoable action); the
        library view shows the result, as after every change."""
        self.library.write(
            lambda library: library.import_collection(path), self._imported, _("没有导入")
        )

    def _imported(self, report: ImportReport) -> None:
        hint = _("{key} 撤销").format(key=self._undo_key()) if report.changed else ""
        summary = report.summary() + (f" · {hint}" if hint else "")
        self.library.notify(summary, title=_("导入"), timeout=8, markup=False)
        if report.refused:  # notes and tags too long to keep: one line each, a few shown
            lines = [sanitize(line) for line in report.refused[:_REFUSED_SHOWN]]
            more = len(report.refused) - len(lines)
            if more:
                lines.append(_n("还有 {count} 个未导入", more).format(count=more))
            self.library.notify(
                "\n".join(lines), title=_("过长，未导入"), severity="warning", timeout=12,
                markup=False,
            )  # fmt: skip
