"""The meeting being minuted, without Textual: :class:`MeetingSession` (see :mod:`.meeting`)."""

from .filing import Filed, FilingOutcome, Undone
from .meeting import MeetingSession

__all__ = ["Filed", "FilingOutcome", "MeetingSession", "Undone"]
