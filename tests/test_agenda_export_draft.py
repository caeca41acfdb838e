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


def test_the_board_presets_sections_go_under_their_agenda_items_once(tmp_path):
    """Points typed in the preset's sections (declarations, minutes of the last meeting, any other
    business) and the matters arising show under the agenda items of the same business, with no
    second heading; a section no item matches keeps its own."""
    from minutes_tui.agenda import AgendaItem
    from minutes_tui.model import Action, Bullet, CarriedAction

    meeting = board_meeting()
    meeting.agenda[2:2] = [AgendaItem("3", "Matters arising", minute="25/39")]
    meeting.agenda.append(AgendaItem("10", "Any other business", minute="25/42"))
    meeting.sections = {
        "declarations": [Bullet("Cllr Dennett: governor of Runcorn College")],
        "last_minutes": [Bullet("Approved as a correct record")],
        "aob": [Bullet("Nothing was raised")],
    }
    meeting.matters_arising = [CarriedAction(Action("Book the venue", "Tom"), "Done", raised_in="June")]
    for action in meeting.actions:
        action.item_index = (action.item_index or 0) + 1
    path = export_meeting(meeting, "docx", tmp_path / "board.docx", template=None)
    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [t for style, t in paragraphs if style.startswith("Heading")]
    assert headings == [
        "25/37\tDeclarations of interest",
        "25/38\tMinutes of the meeting held on 12 June 2025",
        "25/39\tMatters arising",
        "25/39\tRegional Skills Alliance: progress report",
        "25/40\tSale of the Crawley site",
        "25/42\tAny other business",
    ], headings
    texts_ = [t for _, t in paragraphs]
    for under, point in (
        ("25/37\tDeclarations of interest", "Cllr Dennett: governor of Runcorn College"),
        ("25/38\tMinutes of the meeting held on 12 June 2025", "Approved as a correct record"),
        ("25/42\tAny other business", "Nothing was raised"),
    ):
        assert texts_.count(point) == 1 and texts_.index(point) == texts_.index(under) + 1, point
    assert len(document.tables) == 1
    body = [child.tag.rsplit("}", 1)[1] for child in document.element.body]
    matters = texts_.index("25/39\tMatters arising")
    assert body[matters + 1] == "tbl"  # the matters arising table right under its item
    markdown = render_markdown(meeting)
    assert markdown.count("Nothing was raised") == 1 and "## Any other business" not in markdown
    assert "## Minutes of the last meeting" not in markdown


def test_the_signature_line_has_room_above_it_after_the_actions_table(tmp_path):
    from minutes_tui.agenda import CommitteeRules

    meeting = board_meeting()
    meeting.closed = ""
    meeting.rules = CommitteeRules(numbering="running", quorum=4, actions_table=True, first_minute=37)
    document = docx.Document(str(export_meeting(meeting, "docx", tmp_path / "m.docx", template=None)))
    body = list(document.element.body)
    signature = document.paragraphs[-1]
    assert signature.text.startswith("Chair ") and "Date" in signature.text
    assert body[body.index(signature._p) - 1].tag.endswith("}tbl")  # right after the actions table
    assert signature.paragraph_format.space_before is not None
    assert signature.paragraph_format.space_before.pt >= 24
    meeting.closed = "11:45"
    document = docx.Document(str(export_meeting(meeting, "docx", tmp_path / "c.docx", template=None)))
    closed = document.paragraphs[-2]
    assert closed.text == "The meeting closed at 11:45." and closed.paragraph_format.space_after.pt >= 24


def test_a_section_only_goes_under_an_item_of_the_same_business():
    """A workshop section is not folded into an item whose title merely starts like it."""
    from minutes_tui.agenda import AgendaItem
    from minutes_tui.export import layout
    from minutes_tui.model import BOARD_LAYOUT, Bullet, Section

    meeting = board_meeting()
    meeting.layout = (Section("overview", "Overview"), *BOARD_LAYOUT)
    meeting.agenda.append(AgendaItem("11", "Overview of performance", minute="25/43"))
    meeting.sections = {"overview": [Bullet("Level 3 trial has 24 apprentices")]}
    shown = layout.blocks(meeting)
    assert ("bullets", "Overview", ["Level 3 trial has 24 apprentices"]) in shown
