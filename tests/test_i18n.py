"""The message catalogs: the language chosen, every marked string translated, catalogs found."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tui import i18n, paths

ROOT = Path(__file__).resolve().parent.parent


def update_catalogs_script() -> Any:
    script = ROOT / "scripts" / "update_catalogs.py"
    spec = importlib.util.spec_from_file_location("update_catalogs", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)


@pytest.mark.parametrize(
    ("env", "setting", "expected"),
    [
        ({}, None, "zh_CN"),
        ({"LANG": "C.UTF-8"}, None, "zh_CN"),
        ({"LANG": "en_US.UTF-8"}, None, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, None, "zh_CN"),
        ({"LANG": "en_US.UTF-8"}, "zh_CN", "zh_CN"),
        ({"LANG": "de_DE.UTF-8"}, None, "zh_CN"),
        ({"ZHOUBAO_LANG": "en", "LANG": "zh_CN.UTF-8"}, "zh_CN", "en"),
        ({"ZHOUBAO_LANG": "xx"}, "en", "en"),
    ],
)
def test_language_is_the_override_then_the_setting_then_the_locale(
    env: dict[str, str], setting: str | None, expected: str
) -> None:
    assert i18n.choose_language(setting, env) == expected


def test_every_marked_string_has_an_english_translation() -> None:
    """Fails when a `_("…")` string is added or changed without `scripts/update_catalogs.py`
    and a translation."""
    from babel.messages.pofile import read_po

    module = update_catalogs_script()
    template = module.extract()
    marked = {(message.context, message.id) for message in template if message.id}
    for po in module.po_files():
        with po.open("rb") as handle:
            catalog = read_po(handle)
        translated = {(m.context, m.id): m.string for m in catalog if m.id}
        assert marked - set(translated) == set(), f"{po}: strings not in the catalog"
        assert set(translated) - marked == set(), f"{po}: strings no longer in the code"
        # A plural's translation is a tuple, one string per form: each must be there.
        untranslated = sorted(str(k) for k, v in translated.items() if not v or not all(v))
        assert untranslated == [], f"{po}: untranslated"
        # gettext leaves a fuzzy entry out of the compiled catalog: it shows in Chinese.
        fuzzy = sorted(str(m.id) for m in catalog if m.id and m.fuzzy)
        assert fuzzy == [], f"{po}: fuzzy (check the translation, then drop the flag)"


def test_a_checkout_compiles_its_catalog_into_the_cache(english: None) -> None:
    assert i18n.language() == "en"
    compiled = list((paths.cache_dir() / "locale").rglob("*.mo"))
    assert compiled or (i18n.LOCALE_DIR / "en" / "LC_MESSAGES" / "zhoubao.mo").is_file()


def test_chinese_needs_no_catalog() -> None:
    i18n.set_language("zh_CN")
    assert i18n._("第 {number} 期") == "第 {number} 期"


def test_a_count_takes_the_plural_english_needs(english: None) -> None:
    assert i18n._n("{count} 条", 1).format(count=1) == "1 item"
    assert i18n._n("{count} 条", 2).format(count=2) == "2 items"
    assert i18n._n("{count} 条", 0).format(count=0) == "0 items"


def test_chinese_has_one_form_for_every_count() -> None:
    i18n.set_language("zh_CN")
    assert {i18n._n("{count} 条", n).format(count=n) for n in (1, 2)} == {"1 条", "2 条"}
