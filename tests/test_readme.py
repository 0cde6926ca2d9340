"""README's two commands are the ones CI runs and the ones that work."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHELL_BLOCKS = re.findall(r"```sh\n(.*?)\n```", README, re.S)


def test_readme_gives_an_open_command_and_a_test_command() -> None:
    open_command, test_command = SHELL_BLOCKS[:2]
    assert open_command.endswith(".venv/bin/zhoubao")
    assert "pip install -q ." in open_command
    assert test_command.endswith("-m pytest") and "'.[test]'" in test_command


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert SHELL_BLOCKS[1] in ci
