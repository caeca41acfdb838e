"""minutes: type the minutes of a meeting live, get finished Word minutes at the end."""

__version__ = "0.1.0"
