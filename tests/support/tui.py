"""Helpers for the Pilot tests of the app."""

from __future__ import annotations

import time

from rich.cells import get_character_cell_size
from textual import events
from textual.errors import NoWidget
from textual.geometry import Region
from textual.keys import _character_to_key
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from minutes_tui.tui.app import MinutesApp
from minutes_tui.tui.screens.meeting import MeetingScreen
from minutes_tui.tui.widgets.rows import RowList


class Notices:
    """What the app tells the user (its notifications), heard through Textual's public hook:
    ``app.run_test(message_hook=notices)``."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.messages.append(str(message.notification.message))

    def said(self, text: str) -> bool:
        """Whether a notification so far holds ``text``."""
        return any(text in m for m in self.messages)


def send_keys(app: MinutesApp, keys: list[tuple[str, str | None]]) -> None:
    """Keys ``(key, character)`` that arrive together, before the app has handled any of them
    (a fast typist, a busy app), queued as the terminal driver queues them."""
    for key, char in keys:
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)


def keys_for(text: str) -> list[tuple[str, str | None]]:
    """The key events that typing ``text`` sends."""
    return [(c if c.isalnum() else _character_to_key(c), c) for c in text]


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key as a fast typist would: every key sent before any is handled.

    (``pilot.press`` waits for the app to go idle after each key, which is slow and
    never shows the app keys arriving faster than it handles them.)
    """
    send_keys(pilot.app, keys_for(text))
    await pilot.pause()


async def wait_until(pilot: Pilot, condition, timeout: float = 5.0) -> None:
    """Let the app run until ``condition()`` holds (e.g. the debounce has saved)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


def screen_text(app: MinutesApp) -> str:
    """Every character on the app's screen now, line by line, as a terminal would show it.

    Through public means only: each widget on screen (``Screen.find_widget``: where it is and
    how much of it shows) renders its lines (``Widget.render_lines``), border titles and all,
    drawn in order, children over their parents; the snapshot tests cover the looks.
    """
    screen = app.screen
    width, height = screen.size
    canvas = [[" "] * width for _ in range(height)]
    for widget in screen.walk_children(with_self=False):
        try:
            geometry = screen.find_widget(widget)
        except NoWidget:  # not on screen (a hidden section, say)
            continue
        region = geometry.region
        shown = geometry.clip.intersection(region).intersection(Region(0, 0, width, height))
        if not shown:
            continue
        lines = widget.render_lines(Region(0, 0, region.width, region.height))
        for y in range(shown.y, shown.bottom):
            x = region.x
            for segment in lines[y - region.y]:
                for char in segment.text:
                    cells = get_character_cell_size(char)
                    if shown.x <= x and x + cells <= shown.right:
                        canvas[y][x : x + cells] = [char, *[""] * (cells - 1)]
                    x += cells
    return "\n".join("".join(row) for row in canvas)


def row_texts(app: MinutesApp, list_id: str) -> list[str]:
    rows = app.screen.query_one(f"#{list_id}", RowList).rows
    return [row.prefix + row.text + row.suffix for row in rows]


async def open_meeting(
    app: MinutesApp, pilot: Pilot, meeting_id: int, section: str, **options
) -> MeetingScreen:
    """The meeting screen of ``meeting_id`` at ``section``, pushed straight onto the app
    (``options`` such as ``today=`` go to the screen)."""
    await app.push_screen(MeetingScreen(meeting_id, section=section, **options))
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen)
    return app.screen
