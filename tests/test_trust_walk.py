"""Issue 9 §3: one bad entry never empties the archive.

A symlink loop, a folder or file without read permission, a FIFO, a dangling link and a
name that is not UTF-8, all in one archive: the cached load (the app), `load_archive` and
`zhoubao list` each open every good issue and report every bad entry with a reason.
Permissions mean nothing to root, so as root the denied folder and file are simulated at
the system call (os.scandir, os.open); as anyone else they are real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from screen_text import screen_text
from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive, walk_archive
from tui.archive.cache import ParseCache
from tui.screens.problems import ProblemsScreen

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
NON_UTF8 = os.fsdecode(b"caf\xe9-403.md")
AS_ROOT = os.geteuid() == 0


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The two samples, a copy of one under a non-UTF-8 name, and every kind of bad entry."""
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / "393-2023-12-18.txt", root)
    shutil.copy(SAMPLES / "403-2024-02-26.md", root / "sub")
    (root / NON_UTF8).write_bytes((SAMPLES / "403-2024-02-26.md").read_bytes())
    (root / "loop").symlink_to(".")
    (root / "sub" / "up").symlink_to("..")
    (root / "self").symlink_to("self")
    (root / "dangling").symlink_to("nowhere")
    os.mkfifo(root / "fifo")
    locked_folder, locked_file = root / "locked", root / "locked.txt"
    locked_folder.mkdir()
    shutil.copy(SAMPLES / "393-2023-12-18.txt", locked_folder)
    shutil.copy(SAMPLES / "393-2023-12-18.txt", locked_file)
    if AS_ROOT:
        _deny(monkeypatch, locked_folder, locked_file)
    else:
        locked_folder.chmod(0)
        locked_file.chmod(0)
    yield root
    locked_folder.chmod(0o755)
    locked_file.chmod(0o644)


def _deny(monkeypatch: pytest.MonkeyPatch, folder: Path, file: Path) -> None:
    real_scandir, real_open = os.scandir, os.open

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == str(folder):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(path)  # type: ignore[call-overload]

    def open_(path: object, flags: int, *args: int, **kwargs: object) -> int:
        if os.fspath(path) == str(file):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)


EXPECTED_PROBLEMS = {
    "loop": "符号链接循环：指向上层文件夹",
    "sub/up": "符号链接循环：指向上层文件夹",
    "self": "符号链接循环",
    "dangling": "链接指向的文件不存在",
    "fifo": "不是普通文件（命名管道）",
    "locked": "没有读取权限",
}


def _check(archive_root: Path, archive: object) -> None:
    from tui.archive import Archive

    assert isinstance(archive, Archive)
    numbers = sorted(issue.number for issue in archive.issues)
    assert numbers == [393, 403, 403]  # the copy under the non-UTF-8 name opens too
    skipped = {str(s.path.relative_to(archive_root)): s.reason for s in archive.skipped}
    for name, reason in EXPECTED_PROBLEMS.items():
        assert skipped.get(name) == reason, (name, skipped)
    assert "没有读取权限" in skipped["locked.txt"] or "没有权限" in skipped["locked.txt"]
    assert any("不是 UTF-8" in warning and "caf" in warning for warning in archive.warnings)


def test_the_cached_load_opens_every_good_issue_and_reports_each_bad_entry(hostile: Path) -> None:
    _check(hostile, ParseCache(hostile).load())
    _check(hostile, ParseCache(hostile).load())  # and from the snapshot


def test_load_archive_walks_the_same_way(hostile: Path) -> None:
    _check(hostile, load_archive(hostile))


def test_a_file_that_cannot_be_read_is_tried_again_once_it_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    root.mkdir()
    locked = root / "393.txt"
    shutil.copy(SAMPLES / "393-2023-12-18.txt", locked)
    with monkeypatch.context() as patch:
        _deny(patch, root / "no-such-folder", locked)
        assert ParseCache(root).load().issues == ()
    assert [issue.number for issue in ParseCache(root).load().issues] == [393]


async def test_the_app_opens_the_archive_and_bang_lists_the_problems(hostile: Path) -> None:
    app = ZhoubaoApp(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.reader.archive is not None, "the archive loaded")
        assert app.reader.archive is not None and len(app.reader.archive.issues) == 3
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the ! screen")
        shown = screen_text(app)
        for name in ("loop", "fifo", "locked", "dangling"):
            assert name in shown
        assert "caf\\xe9-403.md" in shown and "\udce9" not in shown


def _zhoubao(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *args],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        timeout=60,  # a FIFO read would block for ever
    )


def test_zhoubao_list_reports_bad_entries_on_a_strict_utf8_stdout(hostile: Path) -> None:
    listed = _zhoubao("list", str(hostile))
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout.decode("utf-8")
    # Root reads the locked folder and file (the simulation does not reach a subprocess).
    assert out.count(" 条  ") == (5 if AS_ROOT else 3)
    assert "跳过  " + str(hostile / "loop") + "：符号链接循环：指向上层文件夹" in out
    assert "fifo：不是普通文件（命名管道）" in out
    assert "caf\\xe9-403.md" in out


def test_zhoubao_parse_refuses_a_fifo_instead_of_waiting_on_it(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    parsed = _zhoubao("parse", str(fifo))
    assert parsed.returncode == 1 and "不是普通文件" in parsed.stderr.decode()


# Any tree of folders, files, links and FIFOs: the walk ends, never lists a path twice, and
# finds every regular file reachable without links.

_NAMES = st.sampled_from(["a", "b", "c", ".h", "d/e", "d/f", "d/e/g"])
_ENTRY = st.tuples(
    st.sampled_from(["dir", "file", "link", "fifo"]),
    _NAMES,
    st.sampled_from([".", "..", "../..", "a", "d", "d/e", "missing", "d/../a"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(_ENTRY, max_size=12))
def test_any_tree_is_walked_to_the_end(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str, str]]
) -> None:
    root = tmp_path_factory.mktemp("tree")
    for kind, name, target in entries:
        path = root / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "dir":
                path.mkdir()
            elif kind == "file":  # never opens what is there (a FIFO would block)
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            elif kind == "link":
                path.symlink_to(target)
            else:
                os.mkfifo(path)
        except OSError:
            continue  # taken already, or under a file
    walk = walk_archive(root)
    found = [f.relative for f in walk.files]
    assert len(found) == len(set(found))
    plain = set()
    for folder, folders, files in os.walk(root):  # follows no link
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(folder, name)
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                plain.add(str(path.relative_to(root)))
    assert plain <= set(found)


def test_items_of_a_file_whose_name_is_not_utf8_go_into_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.main import main

    root = tmp_path / "archive"
    root.mkdir()
    (root / NON_UTF8).write_bytes((SAMPLES / "403-2024-02-26.md").read_bytes())
    item = next(iter(load_archive(root).issues[0].items))
    # SQLite keeps text as UTF-8: the name's undecodable byte could not be saved.
    assert main(["bookmark", item.id, str(root), "--tag", "t"]) == 0
    assert main(["library", str(root), "--json"]) == 0
    listed = capsys.readouterr().out
    assert '"source_file": "caf\\\\xe9-403.md"' in listed


def test_an_archive_folder_whose_own_name_is_not_utf8_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.main import main
    from tui.settings import LastRead, load_settings, save_settings

    root = tmp_path / NON_UTF8.replace("-403.md", "")
    shutil.copytree(SAMPLES, root)
    # The parse cache and the search index are named after the folder's path.
    assert main(["list", str(root)]) == 0
    assert main(["search", "腾讯", str(root)]) == 0
    assert "\\xe9" in capsys.readouterr().out
    # The reader remembers where it stopped in that folder, in settings.json.
    settings = load_settings()
    settings.remember_last_read(root, LastRead(403, "403-abc"))
    settings.remember_known_issues(root, frozenset({393, 403}))
    save_settings(settings)
    again = load_settings()
    assert again.last_read_in(root) == LastRead(403, "403-abc")
    assert again.known_issues_in(root) == frozenset({393, 403})
