"""The one seam for user-visible text: `_("中文")` looks the string up in the catalogs.

Message ids are the Chinese strings themselves, so Chinese (the default) needs no catalog
at all; other languages come from standard gettext catalogs: `tui/locale/<lang>/LC_MESSAGES/
zhoubao.po`, compiled to `.mo` into the wheel by `hatch_build.py`. A source checkout has only
the `.po`; it is compiled once into the cache directory (Babel) the first time it is needed.
Placeholders are named, so a translation may reorder them:
`_("第 {number} 期").format(number=393)`.

The language is chosen once per process, before any module that builds strings at import
(key bindings, help text) is imported: the CLI calls `set_language(choose_language(...))`
first thing. No Textual here: domain code, the CLI and the widgets all use it.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

#: The language every string is written in; the others need a catalog.
SOURCE_LANGUAGE = "zh_CN"
#: Languages with a catalog, besides the source language.
TRANSLATED = ("en",)
#: The gettext domain (the catalogs' file name).
DOMAIN = "zhoubao"
#: Overrides the settings and the locale: `ZHOUBAO_LANG=en zhoubao`.
LANG_ENV = "ZHOUBAO_LANG"

LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """`message` (a Chinese msgid) in the chosen language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count` in the chosen language."""
    return _translation.ngettext(singular, plural, count)


def language() -> str:
    """The language strings are shown in: `zh_CN` or one of `TRANSLATED`."""
    return _language


def _known(tag: str | None) -> str | None:
    """`en_US.UTF-8` → `en`, `zh_TW` → `zh_CN`, anything else → None."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("-", "_").lower()
    if base.startswith("zh"):
        return SOURCE_LANGUAGE
    return next((lang for lang in TRANSLATED if base.split("_")[0] == lang), None)


def choose_language(setting: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`ZHOUBAO_LANG`, else the `language` setting, else the locale; Chinese by default.

    The locale counts only when it names a language we have (`en_US.UTF-8`); `C`, `POSIX`
    and unset locales keep the Chinese default.
    """
    env = os.environ if environ is None else environ
    for candidate in (env.get(LANG_ENV), setting):
        chosen = _known(candidate)
        if chosen is not None:
            return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if value:  # the first one set decides, as in POSIX
            return _known(value) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def set_language(lang: str) -> None:
    """Show every string from now on in `lang` (an unknown language means Chinese)."""
    global _translation, _language
    chosen = _known(lang) or SOURCE_LANGUAGE
    translation: gettext.NullTranslations = gettext.NullTranslations()
    if chosen != SOURCE_LANGUAGE:
        mo = _compiled_catalog(chosen)
        if mo is not None:
            with mo.open("rb") as handle:
                translation = gettext.GNUTranslations(handle)
    _translation, _language = translation, chosen


def _compiled_catalog(lang: str) -> Path | None:
    """The `.mo` of `lang`: shipped in the wheel, or compiled from the `.po` of a checkout."""
    shipped = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if shipped.is_file():
        return shipped
    source = shipped.with_suffix(".po")
    if not source.is_file():
        return None
    from tui import paths

    stat = source.stat()
    target = paths.compiled_catalog(lang, f"{stat.st_size}-{stat.st_mtime_ns}")
    if not target.is_file():
        try:
            compile_catalog(source, target)
        except OSError:  # an unwritable cache: Chinese rather than no app
            return None
    return target


def compile_catalog(source: Path, target: Path) -> None:
    """`.po` → `.mo` with Babel, written atomically (also used by the wheel's build hook)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        catalog = read_po(handle, locale=source.parent.parent.name, domain=DOMAIN)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    os.replace(tmp, target)
