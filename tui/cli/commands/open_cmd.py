"""`zhoubao [ARCHIVE]` / `zhoubao open [ARCHIVE]`: run the reader app."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from tui import paths
from tui.cli.common import fail


def run(args: argparse.Namespace) -> int:
    root = Path(args.archive).expanduser() if args.archive else paths.sample_archive()
    if not root.exists():
        return fail(f"archive {root} does not exist")
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
    ZhoubaoApp(root, preview=preview).run()
    return 0
