"""The meeting screen: one panel widget per kind of section (:mod:`.panel` and its kinds),
the screen that lays them out (:mod:`.screen`), saving as you type (:mod:`.editing`), the
capture keys (:mod:`.capture`), approval, sections and export (:mod:`.records`) and others'
changes (:mod:`.watch`); what those parts may rely on is declared in :mod:`.base`."""

from .screen import MeetingScreen

__all__ = ["MeetingScreen"]
