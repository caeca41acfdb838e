"""Two windows on one database: saving over a change made elsewhere, and taking in others' changes.

A save carries the version of the row as this session last read or saved it. If the
row changed since (:class:`~minutes_tui.store.Conflict`), nothing typed is dropped:
the other text stays where it was and the user's text becomes a new item right after
it, so the minutes hold both and the note-taker chooses (see :data:`KEPT_BOTH`).

:func:`merge` takes a fresh read of the meeting into the one in memory, part by part
(a section's items, the round robin, the attendees, the actions), except the parts
being edited, which are held until they are no longer being edited.
"""

from __future__ import annotations

from typing import Any

from ..model import Meeting

#: What the note-taker is told when a save met a change made elsewhere.
KEPT_BOTH = "Changed in another window: both versions kept (theirs, then yours as a new point after it)."
#: What the note-taker is told when the point being edited was deleted elsewhere.
DELETED_ELSEWHERE = "Deleted in another window while you edited it: your text is saved as a new point."
#: What the note-taker is told while the minutes are approved elsewhere.
APPROVED_ELSEWHERE = (
    "Not saved: approved elsewhere. Your text stays in its field and is saved if the minutes are reopened."
)
#: The meeting's parts kept in lists, by the kind of section that shows them.
_LISTS = {
    "round_robin": "round_robin",
    "actions": "actions",
    "matters_arising": "matters_arising",
    "agenda": "agenda",
}


def _parts(meeting: Meeting, layout: Meeting) -> dict[str, Any]:
    """Each part of ``meeting`` a panel shows, by the panel's key (``layout`` names them)."""
    parts: dict[str, Any] = {"attendees": (meeting.attendees, meeting.declarations)}
    for section in layout.layout:
        if section.kind == "bullets":
            parts[section.key] = meeting.sections.get(section.key, [])
        elif section.kind in _LISTS:
            parts[section.key] = getattr(meeting, _LISTS[section.kind])
    return parts


def _put(meeting: Meeting, kind: str, key: str, value: Any) -> None:
    if key == "attendees":
        meeting.attendees, meeting.declarations = value
    elif kind == "bullets":
        meeting.sections[key] = value
    else:
        setattr(meeting, _LISTS[kind], value)


def merge(mine: Meeting, fresh: Meeting, keep: set[str]) -> tuple[set[str], set[str]]:
    """Take ``fresh`` into ``mine`` except the parts in ``keep``: (changed, held back).

    ``status`` is among the changed when the minutes were approved or reopened elsewhere.
    """
    changed: set[str] = set()
    held: set[str] = set()
    kinds = {s.key: s.kind for s in mine.layout}
    ours, theirs = _parts(mine, mine), _parts(fresh, mine)
    for key, value in theirs.items():
        if value == ours[key]:
            continue
        if key in keep:
            held.add(key)
        else:
            _put(mine, kinds.get(key, "attendees"), key, value)
            changed.add(key)
    if fresh.status != mine.status:
        mine.status = fresh.status
        changed.add("status")
    return changed, held
