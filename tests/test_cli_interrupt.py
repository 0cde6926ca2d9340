"""Ctrl+C in a command: exit 130 without a traceback, wherever the command was."""

from __future__ import annotations

import argparse
import ctypes
import types

import pytest

from tui.cli.commands import list_cmd
from tui.cli.main import main


class _PressedDuringTheCall:
    """An argument whose conversion is interrupted, as Ctrl+C does inside a ctypes call."""

    @property
    def _as_parameter_(self) -> int:
        raise KeyboardInterrupt


def _interrupted_in_pdfium(args: argparse.Namespace) -> int:
    ctypes.CDLL(None).abs(_PressedDuringTheCall())  # PDFium is reached through ctypes
    return 0


def _interrupted_in_python(args: argparse.Namespace) -> int:
    raise KeyboardInterrupt


@pytest.mark.parametrize("run", [_interrupted_in_pdfium, _interrupted_in_python])
def test_ctrl_c_exits_130_quietly(
    run: types.FunctionType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(list_cmd, "run", run)
    assert main(["list"]) == 130
    assert capsys.readouterr().err == ""


def test_another_ctypes_error_is_not_taken_for_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong_type(args: argparse.Namespace) -> int:
        ctypes.CDLL(None).abs(object())
        return 0

    monkeypatch.setattr(list_cmd, "run", wrong_type)
    with pytest.raises(ctypes.ArgumentError):
        main(["list"])
