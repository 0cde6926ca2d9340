"""The command palette (ctrl+p), as the user sees it: every action of the app with its key,
in the chosen language, and none of Textual's English system commands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_app_navigation import make_archive, press, reader_item
from textual.command import Command, CommandList, CommandPalette
from textual.pilot import Pilot
from waiting import wait_until

from tui import i18n
from tui.app import ZhoubaoApp
from tui.commands import palette_commands
from tui.screens.go_to_issue import GoToIssueDialog
from tui.search.saved import SavedSearches
from tui.settings import load_settings

#: What the palette must offer on the reader: the issue's list of actions, each with the
#: key that does the same ("" for commands no key runs), written out in both languages
#: (not through `_()`: a translation missing from the catalog must fail here).
EXPECTED = {
    "zh_CN": {
        "搜索": "/",
        "跳到某一期…": "",
        "收藏": "b",
        "资料库": "B",
        "导出": "e",
        "全部标为已读…": "M",
        "撤销": "^z",
        "重做": "^y",
        "主题…": "",
        "帮助": "?",
        "重新读取": "r",
        "趋势…": "",
        "保存的搜索：鲸": "",
        "下一条": "n",
        "界面语言：English": "",
    },
    "en": {
        "Search": "/",
        "Go to issue…": "",
        "Bookmark": "b",
        "Library": "B",
        "Export": "e",
        "Mark all read…": "M",
        "Undo": "^z",
        "Redo": "^y",
        "Theme…": "",
        "Help": "?",
        "Reload": "r",
        "Trend…": "",
        "Saved search: 鲸": "",
        "Next item": "n",
        "Language: 中文": "",
    },
}
#: Textual's system commands, in its English: none may show on a Chinese screen.
TEXTUAL_COMMANDS = {"Keys", "Maximize", "Minimize", "Screenshot", "Quit", "Theme", "Bell"}


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(i18n.SOURCE_LANGUAGE)


@pytest.fixture
def app(tmp_path: Path) -> ZhoubaoApp:
    SavedSearches.load().save("鲸", "正文")
    return ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))


async def open_palette(app: ZhoubaoApp, pilot: Pilot[None]) -> CommandList:
    """ctrl+p on the reader, once every command is listed."""
    await wait_until(pilot, lambda: app.reader.library is not None, "the library")
    expected = len(palette_commands(app, app.reader))
    await press(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    commands = app.screen.query_one(CommandList)
    await wait_until(pilot, lambda: commands.option_count == expected, "every command")
    return commands


def shown(commands: CommandList) -> dict[str, str]:
    """Each line of the palette: its name → the key shown beside it."""
    lines = {}
    for index in range(commands.option_count):
        option = commands.get_option_at_index(index)
        assert isinstance(option, Command)
        first_line = str(option.hit.prompt).split("\n")[0]
        name, _gap, key = first_line.partition("  ")
        lines[name] = key
    return lines


async def test_the_palette_offers_every_action_with_its_key(app: ZhoubaoApp, language: str) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        commands = await open_palette(app, pilot)
        lines = shown(commands)
        assert {name: lines.get(name) for name in EXPECTED[language]} == EXPECTED[language]
        ours = [command.name for command in palette_commands(app, app.reader)]
        assert sorted(lines) == sorted(ours), "only our commands, each once"
        if language == i18n.SOURCE_LANGUAGE:
            assert TEXTUAL_COMMANDS & set(lines) == set()


async def test_go_to_issue_and_a_saved_search_from_the_palette(app: ZhoubaoApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_palette(app, pilot)
        await press(pilot, *"跳到某一期", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GoToIssueDialog), "the dialog")
        await press(pilot, "1", "enter")
        await wait_until(pilot, lambda: app.screen is app.reader, "the dialog closed")
        assert (reader_item(app) or "").startswith("1-")
        await open_palette(app, pilot)
        await press(pilot, *"保存的搜索", "enter")
        await wait_until(pilot, lambda: app.screen is app.reader, "the palette closed")
        await wait_until(
            pilot,
            lambda: app.reader.view is not None and app.reader.view.name == "鲸",
            "the saved search open",
        )


async def test_the_language_command_keeps_the_choice_for_the_next_start(
    app: ZhoubaoApp,
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_palette(app, pilot)
        await press(pilot, *"界面语言", "enter")
        await wait_until(pilot, lambda: load_settings().language == "en", "the setting kept")
    assert i18n.choose_language(load_settings().language, {}) == "en"
