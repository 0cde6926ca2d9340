"""Exports and imports in the real app: the export dialog remembers its format and scope,
ctrl+e in search exports what was found, `i` in the library view imports a colleague's
collection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notices import Notices
from test_app_library import ready, stored
from test_app_navigation import make_archive, press
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, RadioSet
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.library import LibraryStore, Snapshot
from tui.library.export import ExportFilter, render
from tui.library.limits import MAX_TAG_CHARS
from tui.screens.export_dialog import ExportDialog
from tui.screens.import_dialog import ImportDialog, JsonFileSuggester
from tui.screens.library_screen import LibraryScreen
from tui.screens.search import SearchScreen
from tui.settings import ExportChoice, load_settings

SIZE = (120, 36)


@pytest.fixture
def app(tmp_path: Path) -> ZhoubaoApp:
    built = ZhoubaoApp(tmp_path, archive=make_archive(tmp_path))
    built.reader.reading_timer.delay_s = 60  # nothing turns read behind the test's back
    return built


async def open_dialog(app: ZhoubaoApp, pilot: Pilot[None], *keys: str) -> ExportDialog:
    await press(pilot, *keys)
    await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def pressed(dialog: ExportDialog, radio_set: str) -> str | None:
    button = dialog.query_one(radio_set, RadioSet).pressed_button
    return button.name if button is not None else None


async def test_the_dialog_remembers_the_last_format_and_scope(
    app: ZhoubaoApp, working_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        dialog = await open_dialog(app, pilot, "b", "e")
        assert (pressed(dialog, "#export-format"), pressed(dialog, "#export-scope")) == (
            "md", "bookmarked"
        )  # fmt: skip
        dialog.query_one("#export-docx", RadioButton).value = True
        dialog.query_one("#export-all", RadioButton).value = True
        await wait_until(pilot, lambda: dialog.scope == "all", "the scope set to all")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog), "written")
        assert [p.suffix for p in working_dir.iterdir()] == [".docx"]
        assert app.settings.export == ExportChoice("docx", "all")
        again = await open_dialog(app, pilot, "e")
        assert (pressed(again, "#export-format"), pressed(again, "#export-scope")) == (
            "docx", "all"
        )  # fmt: skip
        assert again.query_one("#export-path", Input).value.endswith(".docx")
        await press(pilot, "escape")
        await pilot.press("q")
    assert load_settings().export == ExportChoice("docx", "all")


async def test_ctrl_e_in_search_exports_what_was_found(app: ZhoubaoApp, working_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "slash", *"条目1")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the overlay")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_until(pilot, lambda: bool(search.result), "the hits")
        assert search.result is not None
        hits = {hit.id for hit in search.result.hits()}
        dialog = await open_dialog(app, pilot, "ctrl+e")
        assert pressed(dialog, "#export-scope") == "results"
        assert f"将导出 {len(hits)} 条" in str(dialog.query_one("#export-summary").render())
        dialog.query_one("#export-json", RadioButton).value = True
        await wait_until(pilot, lambda: dialog.format == "json", "JSON chosen")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "back in search")
    [written] = working_dir.iterdir()
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["filter"] == "search:条目1"
    assert {item["id"] for item in document["items"]} == hits
    # None of them was kept: exporting a search keeps nothing in the library.
    assert not any(item["bookmarked"] or item["tags"] for item in document["items"])


async def test_e_on_the_hits_exports_them_as_in_the_reader(app: ZhoubaoApp) -> None:
    """With the hits focused (tab), e exports as it does in the reader; typed in the query
    it is a letter."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "slash", *"条目1")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_until(pilot, lambda: bool(search.result), "the hits")
        await press(pilot, "e")
        assert isinstance(app.screen, SearchScreen) and search.query_text == "条目1e"
        await press(pilot, "backspace", "tab")
        await wait_until(pilot, lambda: bool(search.result), "the hits again")
        dialog = await open_dialog(app, pilot, "e")
        assert pressed(dialog, "#export-scope") == "results"


async def test_ctrl_e_with_no_hits_says_so(app: ZhoubaoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "slash", *"没有这种条目")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the overlay")
        search = app.screen
        await press(pilot, "ctrl+e")
        message = search.query_one("#search-message")
        await wait_until(pilot, lambda: "没有结果可以导出" in str(message.render()), "the notice")
        assert app.screen is search


def colleague_file(folder: Path) -> Path:
    """A colleague's export: two items of the test archive and one it lacks."""
    colleague = LibraryStore(folder / "colleague.db")
    archive_item = Snapshot("2-1.0", 2, None, "行业", "第2期 行业 条目0", ("正文",), 0)
    colleague.set_bookmark(archive_item)
    colleague.add_tags([archive_item], ["同事"])
    elsewhere = Snapshot("9-0.0", 9, None, "要闻", "我们存档里没有的新闻", ("只在快照里。",), 0)
    colleague.set_note(elsewhere, "同事的备注")
    everything = ExportFilter(everything=True)
    records = everything.select(colleague.records(present={}))
    path = folder / "小王.json"
    path.write_bytes(render("json", records, everything.info("2024-03-01T09:00:00+00:00")))
    colleague.close()
    return path


async def test_i_in_the_library_view_imports_a_collection(
    app: ZhoubaoApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    colleague_file(tmp_path)  # 小王.json
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await press(pilot, "b", "B")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the view")
        view = app.screen
        assert isinstance(view, LibraryScreen) and len(view.records) == 1
        await press(pilot, "i")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportDialog), "the dialog")
        await press(pilot, "escape")  # Esc leaves without importing
        await wait_until(pilot, lambda: app.screen is view, "back in the library view")
        await press(pilot, "i", *"小王", "right")
        field = app.screen.query_one(Input)
        await wait_until(pilot, lambda: field.value == "小王.json", "the name completed")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: len(view.records) == 3, "the imported items listed")
        assert app.screen is view
        gone = next(r for r in view.records if r.id == "9-0.0")
        assert not gone.in_archive and gone.note == "同事的备注"
    with stored() as store:
        assert store.view.is_bookmarked("2-1.0") and store.view.tags_of("2-1.0") == {"同事"}
        assert store.view.is_bookmarked("3-0.0")  # what was there stays


async def test_the_import_dialog_wants_a_file(tmp_path: Path) -> None:
    from test_library_screens import Host

    (tmp_path / "收藏").mkdir()
    host = Host(ImportDialog(tmp_path))
    async with host.run_test(size=SIZE) as pilot:
        await press(pilot, *"收藏", "enter")
        warning = host.screen.query_one("#import-warning")
        await wait_until(pilot, lambda: "不是文件" in str(warning.render()), "the warning")
        assert host.results == []


async def test_the_suggester_completes_folders_and_json_files(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "a.json").write_text("{}")
    (tmp_path / "exports" / "a.txt").write_text("")
    suggester = JsonFileSuggester(tmp_path)
    assert await suggester.get_suggestion("ex") == "exports/"
    assert await suggester.get_suggestion("exports/") == "exports/a.json"
    assert await suggester.get_suggestion("exports/a.t") is None
    assert await suggester.get_suggestion("nowhere/x") is None


async def test_an_import_names_the_notes_and_tags_too_long_to_keep(
    app: ZhoubaoApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_tag = "签" * (MAX_TAG_CHARS + 1)
    entries = [
        {"id": f"9-{n}.0", "number": 9, "headline": "新闻", "section": "要闻",
         "bookmarked": True, "tags": [long_tag, "好"]}
        for n in range(5)
    ]  # fmt: skip
    document = {"format": "zhoubao-export", "version": 1, "items": entries}
    (tmp_path / "长.json").write_text(json.dumps(document))
    monkeypatch.chdir(tmp_path)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await ready(app, pilot)
        await press(pilot, "b", "B")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the view")
        view = app.screen
        assert isinstance(view, LibraryScreen)
        await press(pilot, "i", *"长.json", "enter")
        await wait_until(pilot, lambda: len(view.records) == 6, "the imported items listed")
        await wait_until(pilot, lambda: bool(notices.texts("warning")), "the warning")
        [warning] = notices.texts("warning")
        assert warning.count("未导入") == 4 and "还有2个未导入" in warning
        assert "条目9-0.0：标签“签签" in warning
        assert all(record.tags in {(), ("好",)} for record in view.records)
