"""Wheel build hook: compile each `tui/locale/*/LC_MESSAGES/*.po` (zhoubao's strings, and
argparse's in Chinese) to the `.mo` that gettext reads, so an installed zhoubao finds its
catalogs without compiling anything."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        out = Path(tempfile.mkdtemp(prefix="zhoubao-mo-"))
        for po in sorted(Path(self.root, "tui", "locale").glob("*/LC_MESSAGES/*.po")):
            lang, domain = po.parent.parent.name, po.stem
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang, domain=domain)
            mo = out / f"{lang}-{domain}.mo"
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo)] = f"tui/locale/{lang}/LC_MESSAGES/{domain}.mo"
