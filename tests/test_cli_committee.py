"""The decision register and committee rules on the command line (CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from support.cli import run
from support.committee import SECRET, board_meeting

from minutes_tui.agenda import AgendaItem, Resolution
from minutes_tui.store import Store, default_target

pytestmark = pytest.mark.both_backends


@pytest.fixture
def store(backend):
    """The store the commands use: ``$MINUTES_DB`` (a file, or a PostgreSQL database)."""
    opened = Store.open(default_target())
    yield opened
    opened.close()


@pytest.fixture
def register(store) -> int:
    saved = store.add_meeting(board_meeting())
    other = store.create_meeting(series="Cabinet", title="Cabinet", date="2025-06-01")
    item = store.add_agenda_item(other.id, AgendaItem("4", "Budget"))
    store.add_resolution(item.id, Resolution("rejected", '=HYPERLINK("http://x") That the budget be cut'))
    assert saved.id is not None
    return saved.id


def test_the_register_as_a_table(register):
    result = run("decisions")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("2025-06-01  1        Rejected")
    assert (
        "25/39    Noted               Regional Skills Alliance: progress report: That the Board" in lines[2]
    )
    assert len(lines) == 5


def test_the_register_by_series_and_date(register):
    out = run("decisions", "--series", "Cabinet", "--format", "json").output
    assert [d["item"] for d in json.loads(out)] == ["Budget"]
    out = run("decisions", "--since", "01/07/2025", "--format", "json").output
    assert {d["series"] for d in json.loads(out)} == {"Skills and Employment Board"}
    assert run("decisions", "--since", "2030-01-01").output == "No resolutions match.\n"
    bad = run("decisions", "--since", "soon")
    assert bad.exit_code != 0 and "is not a date" in bad.output


def test_the_register_as_csv_is_formula_inert(register):
    result = run("decisions", "--format", "csv", "-o", "register.csv")
    assert result.exit_code == 0, result.output
    text = Path("register.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    cabinet = rows[0]
    assert cabinet["resolution"].startswith("'=HYPERLINK")
    assert rows[2] == {
        "date": "2025-07-14",
        "series": "Skills and Employment Board",
        "meeting": "Skills and Employment Board",
        "minute": "25/39",
        "item": "Regional Skills Alliance: progress report",
        "outcome": "Noted",
        "resolution": "That the Board notes the proposals and timescale.",
        "for": "6",
        "against": "0",
        "abstain": "1",
    }
    again = run("decisions", "--format", "csv", "-o", "register.csv")
    assert again.exit_code == 1 and again.output.startswith("Error:")


def test_the_public_register_withholds_exempt_resolutions(register):
    out = json.loads(run("decisions", "--public", "--format", "json").output)
    exempt = [d for d in out if d["item"] == "Sale of the Crawley site"]
    assert exempt == [
        {
            "date": "2025-07-14",
            "series": "Skills and Employment Board",
            "meeting": "Skills and Employment Board",
            "minute": "25/40",
            "item": "Sale of the Crawley site",
            "outcome": "Approved",
            "resolution": "Not for publication",
            "for": "",
            "against": "",
            "abstain": "",
        }
    ]
    assert "That the offer be accepted" in run("decisions").output
    assert SECRET not in run("decisions", "--public").output


def test_committee_rules_shown_and_set(store):
    meeting = store.create_meeting(series="Skills Board", title="Board", date="2025-07-14")
    assert run("committee", "Skills Board").output == (
        "Minute numbers: per meeting (1, 2, 3)\nQuorum: not set\nActions table: shown\n"
    )
    result = run(
        "committee",
        "Skills Board",
        "--numbering",
        "running",
        "--first-minute",
        "37",
        "--quorum",
        "4",
        "--no-actions-table",
    )
    assert result.output == "Minute numbers: running on (from 37)\nQuorum: 4\nActions table: left out\n"
    item = store.add_agenda_item(meeting.id, AgendaItem("1", "Declarations"))
    assert item.minute == "25/37"
    assert run("committee", "Skills Board", "--quorum", "0").output.splitlines()[1] == "Quorum: not set"
    bad = run("committee", "Skills Board", "--numbering", "roman")
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    empty = run("committee", "  ", "--quorum", "3")
    assert empty.exit_code == 1 and empty.output.startswith("Error: Committee rules belong to a series")


def test_approve_refuses_minutes_with_an_item_for_decision_unresolved(store):
    meeting = store.create_meeting(series="Cabinet", title="June", date="2025-06-01")
    budget = store.add_agenda_item(
        meeting.id, AgendaItem("4", "Budget [bold]2026/27\x1b[2J", purpose="decision")
    )
    store.add_agenda_item(
        meeting.id, AgendaItem("5", "Report", purpose="information", recommendations=["Note"])
    )
    grants = store.add_agenda_item(
        meeting.id, AgendaItem("7", "Grants", recommendations=["That grants be made"])
    )
    result = run("approve", meeting.id)
    assert result.exit_code == 1
    assert result.output == (
        "Error: Not approved: 2 items for decision have no resolution: 4 Budget [bold]2026/27\u241b[2J, "
        "7 Grants. Record the resolutions, or use --undecided-ok to approve anyway.\n"
    )
    assert store.get_header(meeting.id).status == "draft" and store.meeting_history(meeting.id) == []
    store.add_resolution(budget.id, Resolution("approved", "That the budget be set"))
    store.add_resolution(grants.id, Resolution("deferred", "To July"))
    result = run("approve", meeting.id)
    assert result.exit_code == 0 and result.output.startswith("Approved: June.")
    assert store.get_header(meeting.id).status == "approved"


def test_approve_undecided_ok_approves_anyway(store):
    meeting = store.create_meeting(series="Cabinet", title="June", date="2025-06-01")
    store.add_agenda_item(meeting.id, AgendaItem("4", "Budget", purpose="decision"))
    result = run("approve", meeting.id, "--undecided-ok")
    assert result.exit_code == 0 and result.output.startswith("Approved: June.")
    assert store.get_header(meeting.id).status == "approved"
    again = run("approve", meeting.id)  # already approved: that is what it says, not the items
    assert again.exit_code == 1 and "approved and cannot be changed" in again.output
