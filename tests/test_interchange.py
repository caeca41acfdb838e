"""JSON interchange: lossless round trips, and clear errors for malformed files."""

from __future__ import annotations

import json

import pytest
from samples import full_meeting

from minutes_tui.interchange import FormatError, meeting_from_dict, meeting_to_dict


def test_round_trip_through_the_store_is_lossless(store):
    original = meeting_to_dict(full_meeting())
    text = json.dumps(original, ensure_ascii=False)
    meeting, warnings = meeting_from_dict(json.loads(text))
    assert warnings == []
    saved = store.add_meeting(meeting)
    assert meeting_to_dict(store.get_meeting(saved.id)) == original


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
