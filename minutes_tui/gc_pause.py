"""Pausing Python's cyclic garbage collector while a large meeting is built or written."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Objects made by one pause beyond which they skip the collector's young generations.
MANY_OBJECTS = 10_000


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (if on) while many objects are made: loading a
    meeting, writing its minutes. Their objects are freed as they go or live on (the few cycles
    wait for a later collection), and each collection of the oldest generation during the work
    would scan every object alive, at a cost that grows faster than the meeting.

    When more than :data:`MANY_OBJECTS` were made they then join the collector's oldest
    generation straight away (``freeze`` then ``unfreeze`` moves every tracked object there
    without a scan): a large meeting lives as long as it is open, and a scan of each of its
    objects at the next allocation would cost a tenth of the load again. Small loads (the
    usual ones) leave the generations alone, so young garbage is collected as ever.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > MANY_OBJECTS:
            gc.freeze()
            gc.unfreeze()
        if was_on:
            gc.enable()
