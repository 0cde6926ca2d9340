"""`zhoubao trend QUERY [QUERY…] [ARCHIVE] [--by month|quarter|issue] [--json|--csv]
[--png FILE] [--svg FILE] [--font FILE] [--force]`.

Counts each query's matches per month, quarter or issue with the reader's search engine,
over the parse and search-index caches the reader uses, so the counts are the search's.
Prints an aligned table (and above it the chart, in colour, when stdout is a terminal),
or JSON or CSV; `--png`/`--svg` write the chart as an image instead.

Which argument is the archive: `--archive DIR` (for scripts: unambiguous), or else the last
argument when there are several and it names an existing folder; every other argument is
a query. An image needs a Chinese font for its labels: without one it is not written, and
the message says what to install (a chart of boxes is no use in a report).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.cli.common import fail, library_marks, open_archive, print_json, say, search_engine, warn
from tui.i18n import _
from tui.search import QueryError, parse_query
from tui.trends import MAX_QUERIES, Granularity, Trend, TrendIndex

#: Rows of the chart printed above the table on a terminal.
CHART_ROWS = 14


def split_arguments(args: argparse.Namespace) -> tuple[list[str], str | None]:
    """(queries, archive) from the positional words and `--archive`."""
    words = list(args.words)
    if args.archive is None and len(words) > 1 and Path(words[-1]).expanduser().is_dir():
        return words[:-1], words[-1]
    return words, args.archive


def run(args: argparse.Namespace) -> int:
    queries, archive_argument = split_arguments(args)
    if len(queries) > MAX_QUERIES:
        return fail(_("最多比较三个查询（给了 {count} 个）").format(count=len(queries)), 2)
    try:
        parsed = [parse_query(query) for query in queries]
    except QueryError as error:
        return fail(str(error), 2)
    if any(not query.strip() for query in queries):
        return fail(_("查询不能为空"), 2)
    archive = open_archive(archive_argument)
    if archive is None:
        return 1
    engine = search_engine(archive)  # held: the trend index holds it only weakly
    trends = TrendIndex.of(engine)
    try:
        with library_marks(any(query.needs_library for query in parsed)) as marks:
            trend = trends.trend(queries, Granularity(args.by), marks)
    except QueryError as error:
        return fail(str(error), 2)
    if args.png or args.svg:
        return write_images(trend, args)
    if args.json:
        from tui.trends.tables import trend_json

        print_json(trend_json(trend, str(archive.root)))
    elif args.csv:
        from tui.cli.commands.export_cmd import write_stdout
        from tui.trends.tables import trend_csv

        # Exact into a pipe; sanitised on a terminal (a query can hold control characters).
        write_stdout(trend_csv(trend).encode("utf-8"))
    else:
        print_table(trend)
    return 0


def print_table(trend: Trend) -> None:
    """The table; on a terminal, the chart above it, as wide as the terminal."""
    from tui.trends.tables import trend_table

    if sys.stdout.isatty():
        print_chart(trend)
    for line in trend_table(trend):
        say(line)


def print_chart(trend: Trend) -> None:
    """The chart the app draws, in ANSI colours (none with NO_COLOR)."""
    from rich.console import Console
    from rich.text import Text

    from tui.trends.bars import Role, lay_out_bars
    from tui.trends.legend import legend_row

    colours = {
        Role.SERIES_0: "blue",
        Role.SERIES_1: "yellow",
        Role.SERIES_2: "green",
        Role.AXIS: "dim",
        Role.GAP: "dim",
    }
    console = Console(highlight=False, soft_wrap=True)
    width = min(console.width, 160)
    chart = lay_out_bars(trend, width, CHART_ROWS, packed=True)
    for row in [legend_row(trend, width), [], *chart.rows]:
        line = Text(no_wrap=True)
        for run in row:
            line.append(run.text, colours.get(run.role, ""))
        console.print(line)
    console.print()


def write_images(trend: Trend, args: argparse.Namespace) -> int:
    """Write the --png and --svg files; exit 1 (nothing written) without a Chinese font."""
    from tui.library import LibraryError
    from tui.library.output import resolve_target, write_atomically
    from tui.trends.fonts import FontError, find_chinese_font, install_hint, needs_chinese
    from tui.trends.image import chart_texts, render_image

    targets = [
        (kind, Path(name).expanduser())
        for kind, name in (("png", args.png), ("svg", args.svg))
        if name
    ]
    try:
        for _kind, target in targets:
            resolve_target(target, args.force)
        font = find_chinese_font(Path(args.font).expanduser() if args.font else None)
    except FontError as error:
        return fail(str(error), 2)
    except LibraryError as error:
        return fail(str(error))
    if font is None and needs_chinese(chart_texts(trend)):
        names = "、".join(str(target) for _kind, target in targets)
        return fail(
            _(
                "这台机器上没有找到能显示中文的字体，图中的中文会是方框，所以没有写入 {files}。"
                "请安装一种中文字体（{hint}），或用 --font 指定字体文件。"
            ).format(files=names, hint=install_hint())
        )
    for kind, target in targets:
        try:
            write_atomically(target, render_image(trend, kind, font), args.force)  # type: ignore[arg-type]
        except LibraryError as error:
            return fail(str(error))
        font_name = font.name if font is not None else "DejaVu Sans"
        warn(_("已写入 {path}（字体：{font}）").format(path=os.fspath(target), font=font_name))
    return 0
