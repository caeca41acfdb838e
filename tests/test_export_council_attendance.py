"""Committee attendance as councils write it: members by title, officers with posts, then others."""

from __future__ import annotations

import docx
import pytest

from minutes_tui.export import export_meeting
from minutes_tui.export.council_attendance import council_attendance, is_party, looks_like_post
from minutes_tui.export.markdown import render_markdown
from minutes_tui.model import BOARD_LAYOUT, WORKSHOP_LAYOUT, Attendee, Meeting

EXPECTED = [
    (
        "Present",
        "Councillors Nolan (Chair), Dennett, Okafor (from 10:40), Shah (substituting for Councillor Ellis); Ms R. Patel (LSC)",
    ),
    ("Officers", "A. Plant (Head of Skills), J. Hunt (Democratic Services)"),
    ("In attendance", "T. Hart (Runcorn College)"),
    ("Apologies", "Councillor Ellis"),
]


def committee(layout=BOARD_LAYOUT) -> Meeting:
    return Meeting(
        series="Skills and Employment Board",
        title="Board",
        chair="Councillor Nolan",
        layout=layout,
        attendees=[
            Attendee("Cllr Nolan", "Labour"),  # a party is not an organisation
            Attendee("Councillor Dennett", "Conservative"),
            Attendee("Cllr Okafor", arrived="10:40"),
            Attendee("Ms R. Patel", "LSC"),
            Attendee("A. Plant", "", "Head of Skills", "in_attendance"),
            Attendee("J. Hunt", "Democratic Services"),  # a post typed as the organisation
            Attendee("Councillor Ellis", "Lib Dem", attendance="apologies"),
            Attendee("Cllr Shah", "Green", on_behalf_of="Councillor Ellis"),
            Attendee("T. Hart", "Runcorn College", attendance="in_attendance"),
        ],
    )


def test_lines_as_a_council_writes_them():
    assert council_attendance(committee()) == EXPECTED


def test_word_minutes_of_a_board_show_council_attendance():
    path = export_meeting(committee(), "docx")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    for label, text in EXPECTED:
        assert f"{label}: {text}" in paragraphs
    assert not any(p.startswith(("Labour", "Conservative")) for p in paragraphs)
    bold = {r.text for p in docx.Document(str(path)).paragraphs for r in p.runs if r.bold}
    assert {"Present: ", "Officers: "} <= bold


def test_markdown_minutes_of_a_board_show_council_attendance():
    text = render_markdown(committee())
    assert f"**Present:** {EXPECTED[0][1]}" in text
    assert "**Officers:** A. Plant (Head of Skills), J. Hunt (Democratic Services)" in text
    assert "Labour" not in text


def test_a_workshop_keeps_organisations():
    text = render_markdown(committee(WORKSHOP_LAYOUT))
    assert "**Officers:**" not in text
    assert "(Labour)" in text  # a workshop's organisations stay as typed


def test_one_councillor_singular_and_the_chair_by_role():
    meeting = Meeting(layout=BOARD_LAYOUT, attendees=[Attendee("Cllr Nolan", role="Chair")])
    assert council_attendance(meeting) == [("Present", "Councillor Nolan (Chair)")]


def test_markup_in_names_is_literal():
    meeting = Meeting(layout=BOARD_LAYOUT, attendees=[Attendee("Cllr [b]Bold[/b]"), Attendee("*x*", "<y>")])
    assert council_attendance(meeting) == [("Present", "Councillor [b]Bold[/b]; *x* (<y>)")]


@pytest.mark.parametrize("text", ["Labour", "Lib Dem", "Green Party", "Ind", "Conservative Group", "(Lab)"])
def test_parties(text):
    assert is_party(text)


@pytest.mark.parametrize("text", ["LSC", "Cogent SSC", "Runcorn College", "Halton Borough Council"])
def test_organisations_are_neither_parties_nor_posts(text):
    assert not is_party(text) and not looks_like_post(text)
