"""The one walk of an archive folder: which files to read as issues, and which entries not.

Every way of opening an archive — the reader's cached load, `load_archive`, every CLI
command — starts here, so they all see the same files and report the same problems:

* only regular files are issues (a FIFO would block the reader for ever, a device never
  ends); anything else is reported;
* symbolic links are followed, to files and to folders, but a link back to a folder being
  walked (`ln -s . loop`), or to one already walked, is reported, not followed again;
* a folder that cannot be listed, a dangling link or one that loops on itself is reported
  with the reason the system gave; the rest of the archive is walked on;
* a name that is not valid UTF-8 is read all the same, with a note (`os.fsdecode` keeps its
  bytes as lone surrogates, which `tui.sanitize` shows as \\xNN);
* hidden files and folders (a leading ".") are not issues, and are not mentioned.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from tui.archive.model import SkippedFile
from tui.i18n import _, os_reason


class FoundFile(NamedTuple):
    """A regular file to read as an issue."""

    path: Path
    #: The path below the archive folder (the file's name when the archive is one file).
    relative: str
    size: int
    mtime_ns: int


class ArchiveWalk(NamedTuple):
    """What the walk found: files in path order, entries it could not read, notes."""

    files: tuple[FoundFile, ...]
    problems: tuple[SkippedFile, ...]
    notes: tuple[str, ...]

    @property
    def signature(self) -> tuple[object, ...]:
        """Every file with its size and mtime, and every problem: equal while nothing in
        the folder changed (the parse cache's key for the whole archive)."""
        files = tuple((f.relative, f.size, f.mtime_ns) for f in self.files)
        return files, tuple((str(p.path), p.reason) for p in self.problems), self.notes


def walk_archive(root: Path) -> ArchiveWalk:
    """Walk `root` (a folder, or a single issue file)."""
    return _Walk(root).run()


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return _("符号链接循环")
    if isinstance(error, PermissionError):
        return _("没有读取权限")
    if isinstance(error, FileNotFoundError):
        return _("链接指向的文件不存在")
    return _("无法读取：{reason}").format(reason=os_reason(error))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("不是普通文件（命名管道）")
    if stat.S_ISSOCK(mode):
        return _("不是普通文件（套接字）")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("不是普通文件（设备）")
    return _("不是普通文件")


def _decodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_Key = tuple[int, int]  # (device, inode) of a folder
_Folder = tuple[Path, tuple[str, ...], frozenset[_Key]]


class _Walk:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[tuple[tuple[str, ...], FoundFile]] = []
        self.problems: list[SkippedFile] = []
        self.notes: list[str] = []
        #: (device, inode) of every folder walked, so none is walked twice.
        self.walked: set[_Key] = set()
        self.stack: list[_Folder] = []
        self.links: list[tuple[_Folder, _Key]] = []

    def run(self) -> ArchiveWalk:
        try:
            info = self.root.stat()
        except OSError as error:
            self.problems.append(SkippedFile(self.root, _reason(error)))
            return self._result()
        if stat.S_ISDIR(info.st_mode):
            self._walk_folders(info)
        elif stat.S_ISREG(info.st_mode):
            self._found(self.root, (self.root.name,), info)
        else:
            self.problems.append(SkippedFile(self.root, _kind(info.st_mode)))
        return self._result()

    def _result(self) -> ArchiveWalk:
        self.files.sort(key=lambda found: found[0])
        return ArchiveWalk(
            tuple(found for _key, found in self.files), tuple(self.problems), tuple(self.notes)
        )

    def _walk_folders(self, root_info: os.stat_result) -> None:
        # Folders to list: (folder, its parts below the root, the folders above it and
        # itself). A stack, not recursion, so that no depth of nesting can overflow. Links
        # to folders wait until every real folder is walked: a folder reached both ways is
        # then listed under its real path.
        root_key = (root_info.st_dev, root_info.st_ino)
        self.walked.add(root_key)
        self.stack.append((self.root, (), frozenset({root_key})))
        while self.stack or self.links:
            if self.stack:
                self._list(*self.stack.pop())
            else:
                (path, parts, above), key = self.links.pop(0)
                self._enter(path, parts, above, key, linked=True)

    def _list(self, folder: Path, parts: tuple[str, ...], above: frozenset[_Key]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            self.problems.append(SkippedFile(folder, _reason(error)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if not _decodable(entry.name):
                self.notes.append(_("文件名不是 UTF-8，照常读取：{path}").format(path=path))
            try:
                info = os.stat(entry.path)  # follows a link: what it points to
            except OSError as error:
                self.problems.append(SkippedFile(path, _reason(error)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if entry.is_symlink():
                    self.links.append(((path, (*parts, entry.name), above), key))
                else:
                    self._enter(path, (*parts, entry.name), above, key, linked=False)
            elif stat.S_ISREG(info.st_mode):
                self._found(path, (*parts, entry.name), info)
            else:
                self.problems.append(SkippedFile(path, _kind(info.st_mode)))

    def _enter(
        self, path: Path, parts: tuple[str, ...], above: frozenset[_Key], key: _Key, linked: bool
    ) -> None:
        """Walk the folder at `path` later, unless that would walk a folder again."""
        if key in above or (linked and self._holds_root(path)):
            self.problems.append(SkippedFile(path, _("符号链接循环：指向上层文件夹")))
        elif key in self.walked:
            self.problems.append(SkippedFile(path, _("指向已读过的文件夹，不再读取")))
        else:
            self.walked.add(key)
            self.stack.append((path, parts, above | {key}))

    def _holds_root(self, link: Path) -> bool:
        """Does the folder a link points to hold the archive folder (`ln -s .. up`)?"""
        target = os.path.realpath(link)
        root = os.path.realpath(self.root)
        return root == target or root.startswith(target.rstrip(os.sep) + os.sep)

    def _found(self, path: Path, parts: tuple[str, ...], info: os.stat_result) -> None:
        relative = FoundFile(path, "/".join(parts), info.st_size, info.st_mtime_ns)
        self.files.append((parts, relative))
