"""Habits of converters that the parser undoes, one at a time, on small issues made here.

The converter fixtures (test_converters.py) show the same habits in real output; these show
each rule alone, and that it leaves the writer's own text as it is.
"""

from __future__ import annotations

from tui.archive import Issue, Item, parse_text

_BODY = (
    "近日，某平台发布年度报告称，今年的用户规模继续保持增长，付费会员数量较去年同期增长"
    "两成以上，平台将继续加大对优质内容和原创作品的投入力度，与更多伙伴推进行业规范发展。"
)
_FOOTER = ["编辑部：中国网络视听协会 对外合作部", "责编：余力 何紫薇", "复核：文超 王小野"]


def _issue(headlines: list[str], *, bullet: str, joins: bool = False, footer: str = "") -> Issue:
    """A one-section issue, paragraph per line; with `joins`, laid out as pymupdf4llm prints
    it: Markdown whose paragraphs have a space at every line join ("增 长")."""
    body = (
        _BODY.replace("增长两成", "增 长两成").replace("优质内容", "优质内 容") if joins else _BODY
    )
    lines = [
        "行业动态周报",
        "中国网络视听协会",
        "第 393 期",
        "2023 年 12 月 18 日",
        "摘要：",
        f"- ◆{bullet}",
    ]
    lines.append("## 要闻" if joins else "要闻")
    for headline in headlines:
        lines += [headline, body]
    lines += [footer] if footer else _FOOTER
    if joins:
        lines = ["# " + lines[0], *lines[1:]]
    return parse_text("\n\n".join(lines))


def _first(issue: Issue) -> Item:
    return next(iter(issue.items))


def test_two_footer_lines_run_into_one_come_apart() -> None:
    issue = _issue(["某某发布年度报告"], bullet="某某发布年度报告", footer=" ".join(_FOOTER))
    assert list(issue.footer) == _FOOTER


def test_a_space_of_the_writer_in_a_headline_printed_twice_stays() -> None:
    # pymupdf4llm prints the headline as a plain paragraph and its 摘要 bullet as a list item;
    # both keep the writer's space, where the converter's join spaces go.
    headline = "国资委召开专题推进会 推动 AI 赋能产业焕新"
    issue = _issue([headline], bullet=headline, joins=True)
    assert [item.headline for item in issue.items] == [headline]
    assert [bullet.text for bullet in issue.summary] == [headline]
    assert _first(issue).paragraphs == (_BODY,)


def test_a_converters_space_beside_a_middle_dot_goes_where_it_puts_spaces_at_joins() -> None:
    issue = _issue(["中央网信办开展“清朗 · 整治”专项行动"], bullet="某某", joins=True)
    assert _first(issue).headline == "中央网信办开展“清朗·整治”专项行动"


def test_no_space_is_left_beside_chinese_punctuation_in_a_converters_headline() -> None:
    # pymupdf4llm and pypdf leave a space where a Latin run ends, even before a colon.
    issue = _issue(
        ["OpenAI ：重新开放新用户注册", "东方甄选：免去孙东旭 CEO 、执行董事职务"],
        bullet="OpenAI：重新开放新用户注册",
        joins=True,
    )
    assert [item.headline for item in issue.items] == [
        "OpenAI：重新开放新用户注册",
        "东方甄选：免去孙东旭 CEO、执行董事职务",
    ]
    assert issue.summary[0].item_id == _first(issue).id
