"""Issue 9 §4: nothing from a file, a tag or a note reaches the terminal as control codes.

One function, `tui.sanitize.sanitize`, decides; these tests hold it to "no byte a terminal
interprets" for any input, then check the places the issue found raw text: the library
view's group headings (OSC 52), the CLI's tags, notes, file names and CSV on a terminal, and
bidi overrides in a headline.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.app import App
from textual.widgets import OptionList

from tui.archive import Archive
from tui.cli.common import json_text
from tui.library import LibraryStore, Snapshot
from tui.sanitize import Layout, sanitize
from tui.screens.library_screen import LibraryScreen

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS: tuple[Layout, ...] = ("line", "text", "flow")
#: Layout characters each display layout leaves in place.
KEPT = {"line": "", "text": "\t\n", "flow": ""}
#: The issue's tag: clear the screen, then set the clipboard to "rm -rf" (OSC 52).
OSC52_TAG = "\x1b[2J\x1b]52;c;cm0gLXJm\x1b\\"
#: Text that reaches for everything a terminal acts on.
HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(),  # anything, lone surrogates included
        st.sampled_from("\x1b\x07\x08\r\n\t\x0b\x0c\x7f\x85\x9b\x9d\u2028\u2029"),
        st.sampled_from("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"),
        st.sampled_from("\u200b\u200c\u200d\ufeff\u00ad\U000e0041\U000e007f\udce9\ud800"),
    )
)


def interpreted(char: str, layout: Layout) -> bool:
    """Would a terminal act on this character, beyond drawing it?"""
    if char in KEPT[layout]:
        return False
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or (category == "Cf" and char != "\u200d")


@pytest.mark.parametrize("layout", LAYOUTS)
@given(text=HOSTILE)
def test_nothing_sanitised_holds_a_character_a_terminal_acts_on(text: str, layout: Layout) -> None:
    shown = sanitize(text, layout)
    assert not [char for char in shown if interpreted(char, layout)]
    data = shown.encode("utf-8")  # strict: no lone surrogate survives
    # At the byte level: no C0 control but the kept ones, no DEL, no C1 (UTF-8 C2 80-9F).
    assert not [b for b in data if (b < 0x20 and chr(b) not in KEPT[layout]) or b == 0x7F]
    assert not any(data[i] == 0xC2 and 0x80 <= data[i + 1] <= 0x9F for i in range(len(data) - 1))
    assert sanitize(shown, layout) == shown  # once is enough


@given(text=st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs", "M"])))
def test_ordinary_text_comes_back_as_it_is(text: str) -> None:
    assert all(sanitize(text, layout) == text for layout in LAYOUTS)


def test_every_format_character_python_knows_is_handled() -> None:
    # The lists in tui/sanitize.py must cover every Cf character of this Python's Unicode.
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) == "Cf" and char != "\u200d":
            assert sanitize(char) in ("", "\ufffd"), hex(code)


def test_controls_become_pictures_and_overrides_become_visible() -> None:
    assert sanitize(OSC52_TAG) == "␛[2J␛]52;c;cm0gLXJm␛\\"
    assert sanitize("a\u202eexe.txt") == "a\ufffdexe.txt"
    assert sanitize("短\u200b剧\ufeff") == "短剧"
    assert sanitize("caf\udce9.txt") == "caf\\xe9.txt"  # os.fsdecode of a Latin-1 name
    assert sanitize("a\nb\tc") == "a␊b␉c"
    assert sanitize("a\r\nb\tc\u2028d", "text") == "a\nb\tc\nd"
    assert sanitize("a\r\nb\tc", "flow") == "a  b c"
    assert sanitize("页\f码\r\n", "source") == "页\f码\r\n"  # the parser reads these


def test_json_output_keeps_the_data_and_shows_no_control() -> None:
    value = {"tag": OSC52_TAG, "name": "caf\udce9\u202e", "astral": "\U000e0041"}
    text = json_text(value)
    assert json.loads(text) == value
    assert not [char for char in text if interpreted(char, "text")]


# The places the issue found raw text.


async def test_library_view_group_heading_shows_the_osc52_tag_as_text(archive: Archive) -> None:
    item = next(iter(archive.issues[0].items))
    with LibraryStore() as store:
        store.add_tags([Snapshot.of(item)], [OSC52_TAG])
        records = store.records(archive.places, kept_only=True)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(LibraryScreen(records))

    host = Host()
    async with host.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        items = host.screen.query_one(OptionList)
        drawn = "".join(
            segment.text for y in range(items.size.height) for segment in items.render_line(y)
        )
    assert "#␛[2J␛]52;c;cm0gLXJm␛\\" in drawn
    assert "\x1b" not in drawn


def _zhoubao(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    """The real command, stdout strict UTF-8, as a script (or a terminal's pipe) sees it."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", **(env or {})},
        timeout=120,
    )


def test_cli_prints_tags_notes_and_headlines_without_escapes() -> None:
    first = "393-870a05"
    note = "注\x1b[2J\u202e意"
    bookmarked = _zhoubao("bookmark", first, "--tag", OSC52_TAG, "--note", note)
    assert bookmarked.returncode == 0, bookmarked.stderr
    listed = _zhoubao("library")
    as_json = _zhoubao("library", "--json")
    for run in (bookmarked, listed, as_json):
        assert b"\x1b" not in run.stdout and "\u202e".encode() not in run.stdout
    assert "#␛[2J␛]52;c;cm0gLXJm␛\\".encode() in listed.stdout
    [record] = json.loads(as_json.stdout)["items"]
    assert record["tags"] == [OSC52_TAG] and record["note"] == note  # exact data


def test_cli_csv_export_on_a_terminal_is_sanitised_and_exact_in_a_pipe(tmp_path: Path) -> None:
    assert _zhoubao("bookmark", "393-870a05", "--tag", OSC52_TAG).returncode == 0
    piped = _zhoubao("export", "--format", "csv")
    # CSV is read by people (Excel): sanitised in a file or a pipe too; JSON keeps it exact.
    assert sanitize(OSC52_TAG).encode() in piped.stdout and b"\x1b" not in piped.stdout
    as_data = _zhoubao("export", "--format", "json")
    assert OSC52_TAG in json.loads(as_data.stdout)["items"][0]["tags"]
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui.cli.main", "export", "--format", "csv"],
            stdout=follower,
            cwd=ROOT,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(leader)
    assert b"\x1b" not in shown and "␛]52;c;cm0gLXJm".encode() in shown


def test_list_shows_a_non_utf8_file_name_on_a_strict_utf8_stdout(
    tmp_path: Path, sample_dir: Path
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    data = (sample_dir / "393-2023-12-18.txt").read_bytes()
    (archive / os.fsdecode(b"caf\xe9-\x1b[2J.txt")).write_bytes(data)
    listed = _zhoubao("list", str(archive))
    assert listed.returncode == 0, listed.stderr
    assert b"\x1b" not in listed.stdout
    assert b"caf\\xe9-\xe2\x90\x9b[2J.txt" in listed.stdout  # \xe9 shown, ESC as ␛
    as_json = _zhoubao("list", str(archive), "--json")
    assert as_json.returncode == 0 and b"\x1b" not in as_json.stdout
    assert json.loads(as_json.stdout)["issues"][0]["file"].endswith("caf\udce9-\x1b[2J.txt")


def test_a_bidi_override_in_a_headline_is_shown_not_obeyed(tmp_path: Path) -> None:
    from tui.archive.parser import parse_text

    sample = (ROOT / "sample_data" / "393-2023-12-18.txt").read_text(encoding="utf-8")
    headline = "中央经济工作会议：加快推动人工智能发展"
    issue = parse_text(
        sample.replace(headline, "中央\u202e经济\u2066工作会议\u200b：加快推动人工智能发展")
    )
    headlines = [item.headline for item in issue.items]
    assert "中央\ufffd经济\ufffd工作会议：加快推动人工智能发展" in headlines
