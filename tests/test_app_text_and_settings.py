"""Text from files is shown literally; settings (position, theme, keys) survive a restart."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from screen_text import screen_text
from test_app_navigation import SAMPLES, make_archive, press, reader_item, started
from textual.binding import Binding

from tui import paths
from tui.app import ZhoubaoApp
from tui.archive.model import Archive, Issue, Item, Section
from tui.screens.help import HelpScreen, KeyNote, binding_sections
from tui.settings import LastRead, Settings, load_settings, save_settings
from widgets.item_reader import ItemReader
from widgets.key_bar import KeyBar
from widgets.section_tree import SectionTree

HOSTILE_HEADLINE = "[bold red]x[/] 与 [@click=app.quit]点我[/]"
HOSTILE_BODY = "转义序列 \x1b[31m红色\x1b[0m 和 [link=https://example.com]链接[/link]"


def hostile_archive(root: Path) -> Archive:
    item = Item("9-bad", HOSTILE_HEADLINE, (HOSTILE_BODY,), "行业", 9, date(2024, 1, 1))
    return Archive(root, (Issue(9, date(2024, 1, 1), (Section("行业", (item,)),)),))


async def test_markup_and_escape_sequences_in_items_show_literally(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=hostile_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        shown = screen_text(app)
        assert "[bold red]x[/]" in shown
        assert "[@click=app.quit]点我[/]" in shown
        assert "␛[31m红色␛[0m" in shown
        assert "\x1b" not in "".join(
            seg.text for y in range(10) for seg in app.screen.query_one(ItemReader).render_line(y)
        )
        await pilot.click(ItemReader, offset=(5, 1))  # a click on the text runs nothing
        await pilot.pause()
        assert app.is_running


async def test_reopens_at_the_last_issue_and_item_read(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    app = ZhoubaoApp(tmp_path, archive=archive)
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "right_square_bracket", "n", "n")
        assert reader_item(app) == "2-1.0"
        await press(pilot, "q")
    saved = load_settings().last_read_in(tmp_path)
    assert saved == LastRead(2, "2-1.0")
    again = ZhoubaoApp(tmp_path, archive=archive)
    async with again.run_test(size=(120, 36)) as pilot:
        await started(again, pilot)
        assert reader_item(again) == "2-1.0"


async def test_theme_choice_is_remembered(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    assert load_settings().theme == "nord"
    again = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with again.run_test(size=(120, 36)) as pilot:
        await started(again, pilot)
        assert again.theme == "nord"


async def test_keymap_from_settings_remaps_a_binding(tmp_path: Path) -> None:
    save_settings(Settings(keymap={"app.next_item": "ctrl+n"}))
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        await press(pilot, "n")
        assert reader_item(app) == "3-0.0"
        await press(pilot, "ctrl+n")
        assert reader_item(app) == "3-0.1"


async def test_key_bar_keeps_its_order_after_remapping(tmp_path: Path) -> None:
    async def key_bar_text() -> str:
        app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
        async with app.run_test(size=(200, 36)) as pilot:  # wide: no key is cut off
            await started(app, pilot)
            return str(app.screen.query_one(KeyBar).render()).rstrip()

    plain = await key_bar_text()
    save_settings(Settings(keymap={"app.next_item": "ctrl+n", "app.search": "ctrl+f"}))
    remapped = await key_bar_text()
    assert plain.startswith(" ⏎ 打开  n 下一条  ] 下一期")
    assert " ".join(remapped.replace("^n", "n").replace("^f", "/").split()) == " ".join(
        plain.split()
    )


async def test_help_lists_every_binding_and_closes(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 300)) as pilot:  # tall enough to show the whole list
        await started(app, pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for heading, bindings in binding_sections():
            assert heading in shown
            for binding in bindings:
                if isinstance(binding, KeyNote):
                    assert binding.description in shown
                else:
                    assert isinstance(binding, Binding) and binding.id
                    assert binding.id in shown
        # Keys that are no bindings of the app's own are listed too.
        for key in ("ctrl+p", "0-9", "ctrl+s", "exclamation_mark", "library.group"):
            assert key in shown or app.get_key_display(Binding(key, "")) in shown
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_key_bar_follows_the_focused_pane(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        bar = app.screen.query_one(KeyBar)
        assert "⏎ 打开" in str(bar.render())
        await press(pilot, "tab")
        assert isinstance(app.focused, SectionTree)
        assert "⏎ 阅读" in str(bar.render())


def test_settings_file_round_trip(tmp_path: Path) -> None:
    saved = Settings(theme="nord", keymap={"app.quit": "ctrl+q"})
    saved.remember_last_read(tmp_path / "a", LastRead(393, "393-abc"))
    save_settings(saved)
    assert load_settings() == saved


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_settings_file_content_loads_without_error(content: bytes) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    loaded = load_settings()
    assert isinstance(loaded, Settings)


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=12,
    )
)
def test_any_json_in_the_settings_file_loads(value: object) -> None:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"theme": value, "keymap": value, "positions": value}))
    loaded = load_settings()
    assert loaded.theme is None or isinstance(loaded.theme, str)
    assert all(isinstance(v, str) for v in loaded.keymap.values())


async def test_clicking_a_key_in_the_key_bar_runs_it(tmp_path: Path) -> None:
    app = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await started(app, pilot)
        text = str(app.screen.query_one(KeyBar).render())
        await pilot.click(KeyBar, offset=(cell_len(text[: text.index("下一条")]), 0))
        await pilot.pause()
        assert reader_item(app) == "3-0.1"


async def test_a_folder_is_read_with_progress_and_opens_at_the_newest(tmp_path: Path) -> None:
    seen: list[str] = []
    root = tmp_path / "archive"
    shutil.copytree(SAMPLES, root)
    app = ZhoubaoApp(root)
    async with app.run_test(
        size=(120, 36), message_hook=lambda m: seen.append(type(m).__name__)
    ) as pilot:
        await started(app, pilot)
        assert "Progress" in seen and "Loaded" in seen
        assert app.reader.sub_title == "2 期 · 53 条"
        item = app.screen.query_one(ItemReader).item
        assert item is not None and item.number == 403


async def test_reopens_at_the_last_item_read_in_the_newest_issue_behind_a_preview(
    tmp_path: Path,
) -> None:
    from tui.archive.cache import preview_of

    archive = make_archive(tmp_path)
    settings = Settings()
    settings.remember_last_read(tmp_path, LastRead(3, "3-1.1"))
    save_settings(settings)
    app = ZhoubaoApp(tmp_path, archive=archive, preview=preview_of(archive))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert reader_item(app) == "3-1.1"  # the preview opens there at once…
        await started(app, pilot)
        assert reader_item(app) == "3-1.1"  # …and the whole archive keeps it
