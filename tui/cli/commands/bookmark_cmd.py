"""`zhoubao bookmark ITEM_ID [ARCHIVE] [--tag T]... [--note TEXT] [--remove]`.

The item is looked up in the archive (to keep a snapshot of it) or, when its file is gone,
in the library's own snapshot. The changes are one transaction (all kept, or none) and
idempotent: running the same command twice leaves the library as running it once.
"""

from __future__ import annotations

import argparse

from tui.cli.commands.library_cmd import open_archive_and_library
from tui.cli.common import fail, say
from tui.i18n import _
from tui.library import LibraryError, Snapshot
from tui.library.limits import note_too_long, tag_too_long
from tui.library.rows import clean_tag


def run(args: argparse.Namespace) -> int:
    # Too long to show without stalling the screen (tui.library.limits): refused as a usage
    # error, before anything is opened or written.
    too_long = [note_too_long(args.note or "")] + [tag_too_long(clean_tag(t)) for t in args.tag]
    reason = next(filter(None, too_long), None)
    if reason is not None:
        return fail(reason, code=2)
    opened = open_archive_and_library(args)
    if opened is None:
        return 1
    archive, store = opened
    item = archive.item(args.item_id)
    snap = Snapshot.of(item, archive.issue_of(item)) if item else store.snapshot(args.item_id)
    if snap is None:
        return fail(_("{archive} 里没有条目 {id}").format(id=args.item_id, archive=archive.root))
    try:
        # One transaction: the bookmark, the tags and the note are all kept, or none.
        store.update(snap, bookmark=not args.remove, add_tags=args.tag, note=args.note)
    except LibraryError as error:
        return fail(str(error))
    done = _("已取消收藏") if args.remove else _("已收藏")
    tags = " ".join(f"#{tag}" for tag in sorted(store.view.tags_of(snap.id)))
    say("  ".join(part for part in (done, snap.id, snap.headline, tags) if part))
    return 0
