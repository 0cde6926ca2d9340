"""The tag and note editors opened on one item (`t`, `a`), and how their edits are saved.

Each edit is saved as a change against what is stored, never as a stale copy written back:
the tags the user added and removed (a tag another process added meanwhile stays), a note
saved against the text the editor opened with (a note changed elsewhere meanwhile is kept
beside it, and the user is told).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.i18n import _

if TYPE_CHECKING:
    from tui.library.notes import NoteSaved
    from tui.library.session import LibrarySession
    from widgets.library_connection import LibraryConnection


def edit_tags(
    library: LibraryConnection, session: LibrarySession, item_id: str, headline: str
) -> None:
    """The tag editor for the item, completing from the tags in use."""
    from tui.screens.tag_editor import TagEditor

    marks = session.view
    shown = sorted(marks.tags_of(item_id))
    editor = TagEditor(headline, shown, marks.all_tags())

    def save(tags: tuple[str, ...] | None) -> None:
        if tags is not None:
            add = [tag for tag in tags if tag not in shown]
            remove = [tag for tag in shown if tag not in tags]
            if add or remove:
                library.write(lambda stored: stored.change_tags(item_id, add, remove))

    library.app.push_screen(editor, save)


def edit_note(
    library: LibraryConnection, session: LibrarySession, item_id: str, headline: str
) -> None:
    """The note editor for the item."""
    from tui.screens.note_editor import NoteEditor

    shown = session.note_of(item_id)

    def saved(outcome: NoteSaved) -> None:
        from tui.library.notes import NoteSaved

        if outcome is NoteSaved.MERGED:
            message = _("备注在别处也改过了：两份都保留在备注里。")
        elif outcome is NoteSaved.KEPT_OTHER:
            message = _("备注在别处改过了，没有删除。")
        else:
            return
        library.notify(message, title=_("备注"), severity="warning", timeout=8)

    def save(text: str | None) -> None:
        if text is not None:
            library.write(lambda stored: stored.set_note(item_id, text, shown), saved)

    library.app.push_screen(NoteEditor(headline, shown), save)
