"""The meeting screen: one panel widget per kind of section (:mod:`.panel` and its kinds),
the screen that lays them out (:mod:`.screen`), saving as you type (:mod:`.editing`), the
capture keys (:mod:`.capture`) and approval, sections and export (:mod:`.records`)."""

from .screen import MeetingScreen

__all__ = ["MeetingScreen"]
