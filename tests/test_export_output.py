"""Where exports go (issue 9 §6): never onto a FIFO or a device, a dangling symlink is an
existing file, `-o -` is standard output; atomic writes; nothing written when nothing
matches; `--split` writes one note per item or nothing at all."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.library import LibraryError
from tui.library.output import (
    ExportExists,
    NotRegularFile,
    resolve_target,
    write_atomically,
    write_files,
)

FIRST = "393-870a05"  # 中央经济工作会议：加快推动人工智能发展


def _device(tmp_path: Path) -> Path:
    """A character device like /dev/null, made in tmp_path (root only)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return node


# The checks, on their own.


def test_write_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomically(target, b"first")
    with pytest.raises(ExportExists, match="--force"):
        write_atomically(target, b"second")
    assert target.read_bytes() == b"first"
    write_atomically(target, b"second", force=True)
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomically(target, b"new", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_never_replaced(tmp_path: Path, force: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match="FIFO"):
        write_atomically(fifo, b"x", force=force)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_device_node_is_never_replaced(tmp_path: Path) -> None:
    node = _device(tmp_path)
    with pytest.raises(NotRegularFile, match="设备文件"):
        write_atomically(node, b"x", force=True)
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile, match="文件夹"):
        write_atomically(tmp_path, b"x", force=True)


def test_a_dangling_symlink_is_an_existing_file(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    nowhere = tmp_path / "elsewhere" / "never.md"
    link.symlink_to(nowhere)
    with pytest.raises(ExportExists, match="--force"):
        write_atomically(link, b"x")
    assert link.is_symlink()
    write_atomically(link, b"x", force=True)
    # The link itself is replaced: no file appears where it pointed.
    assert not link.is_symlink() and link.read_bytes() == b"x"
    assert not nowhere.parent.exists()


def test_a_symlink_to_a_file_writes_the_file(tmp_path: Path) -> None:
    real = tmp_path / "vault" / "report.md"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "report.md"
    link.symlink_to(real)
    with pytest.raises(ExportExists):
        write_atomically(link, b"new")
    assert write_atomically(link, b"new", force=True) == real
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.md"
    link.symlink_to(fifo)
    with pytest.raises(NotRegularFile):
        resolve_target(link, force=True)


def test_a_symlink_loop_is_an_existing_file(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(ExportExists):
        resolve_target(loop)


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(LibraryError, match="磁盘空间不足"):
        write_atomically(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match=r"无法在 .* 里写文件"):
        write_atomically(tmp_path / "no" / "such" / "out.md", b"x")


def test_write_files_checks_every_name_before_writing_any(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_bytes(b"mine")
    with pytest.raises(ExportExists):
        write_files(tmp_path, [("a.md", b"1"), ("b.md", b"2")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md"]
    write_files(tmp_path, [("a.md", b"1"), ("b.md", b"2")], force=True)
    assert (tmp_path / "b.md").read_bytes() == b"2"


# Through the command line.


@pytest.fixture
def bookmarked(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["bookmark", FIRST, "--tag", "AI"]) == 0
    capsys.readouterr()
    return FIRST


def test_cli_refuses_a_fifo_even_with_force(
    bookmarked: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["export", "-o", str(fifo), "--force"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "不是普通文件" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_cli_refuses_a_device_even_with_force(
    bookmarked: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    node = _device(tmp_path)
    assert main(["export", "-o", str(node), "--force"]) == 1
    assert "设备文件" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_cli_needs_force_for_a_dangling_symlink(
    bookmarked: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "gone.md")
    assert main(["export", "-o", str(link)]) == 1
    assert "--force" in capsys.readouterr().err and link.is_symlink()
    assert main(["export", "-o", str(link), "--force"]) == 0
    assert not link.is_symlink() and "行业动态周报摘编" in link.read_text(encoding="utf-8")
    assert not (tmp_path / "gone.md").exists()


def test_cli_dash_writes_to_standard_output(
    bookmarked: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["export", "--format", "json", "-o", "-"]) == 0
    assert [item["id"] for item in json.loads(capsys.readouterr().out)["items"]] == [bookmarked]
    assert list(work.iterdir()) == []  # no file called "-"


def test_cli_no_match_says_so_and_writes_nothing(
    bookmarked: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.md"
    assert main(["export", "--tag", "不存在", "-o", str(target)]) == 1
    captured = capsys.readouterr()
    assert "0 个条目符合条件" in captured.err and "#不存在" in captured.err
    assert captured.err.count("\n") == 1 and not target.exists()
    assert main(["export", "--tag", "不存在"]) == 1
    assert capsys.readouterr().out == ""


def test_cli_split_writes_one_note_per_item(
    sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = ["393-870a05", "393-2d4a7a"]
    for item_id in ids:
        assert main(["bookmark", item_id, "--tag", "脑机 接口"]) == 0
    vault = tmp_path / "vault" / "周报"
    assert main(["export", "-o", str(vault), "--split"]) == 0
    assert sorted(p.name for p in vault.iterdir()) == sorted(f"{i}.md" for i in ids)
    note = (vault / "393-870a05.md").read_text(encoding="utf-8")
    assert '  - "脑机_接口"' in note and "标签：#脑机_接口" in note
    (vault / "393-2d4a7a.md").write_text("我改过的笔记", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "-o", str(vault), "--split"]) == 1
    assert "--force" in capsys.readouterr().err
    assert (vault / "393-2d4a7a.md").read_text(encoding="utf-8") == "我改过的笔记"
    assert main(["export", "-o", str(vault), "--split", "--force"]) == 0
    assert (vault / "393-2d4a7a.md").read_text(encoding="utf-8").startswith("---\nid: ")


def test_cli_split_needs_a_folder_and_markdown(
    bookmarked: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--split"]) == 1
    assert main(["export", "--split", "--format", "json", "-o", str(tmp_path)]) == 1
    a_file = tmp_path / "file.md"
    a_file.write_text("x")
    assert main(["export", "--split", "-o", str(a_file)]) == 1
    assert "不是文件夹" in capsys.readouterr().err


def test_cli_never_pours_a_word_file_onto_a_terminal(
    bookmarked: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", "--format", "docx"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "-o" in captured.err
