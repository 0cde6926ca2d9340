"""The library's actions on many items and on its history, for `LibraryKeys`.

- Catch-up (`M`): the issue on show, the issues before it, or the whole archive marked read
  (`CatchUpDialog` asks which, and says how many items each turns read).
- Batches from search (ctrl+b, ctrl+t): ctrl+b bookmarks the results, or takes the bookmarks
  off when every result is bookmarked already; more than `ASK_ABOVE` items are asked about
  first (`ConfirmDialog`), with the count.
- Undo and redo (ctrl+z / U, ctrl+y): the library's journal takes back or makes again the
  last action, whichever screen it was made on; the notice names it.

Every change is made through `LibraryKeys.write` (the writer's thread) and is one entry of
the undo journal; each notice after a change names the undo key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

from tui.archive.model import Item
from tui.i18n import _, _n
from tui.keys import key_for

if TYPE_CHECKING:
    from tui.library.applying import Applied
    from tui.library.catch_up import CatchUpChoice
    from tui.library.history import Replayed
    from widgets.library_keys import LibraryKeys

#: Batches on more items than this are asked about first.
ASK_ABOVE = 20


class LibraryActions:
    """Catch-up, batches and undo, acting through `keys` (its writer and notices)."""

    def __init__(self, keys: LibraryKeys, keymap: Mapping[str, str]) -> None:
        self.keys = keys
        #: The user's key map, so that notices name the keys as the user has them.
        self.keymap = keymap

    @property
    def undo_key(self) -> str:
        return key_for("app.undo", self.keymap)

    def _undo_hint(self) -> str:
        return _("{key} 撤销").format(key=self.undo_key)

    # Undo and redo.

    def replay(self, redo: bool) -> None:
        """Undo (or redo) the last action on the library."""
        keys = self.keys
        if keys.session is None:
            keys.notify(_("资料库还在打开。"), timeout=2)
            return
        keys.write(
            (lambda library: library.redo()) if redo else (lambda library: library.undo()),
            lambda replayed: self._replayed(replayed, redo),
        )

    def _replayed(self, replayed: Replayed | None, redo: bool) -> None:
        if replayed is None:
            nothing = _("没有可以重做的操作。") if redo else _("没有可以撤销的操作。")
            self.keys.notify(nothing, timeout=3)
            return
        lines = [replayed.action.label]
        if replayed.missed:
            lines.append(
                _("其中 {count} 处已在别处改过，保持原样。").format(count=f"{replayed.missed:,}")
            )
        if replayed.applied.conflicts:
            lines.append(_("备注在别处也改过了：两份都保留在备注里。"))
        again = _("{key} 重做").format(key=key_for("app.redo", self.keymap))
        lines.append(self._undo_hint() if redo else again)
        title = _("已重做") if redo else _("已撤销")
        self.keys.notify("\n".join(lines), title=title, timeout=5, markup=False)

    # Catching up.

    def catch_up(self, item: Item) -> None:
        """`M`: ask which issues to mark read, then mark them (one undoable action)."""
        from tui.library.catch_up import catch_up_choices
        from tui.screens.catch_up import CatchUpDialog

        keys = self.keys
        session = keys.session
        archive = session.archive if session is not None else None
        place = archive.locate(item.id) if archive is not None else None
        if session is None or archive is None or place is None:
            keys.notify(_("资料库还在打开。"), timeout=2)
            return
        choices = catch_up_choices(archive, place.issue_index, session.view.is_read)

        def chosen(choice: CatchUpChoice | None) -> None:
            if choice is not None and choice.unread:
                action = choice.action
                keys.write(
                    lambda library: library.mark_all_read(choice.unread, action),
                    lambda applied: self._caught_up(choice, applied),
                )

        keys.app.push_screen(CatchUpDialog(choices, self.undo_key), chosen)

    def _caught_up(self, choice: CatchUpChoice, applied: Applied) -> None:
        count = _n("{count} 条标为已读", len(applied.done.read)).format(
            count=f"{len(applied.done.read):,}"
        )
        self.keys.notify(
            f"{choice.title}\n{count} · {self._undo_hint()}",
            title=_("已标为已读"),
            timeout=5,
            markup=False,
        )

    # Batches on search results.

    def on_all(
        self,
        action: Literal["bookmark", "tag"],
        item_ids: tuple[str, ...],
        done: Callable[[], None],
    ) -> None:
        """ctrl+b / ctrl+t in search: bookmark every hit listed (or take every bookmark off
        when all have one), or tag them; asks first when there are more than `ASK_ABOVE`."""
        keys = self.keys
        session = keys.session
        if session is None:
            keys.notify(_("资料库还在打开。"), timeout=2)
        elif action == "bookmark":
            on = not all(session.view.is_bookmarked(item_id) for item_id in item_ids)
            self._bookmark_all(item_ids, on, done)
        else:
            self._tag_all(item_ids, session.view.all_tags(), done)

    def _bookmark_all(self, item_ids: tuple[str, ...], on: bool, done: Callable[[], None]) -> None:
        from tui.screens.confirm import ConfirmDialog

        count = f"{len(item_ids):,}"

        def finished(applied: Applied) -> None:
            changed = len(applied.done.bookmarked if on else applied.done.unbookmarked)
            said = _n("{count} 条已收藏 ★", changed) if on else _n("{count} 条已取消收藏", changed)
            message = said.format(count=f"{changed:,}") + " · " + self._undo_hint()
            self.keys.notify(message, timeout=4, markup=False)
            done()

        def go(yes: bool | None = True) -> None:
            if yes:
                self.keys.write(lambda library: library.set_bookmarks(item_ids, on), finished)

        if len(item_ids) <= ASK_ABOVE:
            go()
            return
        if on:
            question = _("收藏全部 {count} 条搜索结果？").format(count=count)
        else:
            question = _("全部 {count} 条搜索结果都已收藏：取消它们的收藏？").format(count=count)
        title = _("全部收藏") if on else _("全部取消收藏")
        after = _("之后可以用 {key} 撤销。").format(key=self.undo_key)
        self.keys.app.push_screen(ConfirmDialog(title, question, after), go)

    def _tag_all(
        self, item_ids: tuple[str, ...], known: tuple[str, ...], done: Callable[[], None]
    ) -> None:
        """The tag editor asks which tags; its title says how many items get them."""
        from tui.screens.tag_editor import TagEditor

        def save(tags: tuple[str, ...] | None) -> None:
            if not tags:
                return
            named = " ".join(f"#{tag}" for tag in tags)

            def finished(applied: Applied) -> None:
                tagged = len({item_id for item_id, _tag in applied.done.tagged})
                said = _n("{count} 条加上了标签 {tags}", tagged).format(
                    count=f"{tagged:,}", tags=named
                )
                self.keys.notify(f"{said} · {self._undo_hint()}", timeout=4, markup=False)
                done()

            self.keys.write(lambda library: library.tag_all(item_ids, tags), finished)

        headline = _("给 {count} 条搜索结果加标签").format(count=f"{len(item_ids):,}")
        self.keys.app.push_screen(TagEditor(headline, (), known), save)
