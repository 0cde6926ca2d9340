"""Where an export goes: a file replaced atomically, a folder of files, or standard output.

An export never clobbers what it should not. A path that holds anything but a regular file
(a FIFO, a device node such as /dev/null, a socket, a folder) is refused, even when
overwriting was asked for. A symlink counts as the file it names; a symlink that names
nothing is still "an existing file" and is replaced (the link itself, never a new file
where it points) only when asked.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tui.i18n import _, os_reason
from tui.library.store import LibraryError

#: The `-o` argument that means standard output.
STDOUT = "-"


class ExportExists(LibraryError):
    """The export file exists and overwriting was not asked for."""


class NotRegularFile(LibraryError):
    """The output path holds something an export must never replace (FIFO, device, …)."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("文件夹")
    if stat.S_ISFIFO(mode):
        return _("命名管道（FIFO）")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("设备文件")
    if stat.S_ISSOCK(mode):
        return _("套接字")
    return _("特殊文件")


def _refuse(target: Path, mode: int) -> NotRegularFile:
    return NotRegularFile(
        _("{path} 是{kind}，不是普通文件：导出不会替换它").format(path=target, kind=_kind(mode))
    )


def _exists(target: Path) -> ExportExists:
    return ExportExists(_("{path} 已存在；要覆盖请加 --force").format(path=target))


def resolve_target(target: Path, force: bool = False) -> Path:
    """The path an export to `target` replaces: `target` itself, or the regular file a
    symlink there names. Raises `ExportExists` for an existing file (or a dangling symlink)
    unless `force`, and `NotRegularFile` for anything that is not a regular file."""
    try:
        here = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise LibraryError(
            _("无法写入 {path}：{reason}").format(path=target, reason=os_reason(error))
        ) from error
    if stat.S_ISLNK(here.st_mode):
        try:
            named = os.stat(target)
        except OSError as error:
            if error.errno not in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                raise LibraryError(
                    _("无法写入 {path}：{reason}").format(path=target, reason=os_reason(error))
                ) from error
            # A link to nothing: replacing it means replacing the link, never creating
            # a file wherever it points.
            if not force:
                raise ExportExists(
                    _("{path} 是指向不存在文件的符号链接；要替换这个链接请加 --force").format(
                        path=target
                    )
                ) from error
            return target
        if not stat.S_ISREG(named.st_mode):
            raise _refuse(target, named.st_mode)
        if not force:
            raise _exists(target)
        return Path(os.path.realpath(target))
    if not stat.S_ISREG(here.st_mode):
        raise _refuse(target, here.st_mode)
    if not force:
        raise _exists(target)
    return target


def write_atomically(target: Path, data: bytes, force: bool = False) -> Path:
    """Write `data` to `target` through a temporary file in the same folder and a rename, so
    a reader (or a crash) never sees half a file. Returns the path written (a symlink's
    file). Refuses to replace a file unless `force`, and anything but a regular file always.
    """
    path = resolve_target(target, force)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise LibraryError(
            _("无法在 {folder} 里写文件：{reason}").format(
                folder=path.parent, reason=os_reason(error)
            )
        ) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; an export gets the usual permissions, or keeps
        # those of the file it replaces.
        temp.chmod(_mode_of(path))
        # Checked again just before the rename: a FIFO or device made meanwhile survives.
        resolve_target(path, force=True)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise LibraryError(
            _("无法写入 {path}：{reason}").format(path=path, reason=os_reason(error))
        ) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o644


def prepare_folder(folder: Path) -> None:
    """Make the folder a split export writes into (with its parents), if it is missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise LibraryError(_("{path} 不是文件夹").format(path=folder)) from error
    except OSError as error:
        raise LibraryError(
            _("无法建立文件夹 {path}：{reason}").format(path=folder, reason=os_reason(error))
        ) from error


def write_files(folder: Path, files: Sequence[tuple[str, bytes]], force: bool = False) -> None:
    """Write each (name, data) into `folder`. Every name is checked before anything is
    written, so a refusal (an existing file without `force`, a FIFO) writes nothing."""
    for name, _data in files:
        resolve_target(folder / name, force)
    for name, data in files:
        write_atomically(folder / name, data, force)
