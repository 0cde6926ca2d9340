"""The `zhoubao` command: the app, and scriptable commands over the same domain code.

Arguments are declared here; each command's work lives in `tui.cli.commands.<name>` and is
imported only when that command runs, so `zhoubao --help` and app start-up stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tui import __version__, i18n

# tui.library.export.FORMATS, repeated so that building the parser imports no library code.
EXPORT_FORMATS = ("md", "docx", "json", "csv", "csl-json")


def _archive_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "archive",
        nargs="?",
        default=None,
        help="folder of weekly issues (default: the bundled sample archive)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhoubao",
        description="A keyboard-driven terminal reader for archives of 行业动态周报.",
        epilog="With no command, opens the reader on ARCHIVE (default: the bundled samples).",
    )
    parser.add_argument("--version", action="version", version=f"zhoubao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("open", help="open the reader (the default command)")
    _archive_arg(p)

    p = sub.add_parser("parse", help="read one issue file and print its structure")
    p.add_argument("file", help="an issue file (.pdf, .txt, .md; UTF-8, GB18030, …)")
    p.add_argument("--json", action="store_true", help="print the structure as JSON")

    p = sub.add_parser("list", help="list the issues of an archive and the skipped files")
    _archive_arg(p)
    p.add_argument("--json", action="store_true", help="print as JSON")

    p = sub.add_parser("show", help="print one item, laid out as the reader shows it")
    p.add_argument("item_id", metavar="ITEM_ID", help="a stable item id, e.g. 393-5f1c2a")
    _archive_arg(p)
    p.add_argument(
        "--width",
        type=int,
        default=None,
        help="line width in cells (default: the terminal's, at most 100)",
    )
    p.add_argument(
        "--source",
        action="store_true",
        help="print the item's file instead (and, for a PDF, a tab and the page it is on)",
    )

    p = sub.add_parser("search", help="search the archive with the reader's engine")
    p.add_argument(
        "query",
        metavar="QUERY",
        help='e.g. 短剧, tengxun, sec:技术 no:390..410; a query that starts with "-" goes '
        "after --: zhoubao search -- -抖音",
    )
    _archive_arg(p)
    p.add_argument(
        "--json", action="store_true", help='print {"query": ..., "count": N, "hits": [...]}'
    )
    p.add_argument("--limit", type=int, default=20, help="most hits to print (default 20)")
    p.add_argument(
        "--order",
        choices=("relevance", "newest", "oldest"),
        default="relevance",
        help="relevance (default), newest or oldest issue first",
    )
    p.add_argument(
        "--save",
        metavar="NAME",
        default=None,
        help="also keep the query as a saved search called NAME (shown in the reader)",
    )

    p = sub.add_parser(
        "trend",
        help="count matches per month, quarter or issue: a table, JSON, CSV or a chart image",
        description="Count each query's matches (the search's own) per month, quarter or "
        "issue. The archive is --archive DIR, or the last argument when there are several "
        "and it names an existing folder.",
    )
    p.add_argument(
        "words",
        nargs="+",
        metavar="QUERY",
        help="up to three queries, compared side by side (then, optionally, ARCHIVE)",
    )
    p.add_argument(
        "-a",
        "--archive",
        default=None,
        metavar="DIR",
        help="folder of weekly issues (default: the bundled sample archive)",
    )
    p.add_argument(
        "--by",
        choices=("month", "quarter", "issue"),
        default="month",
        help="one bar per month (default), quarter or issue",
    )
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the counts as JSON")
    shape.add_argument("--csv", action="store_true", help="print the counts as CSV")
    p.add_argument("--png", metavar="FILE", default=None, help="write the chart as a PNG image")
    p.add_argument("--svg", metavar="FILE", default=None, help="write the chart as an SVG image")
    p.add_argument(
        "--font",
        metavar="FILE",
        default=None,
        help="a font file with Chinese for the image (default: one the machine has)",
    )
    p.add_argument("--force", action="store_true", help="overwrite existing image files")

    p = sub.add_parser("export", help="export library items (default: the bookmarked ones)")
    _archive_arg(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="md", help="default: md")
    p.add_argument("--tag", action="append", default=[], help="only items with this tag")
    p.add_argument("--all", action="store_true", help="every item in the library")
    p.add_argument(
        "-o",
        "--output",
        default=None,
        help="file to write; - or none: standard output; a folder with --split",
    )
    p.add_argument(
        "--split", action="store_true", help="md only: one file per item (ID.md) into -o FOLDER"
    )
    p.add_argument("--force", action="store_true", help="overwrite existing files")

    p = sub.add_parser(
        "import", help="merge a zhoubao JSON export (a colleague's collection) into the library"
    )
    p.add_argument("file", metavar="FILE.json", help="written by zhoubao export --format json")
    _archive_arg(p)

    p = sub.add_parser("bookmark", help="bookmark, tag or annotate an item")
    p.add_argument("item_id", metavar="ITEM_ID")
    _archive_arg(p)
    p.add_argument("--tag", action="append", default=[], help="add this tag (repeatable)")
    p.add_argument("--note", default=None, help="set the item's note")
    p.add_argument("--remove", action="store_true", help="remove the bookmark")

    p = sub.add_parser("library", help="list bookmarked, tagged, annotated and read items")
    _archive_arg(p)
    p.add_argument("--json", action="store_true", help="print as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # First: key bindings, help texts and argparse's strings are built at import, in the
    # language chosen here.
    i18n.set_language(i18n.choose_language())
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `zhoubao [ARCHIVE]` opens the app: a first word that is no command is the archive.
    commands = {
        "open", "parse", "list", "show", "search", "trend", "export", "import", "bookmark",
        "library",
    }  # fmt: skip
    if not args_list or (args_list[0] not in commands and not args_list[0].startswith("-")):
        args_list.insert(0, "open")
    if args_list[0] == "open" and len(args_list) <= 2 and not args_list[-1].startswith("-"):
        # What the parser would make of `open [ARCHIVE]`, without building it: the table of
        # every command costs ~5 ms (argparse's gettext looks for catalogues on each help
        # string), a part of the app's start-up that shows nothing.
        archive = args_list[1] if len(args_list) == 2 else None
        args = argparse.Namespace(command="open", archive=archive)
    else:
        args = build_parser().parse_args(args_list)
    module = importlib.import_module(f"tui.cli.commands.{args.command}_cmd")
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
