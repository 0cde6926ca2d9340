"""The trend in a real terminal (tmux): wide characters where the terminal puts them, at
80×24, from the search overlay to the reader; and `zhoubao trend` drawing its chart when
its output is a terminal."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from test_tmux_e2e import Terminal, pytestmark, terminal  # noqa: F401 (fixture, marks)


def test_from_search_to_the_trend_and_back_to_the_reader_at_80x24(
    terminal: Callable[..., Terminal],  # noqa: F811
) -> None:
    term = terminal(cols=80, rows=24)
    term.wait_for(lambda s: "2 期 · 53 条" in s)
    term.keys("/", "短剧")
    term.wait_for(lambda s: "条 · 按相关度" in s and "正文与拼音索引建立中" not in s, 60)
    term.keys("C-g")
    shown = term.wait_for(lambda s: "■ 短剧" in s and "实体" in s)
    assert "2023-12 – 2024-02 · 按月 · ┄ 无期刊" in shown
    assert "2024-02 · 1 期（第 403 期）" in shown
    for line in shown.splitlines():
        assert cell_len(line) <= 80, f"past the edge: {line!r}"
    term.keys("Enter")
    listed = term.wait_for(lambda s: "2024-02 · 短剧 ·" in s)
    first = next(line for line in listed.splitlines() if "第403期" in line)
    headline = first.split("  ", 1)[1].strip("│ ").rstrip("…")[:8]
    term.keys("Enter")
    term.wait_for(lambda s: "■ 短剧" not in s and headline in s and "第 403 期" in s)


def test_zhoubao_trend_draws_its_chart_on_a_terminal(
    terminal: Callable[..., Terminal],  # noqa: F811
) -> None:
    term = terminal("trend", "短剧", "AI", cols=100, rows=40)
    shown = term.wait_for(lambda s: "合计" in s)
    assert "■ 短剧" in shown and "■ AI" in shown and "┄" in shown
    rows = [line.split() for line in shown.splitlines()]
    assert ["2024-01", "0", "—", "—"] in rows, "January 2024 has no issue: a gap"
    assert ["合计", "2", "6", "19"] in rows
