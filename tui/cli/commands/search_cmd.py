"""`zhoubao search QUERY [ARCHIVE] [--json] [--limit N]`: the reader's search, scriptable.

Runs the same engine as the `/` overlay, with pinyin and word boundaries loaded first (from
the search cache after the first run). #tag and is: filters read the user's library.
A query the engine cannot use exits with 2 and one line on stderr.
"""

from __future__ import annotations

import argparse

from tui.cli.common import fail, open_archive, print_json, say
from tui.library import LibraryStore
from tui.search import QueryError, SearchEngine, parse_query


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        return fail("--limit must be at least 1", 2)
    try:
        query = parse_query(args.query)
    except QueryError as error:
        return fail(str(error), 2)
    archive = open_archive(args.archive)
    if archive is None:
        return 1
    store = LibraryStore() if query.needs_library else None
    engine = SearchEngine(archive, store.view if store else None)
    engine.build_extras(many_queries=False)
    try:
        result = engine.search(args.query, limit=args.limit)
    except QueryError as error:
        return fail(str(error), 2)
    finally:
        if store is not None:
            store.close()
    if args.json:
        print_json({"query": args.query, "hits": [hit.as_json() for hit in result.hits]})
        return 0
    for hit in result.hits:
        when = hit.date.isoformat() if hit.date else "----------"
        say(f"{hit.id}  第{hit.number}期  {when}  {hit.section}  {hit.headline}")
    return 0
