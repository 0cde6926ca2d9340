"""The query language: words, phrases, exclusions, filters and their error messages."""

from __future__ import annotations

from datetime import date

import pytest

from tui import i18n
from tui.search.query import (
    DateFilter,
    NumberFilter,
    QueryError,
    SectionFilter,
    StateFilter,
    TagFilter,
    parse_query,
)


def test_words_phrases_and_exclusions() -> None:
    query = parse_query('短剧 腾讯 "AI 赋能" “最低价协议” -抖音 -"低价 战略"')
    assert query.terms == ("短剧", "腾讯")
    assert query.phrases == ("AI 赋能", "最低价协议")
    assert query.excluded == ("抖音", "低价 战略")
    assert query.filters == ()


def test_an_unclosed_quote_is_a_phrase_being_typed() -> None:
    assert parse_query('"AI 赋').phrases == ("AI 赋",)


def test_filters() -> None:
    query = parse_query(
        "sec:技术 no:393 no:390..410 no:400.. date:2024-02 date:2023-12-01..2024-01-31 "
        "#AI is:bookmarked is:unread -is:read -sec:人事"
    )
    assert query.filters == (
        SectionFilter("技术"),
        NumberFilter(393, 393),
        NumberFilter(390, 410),
        NumberFilter(400, None),
        DateFilter(date(2024, 2, 1), date(2024, 2, 29)),
        DateFilter(date(2023, 12, 1), date(2024, 1, 31)),
        TagFilter("AI"),
        StateFilter("bookmarked"),
        StateFilter("unread"),
        StateFilter("read", negated=True),
        SectionFilter("人事", negated=True),
    )
    assert query.needs_library
    assert not query.terms


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("date:2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("date:2023-12-18", date(2023, 12, 18), date(2023, 12, 18)),
        ("date:2023-12..2024-01", date(2023, 12, 1), date(2024, 1, 31)),
        ("date:..2024-01", None, date(2024, 1, 31)),
        ("date:2024-02..", date(2024, 2, 1), None),
    ],
)
def test_date_ranges(text: str, low: date | None, high: date | None) -> None:
    assert parse_query(text).filters == (DateFilter(low, high),)


def test_words_that_only_look_like_filters_are_text() -> None:
    query = parse_query("腾讯:微信 OpenAI: SEC:x - #")
    assert query.terms == ("腾讯:微信", "OpenAI:", "SEC:x", "#")
    assert query.filters == ()


def test_number_filter_accepts() -> None:
    assert NumberFilter(390, 410).accepts(393)
    assert not NumberFilter(390, 410).accepts(411)
    assert NumberFilter(390, 410, negated=True).accepts(411)


@pytest.mark.parametrize(
    ("text", "message", "english"),
    [
        ("no:abc", "no:abc？", "no:abc?"),
        ("no:410..390", "范围是空的", "empty"),
        ("no:..", "no:..？", "no:..?"),
        ("date:2024-13", "没有这一天", "not a real date"),
        ("date:2024-02-30", "没有这一天", "not a real date"),
        ("date:yesterday", "YYYY-MM-DD", "YYYY-MM-DD"),
        ("date:2024-02..2023-01", "范围是空的", "empty"),
        ("date:..", "至少要写一头", "at least one end"),
        ("is:starred", "is:bookmarked", "is:bookmarked"),
        ("sec:", "后面要有值", "needs a value"),
        ("短剧 no:", "后面要有值", "needs a value"),
    ],
)
def test_bad_filters_have_short_messages_in_the_users_language(
    text: str, message: str, english: str
) -> None:
    for language, expected in ((i18n.SOURCE_LANGUAGE, message), ("en", english)):
        i18n.set_language(language)
        try:
            with pytest.raises(QueryError) as raised:
                parse_query(text)
        finally:
            i18n.set_language(i18n.SOURCE_LANGUAGE)
        assert expected in str(raised.value)
        assert "\n" not in str(raised.value)
        assert len(str(raised.value)) < 100


def test_empty_query() -> None:
    assert parse_query("   ").is_empty
    assert parse_query(' "" - ').is_empty
