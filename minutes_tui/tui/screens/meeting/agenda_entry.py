"""The agenda's point field and its keys (they end the point typed and ask for something else)."""

from __future__ import annotations

from textual.binding import Binding

from ...widgets.entry import Entry


class ItemEntry(Entry):
    """The agenda's point field: Enter saves a point under the current item; keys for the rest."""

    BINDINGS = [
        Binding(
            "pagedown",
            "command('next_item')",
            "Next item",
            tooltip="On to the next agenda item",
            id="ag.next",
        ),
        Binding(
            "pageup", "command('previous_item')", "Prev item", tooltip="Back an agenda item", id="ag.prev"
        ),
        Binding(
            "ctrl+o",
            "command('new_item')",
            "New item",
            tooltip="Add an agenda item (number and title)",
            id="ag.new",
        ),
        Binding(
            "ctrl+n",
            "command('resolution')",
            "Resolution",
            tooltip="Record a resolution of the current item (outcome, then text)",
            id="ag.resolution",
        ),
        Binding(
            "ctrl+y",
            "command('as_recommended')",
            "As recommended",
            tooltip="Approved as recommended: the recommendation becomes a resolution to edit",
            id="ag.recommended",
        ),
        Binding(
            "ctrl+z",
            "command('undo_filing')",
            "Undo filing",
            tooltip="Put the last point filed as an action or resolution back",
            id="ag.undo",
            show=False,
        ),
    ]
    COMMAND_KEYS = {
        "pagedown": "next_item",
        "pageup": "previous_item",
        "ctrl+o": "new_item",
        "ctrl+n": "resolution",
        "ctrl+y": "as_recommended",
        "ctrl+z": "undo_filing",
    }

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("clears", True)
        super().__init__(*args, **kwargs)
