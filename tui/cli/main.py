"""The `zhoubao` command: the app, and scriptable commands over the same domain code.

Arguments are declared here; each command's work lives in `tui.cli.commands.<name>` and is
imported only when that command runs, so `zhoubao --help` and app start-up stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from tui import __version__, i18n
from tui.i18n import _

# tui.library.export.FORMATS, repeated so that building the parser imports no library code.
EXPORT_FORMATS = ("md", "docx", "json", "csv", "csl-json")


def _archive_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "archive",
        nargs="?",
        metavar="ARCHIVE",
        default=None,
        help=_("存放各期周报的文件夹（默认：自带的样例存档）"),
    )


#: A heading line of argparse's help: no indent, Chinese, then the colon argparse adds.
HEADING_COLON = re.compile(r"^(\S[^\n]*[\u3400-\u9fff]):$", re.MULTILINE)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, with help text broken by display width and where Chinese may break
    (argparse counts a character as one column: lines of Chinese came out twice too long)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from tui.typeset.wrap import wrap_paragraph

        return wrap_paragraph(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def format_help(self) -> str:
        """argparse's help, its section headings ending "：" where they are Chinese ("选项："
        as "用法：" does; argparse adds a half-width colon to any heading)."""
        return HEADING_COLON.sub("\\1：", super().format_help())

    def _format_usage(self, *args: Any, **kwargs: Any) -> str:
        """argparse's usage, its continued lines under the first's options when "用法："
        takes two columns a character."""
        text: str = super()._format_usage(*args, **kwargs)
        head = text[: text.find(self._prog)]
        wide = sum(1 for char in head if unicodedata.east_asian_width(char) in "WF")
        return text.replace("\n ", "\n " + " " * wide)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhoubao",
        description=_("《行业动态周报》存档的终端阅读器，用键盘操作。"),
        epilog=_("不给命令时，在 ARCHIVE 上打开阅读器（默认：自带的样例）。"),
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"zhoubao {__version__}",
        help=_("显示版本号并退出"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help, description=description, formatter_class=HelpFormatter
        )

    p = command("open", _("打开阅读器（默认的命令）"))
    _archive_arg(p)

    p = command("parse", _("读取一期的文件，打印它的结构"))
    p.add_argument("file", help=_("一期的文件（.pdf、.txt、.md；UTF-8、GB18030……）"))
    p.add_argument("--json", action="store_true", help=_("以 JSON 打印结构"))

    p = command("list", _("列出存档里的各期和跳过的文件"))
    _archive_arg(p)
    p.add_argument("--json", action="store_true", help=_("以 JSON 打印"))

    p = command("show", _("打印一个条目，排版和阅读器里一样"))
    p.add_argument("item_id", metavar="ITEM_ID", help=_("条目的固定编号，如 393-5f1c2a"))
    _archive_arg(p)
    p.add_argument(
        "--width",
        type=int,
        default=None,
        help=_("每行的宽度，以字符格计（默认：终端的宽度，最多 100）"),
    )
    p.add_argument(
        "--source",
        action="store_true",
        help=_("改为打印条目所在的文件（PDF 还有一个制表符和条目所在的页码）"),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=_("打印为 JSON：条目的各字段，页码，以及文件的准确路径"),
    )

    p = command("search", _("用阅读器的搜索引擎搜索存档"))
    p.add_argument(
        "query",
        metavar="QUERY",
        help=_(
            "如 短剧、tengxun、sec:技术 no:390..410；以“-”开头的查询放在 -- 之后："
            "zhoubao search -- -抖音"
        ),
    )
    _archive_arg(p)
    p.add_argument(
        "--json", action="store_true", help=_('打印 {"query": ..., "count": N, "hits": [...]}')
    )
    p.add_argument("--limit", type=int, default=20, help=_("最多打印多少条（默认 20）"))
    p.add_argument(
        "--order",
        choices=("relevance", "newest", "oldest"),
        default="relevance",
        help=_("relevance 按相关度（默认），newest 最新的一期在前，oldest 最早的在前"),
    )
    p.add_argument(
        "--save",
        metavar="NAME",
        default=None,
        help=_("同时把查询存为名叫 NAME 的保存的搜索（显示在阅读器里）"),
    )

    p = command(
        "trend",
        _("按月、季度或期统计匹配数：表格、JSON、CSV 或图表图片"),
        description=_(
            "统计每个查询每月、每季度或每期的匹配数（和搜索的匹配相同）。存档由 --archive DIR "
            "给出；参数不止一个而最后一个是已有的文件夹时，也可以是最后一个参数。"
        ),
    )
    p.add_argument(
        "words",
        nargs="+",
        metavar="QUERY",
        help=_("最多三个查询，并排比较（之后可以跟 ARCHIVE）"),
    )
    p.add_argument(
        "-a",
        "--archive",
        default=None,
        metavar="DIR",
        help=_("存放各期周报的文件夹（默认：自带的样例存档）"),
    )
    p.add_argument(
        "--by",
        choices=("month", "quarter", "issue"),
        default="month",
        help=_("每月（month，默认）、每季度（quarter）或每期（issue）一根柱"),
    )
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=_("以 JSON 打印计数"))
    shape.add_argument("--csv", action="store_true", help=_("以 CSV 打印计数"))
    p.add_argument("--png", metavar="FILE", default=None, help=_("把图表写成 PNG 图片"))
    p.add_argument("--svg", metavar="FILE", default=None, help=_("把图表写成 SVG 图片"))
    p.add_argument(
        "--font",
        metavar="FILE",
        default=None,
        help=_("图片用的中文字体文件（默认：机器上有的一种）"),
    )
    p.add_argument("--force", action="store_true", help=_("覆盖已有的图片文件"))

    p = command("export", _("导出资料库里的条目（默认：收藏的条目）"))
    _archive_arg(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="md", help=_("默认：md"))
    p.add_argument("--tag", action="append", default=[], help=_("只导出带这个标签的条目"))
    p.add_argument("--all", action="store_true", help=_("资料库里的全部条目"))
    p.add_argument(
        "-o",
        "--output",
        default=None,
        help=_("写入的文件；- 或不给：标准输出；用 --split 时是一个文件夹"),
    )
    p.add_argument(
        "--split",
        action="store_true",
        help=_("仅限 md：每个条目一个文件（ID.md），写进 -o 文件夹"),
    )
    p.add_argument("--force", action="store_true", help=_("覆盖已有的文件"))

    p = command("import", _("把 zhoubao 的 JSON 导出（同事的收藏）合并进资料库"))
    p.add_argument("file", metavar="FILE.json", help=_("由 zhoubao export --format json 写出"))
    _archive_arg(p)

    p = command("bookmark", _("收藏条目、加标签或写备注"))
    p.add_argument("item_id", metavar="ITEM_ID")
    _archive_arg(p)
    p.add_argument("--tag", action="append", default=[], help=_("加上这个标签（可以重复）"))
    p.add_argument("--note", default=None, help=_("设置条目的备注"))
    p.add_argument("--remove", action="store_true", help=_("取消收藏"))

    p = command("library", _("列出收藏了、加了标签、写了备注和读过的条目"))
    _archive_arg(p)
    p.add_argument("--json", action="store_true", help=_("以 JSON 打印"))
    return parser


def use_the_chosen_language() -> None:
    """Show everything in the language the user chose (`ZHOUBAO_LANG`, else the setting,
    else the locale), argparse's own strings too."""
    from tui.settings import load_settings

    i18n.set_language(i18n.choose_language(load_settings().language))
    translation = i18n.argparse_translation()
    # argparse looks its strings up through its module's `_` and `ngettext` (gettext's, in
    # the default domain and the C locale's language): these names are the one way in.
    vars(argparse).update(_=translation.gettext, ngettext=translation.ngettext)


def main(argv: Sequence[str] | None = None) -> int:
    # First: every string from now on is in the language chosen here.
    use_the_chosen_language()
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
    except Exception as error:
        if _interrupted_in_a_c_call(error):
            return 130
        raise


def _interrupted_in_a_c_call(error: Exception) -> bool:
    """Ctrl+C while PDFium is being called: ctypes turns the KeyboardInterrupt raised while
    it converts an argument into `ArgumentError("argument 1: KeyboardInterrupt: ")`."""
    ctypes = sys.modules.get("ctypes")  # loaded by whatever made the call
    return (
        ctypes is not None
        and isinstance(error, ctypes.ArgumentError)
        and "KeyboardInterrupt" in str(error)
    )


if __name__ == "__main__":
    sys.exit(main())
