"""Series: meetings that follow one another, matters arising, the action log, approval."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from support.cli import run

from minutes_tui.export.action_log import actions_csv, inert
from minutes_tui.model import Action, Attendee
from minutes_tui.store import Locked, Store, StoreError

pytestmark = pytest.mark.both_backends

SERIES = "Economic Theme Partners"


def first_meeting(store: Store):
    m = store.create_meeting(series=SERIES, title="Workshop", date=dt.date(2025, 1, 10))
    store.add_attendee(m.id, Attendee("Priya", "Cogent SSC"))
    store.add_attendee(m.id, Attendee("Helen", "NWDA", attendance="apologies"))
    offer = store.add_action(m.id, Action("Draft the employer offer", "Priya", dt.date(2025, 2, 1)))
    contacts = store.add_action(m.id, Action("Share contact list", "JCP", dt.date(2025, 3, 1)))
    done = store.add_action(m.id, Action("Book room", "Tom"))
    store.update_action(done.id, status="done")
    return m, offer, contacts


def test_an_action_followed_from_raised_to_done_over_three_meetings(store):
    first, offer, contacts = first_meeting(store)
    store.approve_meeting(first.id)

    second = store.start_next_meeting(SERIES, title="Workshop", date=dt.date(2025, 2, 14))
    assert [a.label for a in second.attendees] == ["Priya (Cogent SSC)", "Helen (NWDA)"]
    assert {a.attendance for a in second.attendees} == {"present"}
    carried = {c.action.text: c for c in second.matters_arising}
    assert list(carried) == ["Draft the employer offer", "Share contact list"]
    assert carried["Draft the employer offer"].raised_on == dt.date(2025, 1, 10)
    # Progress is recorded at the second meeting although the first is approved.
    store.update_carried(
        carried["Draft the employer offer"].id, note="First draft circulated", status="on_hold"
    )
    store.update_carried(carried["Share contact list"].id, status="done", note="Sent 3 Feb")

    third = store.start_next_meeting(SERIES, title="Workshop", date=dt.date(2025, 3, 14))
    assert [c.action.text for c in third.matters_arising] == ["Draft the employer offer"]
    assert third.matters_arising[0].action.status == "on_hold"
    store.update_carried(third.matters_arising[0].id, status="done", note="Offer agreed by providers")

    history = store.action_history(offer.id)
    assert [(e.event, e.status, e.meeting_id) for e in history] == [
        ("raised", "open", first.id),
        ("updated", "on_hold", second.id),
        ("closed", "done", third.id),
    ]
    assert history[1].note == "First draft circulated" and history[2].note == "Offer agreed by providers"
    assert store.get_action(offer.id).status == "done"
    assert store.get_meeting(second.id).matters_arising[0].note == "First draft circulated"
    assert store.list_actions(series=SERIES, still_to_do=True) == []


def test_action_log_filters_and_order(store):
    first_meeting(store)
    other = store.create_meeting(series="Board", date=dt.date(2025, 1, 20))
    store.add_action(other.id, Action("Approve budget", "Priya Shah"))
    today = dt.date(2025, 2, 15)
    assert [r.action.text for r in store.list_actions()] == [
        "Draft the employer offer",
        "Share contact list",
        "Book room",
        "Approve budget",
    ]
    assert [r.action.text for r in store.list_actions(owner="priya")] == [
        "Draft the employer offer",
        "Approve budget",
    ]
    assert [r.action.text for r in store.list_actions(series="Board")] == ["Approve budget"]
    assert [r.action.text for r in store.list_actions(overdue=True, today=today)] == [
        "Draft the employer offer"
    ]
    assert len(store.list_actions(still_to_do=True)) == 3
    assert store.list_actions(owner="%") == []


def test_approved_minutes_are_locked_until_reopened(store):
    first, offer, _ = first_meeting(store)
    turn = store.add_turn(first.id, "JCP", points=["x"])
    store.approve_meeting(first.id)
    attempts = [
        lambda: store.update_meeting(first.id, title="Changed"),
        lambda: store.add_bullet(first.id, "agreed", "late decision"),
        lambda: store.add_point(turn.id, "late point"),
        lambda: store.update_point(store.get_turn(turn.id).points[0].id, "edited"),
        lambda: store.update_action(offer.id, text="Something else"),
        lambda: store.delete_turn(turn.id),
        lambda: store.move_action(offer.id, 1),
        lambda: store.delete_meeting(first.id),
    ]
    for attempt in attempts:
        with pytest.raises(Locked, match="approved and cannot be changed"):
            attempt()
    assert store.get_header(first.id).title == "Workshop"
    # Tracking an action is not editing the record.
    assert store.set_action_status(offer.id, "done", note="done by email").status == "done"
    with pytest.raises(StoreError, match="Say why"):
        store.reopen_meeting(first.id, "  ")
    store.reopen_meeting(first.id, "Typo in the title")
    store.update_meeting(first.id, title="Workshop (corrected)")
    assert [(e.event, e.reason) for e in store.meeting_history(first.id)] == [
        ("approved", ""),
        ("reopened", "Typo in the title"),
    ]
    with pytest.raises(StoreError, match="not approved"):
        store.reopen_meeting(first.id, "again")


@pytest.mark.parametrize(
    "text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", '=HYPERLINK("http://x")']
)
def test_csv_cells_cannot_run_formulas(store, text):
    m = store.create_meeting(series=text, title=text)
    store.add_action(m.id, Action(text, text))
    out = actions_csv(store.list_actions())
    row = next(csv.DictReader(io.StringIO(out)))
    for column in ("action", "owner", "series", "meeting"):
        assert row[column] == "'" + text
    assert inert("plain - text") == "plain - text"


def test_cli_actions_approve_reopen_next(tmp_path):
    store = Store.open(tmp_path / "m.db")
    first, offer, _ = first_meeting(store)
    store.close()
    db = ["--db", str(tmp_path / "m.db")]
    table = run(*db, "actions", "--open").output
    assert "Draft the employer offer" in table and "Book room" not in table
    overdue = run(*db, "actions", "--overdue").output
    assert overdue.count("!") == 2
    data = json.loads(run(*db, "actions", "--format", "json", "--owner", "jcp").output)
    assert [d["action"] for d in data] == ["Share contact list"]
    out = tmp_path / "log.csv"
    assert run(*db, "actions", "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,action,owner")

    assert "Approved" in run(*db, "approve", str(first.id)).output
    again = run(*db, "approve", str(first.id))
    assert again.exit_code != 0 and "approved and cannot be changed" in again.output
    result = run(*db, "reopen", str(first.id), "")
    assert result.exit_code != 0 and "Say why" in result.output
    assert "Reopened" in run(*db, "reopen", str(first.id), "Wrong date").output

    result = run(*db, "next", SERIES, "--date", "2025-02-14", catch_exceptions=True)
    assert result.exit_code == 0
    new_id = int(result.stdout.strip())
    assert "2 attendees, 2 matters arising" in result.stderr
    assert Store.open(tmp_path / "m.db").get_meeting(new_id).date == dt.date(2025, 2, 14)
    result = run(*db, "next", "Nobody")
    assert result.exit_code != 0 and "No meetings of the series" in result.output


def test_layouts_per_series_and_custom_sections(store):
    from minutes_tui.model import BOARD_LAYOUT, WORKSHOP_LAYOUT, ModelError

    workshop = store.create_meeting(series="Partners", title="W")
    assert workshop.layout == WORKSHOP_LAYOUT
    layout = store.set_series_layout("Skills Board", [*BOARD_LAYOUT, "Risk register"])
    assert layout[-1].key == "risk_register" and layout[-1].title == "Risk register"
    board = store.create_meeting(series="Skills Board", title="Board", date=dt.date(2025, 1, 1))
    assert [s.key for s in board.layout] == [
        "declarations",
        "last_minutes",
        "matters_arising",
        "items",
        "actions",
        "aob",
        "risk_register",
    ]
    store.add_bullet(board.id, "declarations", "No declarations of interest")
    store.add_bullet(board.id, "risk_register", "Funding risk raised to amber")
    with pytest.raises(ModelError):
        store.add_bullet(board.id, "overview", "not a board section")
    meeting = store.get_meeting(board.id)
    assert [b.text for b in meeting.sections["risk_register"]] == ["Funding risk raised to amber"]
    # The next meeting of the series keeps the layout.
    following = store.start_next_meeting("Skills Board", title="Board", date=dt.date(2025, 2, 1))
    assert following.layout == board.layout
    # A section that still holds points cannot be dropped; an empty one can.
    with pytest.raises(StoreError, match="still holds 1 point"):
        store.set_layout(board.id, BOARD_LAYOUT)
    store.set_layout(following.id, ["declarations", "items", "actions"])
    assert [s.key for s in store.get_header(following.id).layout] == ["declarations", "items", "actions"]
    for bad in ([], ["overview", "overview"], ["actions", "actions"], ["  "]):
        with pytest.raises(ModelError):
            store.set_series_layout("X", bad)


def test_layout_survives_json_round_trip(store):
    from minutes_tui.interchange import meeting_from_dict, meeting_to_dict

    board = store.create_meeting(series="B", layout=("declarations", "Risk register", "actions"))
    store.add_bullet(board.id, "risk_register", "Amber")
    data = meeting_to_dict(store.get_meeting(board.id))
    assert [item["text"] for item in data["sections"]["risk_register"]] == ["Amber"]
    copy = store.add_meeting(meeting_from_dict(json.loads(json.dumps(data)))[0])
    assert meeting_to_dict(copy) == data


def test_cli_layout(tmp_path):
    db = ["--db", str(tmp_path / "m.db")]
    out = run(*db, "layout", "Skills Board", "--preset", "board").output
    assert out.splitlines()[0].startswith("declarations") and "Matters arising  (matters arising)" in out
    out = run(*db, "layout", "Skills Board", "declarations", "Risk register", "actions").output
    assert [line.split()[0] for line in out.splitlines()] == ["declarations", "risk_register", "actions"]
    result = run(*db, "layout", "Skills Board", "actions", "actions")
    assert result.exit_code != 0 and "appears twice" in result.output
