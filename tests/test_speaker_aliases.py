"""A round-robin speaker linked to an attendee's organisation: the store, the queue, the session."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from minutes_tui.interchange import meeting_from_dict, meeting_to_dict
from minutes_tui.model import Attendee
from minutes_tui.roundrobin import SpeakerQueue
from minutes_tui.session import MeetingSession
from minutes_tui.store import Store, StoreError
from minutes_tui.store.schema import migrations


def test_a_link_is_kept_per_series_one_name_per_organisation(store):
    assert store.speaker_aliases("Skills") == {}
    assert store.link_speaker("Skills", " South  Ribble ", "SRBC") == {"South Ribble": "SRBC"}
    assert store.speaker_aliases("Other") == {}
    # The organisation takes a new name: the old one goes.
    assert store.link_speaker("Skills", "S. Ribble", "srbc") == {"S. Ribble": "srbc"}
    # The name is linked to another organisation: its old link goes.
    store.link_speaker("Skills", "Lancs", "LCC")
    assert store.link_speaker("Skills", "lancs", "Lancashire CC") == {
        "S. Ribble": "srbc",
        "lancs": "Lancashire CC",
    }
    assert store.unlink_speaker("Skills", "S. RIBBLE") == {"lancs": "Lancashire CC"}
    assert store.unlink_speaker("Skills", "nobody") == {"lancs": "Lancashire CC"}


@pytest.mark.parametrize(("speaker", "organisation"), [("", "SRBC"), ("South Ribble", "  "), ("JCP", "jcp")])
def test_a_link_needs_two_different_names(store, speaker, organisation):
    with pytest.raises(StoreError):
        store.link_speaker("Skills", speaker, organisation)
    assert store.speaker_aliases("Skills") == {}


def test_links_are_saved_in_the_database_file(tmp_path):
    path = tmp_path / "minutes.db"
    store = Store.open(path)
    store.link_speaker("Skills", "South Ribble", "SRBC")
    store.close()
    again = Store.open(path)
    try:
        assert again.speaker_aliases("Skills") == {"South Ribble": "SRBC"}
    finally:
        again.close()


def test_upgrading_from_m011_adds_the_table(tmp_path):
    path = tmp_path / "minutes.db"
    db = Database(path)
    migrations.apply(db, stop_before="m012_speaker_aliases")
    assert "speaker_aliases" not in db.table_names()
    db.close()
    store = Store.open(path)
    try:
        assert store.speaker_aliases("Skills") == {}
        assert store.check() == []
    finally:
        store.close()


def test_queue_lists_a_linked_speaker_once_in_its_organisations_place():
    people = [Attendee("", "Cogent"), Attendee("Ann", "SRBC"), Attendee("", "JCP")]
    aliases = {"South Ribble": "SRBC"}
    queue = SpeakerQueue.build(people, ["Cogent", "South Ribble"], aliases)
    assert queue.speakers == ["Cogent", "South Ribble", "JCP"]
    assert queue.current == "JCP"  # Cogent and South Ribble have spoken
    # Without the link the same meeting lists them twice, and SRBC as not heard.
    assert SpeakerQueue.build(people, ["Cogent", "South Ribble"]).speakers == [
        "Cogent",
        "SRBC",
        "JCP",
        "South Ribble",
    ]
    # Either name finds the one entry; a turn recorded as SRBC counts as heard.
    assert queue.find("srbc") == queue.find("SOUTH RIBBLE") == 1
    assert queue.add("SRBC") == "South Ribble" and queue.speakers == ["Cogent", "South Ribble", "JCP"]
    assert queue.match("srb") == 1
    assert queue.heard(["SRBC"]) == {"south ribble"}


def test_session_link_renames_this_meetings_turns_and_lasts_for_the_series(store):
    meeting = store.create_meeting(series="Skills", title="March")
    store.add_attendee(meeting.id, Attendee("Ann", "SRBC"))
    session = MeetingSession(store, meeting.id)
    session.load()
    session.add_point("SRBC", "Bus route agreed")
    renamed = session.link_speaker("South Ribble", "srbc")
    assert [t.speaker for t in renamed] == ["South Ribble"]
    assert session.speaker_aliases == {"South Ribble": "srbc"}
    assert [t.speaker for t in store.get_meeting(meeting.id).round_robin] == ["South Ribble"]
    assert [t.speaker for t in session.meeting.round_robin] == ["South Ribble"]
    # The next meeting of the series knows the link from the start.
    following = store.start_next_meeting("Skills", title="April")
    later = MeetingSession(store, following.id)
    later.load()
    assert later.speaker_aliases == {"South Ribble": "srbc"}
    later.unlink_speaker("south ribble")
    assert later.speaker_aliases == {} and store.speaker_aliases("Skills") == {}


def test_json_keeps_the_name_the_minutes_use(store):
    meeting = store.create_meeting(series="Skills", title="March")
    store.add_attendee(meeting.id, Attendee("Ann", "SRBC"))
    store.add_turn(meeting.id, "SRBC", points=["Bus route agreed"])
    session = MeetingSession(store, meeting.id)
    session.load()
    session.link_speaker("South Ribble", "SRBC")
    data = meeting_to_dict(store.get_meeting(meeting.id))
    assert [t["speaker"] for t in data["round_robin"]] == ["South Ribble"]
    assert [a["organisation"] for a in data["attendees"]] == ["SRBC"]
    elsewhere = Store.open(":memory:")
    copy, warnings = meeting_from_dict(data)
    saved = elsewhere.get_meeting(elsewhere.add_meeting(copy).id)
    assert warnings == [] and [t.speaker for t in saved.round_robin] == ["South Ribble"]
