"""Committee minutes in Word (read back with python-docx): the paper's recommendations in a
draft until a resolution is recorded, and the space before the chair's signature line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
from support.committee import board_meeting

from minutes_tui.agenda import Resolution
from minutes_tui.export import export_meeting
from minutes_tui.export.markdown import render_markdown

REC = "That the Board NOTES the proposals and timescale."


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def awaiting(status: str = "draft", recommendations: tuple[str, ...] = (REC,)):
    """The board meeting with item 8's resolutions not yet recorded."""
    meeting = board_meeting(status=status)
    item = meeting.agenda[2]
    meeting.agenda[2] = replace(item, resolutions=[], recommendations=list(recommendations))
    return meeting


def test_a_draft_shows_the_recommendation_until_a_resolution_is_recorded(tmp_path):
    shown = texts(export_meeting(awaiting(), "docx", tmp_path / "draft.docx", template=None))
    at = shown.index("Members asked whether the six local alliances would share one employer offer.")
    assert shown[at + 1] == f"RECOMMENDED – {REC}"
    paragraph = docx.Document(str(tmp_path / "draft.docx")).paragraphs[at + 1]
    assert [(r.text, bool(r.bold)) for r in paragraph.runs] == [("RECOMMENDED – ", True), (REC, False)]
    assert f"**RECOMMENDED –** {REC}" in render_markdown(awaiting())

    resolved = awaiting()
    resolved.agenda[2].resolutions = [Resolution("noted", "That the Board notes the proposals.")]
    shown = texts(export_meeting(resolved, "docx", tmp_path / "resolved.docx", template=None))
    assert "NOTED – That the Board notes the proposals." in shown
    assert not [t for t in shown if "RECOMMENDED" in t or REC in t]

    approved = texts(export_meeting(awaiting("approved"), "docx", tmp_path / "approved.docx", template=None))
    assert not [t for t in approved if "RECOMMENDED" in t or REC in t]


def test_several_recommendations_are_listed(tmp_path):
    recs = ("That the Board notes the levy returned.", "That the Board agrees the pooled scheme.")
    path = export_meeting(awaiting(recommendations=recs), "docx", tmp_path / "draft.docx", template=None)
    document = docx.Document(str(path))
    shown = [(p.style.name, p.text) for p in document.paragraphs]
    at = [t for _, t in shown].index("The recommendations were:")
    assert [t for _, t in shown[at + 1 : at + 3]] == list(recs)
    assert all("List" in style for style, _ in shown[at + 1 : at + 3])
