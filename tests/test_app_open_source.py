"""`o` in the reader opens the item's source file, at its PDF page, through $ZHOUBAO_OPENER
(or the system's viewer) — in a worker, so the reader never waits for it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify

from tui.app import ZhoubaoApp
from tui.archive import Item, load_archive
from tui.opener import OPENER_ENV, opener_command
from tui.screens.reader import ReaderScreen
from widgets.item_reader import ItemReader

PDF = Path(__file__).resolve().parent / "fixtures" / "pdfs" / "393.lo-a4.pdf"


def _recording_opener(tmp_path: Path, status: int = 0) -> tuple[str, Path]:
    """A fake viewer: writes the arguments it was given, one a line, then exits."""
    record = tmp_path / "opened.txt"
    script = tmp_path / "fake-viewer.py"
    script.write_text(
        "import sys\n"
        f"open({str(record)!r}, 'w').write('\\n'.join(sys.argv[1:]) + '\\n')\n"
        f"sys.exit({status})\n"
    )
    return f"{sys.executable} {script}", record


async def _open_in_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int = 0
) -> tuple[ZhoubaoApp, Item, Path, Path]:
    archive_dir = tmp_path / "archive"
    archive_dir.mkdir()
    shutil.copy(PDF, archive_dir / "393 周报.pdf")
    command, record = _recording_opener(tmp_path, status)
    monkeypatch.setenv(OPENER_ENV, command)
    archive = load_archive(archive_dir)
    item = next(item for item in archive.issues[0].items if item.page == 3)
    app = ZhoubaoApp(archive_dir, archive=archive)
    return app, item, record, archive_dir


async def test_o_opens_the_pdf_at_the_items_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, item, record, archive_dir = await _open_in_reader(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.open_item(item.id)
        await pilot.pause()
        reader = screen.query_one(ItemReader)
        reader.focus()
        await pilot.pause()
        assert reader.item == item
        await pilot.press("o")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert record.read_text().splitlines() == [str(archive_dir / "393 周报.pdf"), "3"]


async def test_a_failing_opener_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, item, record, _ = await _open_in_reader(tmp_path, monkeypatch, status=3)
    notes: list[str] = []

    def seen(message: Message) -> None:
        if isinstance(message, Notify):
            notes.append(message.notification.title)

    async with app.run_test(size=(120, 36), notifications=True, message_hook=seen) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.open_item(item.id)
        reader = screen.query_one(ItemReader)
        reader.focus()
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert record.exists()
    assert "无法打开原文件" in notes


def test_opener_commands(tmp_path: Path) -> None:
    pdf = tmp_path / "a b.pdf"
    env = {OPENER_ENV: "my-viewer --flag"}
    assert opener_command(pdf, 4, env) == ["my-viewer", "--flag", str(pdf), "4"]
    assert opener_command(tmp_path / "a.txt", None, env) == [
        "my-viewer", "--flag", str(tmp_path / "a.txt"),
    ]  # fmt: skip
    assert opener_command(pdf, 4, {}, "darwin") == ["open", str(pdf)]
    assert opener_command(pdf, None, {}, "linux", lambda: "") == ["xdg-open", str(pdf)]
    # A viewer we know how to ask for a page, when it is the default and installed.
    evince = opener_command(pdf, 4, {}, "linux", lambda: "org.gnome.Evince.desktop")
    if shutil.which("evince"):
        assert evince == ["evince", "--page-index=4", str(pdf)]
    else:
        assert evince == ["xdg-open", str(pdf)]


def test_a_file_named_like_an_option_reaches_the_viewer_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `zhoubao .` gives items paths relative to the working folder; a file named
    # `--page-index=1.pdf` or `-x.pdf` must not be read by the viewer as one of its options.
    monkeypatch.chdir(tmp_path)
    hostile = Path("--help.pdf")
    for env, platform, viewer in (
        ({OPENER_ENV: "my-viewer"}, "linux", ""),
        ({}, "linux", ""),
        ({}, "darwin", ""),
    ):
        command = opener_command(hostile, 2, env, platform, lambda v=viewer: v)
        target = next(arg for arg in command if arg.endswith("--help.pdf"))
        assert target == str(tmp_path / "--help.pdf")
