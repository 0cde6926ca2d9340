"""The command palette (ctrl+p): every action of the screen it was opened on, in the chosen
language and each with its key, and the commands no single key reaches.

The actions are the screen's key bindings — the ones the key bar and the help screen show,
in the key bar's order, with the keys as the user's key map binds them — so the palette
never disagrees with the keys. Besides them, on the reader: going to an issue (type its
number), each saved search, a trend, the timeline of the item's source; everywhere: the
theme and the language. This provider replaces Textual's own system commands, whose names
are English ("Keys", "Maximize", "Screenshot"): what they do that matters here is among
ours (quit, the theme; the help screen lists the keys).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.theme import ThemeProvider

from tui.i18n import SOURCE_LANGUAGE, _, _n, language
from tui.sanitize import sanitize

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.app import ZhoubaoApp

#: Bindings that move a cursor, a scroll position or the focus: keys to hold, not commands
#: to pick from a list (the palette would close and the move be lost).
_MOVES = re.compile(
    r"\.(down|up|first|last|top|bottom|half_down|half_up|page_down|page_up|left|right|[jkgG])$"
    r"|^app\.(next_pane|prev_pane|pane_left|pane_right)$"
)
#: The most issues offered for a number typed.
_MOST_ISSUES = 8


class PaletteCommand(NamedTuple):
    """One line of the palette."""

    name: str
    help: str
    #: The key that does the same, as displayed ("" when no key does).
    key: str
    run: Callable[[], object]


def binding_commands(app: ZhoubaoApp, screen: Screen[object]) -> Iterator[PaletteCommand]:
    """The screen's key bindings that are commands, each once, as the key bar orders them."""
    from widgets.key_bar import ordered_bindings

    seen: set[str] = set()
    for active in ordered_bindings(screen):
        binding = active.binding
        if not active.enabled or not binding.id or not binding.description:
            continue
        if binding.id in seen or _MOVES.search(binding.id):
            continue
        seen.add(binding.id)
        yield PaletteCommand(
            _(binding.description),
            _(binding.tooltip) if binding.tooltip else "",
            app.get_key_display(binding),
            partial(app.run_action, binding.action, active.node),
        )


def reader_commands(app: ZhoubaoApp, screen: Screen[object]) -> Iterator[PaletteCommand]:
    """Commands of the reader that no single key runs."""
    reader = app.reader
    if screen is not reader:
        return
    yield PaletteCommand(
        _("跳到某一期…"), _("或者在这里直接输入期号，如 403"), "", partial(ask_issue, app)
    )
    yield PaletteCommand(
        _("趋势…"), _("一个查询每月、每季度或每期的匹配数"), "", partial(ask_trend, app)
    )
    for view in reader.view_rows:
        yield PaletteCommand(
            _("保存的搜索：{name}").format(name=sanitize(view.name)),
            sanitize(view.query),
            "",
            partial(reader.open_saved_search, view.name),
        )
    item = reader.current_item
    if item is not None and item.entity is not None:
        from tui.trends.entities import names_in

        entity = sanitize(names_in(item.entity)[0])
        yield PaletteCommand(
            _("实体时间线：{entity}").format(entity=entity),
            _("“{entity}”的全部条目，按日期").format(entity=entity),
            "",
            reader.action_entity_timeline,
        )


def ask_issue(app: ZhoubaoApp) -> None:
    """Ask for an issue number, then show that issue in the reader."""
    from tui.screens.go_to_issue import GoToIssueDialog

    archive = app.reader.archive
    if archive is None:
        app.notify(_("存档还在读取中。"), timeout=2)
        return

    def chosen(number: str | None) -> None:
        if number is not None:
            app.reader.go_to_issue(int(number))

    app.push_screen(GoToIssueDialog({issue.number for issue in archive.issues}), chosen)


def ask_trend(app: ZhoubaoApp) -> None:
    """Ask for a query, then show its matches over time."""
    from tui.screens.go_to_issue import TrendQueryDialog

    def chosen(query: str | None) -> None:
        if query is not None:
            app.reader.show_trend(query)

    app.push_screen(TrendQueryDialog(), chosen)


def app_commands(app: ZhoubaoApp) -> Iterator[PaletteCommand]:
    """Commands of every screen that no key runs."""
    yield PaletteCommand(_("主题…"), _("换一种配色（深色、浅色…）"), "", app.choose_theme)
    other = "en" if language() == SOURCE_LANGUAGE else SOURCE_LANGUAGE
    yield PaletteCommand(
        _("界面语言：{language}").format(language=LANGUAGE_NAMES[other]),
        _("下次启动时生效（也可用 ZHOUBAO_LANG）"),
        "",
        partial(app.choose_language, other),
    )


#: Each language in its own words.
LANGUAGE_NAMES = {SOURCE_LANGUAGE: "中文", "en": "English"}


def palette_commands(app: ZhoubaoApp, screen: Screen[object]) -> list[PaletteCommand]:
    """Everything the palette offers on `screen`, the one it was opened on."""
    return [*binding_commands(app, screen), *reader_commands(app, screen), *app_commands(app)]


def issue_commands(
    app: ZhoubaoApp, screen: Screen[object], query: str
) -> Iterator[tuple[float, PaletteCommand]]:
    """For a number typed ("403", "第403期"): the issues it starts, best first."""
    from tui.screens.go_to_issue import ISSUE_NUMBER

    match = ISSUE_NUMBER.fullmatch(query.strip())
    archive = app.reader.archive
    if match is None or archive is None or screen is not app.reader:
        return
    digits = match.group(1)
    found = [issue for issue in archive.newest_first if str(issue.number).startswith(digits)]
    for issue in found[:_MOST_ISSUES]:
        exact = str(issue.number) == digits
        yield (
            1.0 if exact else 0.9,
            PaletteCommand(
                _("跳到{label}").format(label=issue.label),
                _n("{count} 条", issue.item_count).format(count=issue.item_count),
                "",
                partial(app.reader.go_to_issue, issue.number),
            ),
        )


def _line(command: PaletteCommand, matcher: Matcher | None = None) -> Content:
    """The command's name (the letters typed marked) and, dim, its key. Built as plain
    text: a saved search's name is the user's text, never markup."""
    line = Content(command.name)
    if matcher is not None:
        _score, offsets = matcher.fuzzy_search.match(matcher.query, command.name)
        for offset in offsets:
            line = line.stylize(matcher.match_style, offset, offset + 1)
    if command.key:
        line += Content.styled(f"  {command.key}", "dim")
    return line


def _help(command: PaletteCommand) -> str | None:
    """The help line, as markup (the palette reads it so): the user's text escaped."""
    return escape(command.help) if command.help else None


class ZhoubaoCommands(Provider):
    """The palette's commands (see the module's docstring)."""

    @property
    def zhoubao(self) -> ZhoubaoApp:
        from tui.app import ZhoubaoApp

        app = self.app
        assert isinstance(app, ZhoubaoApp)
        return app

    async def discover(self) -> Hits:
        for command in palette_commands(self.zhoubao, self.screen):
            yield DiscoveryHit(_line(command), command.run, text=command.name, help=_help(command))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for score, command in issue_commands(self.zhoubao, self.screen, query):
            found = True
            yield Hit(score, _line(command), command.run, text=command.name, help=_help(command))
        for command in palette_commands(self.zhoubao, self.screen):
            score = matcher.match(command.name)
            if score > 0:
                found = True
                line = _line(command, matcher)
                yield Hit(score, line, command.run, text=command.name, help=_help(command))
        if not found:
            yield nothing_matched(_("没有匹配的命令"))


def nothing_matched(text: str) -> Hit:
    """The line a palette shows when nothing matches: Textual would say "No matches found",
    in English."""
    return Hit(0.0, Content.styled(text, "dim"), lambda: None, text=text)


class ThemeCommands(ThemeProvider):
    """Textual's themes, by their names; when none matches, our words."""

    async def search(self, query: str) -> Hits:
        found = False
        async for hit in super().search(query):
            found = True
            yield hit
        if not found:
            yield nothing_matched(_("没有匹配的主题"))
