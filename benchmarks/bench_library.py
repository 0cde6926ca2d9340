"""The library at archive scale: a 15,000-item archive with every item read, 1,000 bookmarked,
1,000 tagged and 200 annotated.

library_open_ms     open library.db and load the in-memory view
library_marks_ms    ask is_bookmarked, tags_of and is_read of every item (a tree/search pass)
library_write_ms    median of 50 single bookmark toggles (one transaction each, fsync'd)
library_reattach_ms re-attach against the whole archive, 50 records having lost their item
library_export_ms   Markdown export of the 1,000 bookmarked items
library_export_docx_ms  Word (.docx) export of the same items
library_import_ms   zhoubao import of their JSON export into an empty library
library_reimport_ms the same file imported again (nothing changes)
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from tui import paths
from tui.archive import load_archive
from tui.library import LibraryStore, Snapshot, reattach
from tui.library.export import ExportFilter, render
from tui.library.sharing import merge_collection, parse_collection


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


def measure(archive_dir: Path, tmp_root: Path, args: argparse.Namespace) -> dict[str, float]:
    previous = os.environ.get(paths.DATA_DIR_ENV)
    os.environ[paths.DATA_DIR_ENV] = str(tmp_root / "library-data")
    try:
        return _measure(archive_dir)
    finally:
        if previous is None:
            del os.environ[paths.DATA_DIR_ENV]
        else:
            os.environ[paths.DATA_DIR_ENV] = previous


def _measure(archive_dir: Path) -> dict[str, float]:
    archive = load_archive(archive_dir)
    snaps = [Snapshot.of(item, issue) for issue in archive.issues for item in issue.items]
    store = LibraryStore()
    store.set_read(snaps)
    store.set_bookmarks(snaps[::15][:1000])
    store.add_tags(snaps[7::15][:1000], ["短剧", "AI"])
    for snap in snaps[3::75][:200]:
        store.set_note(snap, "跟进：\n" + snap.headline)
    # Records whose item "changed headline": stored under ids the archive does not have.
    for snap in snaps[11::300][:50]:
        store.set_bookmark(Snapshot(**{**snap.__dict__, "id": snap.id + "x"}))
    store.close()

    start = time.perf_counter()
    store = LibraryStore()
    figures = {"library_open_ms": _ms(start)}

    ids = list(archive.places)
    view = store.view
    start = time.perf_counter()
    for item_id in ids:
        view.is_bookmarked(item_id)
        view.tags_of(item_id)
        view.is_read(item_id)
    figures["library_marks_ms"] = _ms(start)

    times = []
    for snap in snaps[:50]:
        start = time.perf_counter()
        store.toggle_bookmark(snap)
        times.append((time.perf_counter() - start) * 1000)
    figures["library_write_ms"] = round(statistics.median(times), 2)

    start = time.perf_counter()
    reattach(store, archive)
    figures["library_reattach_ms"] = _ms(start)

    start = time.perf_counter()
    chosen = ExportFilter()
    info = chosen.info("2024-03-01T09:00:00+00:00")
    records = chosen.select(store.records(archive.places, kept_only=True))
    render("md", records, info)
    figures["library_export_ms"] = _ms(start)
    start = time.perf_counter()
    render("docx", records, info)
    figures["library_export_docx_ms"] = _ms(start)

    shared = render("json", records, info)
    fresh = LibraryStore(paths.data_dir() / "imported.db")
    for figure in ("library_import_ms", "library_reimport_ms"):
        start = time.perf_counter()
        merge_collection(fresh, parse_collection(shared, "shared.json"), archive)
        figures[figure] = _ms(start)
    fresh.close()
    figures["library_items"] = len(ids)
    return figures
