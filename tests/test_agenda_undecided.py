"""Which agenda items still want a decision when the minutes are approved (pure domain, no store)."""

from __future__ import annotations

from support.committee import REASON, board_meeting

from minutes_tui.agenda import AgendaItem, Resolution, undecided_items, undecided_summary


def test_an_item_for_decision_or_recommending_with_no_resolution_is_undecided():
    agenda = [
        AgendaItem("1", "Apologies"),  # no purpose, nothing recommended
        AgendaItem("4", "Budget 2026/27", purpose="decision"),
        AgendaItem("5", "Performance report", purpose="information", recommendations=["That it be noted"]),
        AgendaItem("6", "Strategy", purpose="discussion", recommendations=["That members comment"]),
        AgendaItem("7", "Grants", recommendations=["That the grants be made"]),
        AgendaItem("8", "Blank recommendation", recommendations=["  ", ""]),
        AgendaItem("9", "Sale of the depot", purpose="decision", exempt=REASON),
        AgendaItem("10", "Fees", purpose="decision", resolutions=[Resolution("deferred", "To September")]),
        AgendaItem("11", "Lease", recommendations=["That it be renewed"], resolutions=[Resolution("noted")]),
    ]
    assert [item.number for item in undecided_items(agenda)] == ["4", "7", "9"]


def test_every_outcome_counts_as_a_resolution_recorded():
    for outcome in ("noted", "approved", "approved_as_amended", "deferred", "rejected", "withdrawn"):
        item = AgendaItem("4", "Budget", purpose="decision", resolutions=[Resolution(outcome, "")])
        assert undecided_items([item]) == []


def test_the_design_example_has_every_decision_resolved():
    meeting = board_meeting()
    assert undecided_items(meeting.agenda) == []
    meeting.agenda[2].resolutions = []  # item 8, for decision
    assert [item.number for item in undecided_items(meeting.agenda)] == ["8"]


def test_the_summary_names_items_by_number_and_title_as_typed():
    one = [AgendaItem("4", "Budget 2026/27 [bold]", purpose="decision")]
    assert undecided_summary(one) == "1 item for decision has no resolution: 4 Budget 2026/27 [bold]"
    two = [*one, AgendaItem("", "Grants", minute="25/40"), AgendaItem("", "")]
    assert undecided_summary(two) == (
        "3 items for decision have no resolution: 4 Budget 2026/27 [bold], 25/40 Grants, (untitled item)"
    )


def test_the_summary_of_many_items_or_a_huge_title_stays_short():
    many = [AgendaItem(str(n), f"Item {n}", purpose="decision") for n in range(1, 9)]
    assert undecided_summary(many).endswith(": 1 Item 1, 2 Item 2, 3 Item 3, 4 Item 4, 5 Item 5, and 3 more")
    huge = [AgendaItem("4", "x" * 100_000, purpose="decision")]
    assert len(undecided_summary(huge)) < 120
