"""Opening an item's source file in the system's viewer, at its page where the viewer can.

`$ZHOUBAO_OPENER` (split like a shell command line) receives the path and, for an item read
from a PDF, its page: `ZHOUBAO_OPENER="zathura -P"` does not fit, a wrapper script does —
`open-at-page PATH PAGE`. Without it: macOS `open`; on Linux and the BSDs the desktop's PDF
viewer at the page when it is one we know how to ask (Evince, Okular, zathura, MuPDF,
Xreader, Atril, qpdfview), else `xdg-open`. No Textual here: the reader runs `open_source`
in a worker thread, so the UI never waits for a viewer to start.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from tui.i18n import _, os_reason

OPENER_ENV = "ZHOUBAO_OPENER"
#: How long to wait for the opener to fail before leaving it running (a viewer may run for
#: hours; `xdg-open` returns at once, with an error status when nothing can open the file).
SETTLE_S = 2.0

_AtPage = Callable[[str, int], list[str]]
#: Desktop entries of PDF viewers → the command that opens a file at a page (1-based).
_VIEWERS: dict[str, tuple[str, _AtPage]] = {
    "org.gnome.Evince.desktop": ("evince", lambda p, n: ["evince", f"--page-index={n}", p]),
    "evince.desktop": ("evince", lambda p, n: ["evince", f"--page-index={n}", p]),
    "okularApplication_pdf.desktop": ("okular", lambda p, n: ["okular", "-p", str(n), p]),
    "org.kde.okular.desktop": ("okular", lambda p, n: ["okular", "-p", str(n), p]),
    "org.pwmt.zathura.desktop": ("zathura", lambda p, n: ["zathura", "-P", str(n), p]),
    "org.pwmt.zathura-pdf-mupdf.desktop": ("zathura", lambda p, n: ["zathura", "-P", str(n), p]),
    "org.pwmt.zathura-pdf-poppler.desktop": (
        "zathura",
        lambda p, n: ["zathura", "-P", str(n), p],
    ),
    "mupdf.desktop": ("mupdf", lambda p, n: ["mupdf", p, str(n)]),
    "xreader.desktop": ("xreader", lambda p, n: ["xreader", "-i", str(n), p]),
    "atril.desktop": ("atril", lambda p, n: ["atril", "-i", str(n), p]),
    "qpdfview.desktop": ("qpdfview", lambda p, n: ["qpdfview", "--unique", f"{p}#{n}"]),
}


class OpenFailed(Exception):
    """The viewer could not be started, or gave up at once; the message says why."""


def _default_pdf_viewer() -> str:
    """The desktop entry of the default PDF viewer, or "" when it cannot be asked."""
    if shutil.which("xdg-mime") is None:
        return ""
    try:
        done = subprocess.run(
            ["xdg-mime", "query", "default", "application/pdf"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def opener_command(
    path: Path,
    page: int | None,
    env: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    pdf_viewer: Callable[[], str] = _default_pdf_viewer,
) -> list[str]:
    """The command that opens `path` (at `page`, for a PDF, where the viewer can).

    The path is made absolute: a relative one (`zhoubao .`) named `-x.pdf` or
    `--page-index=9.pdf` would reach the viewer as one of its options."""
    target = str(path.absolute())
    custom = env.get(OPENER_ENV, "").strip()
    if custom:
        return [*shlex.split(custom), target, *([str(page)] if page else [])]
    if platform == "darwin":
        return ["open", target]
    if platform.startswith("win"):
        return ["cmd", "/c", "start", "", target]
    if page and path.suffix.lower() == ".pdf":
        known = _VIEWERS.get(pdf_viewer())
        if known is not None and shutil.which(known[0]):
            return known[1](target, page)
    return ["xdg-open", target]


def open_source(path: Path, page: int | None) -> list[str]:
    """Start the viewer on `path` and return the command run. Raises OpenFailed when it
    cannot start or exits with an error within SETTLE_S seconds. Blocks up to SETTLE_S:
    call it from a worker thread."""
    if not path.exists():
        raise OpenFailed(_("{path} 已经不在了").format(path=path))
    command = opener_command(path, page)
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the viewer outlives zhoubao, and ignores its ctrl+c
        )
    except OSError as error:
        message = _("{command}：{reason}").format(command=command[0], reason=os_reason(error))
        raise OpenFailed(message) from error
    try:
        status = process.wait(timeout=SETTLE_S)
    except subprocess.TimeoutExpired:
        return command  # still running: a viewer window
    if status != 0:
        raise OpenFailed(
            _("{command} 出错退出（状态 {status}）").format(command=command[0], status=status)
        )
    return command
