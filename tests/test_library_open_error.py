"""The library failing to open for a reason no check foresaw: the user is told why, and the
reader reads on. (The worker swallowed any error but LibraryError: the app said "资料库还在打开。"
for ever, with no reason.)"""

from __future__ import annotations

import pytest
from notices import Notices
from test_quit_with_pending_writes import app_on_samples
from waiting import wait_until

from tui.library.session import LibrarySession


async def test_an_unforeseen_error_opening_the_library_is_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def attach(self: LibrarySession, archive: object) -> None:
        raise ValueError("invalid literal for int() with base 10: 'abc'")

    monkeypatch.setattr(LibrarySession, "attach", attach)
    app, notices = app_on_samples(), Notices()
    async with app.run_test(size=(120, 36), message_hook=notices) as pilot:
        await wait_until(
            pilot,
            lambda: any("ValueError" in text for text in notices.texts("error")),
            "the reason the library did not open",
        )
        said = next(text for text in notices.texts("error") if "ValueError" in text)
        assert "abc" in said
        await pilot.press("n")  # the reader reads on
        assert app.is_running
