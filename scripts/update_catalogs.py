"""Extract every `_("…")` string from the code and bring each language's `.po` up to date.

New strings are added untranslated (the catalog test fails until they are translated),
strings no longer in the code are dropped, translations of the rest are kept.
Run from the repository root: `python scripts/update_catalogs.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
#: The code that shows text to users.
SOURCE_DIRS = ("tui", "widgets")
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """A template catalog of every string marked for translation."""
    template = Catalog(domain="zhoubao")
    for folder in SOURCE_DIRS:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            template.add(message, locations=[(f"{folder}/{filename}", lineno)])
    return template


def po_files() -> list[Path]:
    return sorted((ROOT / "tui" / "locale").glob("*/LC_MESSAGES/zhoubao.po"))


def main() -> int:
    template = extract()
    for po in po_files():
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
        missing = sum(1 for message in catalog if message.id and not message.string)
        print(f"{po.relative_to(ROOT)}: {len(catalog)} strings, {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
