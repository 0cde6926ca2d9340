"""Domain code must not import Textual: it runs in scripts, workers and the CLI alike."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ("tui/archive", "tui/search", "tui/library", "tui/typeset", "tui/trends")


@pytest.mark.parametrize("folder", DOMAIN)
def test_domain_sources_do_not_import_textual(folder: str) -> None:
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("textual", "widgets", "tui.app", "tui.screens")), (
                    f"{path.relative_to(ROOT)} imports {name}"
                )


def test_importing_the_domain_loads_no_textual() -> None:
    modules = ", ".join(folder.replace("/", ".") for folder in DOMAIN)
    code = (
        f"import sys, {modules}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
