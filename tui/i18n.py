"""The one seam for user-visible text: `_("中文")` looks the string up in the catalogs.

Message ids are the Chinese strings themselves, so Chinese (the default) needs no catalog
lookup to be right; other languages come from gettext catalogs (`.po` → `.mo`). Placeholders
are named, so a translation may reorder them: `_("第 {number} 期").format(number=393)`.
The language is chosen once per process by `set_language` (the CLI and the app call it from
`ZHOUBAO_LANG`, the settings and the locale); until then every string is the Chinese one.
No Textual here: domain code, the CLI and the widgets all use it.
"""

from __future__ import annotations

import gettext

#: The language every string is written in; other languages need a catalog.
SOURCE_LANGUAGE = "zh_CN"

_translation: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """`message` (a Chinese msgid) in the chosen language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count` in the chosen language."""
    return _translation.ngettext(singular, plural, count)
