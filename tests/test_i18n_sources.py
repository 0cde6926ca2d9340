"""Nothing user-visible is a bare literal: a scan of the code in `tui/` and `widgets/`.

`test_i18n.py` proves every marked string is in the catalogs; this proves the strings that
should be marked are. Four rules, each on the syntax tree (comments and docstrings never
count):

* a literal with Chinese in it is inside `_()`, `N_()` or `ngettext()`, or is data (the
  parser's vocabulary, a pattern matched against files, a font name: `DATA` below says why
  each one is);
* a key binding's description and tooltip are `N_("中文")`: tables built at import hold
  message ids, and the key bar, help and palette translate them as they draw them (a `_()`
  there would freeze the language of whoever imported the module first);
* text set where people read it — a toast, a title, a placeholder, an argparse help, a
  widget's label or content — is never a literal (or f-string), in any language;
* a message is looked up as written, `_("…{n}…").format(n=…)`, never as `_(f"…")`.

`test_i18n_walk.py` reads the screens themselves: it catches what no scan can (Textual's
own strings, text built from pieces).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("tui", "widgets")
MARKERS = {"_", "N_", "_n", "ngettext", "pgettext"}
#: Chinese characters (punctuation alone — "，" in a list of line-end marks — is layout).
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: A range of characters ("㐀-鿿"): the literal is a character class of a pattern.
CHARACTER_RANGE = re.compile(r"[\u3400-\u9fff]-[\u3400-\U0002ffff]")
#: Calls whose string arguments are patterns or data matched against outside text.
PATTERN_CALLS = {"compile", "match", "fullmatch", "search", "sub", "split", "findall"}

#: Literals with Chinese that are data, not UI text: file → literals, and why.
DATA: dict[str, tuple[set[str] | None, str]] = {
    "tui/archive/vocabulary.py": (None, "the parser's vocabulary, matched against issue files"),
    "tui/archive/model.py": (
        {"行业动态周报", "中国网络视听协会"},
        "the publication's own title and publisher (matched in mastheads, printed in exports)",
    ),
    "tui/archive/assemble.py": ({"（无标题）"}, "an untitled item's headline: part of its id"),
    "tui/archive/blocks.py": ({"页"}, "a page footer's word, matched in PDF text"),
    "tui/commands.py": ({"中文"}, "each language named in its own words"),
    "tui/library/schema.py": (None, "SQL migrations (the publication's title as a default)"),
    "tui/archive/textutil.py": ({"一", "鿿"}, "the bounds of the CJK block"),
    "tui/search/pinyin.py": ({"㐀", "鿿"}, "the bounds of the CJK blocks"),
    "tui/search/query.py": ({"sec:技术"}, "an example query (a section name is data)"),
    "tui/trends/fonts.py": (None, "characters a font must draw to be used for charts"),
    "tui/library/export_docx.py": ({"宋体", "黑体"}, "font names Word and WPS know"),
}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def _python_files() -> Iterator[Path]:
    for folder in SOURCES:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            return node.func.attr
    return None


def _inside(node: ast.AST, parents: dict[ast.AST, ast.AST], names: set[str]) -> bool:
    while node in parents:
        node = parents[node]
        if _call_name(node) in names:
            return True
    return False


def _is_docstring(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    return isinstance(parents.get(node), ast.Expr)


def bare_chinese(path: Path) -> list[str]:
    """Chinese literals of `path` outside the markers and the data allowlist."""
    relative = _relative(path)
    allowed, _why = DATA.get(relative, (set(), ""))
    if allowed is None:
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not CHINESE.search(node.value) or _is_docstring(node, parents):
            continue
        if node.value in allowed or _inside(node, parents, MARKERS | PATTERN_CALLS):
            continue
        if CHARACTER_RANGE.search(node.value):
            continue
        found.append(f"{relative}:{node.lineno}: {node.value!r}")
    return found


def _is_literal_text(node: ast.AST | None) -> bool:
    """A literal (or f-string) with words in it: something a person would read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.search(r"[A-Za-z]{2}|[\u4e00-\u9fff]", node.value) is not None
    if isinstance(node, ast.JoinedStr):  # words of its own, not only translated parts
        return any(_is_literal_text(part) for part in node.values)
    return False


def untranslated_bindings(path: Path) -> list[str]:
    """Binding descriptions and tooltips that are not `N_("…")`."""
    relative = _relative(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if _call_name(node) != "Binding" or not isinstance(node, ast.Call):
            continue
        texts = node.args[2:3] + [
            k.value for k in node.keywords if k.arg in ("description", "tooltip")
        ]
        for text in texts:
            empty = isinstance(text, ast.Constant) and text.value == ""
            if not empty and _call_name(text) != "N_":
                found.append(f"{relative}:{text.lineno}: {ast.unparse(text)}")
    return found


#: Keyword arguments and attributes that hold text for people.
TEXT_KEYWORDS = {
    "title", "placeholder", "help", "description", "epilog", "tooltip", "prompt", "label",
}  # fmt: skip
TEXT_ATTRIBUTES = {"title", "sub_title", "border_title", "border_subtitle", "tooltip"}
#: Calls whose first argument is text on screen: widgets made with a label or content, and
#: `update()` of what a widget shows.
TEXT_CALLS = {
    "Static", "Label", "Button", "RadioButton", "Checkbox", "Switch", "Link", "Tab",
    "TabPane", "Option", "ListItem", "Collapsible", "Markdown", "Content", "update",
}  # fmt: skip


def literal_ui_text(path: Path) -> list[str]:
    """Toasts, titles, placeholders and help set from a literal instead of a message."""
    relative = _relative(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        texts: list[ast.AST] = []
        if isinstance(node, ast.Call) and _call_name(node) != "Binding":
            texts += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            if _call_name(node) in TEXT_CALLS | {"notify"} and node.args:
                texts.append(node.args[0])
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr in TEXT_ATTRIBUTES for t in node.targets
        ):
            texts.append(node.value)
        found += [f"{relative}:{t.lineno}: {ast.unparse(t)}" for t in texts if _is_literal_text(t)]
    return found


def interpolated_messages(path: Path) -> list[str]:
    """`_(f"…")`: the message id would be the text after formatting, in no catalog."""
    relative = _relative(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and _call_name(node) in MARKERS:
            found += [
                f"{relative}:{arg.lineno}: {ast.unparse(arg)}"
                for arg in node.args
                if isinstance(arg, ast.JoinedStr)
            ]
    return found


def test_no_bare_chinese_outside_the_catalogs() -> None:
    found = [line for path in _python_files() for line in bare_chinese(path)]
    assert found == [], (
        "Wrap these in _() (or N_() in a table built at import), or add them to DATA with "
        "the reason they are data:\n" + "\n".join(found)
    )


def test_every_binding_description_is_a_message_id() -> None:
    found = [line for path in _python_files() for line in untranslated_bindings(path)]
    assert found == [], (
        'Binding descriptions and tooltips are N_("中文") (the key bar, help and palette '
        "translate them as they draw them):\n" + "\n".join(found)
    )


def test_messages_are_not_formatted_before_they_are_looked_up() -> None:
    found = [line for path in _python_files() for line in interpolated_messages(path)]
    assert found == [], 'Write _("…{name}…").format(name=x), not _(f"…"):\n' + "\n".join(found)


def test_no_literal_text_in_toasts_titles_and_help() -> None:
    found = [line for path in _python_files() for line in literal_ui_text(path)]
    assert found == [], "Text for people comes from _():\n" + "\n".join(found)


def test_the_scan_finds_what_it_should(tmp_path: Path) -> None:
    """The rules themselves, on a sample: each finds its case and passes the good ones."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from textual.binding import Binding\n"
        "from tui.i18n import N_, _\n"
        'A = Binding("n", "next", "Next item")\n'
        'B = Binding("n", "next", _("下一条"))\n'
        'C = Binding("n", "next", N_("下一条"), tooltip=N_("下一条"))\n'
        'D = "下一条"\n'
        'E = _("下一条")\n'
        'def f(app): app.notify("Saved", title=_("好"))\n'
        'def g(app, n): app.notify(f"Saved {n}")\n'
        'F = f"共 {D} 条"\n'
        'G = _(f"共 {D} 条")\n'
        'def h(s): s.update("Loading…"); return Static(f"{D} found"), Button(_("好"))\n'
        'def i(s): return Static(""), Static(_("好")), Static(D)\n',
        encoding="utf-8",
    )
    assert [line.split(": ", 1)[1] for line in untranslated_bindings(sample)] == [
        "'Next item'",
        "_('下一条')",
    ]
    assert [line.split(": ", 1)[1] for line in bare_chinese(sample)] == [
        "'下一条'",
        "'共 '",
        "' 条'",
    ]
    assert [line.split(": ", 1)[1] for line in interpolated_messages(sample)] == ["f'共 {D} 条'"]
    assert sorted(line.split(": ", 1)[1] for line in literal_ui_text(sample)) == [
        "'Loading…'",
        "'Saved'",
        "f'Saved {n}'",
        "f'{D} found'",
    ]
