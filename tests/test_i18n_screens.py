"""The main screens in both languages, and the command palette.

Each screen is drawn in Chinese and in English and its own words are read back — the key
bar, pane titles, the help screen, the search overlay, a dialog, the palette: in English no
Chinese is left in them, in Chinese no English word (the items' text is the archive's and
stays as it is). The palette offers the screen's actions with their keys and the commands no
key reaches, never Textual's English system commands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from test_app_navigation import SAMPLES, make_archive, press, started
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static
from waiting import wait_until

from tui import i18n
from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.screens.tag_editor import TagEditor
from tui.settings import load_settings
from widgets.issue_list import IssueList
from widgets.item_reader import ItemReader
from widgets.key_bar import KeyBar
from widgets.section_tree import SectionTree

CHINESE = re.compile(r"[\u3400-\u9fff]")
#: Names of keys, which are the same in both languages.
KEY_NAMES = re.compile(r"\b(space|tab|shift|ctrl|escape|esc|enter|del|delete|home|end)\b", re.I)
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
#: Textual's own system commands (their names; ours say 主题… / Theme…, 退出 / Quit  q).
TEXTUAL_COMMANDS = ("Keys", "Maximize", "Minimize", "Screenshot", "Theme", "Quit")


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(i18n.SOURCE_LANGUAGE)


def foreign_words(text: str, language: str) -> list[str]:
    """Words of the other language in `text` (key names aside)."""
    if language == "en":
        return CHINESE.findall(text)
    return ENGLISH_WORD.findall(KEY_NAMES.sub("", text))


def plain(renderable: object, width: int = 100) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


EXPECTED = {
    "zh_CN": {"bar": "下一条", "issues": "期刊", "tree": "目录", "reader": "正文"},
    "en": {"bar": "Next item", "issues": "Issues", "tree": "Contents", "reader": "Item"},
}


async def test_the_reader_in_both_languages(language: str, tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        screen = app.screen
        bar = str(screen.query_one(KeyBar).render())
        titles = [
            str(screen.query_one(widget).border_title)
            for widget in (IssueList, SectionTree, ItemReader)
        ]
        expected = EXPECTED[language]
        assert expected["bar"] in bar
        assert titles == [expected["issues"], expected["tree"], expected["reader"]]
        assert foreign_words(bar, language) == [], bar
        assert foreign_words(" ".join(titles), language) == []
        assert foreign_words(str(screen.sub_title), language) == []  # "3 issues · 15 items"


async def test_the_help_screen_in_both_languages(language: str, tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 60)) as pilot:
        await started(app, pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [plain(static.content) for static in app.screen.query(Static)]
        # Each row: keys, description, the binding's id (for the key map: same in both).
        shown = "\n".join(
            "  ".join(re.split(r"\s{2,}", row.strip())[1:2]) if "  " in row.strip() else row
            for line in lines
            for row in line.splitlines()
        )
        assert ("下一条" if language == "zh_CN" else "Next item") in shown
        assert foreign_words(shown, language) == [], shown


async def test_the_search_overlay_and_a_dialog_in_both_languages(language: str) -> None:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        placeholder = search.query_one(Input).placeholder
        assert placeholder.startswith("搜索：" if language == "zh_CN" else "Search:")
        await pilot.press(*"no:abc")
        message = str(search.query_one("#search-message", Static).render())
        await wait_until(pilot, lambda: "no:abc" in message, "the filter's error")
        assert foreign_words(message.replace("no:abc", ""), language) == [], message
        await press(pilot, "escape", "t")
        tags = app.screen
        assert isinstance(tags, TagEditor)
        box_words = " ".join(
            str(text)
            for text in (
                tags.query_one("Vertical").border_title,
                tags.query_one("Vertical").border_subtitle,
                tags.query_one(Input).placeholder.replace("短剧", ""),
            )
        )
        assert foreign_words(box_words, language) == [], box_words


def palette_lines(app: ZhoubaoApp) -> list[str]:
    commands = app.screen.query_one(CommandList)
    return [
        str(commands.get_option_at_index(index).prompt) for index in range(commands.option_count)
    ]


async def test_the_palette_offers_every_action_with_its_key(language: str, tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 60)) as pilot:
        await started(app, pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await wait_until(pilot, lambda: len(palette_lines(app)) > 10, "the palette's commands")
        lines = palette_lines(app)
        names = [line.split("\n")[0] for line in lines]
        if language == "zh_CN":
            wanted = ["下一条  n", "搜索  /", "收藏  b", "资料库  B", "全部标为已读…  M",
                      "撤销  ^z", "帮助  ?", "重新读取  r", "导出  e", "主题…", "跳到某一期…",
                      "趋势…", "界面语言：English"]  # fmt: skip
        else:
            wanted = ["Next item  n", "Search  /", "Bookmark  b", "Library  B", "Undo  ^z",
                      "Help  ?", "Reload  r", "Export  e", "Theme…", "Go to issue…", "Trend…",
                      "Language: 中文"]  # fmt: skip
        for name in wanted:
            assert name in names, (name, "\n".join(names))
        assert not set(names) & set(TEXTUAL_COMMANDS), names
        assert not any("Quit the application" in line for line in lines)
        # Each language is named in its own words (界面语言：English, Language: 中文).
        mine = " ".join(names).replace("English", "").replace("中文", "")
        assert foreign_words(mine, language) == [], mine


async def test_a_number_typed_in_the_palette_goes_to_that_issue(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "ctrl+p")
        await pilot.press("2")
        await wait_until(
            pilot, lambda: any("跳到第 2 期" in line for line in palette_lines(app)), "issue 2"
        )
        await press(pilot, "enter")
        await wait_until(pilot, lambda: app.screen is app.reader, "back in the reader")
        await wait_until(
            pilot,
            lambda: app.reader.panes.issue_list.numbers[app.reader.panes.issue_list.cursor] == 2,
            "issue 2 under the cursor",
        )
        item = app.reader.current_item
        assert item is not None and item.number == 2


async def test_nothing_matched_says_so_in_our_words(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"xyzzy")
        await wait_until(
            pilot, lambda: palette_lines(app) == ["没有匹配的命令"], "the no-match line"
        )


async def test_theme_and_language_from_the_palette(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        app.choose_theme()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "选择主题…"
        await press(pilot, "escape")
        app.choose_language("en")
        assert load_settings().language == "en"
        assert i18n.language() == i18n.SOURCE_LANGUAGE  # from the next start
