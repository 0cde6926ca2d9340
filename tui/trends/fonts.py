"""A font that has Chinese in it, for the labels of a chart image.

matplotlib's default font (DejaVu Sans) has no Chinese: every label would be drawn as empty
boxes. The fonts the machine has are those matplotlib's font manager finds (the system's
font folders, as fontconfig lists them on Linux); we take the first of the well-known
Chinese sans-serif families that is there, and otherwise any font that draws every
character of a sample. `--font FILE` names one instead. Nothing is downloaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tui import paths
from tui.i18n import _

#: Chinese sans-serif families, best first: Linux (Noto, Source Han, WenQuanYi), macOS,
#: Windows.
PREFERRED = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Microsoft YaHei",
    "SimHei",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
)
#: Characters a font must draw to be used: the chart's own words and common ones.
SAMPLE = "趋势条目按月季度期无刊短剧腾讯抖音周报"


def install_hint() -> str:
    """How to get a Chinese font, for the message when there is none."""
    return _(
        "Debian/Ubuntu：sudo apt install fonts-noto-cjk；Fedora：sudo dnf install "
        "google-noto-sans-cjk-fonts；macOS 与 Windows 自带中文字体"
    )


def use_zhoubao_cache() -> None:
    """Keep matplotlib's font list in zhoubao's cache folder (unless the user chose one):
    call before matplotlib is first imported."""
    os.environ.setdefault("MPLCONFIGDIR", str(paths.matplotlib_dir()))


class FontError(Exception):
    """A font file named by the user cannot be used."""


@dataclass(frozen=True)
class ChineseFont:
    """A font file and the family name matplotlib knows it by."""

    name: str
    path: Path


def find_chinese_font(named: Path | None = None) -> ChineseFont | None:
    """The font to draw Chinese labels with: the file `named` (FontError if it cannot draw
    Chinese), else the best one installed, else None."""
    from matplotlib import font_manager

    if named is not None:
        return _named_font(named)
    manager = font_manager.fontManager
    by_name: dict[str, font_manager.FontEntry] = {}
    # The regular face of each family (the list holds its bold and light files too).
    for entry in sorted(manager.ttflist, key=lambda e: -abs(_weight(e.weight) - 400)):
        by_name[entry.name] = entry
    for family in PREFERRED:
        preferred = by_name.get(family)
        if preferred is not None and covers(Path(preferred.fname), SAMPLE):
            return ChineseFont(family, Path(preferred.fname))
    for other in sorted(by_name.values(), key=lambda e: e.name):
        if covers(Path(other.fname), SAMPLE):
            return ChineseFont(other.name, Path(other.fname))
    return None


def _weight(weight: object) -> int:
    """A font entry's weight as a number (matplotlib keeps some as names)."""
    if isinstance(weight, int):
        return weight
    return {"normal": 400, "regular": 400, "book": 400, "medium": 500}.get(str(weight), 700)


def _named_font(path: Path) -> ChineseFont:
    use_zhoubao_cache()
    from matplotlib import font_manager

    if not path.is_file():
        raise FontError(_("字体文件 {path} 不存在").format(path=path))
    if not covers(path, SAMPLE):
        raise FontError(_("{path} 不是能显示中文的字体文件").format(path=path))
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    return ChineseFont(name, path)


def covers(path: Path, text: str) -> bool:
    """Whether the font file draws every character of `text` (False if it is no font)."""
    use_zhoubao_cache()
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(char) in charmap for char in text)


def needs_chinese(texts: list[str]) -> bool:
    """Whether any of these labels has a character outside Latin-1 (DejaVu draws those)."""
    return any(ord(char) > 0xFF for text in texts for char in text)
