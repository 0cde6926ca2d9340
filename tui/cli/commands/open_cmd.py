"""`zhoubao [ARCHIVE]` / `zhoubao open [ARCHIVE]`: run the reader app."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from tui import paths


def run(args: argparse.Namespace) -> int:
    root = Path(args.archive).expanduser() if args.archive else paths.sample_archive()
    if not root.exists():
        from tui.cli.common import fail
        from tui.i18n import _

        return fail(_("没有这个存档：{path}").format(path=root))
    if not has_terminal():
        from tui.cli.common import fail
        from tui.i18n import _

        return fail(
            _("阅读器要在终端里运行；脚本里请用 zhoubao list、show、search、export（见 --help）")
        )
    # Loading Textual and the model creates a few hundred thousand objects, all of which
    # live as long as the app: collecting during the imports only walks them again and again
    # (~10 ms of the start). The app turns the collector back on once its first frame is drawn.
    gc.disable()
    from tui.archive.cache import ParseCache

    # The last preview saved, unchecked (no stat of every file): the first frame shows it,
    # and the loader corrects it if the folder changed since.
    preview = ParseCache(root).preview(validate=False)
    # Imported here: `zhoubao --help` and the scripted commands never load Textual.
    from tui.app import ZhoubaoApp

    # Everything imported so far lives as long as the app: moving it out of the collector's
    # generations keeps the full collections that follow short.
    gc.freeze()
    app = ZhoubaoApp(root, preview=preview)
    app.run()
    if app.return_code:  # an error ended the app; Textual printed its traceback to stderr
        return report_crash(app.error_console.export_text(), app.return_code)
    return 0


def has_terminal() -> bool:
    """Whether the reader can run: Textual reads keys from stdin and draws on stderr. From a
    script or a cron job it would wait for keys for ever, writing escape codes into a log."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def report_crash(traceback: str, code: int) -> int:
    """Keep the traceback in a file, say where, and return the exit status."""
    import os
    import tempfile
    from datetime import datetime

    from tui.cli.common import warn
    from tui.i18n import _

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"crash-{stamp}-{os.getpid()}.txt"
    for folder in (paths.crash_reports_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            report = folder / name
            report.write_text(traceback, encoding="utf-8")
        except OSError:
            continue
        warn(_("程序出错退出（状态 {code}）。错误报告：{path}").format(code=code, path=report))
        return code
    warn(_("程序出错退出（状态 {code}），错误报告也写不下来。").format(code=code))
    return code
