"""Handing a meeting on without loss: JSON format 2 through a second database, `next`, approval, delete."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from support.cli import run

from minutes_tui.export.markdown import render_markdown
from minutes_tui.model import Action, Attendee
from minutes_tui.store import Store, default_target

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]


def database(tmp_path: Path, name: str):
    """A new file for SQLite; the test's PostgreSQL database (``$MINUTES_DB``) for the server."""
    target = default_target()
    return target if isinstance(target, str) else tmp_path / name


def cli(*args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output.strip()


def build_series(path: Path) -> tuple[int, int]:
    """Two meetings of a board: the second carries the first's actions, with notes; approved twice."""
    store = Store.open(path)
    first = store.create_meeting(series="Board", title="December", date=dt.date(2024, 12, 9))
    store.add_attendee(first.id, Attendee("Priya", "Cogent", "Chair"))
    store.add_attendee(first.id, Attendee("Dave", "Council", "Clerk", "in_attendance"))
    store.add_attendee(first.id, Attendee("Helen", "NWDA", attendance="apologies"))
    mapped = store.add_action(first.id, Action("Map the providers", "JCP", dt.date(2025, 1, 31)))
    store.add_action(first.id, Action("Draft the offer", "Priya"))
    second = store.start_next_meeting("Board", title="March", date=dt.date(2025, 3, 14))
    store.add_bullet(second.id, "overview", "Level 3 trial has 24 apprentices")
    turn = store.add_turn(second.id, "JCP", points=["Need a single contact"])
    store.add_point(turn.id, "Growth areas: process operators")
    store.add_action(second.id, Action("Circulate the list", "Tom", dt.date(2025, 4, 30)))
    carried = store.get_meeting(second.id).matters_arising
    store.update_carried(carried[0].id, note="Circulated on 3 March", status="done")
    store.update_carried(carried[1].id, note="In hand; draft by April")
    attendees = store.get_meeting(second.id).attendees
    store.add_declaration(second.id, attendees[0].id, "Item 4", "Director of a member company")
    store.approve_meeting(second.id)
    store.reopen_meeting(second.id, "Wrong date for the trial")
    store.approve_meeting(second.id)
    assert mapped.id
    store.close()
    return first.id, second.id


def docx_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def test_json_round_trip_through_a_second_database_gives_identical_minutes(tmp_path):
    one, two = tmp_path / "one.db", database(tmp_path, "two.db")
    _, second = build_series(one)
    for fmt in ("md", "docx", "json"):
        cli("--db", one, "export", second, "--format", fmt, "-o", tmp_path / f"one.{fmt}")
    cli("--db", one, "export", second, "--format", "md", "--timestamps", "-o", tmp_path / "one-t.md")
    data = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert data["format"] == 2
    assert [(m["text"], m["note"], m["status"]) for m in data["matters_arising"]] == [
        ("Map the providers", "Circulated on 3 March", "done"),
        ("Draft the offer", "In hand; draft by April", "open"),
    ]
    assert [e["event"] for e in data["matters_arising"][0]["history"]] == ["raised", "closed"]
    assert [(e["event"], e["reason"]) for e in data["history"]] == [
        ("approved", ""),
        ("reopened", "Wrong date for the trial"),
        ("approved", ""),
    ]
    assert data["declarations"] and data["overview"][0]["created"]

    copy = cli("--db", two, "import", tmp_path / "one.json")
    for fmt in ("md", "docx", "json"):
        cli("--db", two, "export", copy, "--format", fmt, "-o", tmp_path / f"two.{fmt}")
    cli("--db", two, "export", copy, "--format", "md", "--timestamps", "-o", tmp_path / "two-t.md")
    assert (tmp_path / "two.md").read_bytes() == (tmp_path / "one.md").read_bytes()
    assert (tmp_path / "two-t.md").read_bytes() == (tmp_path / "one-t.md").read_bytes()
    assert docx_texts(tmp_path / "two.docx") == docx_texts(tmp_path / "one.docx")
    assert json.loads((tmp_path / "two.json").read_text(encoding="utf-8")) == data
    store = Store.open(two)
    try:  # the carried actions are in the action log, raised at a meeting standing for December
        rows = {r.action.text: r for r in store.list_actions(series="Board")}
        assert rows["Map the providers"].meeting_title == "December"
        assert rows["Map the providers"].action.status == "done"
        assert [e.event for e in store.meeting_history(int(copy))] == ["approved", "reopened", "approved"]
    finally:
        store.close()


def test_a_matter_arising_links_to_the_action_when_the_database_has_it(tmp_path):
    one, two = tmp_path / "one.db", database(tmp_path, "two.db")
    first, second = build_series(one)
    for meeting_id, name in ((first, "first"), (second, "second")):
        cli("--db", one, "export", meeting_id, "--format", "json", "-o", tmp_path / f"{name}.json")
    cli("--db", two, "import", tmp_path / "first.json")
    cli("--db", two, "import", tmp_path / "second.json")
    store = Store.open(two)
    try:
        assert store.count_meetings() == 2  # no stand-in meeting was needed
        assert len(store.list_actions(series="Board")) == 3
    finally:
        store.close()


def test_format_1_files_are_still_read(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps({"format": 1, "title": "Old", "overview": ["A point"], "actions": [{"text": "Do it"}]}),
        encoding="utf-8",
    )
    meeting_id = cli("import", path)
    assert "A point" in cli("export", meeting_id, "--format", "md", "-o", "-")


def test_next_keeps_those_in_attendance_and_resets_members(tmp_path):
    build_series(tmp_path / "one.db")
    new_id = cli("--db", tmp_path / "one.db", "next", "Board", "--date", "2025-06-12").splitlines()[0]
    store = Store.open(tmp_path / "one.db")
    try:
        kinds = {a.name: a.attendance for a in store.get_meeting(int(new_id)).attendees}
    finally:
        store.close()
    assert kinds == {"Priya": "present", "Dave": "in_attendance", "Helen": "present"}


def test_importing_approved_minutes_records_the_approval(tmp_path):
    path = tmp_path / "approved.json"
    path.write_text(json.dumps({"format": 2, "title": "Signed off", "status": "approved"}), encoding="utf-8")
    meeting_id = cli("import", path)
    assert "approved" in cli("history", meeting_id)
    store = Store.open(default_target())
    try:
        assert [e.event for e in store.meeting_history(int(meeting_id))] == ["approved"]
    finally:
        store.close()


def test_deleting_a_meeting_whose_actions_approved_minutes_carry_leaves_those_minutes_as_approved(tmp_path):
    first, second = build_series(tmp_path / "one.db")
    store = Store.open(tmp_path / "one.db")
    try:
        before = render_markdown(store.get_meeting(second))
        assert len(store.get_meeting(second).matters_arising) == 2
        store.delete_meeting(first)
        assert render_markdown(store.get_meeting(second)) == before
        store.purge_meeting(first)
        assert render_markdown(store.get_meeting(second)) == before
    finally:
        store.close()


def test_importing_the_same_meeting_twice_needs_force_and_names_the_match(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(
        json.dumps({"format": 2, "series": "Board", "title": "March", "date": "2025-03-14"}), encoding="utf-8"
    )
    first = cli("import", path)
    result = run("import", path, catch_exceptions=True)
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert f"meeting {first} (2025-03-14, Board, March)" in result.output and "--force" in result.output
    assert cli("list").count("March") == 1
    second = cli("import", path, "--force")
    assert second != first and cli("list").count("March") == 2


def test_history_is_shown_and_recorded_in_the_word_properties(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "jhunt")  # the login name approvals are recorded under
    one = tmp_path / "one.db"
    _, second = build_series(one)
    lines = cli("--db", one, "history", second).splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "approved by jhunt",
        "reopened by jhunt: Wrong date for the trial",
        "approved by jhunt",
    ]
    cli("--db", one, "export", second, "-o", tmp_path / "m.docx")
    comments = docx.Document(str(tmp_path / "m.docx")).core_properties.comments
    assert comments.startswith("Exported by minutes. Approved 20")
    assert "; reopened " in comments and " by jhunt (Wrong date for the trial); approved " in comments


async def test_a_delete_on_the_home_screen_leaves_approved_minutes_as_they_were(tmp_path):
    from support.tui import screen_text

    from minutes_tui.tui.app import make_app

    _, second = build_series(tmp_path / "one.db")
    store = Store.open(tmp_path / "one.db")
    app = make_app(store)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert text.index("March") < text.index("December")
            await pilot.press("down", "d")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert store.count_meetings() == 1
            assert store.deleted_meetings()[0].title == "December"
            assert len(store.get_meeting(second).matters_arising) == 2
    finally:
        store.close()


def test_who_approved_travels_with_the_json_and_an_older_database_upgrades(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "aplant")
    _, second = build_series(tmp_path / "one.db")
    exported = json.loads(
        run("--db", tmp_path / "one.db", "export", second, "--format", "json", "-o", "-").output
    )
    assert [e.get("by") for e in exported["history"]] == ["aplant", "aplant", "aplant"]
    monkeypatch.setenv("LOGNAME", "someone-else")
    (tmp_path / "two.db").touch()
    path = tmp_path / "m.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    copy = cli("--db", tmp_path / "two.db", "import", path)
    lines = cli("--db", tmp_path / "two.db", "history", copy).splitlines()
    assert [line.split("  ", 1)[1].split(":")[0] for line in lines] == [
        "approved by aplant",
        "reopened by aplant",
        "approved by aplant",
    ]
