"""Every place zhoubao reads or writes on disk, in one module.

Nothing else in the code base builds a user path. Tests (and portable installs) point the
data and cache directories elsewhere with environment variables, so a test run never touches
a real user's files.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "zhoubao"

#: Environment variables that override the platformdirs locations.
DATA_DIR_ENV = "ZHOUBAO_DATA_DIR"
CACHE_DIR_ENV = "ZHOUBAO_CACHE_DIR"

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _override(env: str) -> Path | None:
    value = os.environ.get(env)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Directory of the user's library and settings (not created here)."""
    override = _override(DATA_DIR_ENV)
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Directory of rebuildable data: the parse and search-index caches (not created here)."""
    override = _override(CACHE_DIR_ENV)
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def library_db() -> Path:
    """The SQLite database of bookmarks, tags, notes and read marks."""
    return data_dir() / "library.db"


def settings_file() -> Path:
    """Theme, key map and the last position read in each archive."""
    return data_dir() / "settings.json"


def search_history_file() -> Path:
    """Earlier search queries, newest last."""
    return data_dir() / "search-history.json"


def cache_key_file() -> Path:
    """The key that signs the parse cache: in the data directory, so that whoever can write
    the cache directory (shared, synced, on another disk) cannot forge an entry."""
    return data_dir() / "cache.key"


def crash_reports_dir() -> Path:
    """Where the app writes what it knows about a crash (the traceback)."""
    return data_dir() / "crash-reports"


def parse_cache_dir() -> Path:
    """Parsed issues, keyed by file size, mtime and content hash; one folder per language,
    as the reasons a file was skipped and the warnings of a parse are text for people."""
    from tui.i18n import language

    return cache_dir() / "parsed" / language()


def search_index_dir() -> Path:
    """Search index data that is slow to compute (pinyin readings, headline word starts)."""
    return cache_dir() / "search"


def compiled_catalog(language: str, domain: str, stamp: str) -> Path:
    """A message catalog compiled from a source checkout's `.po` (the wheel ships its own)."""
    return cache_dir() / "locale" / language / f"{domain}-{stamp}.mo"


def sample_archive() -> Path:
    """The bundled archive `zhoubao` opens when given no archive (shipped in the wheel)."""
    return _PACKAGE_ROOT / "sample_data"


def styles_dir() -> Path:
    """The app's .tcss files (shipped in the wheel)."""
    return _PACKAGE_ROOT / "styles"


def user_aliases_file() -> Path:
    """The user's own search aliases, one group of names per line (added to the shipped ones)."""
    return data_dir() / "aliases.txt"


def saved_searches_file() -> Path:
    """Searches saved under a name, shown as views in the issue list."""
    return data_dir() / "saved-searches.json"


def matplotlib_dir() -> Path:
    """matplotlib's font list cache, when zhoubao draws a chart image (rebuildable)."""
    return cache_dir() / "matplotlib"
