"""Every main screen, drawn in Chinese and in English, read off the screen: nothing of the
other language on it.

The archive's own text (headlines, bodies, sections, tags, notes) is written with characters
no message id uses (animals: 鲸鲨鹦鹉…), so on the English screen any other Chinese character
is a string that missed the catalog; on the Chinese screen every English word is a key, a
command, a file name or a name that Chinese users write in Latin letters too (`ALLOWED`).
The walk goes the way a user does: the reader, a tag and a note, help, problems, catch-up,
the palette and the themes, go to an issue, export, find in the item, search (a bad filter,
results, bookmarking all, saving), a trend, an entity's timeline, the library view and its import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from screen_text import screen_text
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static
from waiting import wait_until

from tui import i18n
from tui.app import ZhoubaoApp
from tui.archive import Archive, Issue, Item, Section, SummaryBullet, load_archive
from tui.screens.catch_up import CatchUpDialog
from tui.screens.confirm import ConfirmDialog
from tui.screens.entity import EntityScreen
from tui.screens.export_dialog import ExportDialog
from tui.screens.find_in_item import FindInItemDialog
from tui.screens.go_to_issue import GoToIssueDialog
from tui.screens.help import HelpScreen
from tui.screens.import_dialog import ImportDialog
from tui.screens.library_screen import LibraryScreen
from tui.screens.note_editor import NoteEditor
from tui.screens.problems import ProblemsScreen
from tui.screens.save_search import SaveSearchDialog
from tui.screens.search import SearchScreen
from tui.screens.tag_editor import TagEditor
from tui.screens.trend import TrendScreen

CATALOG = Path(i18n.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "zhoubao.po"
#: The archive's text is made of these: no message id has any of them (checked below).
ANIMALS = "鲸鲨鹦鹉鸵蜥蜴蝾螈鳄獭貘麋熊猫狐狸松鼠鹰隼雀燕鸭鹅蛙蟹虾"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: English on a Chinese screen that is not a translation missed: keys as the key bar draws
#: them, commands and their options, file types and names users write in Latin letters.
ALLOWED = {
    "ctrl", "esc", "escape", "tab", "space", "enter", "Enter", "Esc", "shift",  # keys
    "zhoubao", "export", "format", "json", "ZHOUBAO", "LANG",  # commands
    "sec", "no", "date", "is", "unread",  # the query language
    "md", "txt", "docx", "csv", "CSV", "JSON", "CSL", "PDF", "Word", "Excel", "Zotero",
    "Markdown", "Obsidian", "English", "ID", "AI",
}  # fmt: skip
#: Chinese on an English screen that is meant: a language named in its own words, what a
#: masthead says (`第 N 期`) quoted in a skip reason, the publication's name, examples of
#: what to type (the archive is Chinese: so are its words, tags and sections).
MEANT_CHINESE = ("中文", "第 N 期", "行业动态周报", "短剧", "游戏", "技术")
#: English that counts one thing as many ("1 items"): a plural the catalog lacks.
ONE_THINGS = re.compile(r"\b(1) (items|issues|files|warnings|bookmarks|notes)\b")
#: A key binding's id, as the help screen shows it for the key map in settings.json.
BINDING_ID = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


def message_characters() -> set[str]:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    ids = (m.id if isinstance(m.id, str) else "".join(m.id) for m in catalog if m.id)
    return set(CJK.findall("".join(ids)))


def animals(n: int, length: int = 4) -> str:
    return "".join(ANIMALS[(n * 7 + k * 3) % len(ANIMALS)] for k in range(length))


def animal_archive(root: Path) -> Archive:
    """Four issues of animal text, and the skip reasons of three bad files (real ones: the
    parser's, in the language of the test)."""
    bad = root.parent / "鳄"
    bad.mkdir()
    (bad / "1.txt").write_bytes(b"")
    (bad / "2.txt").write_bytes(bytes(range(256)) * 4)
    skipped = load_archive(bad).skipped
    issues = []
    for number in (11, 12, 13, 14):  # 24 items: more than a batch action does unasked
        when = date(2024, number - 10, 5)
        sections = []
        for s in range(2):
            items = tuple(
                Item(
                    id=f"{number}-{s}-{i}",
                    # "鲸鲨：…" names a source: the entity timeline has something to show.
                    headline=("鲸鲨：" if i == 0 else "") + animals(number + s + i, 8),
                    paragraphs=(animals(number * s + i, 60), animals(i, 30)),
                    section=animals(s, 2),
                    number=number,
                    date=when,
                )
                for i in range(3)
            )
            sections.append(Section(animals(s, 2), items))
        summary = (SummaryBullet(animals(number, 6), f"{number}-0-0"),)
        issues.append(
            Issue(number, when, tuple(sections), summary, title="鲸报", publisher="鹦鹉会")
        )
    return Archive(root, tuple(issues), skipped=skipped)


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(i18n.SOURCE_LANGUAGE)


def foreign(text: str, language: str, folder: Path) -> list[str]:
    """What `text` shows of the other language (the test's `folder` is the user's data)."""
    text = BINDING_ID.sub("", text.replace(str(folder), ""))
    if language == "en":
        for meant in MEANT_CHINESE:
            text = text.replace(meant, "")
        plurals = [" ".join(found) for found in ONE_THINGS.findall(text)]
        return sorted({c for c in CJK.findall(text) if c not in ANIMALS} | set(plurals))
    return sorted({w for w in LATIN_WORD.findall(text) if w not in ALLOWED})


class Walk:
    """Screens read on the way, with what each showed of the other language."""

    def __init__(self, app: ZhoubaoApp, pilot: Pilot[None], language: str, folder: Path) -> None:
        self.app, self.pilot, self.language, self.folder = app, pilot, language, folder
        self.seen: dict[str, str] = {}
        self.wrong: dict[str, list[str]] = {}

    async def until(self, what: str, screen: type[Screen[object]]) -> None:
        await wait_until(self.pilot, lambda: isinstance(self.app.screen, screen), what)

    async def read(self, name: str) -> None:
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()
        text = screen_text(self.app)
        self.seen[name] = text
        found = foreign(text, self.language, self.folder)
        if found:
            self.wrong[name] = found

    async def keys(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()


def test_the_archive_text_shares_no_character_with_the_messages() -> None:
    """Else an untranslated string made of those characters would pass unseen."""
    assert set(ANIMALS) & message_characters() == set()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
async def test_every_screen_speaks_one_language(
    tmp_path: Path, language: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "鲸鲨"
    root.mkdir()
    monkeypatch.chdir(root)  # where the export dialog proposes to write
    app = ZhoubaoApp(root, archive=animal_archive(root))
    app.reader.reading_timer.delay_s = 600
    async with app.run_test(size=size, notifications=True) as pilot:
        walk = Walk(app, pilot, language, tmp_path)
        reader = app.reader
        await wait_until(
            pilot,
            lambda: reader.library is not None and reader.library.archive is not None,
            "the archive and the library",
        )
        await walk.read("reader")
        await walk.keys("t")
        await walk.until("the tag editor", TagEditor)
        await walk.read("tag editor")
        await walk.keys(*"鲸鲨", "enter")
        await walk.keys("a")
        await walk.until("the note editor", NoteEditor)
        await walk.keys(*"鹦鹉")
        await walk.read("note editor")
        await walk.keys("ctrl+s")
        await walk.keys("b")
        await walk.read("reader with toasts")
        await walk.keys("question_mark")
        await walk.until("help", HelpScreen)
        await walk.read("help")
        await walk.keys("escape", "exclamation_mark")
        await walk.until("problems", ProblemsScreen)
        await walk.read("problems")
        await walk.keys("escape", "M")
        await walk.until("catch-up", CatchUpDialog)
        await walk.read("catch-up")
        await walk.keys("escape", "ctrl+p")
        await walk.until("the palette", CommandPalette)
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0, "the palette's commands")
        await walk.read("palette")
        await walk.keys(*"鲸鲸鲸")
        await wait_until(pilot, lambda: commands.option_count == 1, "no command matching")
        await walk.read("palette, nothing found")
        await walk.keys("escape")
        await wait_until(pilot, lambda: app.screen is reader, "the palette closed")
        app.choose_theme()
        await walk.until("the themes", CommandPalette)
        await wait_until(pilot, lambda: bool(app.screen.query(CommandList)), "the theme list")
        themes = app.screen.query_one(CommandList)
        await walk.keys(*"鲸鲸鲸")
        await wait_until(pilot, lambda: themes.option_count == 1, "no theme matching")
        await walk.read("themes, nothing found")
        await walk.keys("escape")
        await wait_until(pilot, lambda: app.screen is reader, "the themes closed")
        from tui.commands import ask_issue

        ask_issue(app)
        await walk.until("go to issue", GoToIssueDialog)
        await walk.keys("9", "enter")
        error = app.screen.query_one("#line-dialog-error", Static)
        await wait_until(pilot, lambda: "9" in str(error.render()), "the dialog's error")
        await walk.read("go to issue, no such issue")
        await walk.keys("escape", "e")
        await walk.until("the export dialog", ExportDialog)
        await walk.read("export")
        await walk.keys("escape")
        reader.panes.reader.focus()
        await walk.keys("f")
        await walk.until("find in the item", FindInItemDialog)
        await walk.read("find in item")
        await walk.keys(*"鹰鹰鹰", "enter")
        await walk.read("find in item, not found")
        await walk.keys("escape")
        await wait_until(pilot, lambda: app.screen is reader, "back in the reader")
        await walk.keys("slash")
        await walk.until("search", SearchScreen)
        search = app.screen
        assert isinstance(search, SearchScreen)
        await walk.keys(*"no:鲸")
        message = search.query_one("#search-message", Static)
        await wait_until(pilot, lambda: "no:鲸" in str(message.render()), "the filter's error")
        await walk.read("search, a bad filter")
        await walk.keys(*["backspace"] * 4)
        await wait_until(pilot, lambda: search.query_text == "", "the query emptied")
        await walk.keys(*"鲸")
        await wait_until(pilot, lambda: search.result is not None, "results")
        await walk.read("search")
        await walk.keys("ctrl+b")
        await walk.until("the batch question", ConfirmDialog)
        await walk.read("bookmark all?")
        await walk.keys("escape")
        await walk.until("search again", SearchScreen)
        await walk.keys("ctrl+s")
        await walk.until("save the search", SaveSearchDialog)
        await walk.read("save search")
        await walk.keys("escape")
        await walk.until("search again", SearchScreen)
        await walk.keys("ctrl+g")
        await walk.until("the trend", TrendScreen)
        trend = app.screen
        assert isinstance(trend, TrendScreen)
        await wait_until(pilot, lambda: trend.trend is not None, "the trend counted")
        await walk.read("trend")
        await walk.keys("escape", "escape")
        await wait_until(pilot, lambda: app.screen is reader, "back in the reader")
        engine = reader.search_engine
        await wait_until(pilot, lambda: engine is not None and engine.ready, "the index")
        reader.open_item("13-0-0")
        reader.action_entity_timeline()
        await walk.until("the entity timeline", EntityScreen)
        await walk.read("entity timeline")
        await walk.keys("escape")
        await wait_until(pilot, lambda: app.screen is reader, "back in the reader")
        await walk.keys("B")
        await walk.until("the library view", LibraryScreen)
        await walk.read("library")
        await walk.keys("i")
        await walk.until("the import dialog", ImportDialog)
        await walk.read("import")
    shown = "\n\n".join(
        f"── {name}: {' '.join(walk.wrong[name])}\n{walk.seen[name]}" for name in walk.wrong
    )
    assert walk.wrong == {}, f"Not in {language} on screen:\n{shown}"
