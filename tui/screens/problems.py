"""The `!` screen: what went wrong reading the archive — skipped files and warnings.

A toast cannot hold this: long paths in a toast wrap across its border and Textual drops
wide characters there. So loading shows a one-line count (`notify_problems`) and this screen
lists the details, set as Chinese is set (`WrappedText`): each skipped file with its reason,
then the archive's warnings (an issue held by several files), then each issue's own warnings
(a truncated file, a summary bullet that announces no item). Paths and warnings come from
files: they are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from tui.archive.model import Archive
from tui.i18n import N_, _, _n
from tui.sanitize import sanitize
from tui.screens.dialog import Dialog, framed
from widgets.key_scroll import KeyScroll
from widgets.wrapped_text import WrappedText

NOTHING_WRONG = N_("存档里的文件都读好了，没有提示。")
#: Entries listed in each part: a folder of thousands of other documents made 6,000
#: widgets and froze the screen for seconds; the rest are counted (`zhoubao list` has all).
SHOWN_AT_MOST = 100


def _shown_path(path: Path, root: Path) -> str:
    """The path below the archive folder where it is inside it, else in full, on one line
    (a file name may hold a newline: shown as ␊, never as a second line)."""
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    return sanitize(str(shown), "line")


def warning_lines(archive: Archive) -> list[str]:
    """The archive's warnings, then each issue's, as "第 N 期（file）：warning" lines."""
    lines = [sanitize(warning, "line") for warning in archive.warnings]
    for issue in archive.issues:
        source = _shown_path(issue.source, archive.root)
        line = _("第 {number} 期（{source}）：{warning}")
        lines += [
            line.format(number=issue.number, source=source, warning=sanitize(warning, "line"))
            for warning in issue.warnings
        ]
    return lines


def problems_notice(archive: Archive, key: str) -> str | None:
    """A short line counting the problems and naming the key that lists them, or None."""
    skipped, warnings = len(archive.skipped), len(warning_lines(archive))
    parts = []
    if skipped:
        files = _n("跳过 {count} 个文件", skipped)
        parts.append(files.format(count=skipped))
    if warnings:
        parts.append(_n("{count} 条提示", warnings).format(count=warnings))
    if not parts:
        return None
    return _("{problems} — 按 {key} 查看").format(problems=_("，").join(parts), key=key)


def notify_problems(app: App[None], archive: Archive, key: str) -> None:
    """After loading: a short toast if any file was skipped or any warning was raised;
    `key` is the key that opens the list (as the user's key map binds it)."""
    notice = problems_notice(archive, app.get_key_display(Binding(key, "")))
    if notice is not None:
        app.notify(notice, title=_("读取存档"), severity="warning", markup=False)


class ProblemsScreen(Dialog[None]):
    """Skipped files (path — reason) and warnings of `archive`; escape, q or ! closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "dismiss", N_("关闭"), id="problems.close"),
    ]

    DEFAULT_CSS = """
    ProblemsScreen {
        & > KeyScroll {
            width: 100;
            max-height: 90%;
            border: round $warning;
            border-title-color: $warning;
        }
        .problems-heading { text-style: bold; margin-top: 1; }
        .problems-heading.-first { margin-top: 0; }
        .problems-reason { color: $text-muted; padding-left: 2; }
    }
    """

    def __init__(self, archive: Archive) -> None:
        super().__init__()
        self.archive = archive

    def compose(self) -> ComposeResult:
        archive = self.archive
        warnings = warning_lines(archive)
        with framed(KeyScroll(), _("读取存档的问题"), _("Esc 关闭")):
            if not archive.skipped and not warnings:
                yield Static(Content(_(NOTHING_WRONG)))
            classes = "problems-heading -first"
            if archive.skipped:
                yield Static(
                    _("跳过的文件（{count}）").format(count=len(archive.skipped)), classes=classes
                )
                classes = "problems-heading"
                for skipped in archive.skipped[:SHOWN_AT_MOST]:
                    yield WrappedText(_shown_path(skipped.path, archive.root))
                    yield WrappedText(skipped.reason, classes="problems-reason")
                yield from self._not_listed(len(archive.skipped))
            if warnings:
                yield Static(_("提示（{count}）").format(count=len(warnings)), classes=classes)
                for line in warnings[:SHOWN_AT_MOST]:
                    yield WrappedText(line)
                yield from self._not_listed(len(warnings))

    @staticmethod
    def _not_listed(count: int) -> Iterator[WrappedText]:
        """A line counting the entries past `SHOWN_AT_MOST`, if there are any."""
        rest = count - SHOWN_AT_MOST
        if rest > 0:
            more = _n("还有 {count} 条没有列出（zhoubao list 列出全部）", rest)
            yield WrappedText(more.format(count=f"{rest:,}"), classes="problems-reason")
