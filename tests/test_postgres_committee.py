"""Committee business on a PostgreSQL archive: copied between backends identically, written
by note-takers and refused to readers by the server's grants, versions held across clients."""

from __future__ import annotations

import itertools

import pytest
from support.cli import run
from support.committee import board_meeting

from minutes_tui.agenda import AgendaItem, CommitteeRules, Resolution
from minutes_tui.interchange import meeting_to_dict
from minutes_tui.model import Attendee
from minutes_tui.store import Store, StoreError

_people = itertools.count(1)


def _person(pg_cluster, url: str, role: str) -> str:
    name = f"clerk{next(_people)}"
    pg_cluster.admin(f"CREATE ROLE {name} LOGIN IN ROLE {role}")
    return url.replace("postgresql://postgres@", f"postgresql://{name}@")


def _exports(store: Store) -> dict[int, dict]:
    return {m.id: meeting_to_dict(store.get_meeting(m.id)) for m in store.list_meetings()}


def test_copy_of_committee_meetings_to_postgresql_and_back_is_identical(tmp_path, pg_url):
    source = tmp_path / "source.db"
    store = Store.open(source)
    draft = store.add_meeting(board_meeting())
    store.add_meeting(board_meeting(status="approved"))
    store.update_attendee(draft.attendees[0].id, email="nolan@example.org")
    store.set_committee_rules("Cabinet", CommitteeRules(numbering="running", quorum=3, first_minute=5))
    want = _exports(store)
    decisions = store.decisions()
    store.close()
    result = run("copy", source, pg_url)
    assert result.exit_code == 0, result.output
    server = Store.open(pg_url)
    try:
        assert _exports(server) == want
        assert server.decisions() == decisions
        assert server.committee_rules("Cabinet").first_minute == 5
        assert server.known_emails() == {("councillor nolan", ""): "nolan@example.org"}
        assert {h.kind for h in server.search("Crawley")} >= {"agenda_items"}
        item = server.add_agenda_item(draft.id, AgendaItem("10", "Any other business"))
        assert item.minute == "25/41"  # running numbers go on after the copied ones
    finally:
        server.close()
    back = tmp_path / "back.db"
    assert run("copy", pg_url, back).exit_code == 0
    copy = Store.open(back)
    try:
        got = _exports(copy)
        assert got[draft.id]["items"][-1]["title"] == "Any other business"
        assert {i: e for i, e in got.items() if i != draft.id} == {
            i: e for i, e in want.items() if i != draft.id
        }
    finally:
        copy.close()


def test_note_takers_write_items_of_drafts_and_readers_may_not(pg_cluster, pg_url):
    assert run("server", "init", pg_url).exit_code == 0
    taker = Store.open(_person(pg_cluster, pg_url, "minutes_note_takers"))
    officer = Store.open(_person(pg_cluster, pg_url, "minutes_officers"))
    reader = Store.open(_person(pg_cluster, pg_url, "minutes_readers"))
    try:
        meeting = taker.create_meeting(title="Board", series="Board", date="2025-07-14")
        taker.set_committee_rules("Board", CommitteeRules(quorum=2))
        taker.add_attendee(meeting.id, Attendee("Cllr Nolan", voting=True, email="n@example.org"))
        item = taker.add_agenda_item(meeting.id, AgendaItem("1", "Budget", recommendations=["Agree"]))
        taker.add_item_point(item.id, "Members asked about reserves")
        resolution = taker.approve_as_recommended(item.id)
        taker.update_resolution(resolution.id, votes_for=5, votes_against=0)
        taker.update_meeting(meeting.id, closed="11:45")
        officer.approve_meeting(meeting.id)
        assert [d.text for d in reader.decisions("Board")] == ["Agree"]
        assert reader.get_meeting(meeting.id).closed == "11:45"
        with pytest.raises(StoreError, match="reader"):
            reader.add_agenda_item(meeting.id, AgendaItem("2", "Not allowed"))
        reader.gateway.read_only = False  # past the client's own check: the server refuses too
        with pytest.raises(StoreError, match="may not do this"):
            reader.set_committee_rules("Board", CommitteeRules(quorum=9))
        assert taker.committee_rules("Board").quorum == 2
    finally:
        for store in (taker, officer, reader):
            store.close()


def test_agenda_item_and_resolution_versions_hold_across_clients(pg_url):
    one, two = Store.open(pg_url), Store.open(pg_url)
    try:
        meeting = one.create_meeting(title="Board")
        item = one.add_agenda_item(meeting.id, AgendaItem("1", "Budget"))
        resolution = one.add_resolution(item.id, Resolution("approved", "Agreed"))
        two.update_agenda_item(item.id, title="Budget 2026", expected_version=item.version)
        two.update_resolution(resolution.id, text="Agreed as amended", expected_version=resolution.version)
        with pytest.raises(StoreError, match="changed elsewhere"):
            one.update_agenda_item(item.id, title="Mine", expected_version=item.version)
        with pytest.raises(StoreError, match="changed elsewhere"):
            one.update_resolution(resolution.id, text="Mine", expected_version=resolution.version)
        one.add_agenda_item(meeting.id, AgendaItem("0", "Apologies"), 0)  # renumbering is no change
        again = one.get_agenda_item(item.id)
        assert (again.title, again.minute, again.version) == ("Budget 2026", "2", item.version + 1)
    finally:
        one.close()
        two.close()


def test_every_sqlite_migration_has_its_postgresql_twin():
    from minutes_tui.store.pg_schema import PG_MIGRATIONS
    from minutes_tui.store.schema import migrations

    assert [name for name, _ in PG_MIGRATIONS] == [m.name for m in migrations._migrations]
