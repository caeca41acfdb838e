"""The meeting screen, split by section: one module per kind of section, the screen that
composes them (:mod:`.screen`) and the autosave machinery they share (:mod:`.editing`)."""

from .screen import MeetingScreen

__all__ = ["MeetingScreen"]
