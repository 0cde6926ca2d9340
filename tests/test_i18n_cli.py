"""The CLI in the user's language: `--help` (argparse's own words too), errors, listings and
skip reasons; the language from `ZHOUBAO_LANG`, else the settings file, else the locale."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import i18n, paths
from tui.cli.main import main
from tui.settings import Settings, load_settings, save_settings

#: argparse's English, as it prints it: none of it may show in a Chinese --help.
ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help message")
#: Three English words in a row: a sentence left untranslated (option names and values
#: such as "--format json" or "relevance" stand alone).
ENGLISH_PHRASE = re.compile(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b")


@pytest.fixture(autouse=True)
def chinese_afterwards() -> Iterator[None]:
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)


def _help(capsys: pytest.CaptureFixture[str], *command: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [(), ("list",), ("search",), ("trend",), ("export",)])
def test_help_is_chinese_by_default(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    shown = _help(capsys, *command)
    assert shown.startswith("用法：zhoubao")
    assert "显示这份帮助并退出" in shown and "\n选项：\n" in shown and ":\n" not in shown
    assert not any(english in shown for english in ARGPARSE_ENGLISH), shown
    assert ENGLISH_PHRASE.search(shown) is None, shown


@pytest.mark.parametrize("command", [(), ("list",), ("search",), ("trend",), ("export",)])
def test_help_is_english_when_asked(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LANG_ENV, "en")
    shown = _help(capsys, *command)
    assert shown.startswith("usage: zhoubao")
    assert "show this help message and exit" in shown and "options:" in shown
    assert (
        re.search(
            r"[\u4e00-\u9fff]",
            shown.replace("行业动态周报", "")
            .replace("技术", "")
            .replace("抖音", "")
            .replace("短剧", ""),
        )
        is None
    ), shown


def test_help_lines_fit_the_terminal_in_display_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """argparse counts a Chinese character as one column; our formatter counts two."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "60")
    for command in ((), ("search",), ("trend",), ("export",)):
        for line in _help(capsys, *command).splitlines():
            if " " not in line.strip():  # one word (an option and its choices) may be wider
                continue
            assert cell_len(line) <= 60, line


def test_argparse_errors_are_in_the_users_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit):
        main(["list", "--bogus"])
    assert "zhoubao：错误：无法识别的参数：--bogus" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--format", "pdf"])
    assert "无效的选择：'pdf'" in capsys.readouterr().err
    monkeypatch.setenv(i18n.LANG_ENV, "en")
    with pytest.raises(SystemExit):
        main(["list", "--bogus"])
    assert "zhoubao: error: unrecognized arguments: --bogus" in capsys.readouterr().err


def test_list_and_its_skip_reasons_in_both_languages(
    tmp_path: Path,
    sample_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The parse cache keeps what it read per language: after a Chinese run, an English one
    gives English reasons, not the cached Chinese."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for path in sample_dir.iterdir():
        (archive / path.name).write_bytes(path.read_bytes())
    (archive / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (archive / "empty.txt").write_bytes(b"")
    assert main(["list", str(archive)]) == 0
    chinese = capsys.readouterr().out
    assert "  22 条  " in chinese
    assert "跳过  " in chinese and "二进制数据，不是文本" in chinese and "空文件" in chinese
    monkeypatch.setenv(i18n.LANG_ENV, "en")
    assert main(["list", str(archive)]) == 0
    english = capsys.readouterr().out
    assert "  22 items  " in english
    assert "skipped  " in english and "binary data, not text" in english
    assert "empty file" in english
    assert re.search(r"[\u4e00-\u9fff]", english) is None, english
    assert main(["list", str(archive / "nowhere")]) == 1
    assert "no archive at" in capsys.readouterr().err


def test_the_settings_file_chooses_the_language_and_the_environment_overrides_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(i18n.LANG_ENV)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    save_settings(Settings(language="en"))
    assert json.loads(paths.settings_file().read_text(encoding="utf-8"))["language"] == "en"
    assert load_settings().language == "en"
    assert _help(capsys).startswith("usage: zhoubao")
    monkeypatch.setenv(i18n.LANG_ENV, "zh_CN")
    assert _help(capsys).startswith("用法：zhoubao")


def test_every_argparse_string_has_a_chinese_translation() -> None:
    """Fails on a Python whose argparse says something new (run scripts/update_catalogs.py
    and translate it)."""
    from babel.messages.pofile import read_po
    from test_i18n import update_catalogs_script

    module = update_catalogs_script()
    wanted = {m.id for m in module.extract_argparse() if m.id}
    with module.argparse_po().open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id for m in catalog if m.id and m.string and all(m.string)}
    assert wanted - translated == set()


def test_os_errors_are_explained_in_the_users_language() -> None:
    error = PermissionError(13, "Permission denied")
    assert i18n.os_reason(error) == "没有权限"
    i18n.set_language("en")
    assert i18n.os_reason(error) == "Permission denied"
    assert i18n.os_reason(OSError(9999, "Strange")) == "Strange"
