"""Requests that dialogs listing items (search, the library view) send up to the app.

The dialogs know item ids; the reader screen under them knows the archive's files.
"""

from __future__ import annotations

from textual.message import Message


class OpenSourceRequested(Message):
    """`o` on a listed item: open its source file (the reader does, at the item's page)."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id
