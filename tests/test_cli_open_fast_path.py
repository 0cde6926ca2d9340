"""`zhoubao [ARCHIVE]` skips building the argument parser (start-up): what `main` makes of
`open [ARCHIVE]` itself must stay what the parser would make of it."""

from __future__ import annotations

import argparse

import pytest

from tui.cli.main import build_parser


@pytest.mark.parametrize("argv", [["open"], ["open", "some/folder"]])
def test_open_fast_path_matches_the_parser(argv: list[str]) -> None:
    archive = argv[1] if len(argv) == 2 else None
    assert build_parser().parse_args(argv) == argparse.Namespace(command="open", archive=archive)
