"""The notifications an app raised, as tests see them.

Textual keeps the toasts on show in a private attribute; tests read the `Notify` messages
instead, with `run_test(message_hook=notices)`: every notification posted, in order, even
one whose toast has timed out.
"""

from __future__ import annotations

from textual.message import Message
from textual.notifications import Notification, Notify


class Notices:
    """A `message_hook` that keeps every notification posted while the app runs."""

    def __init__(self) -> None:
        self.seen: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.seen.append(message.notification)

    def texts(self, severity: str | None = None) -> list[str]:
        """Their messages (of `severity`, if given), without the line breaks and spaces
        the app sets to fit a toast."""
        return [
            "".join(notice.message.split())
            for notice in self.seen
            if severity is None or notice.severity == severity
        ]
