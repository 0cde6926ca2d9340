"""The one seam for user-visible text: `_("中文")` looks the string up in the catalogs.

Message ids are the Chinese strings themselves, so Chinese (the default) needs no catalog
at all; other languages come from standard gettext catalogs: `tui/locale/<lang>/LC_MESSAGES/
zhoubao.po`, compiled to `.mo` into the wheel by `hatch_build.py`. A source checkout has only
the `.po`; it is compiled once into the cache directory (Babel) the first time it is needed.
Placeholders are named, so a translation may reorder them:
`_("第 {number} 期").format(number=393)`. A message that counts things is `_n(message,
count)`: one Chinese form, English singular and plural.

The language is chosen once per process: the CLI calls `set_language(choose_language(...))`
first thing. Tables built at import — key bindings, labels, help headings — hold their
strings untranslated, marked with `N_("中文")` for the catalogs, and `_()` translates them
where they are shown; so nothing is frozen in the language of whoever imported the module
first (a test switching to English, a module imported before the CLI chose). No Textual
here: domain code, the CLI and the widgets all use it.

argparse's own strings ("usage:", "positional arguments", its error messages) are not ours:
argparse looks them up with `gettext` under no domain of ours, so they come from a catalog
of their own, `argparse.po`, English msgids with Chinese translations (`argparse_translation`).
"""

from __future__ import annotations

import errno
import gettext
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

#: The language every string is written in; the others need a catalog.
SOURCE_LANGUAGE = "zh_CN"
#: Languages with a catalog, besides the source language.
TRANSLATED = ("en",)
#: The gettext domain (the catalogs' file name).
DOMAIN = "zhoubao"
#: argparse's strings (English msgids): a Chinese catalog, as argparse speaks English.
ARGPARSE_DOMAIN = "argparse"
#: Overrides the settings and the locale: `ZHOUBAO_LANG=en zhoubao`.
LANG_ENV = "ZHOUBAO_LANG"

LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """`message` (a Chinese msgid) in the chosen language."""
    return _translation.gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in the chosen language as meant in `context`: one Chinese word may be two
    English ones (正文, the pane, is "Item"; as a CSV column it is "body")."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """`message` itself, marked for the catalogs: for a table built at import (a binding's
    description, a label), translated with `_()` where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count` in the chosen language."""
    return _translation.ngettext(singular, plural, count)


def _n(message: str, count: int) -> str:
    """`message` about `count` things: `_n("{count} 条", n).format(count=n)`. Chinese has
    one form, so the message is its own plural; the English catalog has both ("1 item",
    "2 items"). The catalogs know it as a plural entry whose two ids are the same."""
    return _translation.ngettext(message, message, count)


def join_list(words: Iterable[str]) -> str:
    """Words listed in a sentence: "短剧、AI" in Chinese, "短剧, AI" in English."""
    return _("、").join(words)


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in the chosen language: the system's own message is
    English whatever the locale (Python never sets LC_MESSAGES), so the common ones are ours."""
    reasons = {
        errno.ENOENT: N_("没有这个文件或文件夹"),
        errno.EACCES: N_("没有权限"),
        errno.EPERM: N_("不允许这样操作"),
        errno.ENOTDIR: N_("路径中有一段不是文件夹"),
        errno.EISDIR: N_("这是一个文件夹"),
        errno.EEXIST: N_("已经存在"),
        errno.ENOSPC: N_("磁盘空间不足"),
        errno.EDQUOT: N_("超出了磁盘配额"),
        errno.EROFS: N_("文件系统是只读的"),
        errno.ELOOP: N_("符号链接层数太多（循环）"),
        errno.ENAMETOOLONG: N_("文件名太长"),
        errno.EIO: N_("读写出错（输入输出错误）"),
        errno.EBUSY: N_("设备或资源正忙"),
        errno.EMFILE: N_("打开的文件太多"),
        errno.ENXIO: N_("没有这个设备或地址"),
        errno.EXDEV: N_("不能跨文件系统移动"),
    }
    known = reasons.get(error.errno or 0)
    return _(known) if known else error.strerror or str(error)


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
        translation = _catalog(chosen, DOMAIN)
    _translation, _language = translation, chosen


def argparse_translation() -> gettext.NullTranslations:
    """argparse's own strings in the chosen language: its English as it is, else Chinese."""
    if _language == SOURCE_LANGUAGE:
        return _catalog(SOURCE_LANGUAGE, ARGPARSE_DOMAIN)
    return gettext.NullTranslations()


def _catalog(lang: str, domain: str) -> gettext.NullTranslations:
    """The translations of `domain` into `lang`; none (the msgids) if there is no catalog."""
    mo = _compiled_catalog(lang, domain)
    if mo is None:
        return gettext.NullTranslations()
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _compiled_catalog(lang: str, domain: str) -> Path | None:
    """The `.mo` of `lang`: shipped in the wheel, or compiled from the `.po` of a checkout."""
    shipped = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.mo"
    if shipped.is_file():
        return shipped
    source = shipped.with_suffix(".po")
    if not source.is_file():
        return None
    from tui import paths

    stat = source.stat()
    target = paths.compiled_catalog(lang, domain, f"{stat.st_size}-{stat.st_mtime_ns}")
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
        catalog = read_po(handle, locale=source.parent.parent.name, domain=source.stem)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    os.replace(tmp, target)
