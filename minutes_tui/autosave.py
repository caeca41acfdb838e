"""When to save typed text: the bookkeeping of a debounce, with no timers of its own.

A field is *touched* on each keystroke; it is *due* once the typing has paused
for ``delay`` seconds, or ``max_wait`` seconds after its first unsaved keystroke
(so that someone typing without a pause is still saved every ``max_wait``).
The caller polls :meth:`Debouncer.due` from a timer and saves what it returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable


class Debouncer:
    def __init__(
        self, delay: float = 0.4, max_wait: float = 0.6, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.delay = delay
        self.max_wait = max_wait
        self.clock = clock
        self._first: dict[Hashable, float] = {}
        self._last: dict[Hashable, float] = {}

    def touch(self, key: Hashable) -> None:
        """``key`` changed just now."""
        now = self.clock()
        self._first.setdefault(key, now)
        self._last[key] = now

    def due(self, now: float | None = None) -> list[Hashable]:
        """Keys that should be saved now, oldest first (they stay pending until :meth:`done`)."""
        now = self.clock() if now is None else now
        return [
            key
            for key, first in self._first.items()
            if now - self._last[key] >= self.delay or now - first >= self.max_wait
        ]

    def done(self, key: Hashable) -> None:
        """``key`` was saved (or no longer needs saving)."""
        self._first.pop(key, None)
        self._last.pop(key, None)

    def pending(self) -> list[Hashable]:
        """Every key with unsaved changes, oldest first."""
        return list(self._first)

    def is_pending(self, key: Hashable) -> bool:
        return key in self._first

    def __bool__(self) -> bool:
        return bool(self._first)
