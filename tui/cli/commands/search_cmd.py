"""`zhoubao search QUERY [ARCHIVE]`: the reader's search, scriptable.

The same engine and the same caches as the `/` overlay: the archive comes from the parse
cache and the index from the search index cache, so a search of an archive the reader (or
an earlier search) has read costs a fraction of a second. #tag and is: filters read the
user's library. `--save NAME` keeps the query as a saved search, shown in the reader's issue
list. A query the engine cannot use exits with 2 and one line on stderr.
"""

from __future__ import annotations

import argparse

from tui.cli.common import fail, library_marks, open_archive, print_json, say, search_engine, warn
from tui.i18n import _
from tui.search import Order, QueryError, parse_query
from tui.search.saved import SavedSearchError, SavedSearches


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        return fail(_("--limit 至少是 1"), 2)
    try:
        query = parse_query(args.query)
    except QueryError as error:
        return fail(str(error), 2)
    if args.save is not None:
        try:
            SavedSearches.load().save(args.save, args.query)
        except SavedSearchError as error:
            return fail(str(error), 2)
    archive = open_archive(args.archive)
    if archive is None:
        return 1
    engine = search_engine(archive)
    try:
        with library_marks(query.needs_library) as marks:
            result = engine.search(query, marks, Order(args.order))
    except QueryError as error:
        return fail(str(error), 2)
    hits = result.hits(0, args.limit)
    if args.json:
        print_json({"query": args.query, "count": len(result), "hits": [h.as_json() for h in hits]})
        return 0
    for hit in hits:
        when = hit.date.isoformat() if hit.date else "----------"
        reason = _("  （{reason}）").format(reason=hit.reason) if hit.reason else ""
        number = _("第{number}期").format(number=hit.number)
        say(f"{hit.id}  {number}  {when}  {hit.section}  {hit.headline}{reason}")
    if len(result) > len(hits):
        warn(
            _("共 {count} 条，显示了前 {shown} 条（--limit）").format(
                count=len(result), shown=len(hits)
            )
        )
    return 0
