"""A synthetic archive for benchmarks: N issues made from the two sample issues.

Issues alternate between the samples' two layouts (paragraph-per-line text and converter
Markdown). Each issue gets its own number and date, about 30 items of about 300 characters,
and headlines varied with other sources and topics, so that search has real work to do.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from tui import paths
from tui.archive import Issue, Item, parse_issue

SOURCES = (
    "腾讯",
    "爱奇艺",
    "优酷",
    "芒果 TV",
    "抖音",
    "快手",
    "哔哩哔哩",
    "微博",
    "小红书",
    "百度",
    "阿里巴巴",
    "京东",
    "网易",
    "字节跳动",
    "咪咕",
    "华为",
    "小米",
    "OpenAI",
    "Google",
    "Netflix",
)
TOPICS = (
    "微短剧",
    "大模型",
    "AIGC",
    "会员",
    "直播电商",
    "版权",
    "出海",
    "超高清",
    "广告",
    "综艺",
    "纪录片",
    "动画",
    "网络电影",
    "短视频",
    "算法备案",
    "未成年人保护",
    "数字人",
    "文生视频",
)
ITEMS_PER_ISSUE = 30


def _vary(item: Item, rng: random.Random, serial: int) -> tuple[str, list[str]]:
    head = item.headline
    if "：" in head and rng.random() < 0.6:
        head = rng.choice(SOURCES) + head[head.index("：") :]
    if rng.random() < 0.5:
        head = f"{head}，聚焦{rng.choice(TOPICS)}"
    head = f"{head}（{serial}）" if rng.random() < 0.3 else head
    paragraphs = list(item.paragraphs)
    # Short items grow by sentences in their last paragraph, as real ones are written.
    while sum(len(p) for p in paragraphs) < 240:
        paragraphs[-1] += f"{rng.choice(SOURCES)}表示，将继续推进{rng.choice(TOPICS)}相关业务。"
    return head, paragraphs


def _render(
    issue: Issue, number: int, when: date, rng: random.Random, markdown: bool, extra: list[Item]
) -> str:
    lines = [
        "行业动态周报",
        "中国网络视听协会",
        f"第 {number} 期",
        f"{when.year} 年 {when.month} 月 {when.day} 日",
    ]
    if markdown:
        lines[0] = "# 行业动态周报"
    lines.append("## 摘要:" if markdown else "摘要：")
    sections: list[tuple[str, list[Item]]] = [(s.name, list(s.items)) for s in issue.sections]
    sections[1][1].extend(extra)
    varied = [[_vary(item, rng, number) for item in items] for _, items in sections]
    for section in varied[:1]:
        lines.extend(f"- ◆{head}" for head, _ in section[:3])
    for (name, _), items in zip(sections, varied, strict=True):
        lines.append(f"## {name}" if markdown else name)
        for head, paragraphs in items:
            lines.append(f"### {head}" if markdown else head)
            lines.extend(paragraphs)
    lines.extend(issue.footer)
    return "\n\n".join(lines) + "\n"


def build_archive(folder: Path, issues: int, seed: int = 393) -> Path:
    """Write `issues` synthetic issue files into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sorted(paths.sample_archive().iterdir())
    parsed = [parse_issue(path) for path in samples]
    rng = random.Random(seed)
    start = date(2016, 1, 4)
    for index in range(issues):
        base = parsed[index % len(parsed)]
        other = parsed[(index + 1) % len(parsed)]
        spare = list(other.items)
        extra = rng.sample(spare, max(0, ITEMS_PER_ISSUE - base.item_count))
        number = 1 + index
        when = start + timedelta(days=7 * index)
        markdown = index % 2 == 1
        text = _render(base, number, when, rng, markdown, extra)
        suffix = "md" if markdown else "txt"
        (folder / f"{number:04d}-{when.isoformat()}.{suffix}").write_text(text, encoding="utf-8")
    return folder
