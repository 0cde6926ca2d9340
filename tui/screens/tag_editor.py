"""The `t` screen: edit an item's tags in one line, completing from the tags already in use.

Tags are separated by spaces or commas (，、 too). The last word being typed is completed
from the known tags (→ accepts), and the known tags that fit it are listed underneath.
Enter saves: the screen dismisses with the tags as typed; escape dismisses with None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input

from tui.i18n import N_, _
from tui.sanitize import sanitize
from tui.screens.dialog import Dialog, framed
from widgets.safe_input import SafeInput
from widgets.wrapped_text import WrappedText

_SEPARATORS = re.compile(r"[\s,，、;；]+")
#: How many known tags the hint line lists.
HINT_TAGS = 12


def split_tags(text: str) -> tuple[str, ...]:
    """ "AI，短剧 政策" → ("AI", "短剧", "政策"): in order, without repeats or a leading '#'."""
    words = (word.lstrip("#") for word in _SEPARATORS.split(text))
    return tuple(dict.fromkeys(word for word in words if word))


def _last_word(text: str) -> str:
    parts = _SEPARATORS.split(text)
    return parts[-1].lstrip("#") if parts else ""


class TagSuggester(Suggester):
    """Completes the word being typed from `known` tags not already in the line."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = known

    def matches(self, value: str) -> list[str]:
        word = _last_word(value).casefold()
        taken = set(split_tags(value)[:-1]) if word else set(split_tags(value))
        return [
            tag
            for tag in self.known
            if tag not in taken and tag.casefold().startswith(word) and tag.casefold() != word
        ]

    async def get_suggestion(self, value: str) -> str | None:
        word = _last_word(value)
        if not word:
            return None
        found = self.matches(value)
        return value + found[0][len(word) :] if found else None


class TagEditor(Dialog[tuple[str, ...] | None]):
    """One line of tags for `headline`; dismisses with the new tags, or None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("取消"), id="tags.cancel"),
    ]

    DEFAULT_CSS = """
    TagEditor {
        & > Vertical { width: 64; }
        #tag-headline { color: $text-muted; margin-bottom: 1; }
        #tag-known { color: $text-muted; height: auto; margin-top: 1; }
    }
    """

    def __init__(self, headline: str, tags: Iterable[str], known_tags: Sequence[str]) -> None:
        super().__init__()
        self.headline = headline
        self.initial = tuple(tags)
        # Tags show sanitised (ESC as ␛); a tag kept or completed as shown is saved as stored.
        self._stored = {sanitize(tag): tag for tag in (*known_tags, *self.initial)}
        self.suggester = TagSuggester(tuple(map(sanitize, known_tags)))

    def compose(self) -> ComposeResult:
        with framed(Vertical(), _("标签"), _("→ 补全 · Enter 保存 · Esc 取消")):
            yield WrappedText(self.headline, id="tag-headline")
            value = " ".join(map(sanitize, self.initial)) + (" " if self.initial else "")
            yield SafeInput(
                value,
                placeholder=_("空格或逗号分隔，如：短剧 AI"),
                suggester=self.suggester,
                select_on_focus=False,  # typing adds a tag; it must not replace the others
                id="tag-input",
            )
            yield WrappedText(id="tag-known")

    def on_mount(self) -> None:
        self._show_known(self.query_one(Input).value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._show_known(event.value)

    def _show_known(self, value: str) -> None:
        known = self.suggester.matches(value)[:HINT_TAGS]
        hint = _("已有标签：{tags}").format(tags="  ".join(known)) if known else ""
        self.query_one("#tag-known", WrappedText).update(hint)

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(tuple(self._stored.get(tag, tag) for tag in split_tags(event.value)))
