"""A plain, non-editable install carries the sample archive and the styles, and runs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui import i18n, paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("zhoubao-*.whl"))


def test_wheel_ships_samples_styles_and_packages(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "sample_data/393-2023-12-18.txt" in names
    assert "sample_data/403-2024-02-26.md" in names
    assert any(name.startswith("styles/") and name.endswith(".tcss") for name in names)
    assert "tui/archive/parser.py" in names and "tui/cli/main.py" in names
    assert any(name.startswith("widgets/") for name in names)
    assert "tui/locale/en/LC_MESSAGES/zhoubao.mo" in names  # compiled by hatch_build.py
    assert "tui/locale/zh_CN/LC_MESSAGES/argparse.mo" in names
    assert not any("__pycache__" in name or name.startswith("tests/") for name in names)


def test_installed_copy_opens_its_bundled_archive(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "from tui.cli.main import main; sys.exit(main(['list']))",
            str(target),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["403", "2024-02-26", "22"]
    assert lines[1].split()[:3] == ["393", "2023-12-18", "31"]
    assert str(target) in lines[0]
    # The catalogs came in the wheel: nothing was compiled into the cache.
    for language, usage, words in (("zh_CN", "用法：", "22 条"), ("en", "usage:", "22 items")):
        env = {**os.environ, i18n.LANG_ENV: language}
        code = "import sys; sys.path.insert(0, sys.argv[1]); from tui.cli.main import main; "
        run = [sys.executable, "-c", code + "sys.exit(main(sys.argv[2:]))", str(target)]
        helped = subprocess.run(
            [*run, "--help"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert helped.stdout.split("zhoubao")[0].strip() == usage
        listed = subprocess.run(
            [*run, "list"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert words in listed.stdout
    assert not (paths.cache_dir() / "locale").exists()
