"""Matches highlighted in the reader: opening a search hit, `.` / `,`, and `f` to find."""

from __future__ import annotations

from pathlib import Path

from waiting import wait_until

from tui.app import ZhoubaoApp
from tui.archive import load_archive
from tui.screens.find_in_item import FindInItemDialog
from tui.screens.search import SearchScreen
from tui.search import Needles
from tui.search.highlight import line_matches
from widgets.item_reader import ItemReader

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


def test_a_match_broken_over_two_lines_is_marked_on_both() -> None:
    lines = [("headline", "腾讯：微信短剧"), ("meta", "短剧"), ("blank", ""), ("body", "今年微短"),
             ("body", "剧市场"), ("blank", ""), ("body", "另一段短剧")]  # fmt: skip
    found = line_matches(lines, Needles(("短剧",)))
    assert found == [((0, 5, 7),), ((3, 3, 4), (4, 0, 1)), ((6, 3, 5),)]  # never the meta line


def test_latin_and_traditional_follow_the_search_rules() -> None:
    lines = [("body", "OpenAI 与 AIGC，said 騰訊")]
    assert line_matches(lines, Needles(("ai",))) == [((0, 4, 6),), ((0, 9, 11),)]
    assert line_matches(lines, Needles.of("腾讯")) == [((0, 19, 21),)]


def reader(app: ZhoubaoApp) -> ItemReader:
    return app.reader.query_one(ItemReader)


async def test_opening_a_hit_marks_its_words_and_keys_step_through_them() -> None:
    app = ZhoubaoApp(SAMPLES, archive=load_archive(SAMPLES))
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"俞敏洪")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the overlay")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_until(pilot, lambda: bool(search.result), "the hits")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, SearchScreen), "the reader")
        view = reader(app)
        assert view.item is not None and "俞敏洪" in view.item.body
        assert len(view.matches) == view.item.body.count("俞敏洪") == 2
        assert view.current_match == 0 and "第 1/2 处" in str(view.border_subtitle)
        line = view.matches[0][0][0]
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height
        await pilot.press("full_stop")
        assert view.current_match == 1
        await pilot.press("full_stop", "comma")
        assert view.current_match == 1  # round from the last to the first, and back
        await pilot.press("f")
        assert isinstance(app.screen, FindInItemDialog)
        await pilot.press(*["backspace"] * 3, *"董宇辉", "enter")
        assert len(view.matches) == view.item.body.count("董宇辉")
        await pilot.press("n")  # another item: the highlights were for that one
        assert view.matches == [] and not view.border_subtitle
