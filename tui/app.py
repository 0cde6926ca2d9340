"""The reader app: settings, theme, key map and commands around one `ReaderScreen`.

The screen owns the reading state (panes, archive loader, position, reading order, going to
an item); the app keeps what outlives it — the settings file (theme, the user's key map, the
last position in each archive), the command palette's commands — and the keys that work on
every screen (help, quit).
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui import paths
from tui.archive.cache import ArchivePreview
from tui.archive.model import Archive
from tui.i18n import _
from tui.keys import APP_BINDINGS, UNDO_BINDINGS, key_for
from tui.sanitize import sanitize
from tui.screens.reader import ReaderScreen
from tui.settings import Settings, load_settings, save_settings
from tui.typeset.wrap import wrap_paragraph

if TYPE_CHECKING:
    from tui.screens.library_screen import LibraryScreen
    from tui.screens.requests import OpenSourceRequested
    from tui.screens.search import SearchScreen

#: When set, the app writes the time the newest issue first shows to this file, then exits.
BENCH_READY_ENV = "ZHOUBAO_BENCH_READY"


#: A toast's share of the screen's width (styles/app.tcss): at most the reader pane's, so that
#: it never lies across a pane's edge, where Textual blanks a wide character that straddles
#: the edge (Textual issue 6357: "读取存档" came out as "读取存").
TOAST_SHARE = 0.38


#: The toasts' rack keeps a vertical scrollbar's gutter (Textual's `ToastRack` scrolls):
#: a toast's share is of the width left of it.
TOAST_RACK_GUTTER = 2


def toast_text_width(screen_width: int) -> int:
    """Cells for text in a toast: its width (as the stylesheet sets it) less its left
    border and its padding of 1 and 2."""
    share = int((screen_width - TOAST_RACK_GUTTER) * TOAST_SHARE)
    return max(min(60, share) - 4, 8)


def toast_lines(text: str, width: int, markup: bool) -> str:
    """`text` broken for a toast by the reader's line breaker (Textual breaks Chinese
    anywhere, a comma included); text with markup tags is left to Textual."""
    if markup and "[" in text:
        return text
    return "\n".join("\n".join(wrap_paragraph(line, width) or [""]) for line in text.split("\n"))


def commands_provider() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from tui.commands import ZhoubaoCommands

    return ZhoubaoCommands


class ZhoubaoApp(App[None]):
    """The reader over one archive folder."""

    CSS_PATH = paths.styles_dir() / "app.tcss"
    #: Our commands only: Textual's system commands ("Keys", "Maximize"…) speak English.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {commands_provider}
    BINDINGS: ClassVar[list[BindingType]] = [*APP_BINDINGS, *UNDO_BINDINGS]

    def __init__(
        self,
        archive_root: Path,
        archive: Archive | None = None,
        preview: ArchivePreview | None = None,
    ) -> None:
        """Open `archive_root`; tests may pass the `archive` itself, the CLI the cached
        `preview` to show in the first frame (see `ParseCache.preview`)."""
        super().__init__()
        self.archive_root = archive_root
        self.settings: Settings = load_settings()
        self.title = _("周报")
        self._bench_ready = os.environ.get(BENCH_READY_ENV)
        # Kept as well as shown, so that `zhoubao` can save the traceback of a crash.
        self.error_console = Console(markup=False, highlight=False, stderr=True, record=True)
        #: `q` was pressed while a change waited to be written (a second `q` quits at once).
        self._quit_asked = False
        #: The reading screen, the first and bottom one of the stack.
        self.reader = ReaderScreen(
            archive_root,
            self.settings,
            archive=archive,
            preview=preview,
            on_first_item_drawn=self._write_bench_ready if self._bench_ready else None,
        )

    def get_default_screen(self) -> Screen[None]:
        return self.reader

    def on_mount(self) -> None:
        # `zhoubao` starts with the garbage collector off (see `open_cmd`): the first frame
        # makes some 40,000 objects, most of which live on, and ~60 collections of them
        # cost it ~4 ms. On again once that frame is drawn (a no-op if it was never off).
        self.call_after_refresh(gc.enable)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_keymap(self.settings.keymap)

    def _write_bench_ready(self) -> None:
        """The first frame with an item in it has been drawn: note the time and quit."""
        if self._bench_ready:
            Path(self._bench_ready).write_text(f"{time.time()}\n", encoding="utf-8")
            self._bench_ready = None
            self.exit()

    def action_command_palette(self) -> None:
        """ctrl+p: our commands (`tui.commands`), asked for in the chosen language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            palette = CommandPalette(
                placeholder=_("输入命令，或期号跳到那一期…"), id="--command-palette"
            )
            self.push_screen(palette)

    def choose_theme(self) -> None:
        """The themes, in a palette of their own (the choice is kept: `watch_theme`)."""
        from tui.commands import ThemeCommands

        self.push_screen(CommandPalette(providers=[ThemeCommands], placeholder=_("选择主题…")))

    def choose_language(self, language: str) -> None:
        """Keep `language` in the settings: the next start shows everything in it (a
        screen drawn half in one language and half in the other would be worse)."""
        from tui.commands import LANGUAGE_NAMES

        self.settings.language = language
        self._save_settings()
        self.notify(
            _("下次启动 zhoubao 时改用{language}").format(language=LANGUAGE_NAMES[language]),
            title=_("界面语言"),
            timeout=4,
        )

    def action_help_quit(self) -> None:
        """ctrl+c, pressed to quit out of habit: say which key quits (Textual says it in
        English)."""
        key = self.get_key_display(Binding(key_for("app.quit", self.settings.keymap), ""))
        self.notify(_("按 {key} 退出").format(key=key), title=_("要退出吗？"), timeout=3)

    def on_search_screen_batch_requested(self, message: SearchScreen.BatchRequested) -> None:
        """ctrl+b / ctrl+t in the search overlay: the reader's library bookmarks or tags
        every hit listed, then the overlay redraws its marks."""
        from tui.screens.search import SearchScreen

        search = self.screen if isinstance(self.screen, SearchScreen) else None
        done = search.marks_changed if search is not None else lambda: None
        self.reader.library_keys.act_on_all(message.action, message.item_ids, done)

    def on_search_screen_export_requested(self, message: SearchScreen.ExportRequested) -> None:
        """ctrl+e in the search overlay: the export dialog, offering the hits found."""
        self.reader.library_keys.export(message.item_ids, message.query)

    def on_library_screen_act_on(self, message: LibraryScreen.ActOn) -> None:
        """`b`, `t`, `a`, `m`, `x` in the library view: the reader's library does it (the
        view is then shown the library as it is now)."""
        keys = self.reader.library_keys
        keys.act_on(message.item_id, message.headline, message.action)

    def on_open_source_requested(self, message: OpenSourceRequested) -> None:
        """`o` in the library view or the search overlay: the reader opens the file."""
        self.reader.open_source_of(message.item_id)

    def on_library_screen_import_requested(self, message: LibraryScreen.ImportRequested) -> None:
        """`i` in the library view: the reader's library imports the file (the view then
        shows the library as it is now, as after every change)."""
        self.reader.library_keys.import_file(message.path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo and redo work where the library is acted on (the reader, search, the library
        view: screens with `ACTS_ON_LIBRARY`), not under a dialog editing a tag or note."""
        if action in ("undo", "redo"):
            screen = self.screen
            if isinstance(screen, CommandPalette) and len(self.screen_stack) > 1:
                screen = self.screen_stack[-2]  # the palette offers the commands of this one
            return bool(getattr(screen, "ACTS_ON_LIBRARY", False))
        return True

    def action_undo(self) -> None:
        """ctrl+z / U: take back the last change to the library."""
        self.reader.library_keys.undo()

    def action_redo(self) -> None:
        """ctrl+y: make again the change undone last."""
        self.reader.library_keys.redo()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, binding_sections

        self.push_screen(HelpScreen(binding_sections(), self.settings.keymap))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast, sanitised (messages quote paths, headlines and errors: outside text)
        and broken into lines as Chinese is broken (see `toast_lines`)."""
        width = toast_text_width(self.size.width)
        super().notify(
            toast_lines(sanitize(message, "text"), width, markup),
            title=toast_lines(sanitize(title), width, markup),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings.theme = theme
            self._save_settings()

    async def action_quit(self) -> None:
        """Quit — once the library has every change asked for. A change still waiting for
        another process's lock would be given up after a few seconds: say so, and quit when
        it is written; `q` again quits at once (and gives it up)."""
        keys = self.reader.library_keys
        if not keys.settled and not self._quit_asked:
            self._quit_asked = True
            key = self.get_key_display(Binding(key_for("app.quit", self.settings.keymap), ""))
            notice = _(
                "还有更改在等资料库写入（另一个程序正占用它）：写好就退出。"
                "再按 {key} 立即退出，放弃这些更改。"
            )
            self.notify(notice.format(key=key), title=_("正在保存"), severity="warning")
            keys.when_settled(self._quit_now)
            return
        self._quit_now()

    def _quit_now(self) -> None:
        self._save_settings()
        self.exit()

    def _save_settings(self) -> None:
        """Keep the settings; an unwritable data folder costs them, not the session."""
        try:
            save_settings(self.settings)
        except OSError as error:
            self.log.warning(f"settings not saved: {error}")
