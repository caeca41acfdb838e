"""Small display widgets: the save indicator and the round robin's speaker strip."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...text import displayable

SAVED, SAVING, FAILED, UNREACHABLE = "saved", "saving", "failed", "unreachable"
_LABELS = {
    SAVED: "✓ Saved",
    SAVING: "… Saving",
    FAILED: "✗ NOT SAVED",
    UNREACHABLE: "✗ NOT SAVED: server unreachable",
}
#: Cells the indicator always takes (minutes.tcss); a longer label widens it while shown.
_WIDTH = 14
#: The style class of each state (unreachable looks like any failure).
_CLASS = {UNREACHABLE: FAILED}


class SaveIndicator(Static):
    """Says whether everything typed has reached the database."""

    def __init__(self, **kwargs) -> None:
        super().__init__(_LABELS[SAVED], markup=False, **kwargs)
        self.state = SAVED
        self.add_class("-saved")

    def show_state(self, state: str) -> None:
        if state == self.state:
            return
        self.remove_class(f"-{_CLASS.get(self.state, self.state)}")
        wider = max(len(_LABELS[state]), len(_LABELS[self.state])) > _WIDTH  # it grows or shrinks
        self.state = state
        self.add_class(f"-{_CLASS.get(state, state)}")
        self.update(_LABELS[state], layout=wider)


class SpeakerStrip(Static):
    """The round robin's speakers in order: who has spoken, who is speaking now."""

    def show_speakers(self, speakers: list[str], current: int | None, heard: set[str]) -> None:
        parts: list[Content | str] = []
        if not speakers:
            self.update(
                Content("No speakers yet: add attendees (F3) or press Ctrl+O to add a speaker."),
            )
            return
        for index, speaker in enumerate(speakers):
            if index:
                parts.append(Content.styled(" · ", "dim"))
            label = displayable(speaker)
            if index == current:
                parts.append(Content.styled(f"▶ {label}", "bold reverse"))
            elif speaker.casefold() in heard:
                parts.append(Content.styled(f"{label} ✓", "dim"))
            else:
                parts.append(Content(label))
        self.update(Content.assemble(*parts))
