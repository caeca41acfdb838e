"""Committee business in the JSON shape: items, resolutions, voting, closing time, rules, action items."""

from __future__ import annotations

import json

import pytest
from support.committee import board_meeting

from minutes_tui.interchange import FormatError, meeting_from_dict, meeting_to_dict

pytestmark = pytest.mark.both_backends


def test_a_committee_meeting_round_trips_without_loss(store):
    original = meeting_to_dict(board_meeting())
    item = original["items"][2]
    assert item["resolutions"][0] == {
        "outcome": "noted",
        "text": "That the Board notes the proposals and timescale.",
        "for": 6,
        "against": 0,
        "abstain": 1,
        "recorded": [],
    }
    assert [a.get("item") for a in original["actions"]] == [2, 3]
    assert original["closed"] == "11:45" and original["attendees"][0]["voting"] is True
    assert original["committee"] == {
        "numbering": "running",
        "quorum": 4,
        "actions_table": False,
        "first_minute": 37,
    }
    meeting, warnings = meeting_from_dict(json.loads(json.dumps(original, ensure_ascii=False)))
    assert warnings == []
    saved = store.get_meeting(store.add_meeting(meeting).id)
    assert saved.actions[1].item_id == saved.agenda[3].id
    first = meeting_to_dict(saved)
    for data in (first, original):
        for action in data["actions"]:
            action.pop("history", None)
    assert first == original
    assert store.committee_rules("Skills and Employment Board").quorum == 4


def test_items_without_minute_numbers_are_numbered_on_import(store):
    data = {"title": "Board", "items": [{"number": "1", "title": "A"}, {"number": "2a", "title": "B"}]}
    meeting, _ = meeting_from_dict(data)
    saved = store.add_meeting(meeting)
    assert [(i.number, i.minute) for i in saved.agenda] == [("1", "1"), ("2a", "2")]


def test_files_without_committee_keys_stay_as_they_were():
    data = meeting_to_dict(board_meeting())
    for key in ("items", "closed", "committee"):
        data.pop(key)
    for action in data["actions"]:
        action.pop("item")
    for attendee in data["attendees"]:
        attendee.pop("voting", None)
    meeting, warnings = meeting_from_dict(data)
    assert warnings == [] and meeting.agenda == [] and meeting.closed == ""
    assert "items" not in meeting_to_dict(meeting) and "voting" not in json.dumps(meeting_to_dict(meeting))


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d["items"][0].update(purpose="lunch"), r"items\[0\].purpose must be one of"),
        (lambda d: d["items"][2]["resolutions"][0].update(outcome="postponed"), r"resolutions\[0\].outcome"),
        (
            lambda d: d["items"][2]["resolutions"][0].update({"for": -1}),
            r"resolutions\[0\].for must be a count",
        ),
        (lambda d: d["items"][2]["resolutions"][0].update({"against": True}), r"\.against must be a count"),
        (lambda d: d["items"][1].update(number="see attached paper"), r"items\[1\].number must be an agenda"),
        (lambda d: d["items"][3].update(recommendations="one"), r"items\[3\].recommendations must be a list"),
        (lambda d: d["actions"][0].update(item=9), r"actions\[0\].item must be the number of an item"),
        (lambda d: d["attendees"][0].update(voting="yes"), r"attendees\[0\].voting must be true or false"),
        (lambda d: d.update(closed="late"), "closed must be a time as HH:MM"),
        (lambda d: d["committee"].update(numbering="roman"), "committee.numbering must be one of"),
        (lambda d: d["committee"].update(quorum=0), "committee: a quorum must be"),
    ],
)
def test_malformed_committee_data_names_the_problem(change, problem):
    data = meeting_to_dict(board_meeting())
    change(data)
    with pytest.raises(FormatError, match=problem):
        meeting_from_dict(data)


def test_unknown_item_keys_are_warnings():
    data = meeting_to_dict(board_meeting())
    data["items"][0]["colour"] = "red"
    _, warnings = meeting_from_dict(data)
    assert warnings == ["unknown key items[0].colour ignored"]
