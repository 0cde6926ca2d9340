"""The weekly's words in Traditional Chinese are OpenCC's, so a converted issue reads the same."""

from __future__ import annotations

import opencc

from tui.archive.vocabulary import TRADITIONAL, spellings

CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk")


def test_every_traditional_spelling_of_the_vocabulary_is_known() -> None:
    converters = [opencc.OpenCC(f"{config}.json") for config in CONFIGS]
    for word in TRADITIONAL:
        for converter in converters:
            assert converter.convert(word) in spellings(word), (word, converter)


def test_words_that_need_no_variant() -> None:
    converters = [opencc.OpenCC(f"{config}.json") for config in CONFIGS]
    for word in ("人事", "研究", "摘要", "注", "送", "抄送", "近日", "今年", "其中"):
        assert {c.convert(word) for c in converters} == {word}
