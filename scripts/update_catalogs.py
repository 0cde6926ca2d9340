"""Extract every `_("…")`/`N_("…")` string from the code and bring each language's `.po` up
to date; the same for argparse's own strings (its English, in `zh_CN/…/argparse.po`).

New strings are added untranslated (the catalog test fails until they are translated),
strings no longer in the code are dropped, translations of the rest are kept.
Run from the repository root: `python scripts/update_catalogs.py`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
#: The code that shows text to users.
SOURCE_DIRS = ("tui", "widgets")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "_n": (1, 1),  # one Chinese form for any count: the message is its own plural
    "pgettext": ((1, "c"), 2),
}


def extract() -> Catalog:
    """A template catalog of every string marked for translation."""
    template = Catalog(domain="zhoubao")
    for folder in SOURCE_DIRS:
        for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            template.add(message, locations=[(f"{folder}/{filename}", lineno)], context=context)
    return template


def extract_argparse() -> Catalog:
    """A template of argparse's own strings, as this Python's argparse marks them."""
    template = Catalog(domain="argparse")
    found = extract_from_file("python", argparse.__file__, keywords={"_": None, "ngettext": (1, 2)})
    for lineno, message, _comments, _context in found:
        template.add(message, locations=[("argparse.py", lineno)])
    return template


def po_files() -> list[Path]:
    """zhoubao's catalog of each language (its msgids are the Chinese of the source)."""
    return sorted((ROOT / "tui" / "locale").glob("*/LC_MESSAGES/zhoubao.po"))


def argparse_po() -> Path:
    """The Chinese of argparse's strings."""
    return ROOT / "tui" / "locale" / "zh_CN" / "LC_MESSAGES" / "argparse.po"


def update(po: Path, template: Catalog) -> None:
    if po.is_file():
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        # The header keeps its date: a line every run would change is a merge conflict.
        template.creation_date = catalog.creation_date
    else:
        catalog = Catalog(locale=po.parent.parent.name, domain=po.stem, project="zhoubao")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
    missing = sum(1 for m in catalog if m.id and (not m.string or not all(m.string)))
    print(f"{po.relative_to(ROOT)}: {len(catalog)} strings, {missing} untranslated")


def main() -> int:
    template = extract()
    for po in po_files():
        update(po, template)
    update(argparse_po(), extract_argparse())
    return 0


if __name__ == "__main__":
    sys.exit(main())
