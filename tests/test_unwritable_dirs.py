"""Data and cache folders that cannot be written cost what they would hold, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui import paths
from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.cli.main import main

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


@pytest.fixture
def blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data and cache folders under a regular file: no one, root included, can create them."""
    wall = tmp_path / "a-file"
    wall.write_text("not a folder")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(wall / "data"))
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(wall / "cache"))
    return wall


def test_search_works_without_a_cache_folder(
    blocked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "保证金"]) == 0
    assert "微信短剧小程序开始收取保证金" in capsys.readouterr().out


async def test_app_quits_cleanly_without_a_data_folder(blocked: Path) -> None:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("n", "b")
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)
