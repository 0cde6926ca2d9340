"""The archive arriving in the reader: the loader's and the folder watcher's messages.

The whole archive is read by the screen's `ArchiveLoader` (the cached preview of the newest
issue shown first), and read again on `r` or when its `ArchiveWatcher` sees a file change;
each time, `ReaderLoading` puts the reading position back where it was, marks the issues
new since the last session (新) and says what changed.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.binding import Binding

from tui.archive.changes import archive_changes, new_issues
from tui.archive.model import Archive
from tui.i18n import _, _n, join_list
from tui.keys import key_for
from tui.navigation import ReadingOrder
from tui.screens.reader_position import ReaderPosition
from widgets.archive_loader import ArchiveLoader
from widgets.archive_watcher import ArchiveWatcher
from widgets.search_indexer import SearchIndexer

#: Seconds after the archive loads before its search engine is made (or its index loaded)
#: in the background; `/` starts it at once.
SEARCH_WARM_UP_S = 2.0


class ReaderLoading(ReaderPosition):
    """Reads the archive folder into the reader, at start, on `r` and when a file changes."""

    def on_mount(self) -> None:
        self.sub_title = _("读取中…")
        if self._first_item_drawn is not None:
            self.panes.reader.on_first_item_drawn = self._first_item_drawn
        if self._early_preview is not None:
            self._preview(ArchiveLoader.Preview(self._early_preview))
        if self.position is not None:
            # The worker would only wait for the preview's frame (see `preview_drawn`), and
            # starting it costs that frame a few milliseconds: start it once it is drawn.
            self.call_after_refresh(self._load_behind_preview)
        else:
            self.panes.reader.show_item(None, _("读取中…"))
            wanted = self._last_read.issue if self._last_read else None
            self.query_one(ArchiveLoader).load(self.archive_root, self.archive, wanted=wanted)

    def _load_behind_preview(self) -> None:
        """The preview is on screen: read the whole archive now, without waiting."""
        loader = self.query_one(ArchiveLoader)
        loader.load(self.archive_root, self.archive, preview_shown=True)
        loader.preview_drawn()

    @on(ArchiveLoader.Progress)
    def _progress(self, message: ArchiveLoader.Progress) -> None:
        self.sub_title = _("读取中 {done}/{total}").format(done=message.done, total=message.total)
        self.panes.issue_list.set_status(self.sub_title)

    @on(ArchiveLoader.Failed)
    def _failed(self, message: ArchiveLoader.Failed) -> None:
        self.sub_title = _("读取失败")
        self.notify(str(message.error), title=_("读取失败"), severity="error", markup=False)

    @on(ArchiveLoader.Preview)
    def _preview(self, message: ArchiveLoader.Preview) -> None:
        """Show the newest issue before the whole archive arrives, if that is where to open."""
        self.call_after_refresh(self.query_one(ArchiveLoader).preview_drawn)
        newest = message.preview.newest
        saved = self._last_read
        shown = self.position is not None
        if shown or self._restored or not newest or (saved and saved.issue != newest.number):
            return
        self.panes.show_rows(message.preview.rows)
        self.order = ReadingOrder(Archive(self.archive_root, (newest,)))
        self._go_to(0, saved.item_id if saved else None)

    @on(ArchiveLoader.Loaded)
    def _loaded(self, message: ArchiveLoader.Loaded) -> None:
        previous, archive = self.archive, message.archive
        reopen = self._open_view_state()
        self.archive = archive
        order = ReadingOrder(archive)
        row, item_id = self._wanted_position(order)
        self._restored = True
        self.order = order
        issues = order.issues
        self._mark_new(archive)
        self.panes.show_rows(issues, issues[row].number if issues else None)
        self.position = None
        if issues:
            self._go_to(row, item_id)
        else:
            self.panes.show_nothing(_("{path} 中没有可读的期刊。").format(path=self.archive_root))
        self.library_keys.attach(archive)
        previous_engine, self.search_engine = self.search_engine, None
        if previous_engine is not None:
            from tui.screens.trend_kept import forget

            forget(self.app)  # the kept trend screen holds the old engine
        self.view = None
        indexer = self.query_one(SearchIndexer)
        indexer.schedule(archive, SEARCH_WARM_UP_S, previous_engine)
        if previous_engine is not None and previous_engine.ready:
            # Read again (the folder changed, or r): the index of the issues that did not
            # change is reused, a fraction of a second; no reason to wait.
            indexer.start()
        self._count_views()
        if reopen is not None:
            self._reopen_view(*reopen)
        self._say_what_changed(previous, archive)
        if self._watch:
            self.query_one(ArchiveWatcher).start_watching(self.archive_root)

    def _mark_new(self, archive: Archive) -> None:
        """Mark 新 the issues that were not in the folder when the last session (or, the
        first time, this one) read it, and remember what it holds now."""
        numbers = frozenset(issue.number for issue in archive.issues)
        if self._known_before is None:
            self._known_before = numbers
        self.new_issues = new_issues(numbers, self._known_before)
        self.settings.remember_known_issues(self.archive_root, numbers)
        self.panes.issue_list.set_new(self.new_issues)
        issues, items = len(archive.issues), archive.item_count
        self.sub_title = " · ".join(
            (
                _n("{count} 期", issues).format(count=issues),
                _n("{count} 条", items).format(count=items),
            )
        )
        if self.new_issues:
            self.sub_title += _(" · 新 {count} 期").format(count=len(self.new_issues))

    def _say_what_changed(self, previous: Archive | None, archive: Archive) -> None:
        """After loading: new issues and problems; after a file changed, what changed."""
        reading_for, self._reading_for = self._reading_for, "start"
        if previous is not None and reading_for != "start":
            changes = archive_changes(previous, archive)
            if changes:
                notice = changes.notice()
                if changes.newly_skipped:
                    key = self.app.get_key_display(
                        Binding(key_for("app.problems", self.settings.keymap), "")
                    )
                    notice += _(" — 按 {key} 查看").format(key=key)
                self.notify(notice, title=_("存档有变化"), timeout=6, markup=False)
        elif self.new_issues:
            key = self.app.get_key_display(
                Binding(key_for("app.next_new", self.settings.keymap), "")
            )
            numbers = join_list(str(n) for n in sorted(self.new_issues, reverse=True)[:5])
            notice = _("第 {numbers} 期是上次以来新到的 — 按 {key} 查看").format(
                numbers=numbers, key=key
            )
            self.notify(notice, title=_("新期刊"), timeout=6, markup=False)
        if reading_for == "watch":
            return  # its problems were told when first seen; `!` lists them
        if archive.skipped or archive.warnings or any(i.warnings for i in archive.issues):
            from tui.screens.problems import notify_problems

            notify_problems(self.app, archive, key_for("app.problems", self.settings.keymap))

    @on(ArchiveWatcher.Changed)
    def _folder_changed(self) -> None:
        """A file in the folder was added, changed or removed: read the folder again (the
        parse cache parses only what changed); the panes keep the old archive meanwhile."""
        self._read_again("watch")

    def _read_again(self, reason: Literal["reload", "watch"]) -> None:
        self._reading_for = reason
        self.query_one(ArchiveLoader).load(self.archive_root)

    def _wanted_position(self, order: ReadingOrder) -> tuple[int, str | None]:
        """Where to open: the current position on reload, else the one saved for this archive."""
        saved = self._last_read
        number, item_id = (saved.issue, saved.item_id) if saved else (None, None)
        if self._restored and self.position is not None and self.view is None:
            number, item_id = self.order.issues[self.position.row].number, self.position.item_id
        row = order.row_of_issue(number)
        return (row, item_id) if row is not None else (0, None)

    def action_reload(self) -> None:
        """`r`: read the folder again; the panes keep the archive on show meanwhile."""
        self.sub_title = _("重新读取中…")
        self._read_again("reload")
