"""Short and long names of the same thing: 广电 / 广播电视, 网信办 / 国家互联网信息办公室.

Chinese press writes an organisation's short name as often as its full one, so a query word
that is one of a group's names also matches the others (`tui/search/data/aliases.txt`, and
the user's own `aliases.txt` in the data folder, same format: one group per line, names
separated by "=", "#" starts a comment). Names are compared folded, so 嗶哩嗶哩 and ＢＩＬＩＢＩＬＩ
are names of the same group as 哔哩哔哩 and bilibili.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui.i18n import _
from tui.search.fold import fold

SHIPPED = Path(__file__).resolve().parent / "data" / "aliases.txt"
#: A user file larger than this is not read (it is not a list of names).
MAX_FILE_BYTES = 1_000_000


@dataclass
class AliasTable:
    """For each folded name, the other names of every group it is in (folded)."""

    others: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Each folded name as the table writes it (B站 for b站), to show why an item matched.
    written: dict[str, str] = field(default_factory=dict)
    #: Why a file or a line could not be used, with its path and line number.
    problems: list[str] = field(default_factory=list)

    def of(self, term: str) -> tuple[str, ...]:
        """The aliases of a folded query term (none for a name not in any group)."""
        return self.others.get(term, ())

    def add_groups(self, lines: Iterable[str], source: str) -> None:
        merged: dict[str, dict[str, None]] = {k: dict.fromkeys(v) for k, v in self.others.items()}
        for number, line in enumerate(lines, start=1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            written = {fold(p): p.strip() for p in text.split("=") if fold(p)}
            names = list(written)
            if len(names) < 2:
                self.problems.append(
                    _("{source} 第 {line} 行：一组至少要两个名称，用 = 分隔").format(
                        source=source, line=number
                    )
                )
                continue
            for name, shown in written.items():
                self.written.setdefault(name, shown)
            for name in names:
                group = merged.setdefault(name, {})
                group.update(dict.fromkeys(n for n in names if n != name))
        self.others = {name: tuple(group) for name, group in merged.items()}


def load_aliases(user_file: Path | None = None) -> AliasTable:
    """The shipped groups and, if there is one, the user's file (problems are noted)."""
    table = AliasTable()
    table.add_groups(SHIPPED.read_text(encoding="utf-8").splitlines(), "aliases.txt")
    if user_file is None or not user_file.exists():
        return table
    try:
        if user_file.stat().st_size > MAX_FILE_BYTES:
            table.problems.append(_("{path}：文件太大，没有读取").format(path=user_file))
            return table
        lines = user_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        table.problems.append(_("{path}：读不了（{error}）").format(path=user_file, error=error))
        return table
    table.add_groups(lines, str(user_file))
    return table
