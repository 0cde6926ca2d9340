"""Derived fields of the model: ids, compound headlines, entities, summary links."""

from __future__ import annotations

from pathlib import Path

from tui.archive import load_archive, parse_issue
from tui.archive.model import make_item_id


def _by_headline(path: Path) -> dict[str, object]:
    return {item.headline: item for item in parse_issue(path).items}


def test_item_id_is_short_readable_and_layout_independent() -> None:
    assert make_item_id(393, "腾讯：微信短剧") == make_item_id(393, " 腾讯： 微信短剧 ")
    assert make_item_id(393, "ＡＩ 大模型") == make_item_id(393, "AI大模型")
    item_id = make_item_id(393, "腾讯：微信短剧")
    assert item_id.startswith("393-") and len(item_id) == 10
    assert make_item_id(394, "腾讯：微信短剧") != item_id


def test_ids_are_unique_across_the_archive(sample_dir: Path) -> None:
    archive = load_archive(sample_dir)
    ids = [item.id for issue in archive.issues for item in issue.items]
    assert len(ids) == len(set(ids)) == 53


def test_sub_headlines_and_entity(sample_dir: Path) -> None:
    items = {i.headline: i for i in parse_issue(sample_dir / "393-2023-12-18.txt").items}
    tencent = items[
        "腾讯：微信短剧小程序开始收取保证金 | 微信视频号电商GMV超千亿，微信支付团队将参与建设"
    ]
    assert tencent.sub_headlines == (
        "腾讯：微信短剧小程序开始收取保证金",
        "微信视频号电商GMV超千亿，微信支付团队将参与建设",
    )
    assert tencent.entity == "腾讯"
    assert items["芒果 TV：电视剧《问苍茫》开播 | 综艺节目《田间的少年》将播"].entity == "芒果 TV"
    assert items["优酷、腾讯视频：电视剧《画眉》开播"].entity == "优酷、腾讯视频"
    assert items["广播电视行业国家标准正式发行"].entity is None
    assert items["广播电视行业国家标准正式发行"].sub_headlines == ("广播电视行业国家标准正式发行",)


def test_summary_bullets_link_to_their_items(sample_dir: Path) -> None:
    for name in ("393-2023-12-18.txt", "403-2024-02-26.md"):
        issue = parse_issue(sample_dir / name)
        by_id = {item.id: item for item in issue.items}
        for bullet in issue.summary:
            assert bullet.item_id in by_id
            headline = by_id[bullet.item_id].headline
            assert headline.replace(" ", "").startswith(bullet.text.replace(" ", ""))


def test_bullet_shorter_than_headline_links_by_prefix(sample_dir: Path) -> None:
    issue = parse_issue(sample_dir / "393-2023-12-18.txt")
    bullet = next(b for b in issue.summary if b.text.startswith("欧盟"))
    item = next(i for i in issue.items if i.id == bullet.item_id)
    assert " | " in item.headline and item.headline.startswith(bullet.text)
