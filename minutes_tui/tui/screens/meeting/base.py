"""What the meeting screen's parts rely on, declared in one place.

:class:`~.screen.MeetingScreen` is built from parts, each a :class:`MeetingScreenBase`:
autosave (:mod:`.editing`), watching for others' changes (:mod:`.watch`), approval and
the commands on the whole record (:mod:`.records`) and the capture keys (:mod:`.capture`).
A part may use what Textual's :class:`Screen` offers and what this class declares, and
nothing else; the screen (or the part named beside each method) provides it.
"""

from __future__ import annotations

import datetime as dt

from textual.screen import Screen

from ....model import Meeting
from ....session import MeetingSession
from .panel import SectionPanel


class MeetingScreenBase(Screen):
    """The contract between the meeting screen and its parts (see the module's notes)."""

    #: The meeting being minuted (None until the screen is composed).
    session: MeetingSession | None = None
    #: One panel per section, in the order of the list on the left.
    panels: list[SectionPanel]
    #: The key of the section shown.
    section: str
    meeting_id: int
    #: Whether the lists show each point's time.
    show_times: bool
    #: The date typed due dates count from (None: today's).
    _today: dt.date | None

    @property
    def meeting(self) -> Meeting:
        """The meeting in the session (an empty one before it is read). By the screen."""
        raise NotImplementedError

    @property
    def current(self) -> SectionPanel:
        """The panel shown. By the screen."""
        raise NotImplementedError

    def panel(self, key: str) -> SectionPanel | None:
        """The panel of section ``key``. By the screen."""
        raise NotImplementedError

    def panel_of_kind(self, kind: str) -> SectionPanel | None:
        """The first panel of layout kind ``kind`` (``round_robin``, ``actions``...). By the screen."""
        raise NotImplementedError

    def show_label(self) -> None:
        """Show the meeting's name and status in the top bar. By the screen."""
        raise NotImplementedError

    def flush(self) -> bool:
        """Save every pending field now; False if one could not be. By :mod:`.editing`."""
        raise NotImplementedError

    def apply_read_only(self, hold: bool = False) -> None:
        """Show approved minutes read-only (``hold``: keep unsaved text open). By :mod:`.records`."""
        raise NotImplementedError

    def status_changed_elsewhere(self) -> None:
        """The minutes were approved or reopened elsewhere. By :mod:`.watch`."""
        raise NotImplementedError
