"""`minutes publish DIR`: a snapshot plus Datasette metadata; a real Datasette serves the
folder on 127.0.0.1 and every canned query answers with the archive's rows."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from support.cli import run

from minutes_tui.agenda import AgendaItem, Resolution
from minutes_tui.model import Action, Attendee
from minutes_tui.store import Store

TODAY = dt.date.today()


@pytest.fixture
def archive():
    """Two meetings (one deleted), open, overdue and done actions, a point agreed."""
    store = Store.open(os.environ["MINUTES_DB"])
    try:
        m = store.create_meeting(series="Skills Board", title="July", date=TODAY - dt.timedelta(days=40))
        store.add_attendee(m.id, Attendee("Priya", "Cogent SSC"))
        store.add_bullet(m.id, "agreed", "Providers share one employer contact list")
        store.add_bullet(m.id, "overview", "Apprenticeship levy <b>transfer</b> explained")
        store.add_action(m.id, Action("Draft the employer offer", "Priya", TODAY + dt.timedelta(days=9)))
        store.add_action(m.id, Action("Book the venue", "Tom", TODAY - dt.timedelta(days=3)))
        store.add_action(m.id, Action("Closed one", "Tom", TODAY - dt.timedelta(days=3), "done"))
        gone = store.create_meeting(series="Secret", title="Deleted meeting", date=TODAY)
        store.add_action(gone.id, Action("Secret action", "Mallory", TODAY - dt.timedelta(days=1)))
        store.delete_meeting(gone.id)
    finally:
        store.close()


def test_publish_writes_a_snapshot_without_deleted_meetings_and_the_metadata(archive, tmp_path):
    result = run("publish", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        str(tmp_path / "site" / "minutes.db"),
        str(tmp_path / "site" / "metadata.json"),
    ]
    con = sqlite3.connect(tmp_path / "site" / "minutes.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [r[0] for r in con.execute("SELECT title FROM meetings")] == ["July"]
    assert con.execute("SELECT count(*) FROM actions WHERE owner = 'Mallory'").fetchone()[0] == 0
    assert (
        con.execute("SELECT count(*) FROM search_index WHERE search_index MATCH 'secret'").fetchone()[0] == 0
    )
    con.close()
    meta = json.loads((tmp_path / "site" / "metadata.json").read_text(encoding="utf-8"))
    db = meta["databases"]["minutes"]
    assert set(db["queries"]) == {
        "open_actions_by_owner",
        "overdue_actions",
        "search",
        "agreed",
        "decision_register",
    }
    assert db["tables"]["search_index_data"] == {"hidden": True}
    assert db["tables"]["actions"]["title"] == "Actions"
    assert "the minutes of 1 meeting," in meta["description"]
    again = run("publish", tmp_path / "site", catch_exceptions=True)
    assert again.exit_code == 1 and "already exists" in again.output and "--force" in again.output
    assert run("publish", tmp_path / "site", "--force").exit_code == 0
    assert not [p for p in (tmp_path / "site").iterdir() if p.name.startswith(".minutes-")]


def test_the_decision_register_lists_each_resolution_with_its_votes(archive, tmp_path):
    store = Store.open(os.environ["MINUTES_DB"])
    try:
        board = store.create_meeting(series="Skills Board", title="Board", date=TODAY - dt.timedelta(days=2))
        item = store.add_agenda_item(board.id, AgendaItem(number="8", title="Progress report"))
        store.add_resolution(item.id, Resolution("approved", "That the Board notes the proposals", 6, 0, 1))
    finally:
        store.close()
    assert run("publish", tmp_path / "site").exit_code == 0
    meta = json.loads((tmp_path / "site" / "metadata.json").read_text(encoding="utf-8"))
    query = meta["databases"]["minutes"]["queries"]["decision_register"]["sql"]
    con = sqlite3.connect(tmp_path / "site" / "minutes.db")
    try:
        rows = con.execute(query).fetchall()
    finally:
        con.close()
    assert [(r[3], r[4], r[5], r[6], r[7], r[8], r[9]) for r in rows] == [
        ("1", "Progress report", "approved", "That the Board notes the proposals", 6, 0, 1)
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> list[dict]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return json.loads(response.read())


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None, reason="needs datasette: pip install '.[test]'"
)
def test_a_real_datasette_answers_every_canned_query(archive, tmp_path):
    site = tmp_path / "site"
    assert run("publish", site, "--title", "Halton minutes").exit_code == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", str(site), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/minutes"
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                info = json.loads(
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/-/metadata.json", timeout=2).read()
                )
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        assert info["title"] == "Halton minutes"
        owners = get(f"{base}/open_actions_by_owner.json?_shape=array")
        assert [(r["owner"], r["action"]) for r in owners] == [
            ("Priya", "Draft the employer offer"),
            ("Tom", "Book the venue"),
        ]
        overdue = get(f"{base}/overdue_actions.json?_shape=array")
        assert [r["action"] for r in overdue] == ["Book the venue"]
        query = urllib.parse.urlencode({"q": 'levy "transfer'})  # a stray quote is searched, not an error
        assert get(f"{base}/search.json?_shape=array&{query}") == []
        query = urllib.parse.urlencode({"q": "levy"})
        hits = get(f"{base}/search.json?_shape=array&{query}")
        assert [h["meeting"] for h in hits] == ["July"] and "[levy]" in hits[0]["hit"].lower()
        assert get(f"{base}/search.json?_shape=array&q=secret") == []
        agreed = get(f"{base}/agreed.json?_shape=array")
        assert [r["agreed"] for r in agreed] == ["Providers share one employer contact list"]
        meta = get(f"http://127.0.0.1:{port}/-/metadata.json")
        for name in meta["databases"]["minutes"]["queries"]:  # every canned query answers
            rows = get(f"{base}/{name}.json?_shape=array&q=levy")
            assert isinstance(rows, list), name
        # Read-only: a write through SQL is refused.
        with pytest.raises(urllib.error.HTTPError):
            get(f"{base}.json?sql=" + urllib.parse.quote("delete from meetings"))
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_folder_that_is_a_file_is_one_error_line(archive, tmp_path):
    blocker = tmp_path / "site"
    blocker.write_text("keep me", encoding="utf-8")
    result = run("publish", blocker, catch_exceptions=True)
    assert result.exit_code == 2 and "is a file" in result.output
    assert blocker.read_text(encoding="utf-8") == "keep me"


def test_publishing_into_the_databases_own_folder_never_touches_the_database(tmp_path):
    folder = tmp_path / "data"
    store = Store.open(folder / "minutes.db")
    store.create_meeting(title="Live")
    store.close()
    before = (folder / "minutes.db").read_bytes()
    result = run("--db", folder / "minutes.db", "publish", folder, "--force", catch_exceptions=True)
    assert result.exit_code == 1 and "is the database minutes has open" in result.output
    assert (folder / "minutes.db").read_bytes() == before


def test_publishing_from_a_server_says_how_in_one_line_and_writes_nothing(pg_url, tmp_path):
    store = Store.open(pg_url)
    store.create_meeting(title="On the server")
    store.close()
    result = run("--db", pg_url, "publish", tmp_path / "site", catch_exceptions=True)
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("Error: minutes publish snapshots a database file")
    assert "minutes copy URL archive.db" in result.output
    assert not (tmp_path / "site").exists()


def test_exempt_items_are_withheld_from_the_snapshot(tmp_path):
    """An exempt item keeps its number, title and reason; its points, resolution, paper and
    the action raised under it are nowhere in the published file, not even in free pages."""
    from support.committee import REASON, SECRET, board_meeting

    store = Store.open(os.environ["MINUTES_DB"])
    try:
        store.add_meeting(board_meeting())
    finally:
        store.close()
    result = run("publish", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "Withheld 1 exempt item: only the number, title and reason are published." in result.output
    published = tmp_path / "site" / "minutes.db"
    raw = published.read_bytes()
    for secret in (SECRET, "That the offer be accepted", "SEB/25/09", "Instruct agents on the Crawley"):
        assert secret.encode() not in raw, secret
    con = sqlite3.connect(published)
    try:
        items = con.execute("SELECT minute, title, exempt FROM agenda_items ORDER BY position").fetchall()
        assert items[-1] == ("25/40", "Sale of the Crawley site", REASON)
        assert con.execute("SELECT count(*) FROM resolutions").fetchone()[0] == 3
        assert [r[0] for r in con.execute("SELECT text FROM actions")] == ["Circulate the alliance timetable"]
        assert (
            con.execute("SELECT count(*) FROM search_index WHERE search_index MATCH 'Crawley'").fetchone()[0]
            == 1
        )  # the exempt item's title, as published
    finally:
        con.close()
