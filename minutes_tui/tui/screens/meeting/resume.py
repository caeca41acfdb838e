"""Recovered text that was an edit of a saved item: resumed in place, or kept beside it.

The rule is the same in every section (bullets, the round robin's points, actions,
attendees): if each field's saved text is still what the recovered text was typed
over (its ``base``), or already the recovered text, the item is opened for editing
again and the text put back in its field, to be saved by the autosave. If any field
of the item changed since, or the item was deleted, nothing is resumed: the caller
puts the text back as a new item, beside theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ....session.recovery import Kept

if TYPE_CHECKING:
    from .panel import SectionPanel


def resume_edit(panel: SectionPanel, kept: Kept, batch: Sequence[Kept] = ()) -> str | None:
    """Resume ``kept``'s edit of its saved item in ``panel`` (``batch``: every entry recovered
    with it, so that an item's fields go back together); ``"restored"``, ``"same"`` (already
    saved), or None when it cannot be resumed (a new item, or one changed or deleted since)."""
    if kept.item is None:
        return None
    now = panel.item_texts(kept.item)
    if now is None or kept.field not in now:
        return None
    fields = [k for k in batch if k.item == kept.item and k.field in now] or [kept]
    if any(now[k.field] not in (k.base, k.text) for k in fields):
        return None
    if now[kept.field] == kept.text:
        return "same"
    if panel.editing_item != kept.item:
        panel.edit_item(kept.item)
        if panel.editing_item != kept.item:  # it could not be opened: the text comes back new
            return None
    panel.put_text(kept.field, kept.text)
    return "restored"
