"""No query string crashes the engine: it answers, or raises QueryError with a message."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import paths
from tui.archive import load_archive
from tui.search import QueryError, SearchEngine
from tui.search.fold import fold, fold_char, fold_with_positions

# Pieces of real queries, so that generated strings reach the filters and every way of matching.
PIECES = st.sampled_from(
    [
        "sec:",
        "no:",
        "date:",
        "is:",
        "#",
        "-",
        '"',
        "“",
        "”",
        "..",
        ":",
        "：",
        " ",
        "　",
        "技术",
        "短剧",
        "腾讯",
        "393",
        "2024-02",
        "2023-12-01",
        "tengxun",
        "txsp",
        "AI",
        "ＡＩ",
        "read",
        "bookmarked",
        "e\u0301",
        "ﬁ",
        "\n",
        "\\",
        "[bold]",
        "(",
        "*",
        "|",
    ]
)
QUERIES = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=12).map("".join),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.CACHE_DIR_ENV, str(tmp_path_factory.mktemp("search-cache")))
        built = SearchEngine(load_archive(paths.sample_archive()))
        built.build_extras()
        yield built


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERIES)
def test_no_query_crashes_the_engine(engine: SearchEngine, query: str) -> None:
    try:
        result = engine.search(query, limit=20)
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert len(result.hits) <= 20
    for hit in result.hits:
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.headline)


@settings(max_examples=500)
@given(text=st.one_of(st.text(max_size=60), st.lists(PIECES).map("".join)))
def test_folding_a_headline_agrees_with_folding_text(text: str) -> None:
    folded, positions = fold_with_positions(text)
    assert folded == fold(text)
    if positions is None:
        assert len(folded) == len(text)
        positions = list(range(len(text)))
    assert len(positions) == len(folded)
    assert list(positions) == sorted(positions)
    for k, position in enumerate(positions):
        # Each folded character comes from the character it points at.
        assert folded[k] in fold_char(text[position]) or folded[k] == " "
