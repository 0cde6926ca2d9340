"""No file crashes the reader: junk is skipped with a reason, damage gives warnings."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.archive import NotAWeekly, load_archive, parse_bytes, parse_issue, parse_text
from tui.archive.model import Issue

BAD = Path(__file__).resolve().parent / "fixtures" / "layouts" / "bad"
SAMPLE_TXT = Path(__file__).resolve().parent.parent / "sample_data" / "393-2023-12-18.txt"
SAMPLE_MD = SAMPLE_TXT.with_name("403-2024-02-26.md")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("random.bin", "二进制数据"),
        ("empty.txt", "空文件"),
        ("unrelated.txt", "报头"),
        ("utf16-junk.txt", "报头"),
        ("utf32-junk.txt", "报头"),
    ],
)
def test_junk_is_not_a_weekly(name: str, reason: str) -> None:
    with pytest.raises(NotAWeekly, match=reason) as error:
        parse_issue(BAD / name)
    assert "\n" not in str(error.value)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    with pytest.raises(NotAWeekly, match="太大"):
        parse_issue(huge)


def test_truncated_issue_gives_what_it_has_with_warnings() -> None:
    issue = parse_issue(BAD / "truncated-393.txt")
    assert issue.number == 393 and issue.item_count == 10
    assert any("文件可能不完整" in warning for warning in issue.warnings)


def test_folder_with_junk_and_duplicates(tmp_path: Path) -> None:
    for name in ("random.bin", "empty.txt", "unrelated.txt"):
        shutil.copy(BAD / name, tmp_path / name)
    shutil.copy(SAMPLE_TXT, tmp_path / "393.txt")
    shutil.copy(SAMPLE_MD, tmp_path / "403.md")
    (tmp_path / "copies").mkdir()
    shutil.copy(SAMPLE_TXT, tmp_path / "copies" / "393-again.txt")
    (tmp_path / ".hidden.txt").write_text("not looked at")
    unreadable = tmp_path / "locked.txt"
    unreadable.write_text("x")
    unreadable.chmod(0)
    archive = load_archive(tmp_path)
    assert [issue.number for issue in archive.issues] == [393, 393, 403]
    skipped = {entry.path.name: entry.reason for entry in archive.skipped}
    assert set(skipped) == {"random.bin", "empty.txt", "unrelated.txt", "locked.txt"}
    if os.geteuid() != 0:  # root reads any file, and then finds it is no weekly
        assert "无法读取：没有权限" in skipped["locked.txt"]
    assert any("在不止一个文件里" in warning for warning in archive.warnings)
    ids = [item.id for issue in archive.issues for item in issue.items]
    assert len(ids) == len(set(ids)) == 31 * 2 + 22
    copy = archive.issues[1]
    assert all(bullet.item_id in {i.id for i in copy.items} for bullet in copy.summary)


def _parse_or_refuse(text: str) -> Issue | None:
    try:
        return parse_text(text)
    except NotAWeekly:
        return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=2000))
def test_any_text_parses_or_is_refused(text: str) -> None:
    _parse_or_refuse(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_parse_or_are_refused(data: bytes) -> None:
    with contextlib.suppress(NotAWeekly):
        parse_bytes(data)


_LINE_JUNK = st.sampled_from(
    ["", "◆", "- ◆", "要闻", "## 行业", "---", "**", "编辑部：", "第 1 期", "\f", "1", "#", "　"]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    source=st.sampled_from([SAMPLE_TXT, SAMPLE_MD]),
    cut=st.floats(0, 1),
    edits=st.lists(st.tuples(st.floats(0, 1), _LINE_JUNK | st.text(max_size=30)), max_size=12),
)
def test_damaged_real_issues_never_crash(
    source: Path, cut: float, edits: list[tuple[float, str]]
) -> None:
    lines = source.read_text(encoding="utf-8").split("\n")
    lines = lines[: max(1, int(len(lines) * (0.2 + 0.8 * cut)))]
    for where, junk in edits:
        lines.insert(int(where * len(lines)), junk)
    issue = _parse_or_refuse("\n".join(lines))
    if issue is not None:
        assert issue.item_count == sum(len(s.items) for s in issue.sections)
        assert len({i.id for i in issue.items}) == issue.item_count


def test_control_characters_become_visible_symbols() -> None:
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace(
        "广播电视行业国家标准正式发行", "广播电视\x1b[7m行业\x1b[0m国家标准\x07正式发行\x9b", 1
    )
    issue = parse_text(text)
    headlines = [item.headline for item in issue.items]
    assert "广播电视␛[7m行业␛[0m国家标准␇正式发行\ufffd" in headlines
    every_text = "".join(h + "".join(i.paragraphs) for i in issue.items for h in [i.headline])
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in every_text)


def test_a_partial_copy_never_takes_the_ids_of_the_whole_issue(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_TXT, tmp_path / "393-2023-12-18.txt")
    before = {item.id for item in load_archive(tmp_path).issues[0].items}
    # "-part" sorts before ".txt": path order alone would give the partial copy the plain ids.
    shutil.copy(BAD / "truncated-393.txt", tmp_path / "393-2023-12-18-part.txt")
    archive = load_archive(tmp_path)
    whole = next(issue for issue in archive.issues if issue.item_count == 31)
    assert {item.id for item in whole.items} == before


def test_a_duplicate_issue_names_both_of_its_files(tmp_path: Path) -> None:
    # To clean up, the user needs to know which two files hold the issue, not only one.
    shutil.copy(SAMPLE_TXT, tmp_path / "393.txt")
    (tmp_path / "下载").mkdir()
    shutil.copy(SAMPLE_TXT, tmp_path / "下载" / "393 (1).txt")
    archive = load_archive(tmp_path)
    [warning] = [w for w in archive.warnings if "393" in w]
    assert str(tmp_path / "393.txt") in warning
    assert str(tmp_path / "下载" / "393 (1).txt") in warning
