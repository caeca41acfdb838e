"""JSON interchange: lossless round trips, and clear errors for malformed files."""

from __future__ import annotations

import json

import pytest
from support.samples import full_meeting, without_history

from minutes_tui.interchange import FormatError, meeting_from_dict, meeting_to_dict

pytestmark = pytest.mark.both_backends


def test_round_trip_through_the_store_is_lossless(store):
    original = meeting_to_dict(full_meeting())
    text = json.dumps(original, ensure_ascii=False)
    meeting, warnings = meeting_from_dict(json.loads(text))
    assert warnings == []
    saved = store.add_meeting(meeting)
    first = meeting_to_dict(store.get_meeting(saved.id))
    assert without_history(first) == original
    assert [e["event"] for e in first["history"]] == ["approved"]  # recorded as `approve` would
    assert all([e["event"] for e in a["history"]] == ["raised"] for a in first["actions"])
    again = store.add_meeting(meeting_from_dict(json.loads(json.dumps(first)))[0])
    assert meeting_to_dict(store.get_meeting(again.id)) == first


def test_unknown_keys_are_reported_not_fatal():
    data = meeting_to_dict(full_meeting())
    data["colour"] = "red"
    data["attendees"][0]["shoe_size"] = 9
    _, warnings = meeting_from_dict(data)
    assert warnings == ["unknown key 'colour' ignored", "unknown key attendees[0].shoe_size ignored"]


def test_missing_keys_default():
    meeting, warnings = meeting_from_dict({"title": "Only a title"})
    assert meeting.title == "Only a title" and meeting.status == "draft" and meeting.attendees == []
    assert warnings == []


@pytest.mark.parametrize(
    "data, problem",
    [
        ([], "one JSON object"),
        ({"date": "14/03/2025"}, "date must be a date as YYYY-MM-DD"),
        ({"title": 5}, "title must be text"),
        ({"attendees": {}}, "attendees must be a list"),
        (
            {"attendees": [{"name": "", "organisation": ""}]},
            r"attendees\[0\] needs a name or an organisation",
        ),
        ({"attendees": [{"name": "A", "attendance": "late"}]}, r"attendees\[0\].attendance must be one of"),
        ({"round_robin": [{"speaker": "JCP", "points": "one"}]}, r"round_robin\[0\].points must be a list"),
        ({"actions": [{"text": "x", "due": "soon"}]}, r"actions\[0\].due must be a date"),
        ({"actions": ["x"]}, r"actions\[0\] must be an object"),
        ({"agreed": [1]}, r"agreed\[0\] must be text"),
        ({"status": "final"}, "status must be one of draft, approved"),
    ],
)
def test_malformed_data_names_the_problem(data, problem):
    with pytest.raises(FormatError, match=problem):
        meeting_from_dict(data)


def test_the_documented_example_imports_cleanly():
    import re
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    meeting, warnings = meeting_from_dict(example)
    assert warnings == [] and meeting_to_dict(meeting) == example


def _meeting_with_capture():
    from minutes_tui.model import Attendee, Declaration

    meeting = full_meeting()
    meeting.attendees[0] = Attendee("Priya", "Cogent SSC", "Chair", arrived="10:40", left="11:15")
    meeting.attendees.append(Attendee("Tom", "LSC", on_behalf_of="Helen (NWDA)"))
    meeting.declarations = [
        Declaration(item="Item 4: Budget", text="Director of ChemiCol", attendee_index=0),
        Declaration(item="Item 5", text="Governor of Runcorn College", attendee_index=4),
    ]
    return meeting


def test_attendance_times_substitutes_and_declarations_round_trip(store):
    original = meeting_to_dict(_meeting_with_capture())
    assert original["attendees"][0]["arrived"] == "10:40" and original["attendees"][0]["left"] == "11:15"
    assert original["attendees"][4]["on_behalf_of"] == "Helen (NWDA)"
    assert "arrived" not in original["attendees"][1]  # written only when noted
    assert original["declarations"] == [
        {"attendee": 0, "item": "Item 4: Budget", "text": "Director of ChemiCol"},
        {"attendee": 4, "item": "Item 5", "text": "Governor of Runcorn College"},
    ]
    meeting, warnings = meeting_from_dict(json.loads(json.dumps(original, ensure_ascii=False)))
    assert warnings == []
    saved = store.get_meeting(store.add_meeting(meeting).id)
    assert saved.declarant(saved.declarations[1]).name == "Tom"
    assert without_history(meeting_to_dict(saved)) == original


@pytest.mark.parametrize(
    "data, problem",
    [
        (
            {"attendees": [{"name": "A", "arrived": "late"}]},
            r"attendees\[0\].arrived must be a time as HH:MM",
        ),
        ({"attendees": [{"name": "A", "left": "25:00"}]}, r"attendees\[0\].left must be a time as HH:MM"),
        ({"declarations": [{"attendee": 0, "text": "x"}]}, r"declarations\[0\].attendee must be the number"),
        (
            {"attendees": [{"name": "A"}], "declarations": [{"attendee": True}]},
            r"declarations\[0\].attendee must be the number",
        ),
        ({"declarations": {}}, "declarations must be a list"),
        ({"declarations": ["x"]}, r"declarations\[0\] must be an object"),
    ],
)
def test_malformed_capture_data_names_the_problem(data, problem):
    with pytest.raises(FormatError, match=problem):
        meeting_from_dict(data)
