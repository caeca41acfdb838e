"""The store on an in-memory database and on PostgreSQL: every operation, order, and the search index."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.model import Action, Attendee, Meeting, ModelError
from minutes_tui.store import NotFound, Store, StoreError
from minutes_tui.store.schema import migrations

pytestmark = pytest.mark.both_backends


def texts(items):
    return [getattr(i, "text", None) or getattr(i, "speaker", None) or i.label for i in items]


def index_rows(store: Store) -> list[tuple[str, str]]:
    return [
        (r["kind"], r["text"])
        for r in store.gateway.read("SELECT kind, text FROM search_index ORDER BY rowid")
    ]


@pytest.mark.sqlite_only
def test_migrations_from_empty_create_every_table(store):
    tables = set(store.db.table_names())
    assert {"meetings", "attendees", "bullets", "turns", "points", "actions", "search_index"} <= tables
    assert [m.name for m in migrations.applied(store.db)] == [m.name for m in migrations._migrations]
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_create_and_update_meeting_header(store):
    m = store.create_meeting(series="Economic Theme Partners", title="Workshop", date=dt.date(2025, 3, 14))
    assert m.id and m.status == "draft" and m.created and m.updated
    saved = store.update_meeting(
        m.id, place="Runcorn", chair="Priya", next_meeting="2025-06-12", time="10:00"
    )
    assert saved.place == "Runcorn" and saved.chair == "Priya" and saved.time == "10:00"
    assert saved.next_meeting == dt.date(2025, 6, 12)
    assert store.get_meeting(m.id).date == dt.date(2025, 3, 14)
    with pytest.raises(StoreError):
        store.update_meeting(m.id, colour="red")
    with pytest.raises(ModelError):
        store.update_meeting(m.id, status="finished")


def test_list_meetings_newest_first_and_delete(store):
    a = store.create_meeting(title="A", date="2025-01-01")
    b = store.create_meeting(title="B", date="2025-06-01")
    c = store.create_meeting(title="C")
    assert [m.title for m in store.list_meetings()] == ["B", "A", "C"]
    assert [m.title for m in store.list_meetings(limit=1, offset=1)] == ["A"]
    store.add_attendee(b.id, Attendee("x", "y"))
    store.delete_meeting(b.id)
    assert [m.id for m in store.list_meetings()] == [a.id, c.id]
    store.purge_meeting(b.id)  # deleted for good: everything in it goes
    assert store.gateway.execute("SELECT count(*) FROM attendees").fetchone()[0] == 0
    with pytest.raises(NotFound):
        store.get_meeting(b.id)


def test_attendees_add_edit_delete_reorder(store):
    m = store.create_meeting(title="T")
    priya = store.add_attendee(m.id, Attendee("Priya", "Cogent SSC"))
    tom = store.add_attendee(m.id, Attendee("Tom", "LSC"))
    org = store.add_attendee(m.id, Attendee("", "JCP", attendance="apologies"))
    first = store.add_attendee(m.id, Attendee("Aisha", ""), index=0)
    middle = store.add_attendee(m.id, Attendee("Gareth", "Business Link"), index=2)
    assert [a.label for a in store.get_meeting(m.id).attendees] == [
        "Aisha",
        "Priya (Cogent SSC)",
        "Gareth (Business Link)",
        "Tom (LSC)",
        "JCP",
    ]
    store.update_attendee(tom.id, attendance="in_attendance", role="Observer")
    assert store.get_attendee(tom.id).attendance == "in_attendance"
    with pytest.raises(ModelError):
        store.update_attendee(tom.id, attendance="asleep")
    store.move_attendee(first.id, 4)
    store.move_attendee(org.id, 0)
    store.delete_attendee(middle.id)
    meeting = store.get_meeting(m.id)
    assert [a.id for a in meeting.attendees] == [org.id, priya.id, tom.id, first.id]
    assert [a.label for a in meeting.attending("apologies")] == ["JCP"]


def test_positions_survive_many_inserts_in_the_middle(store):
    m = store.create_meeting()
    turn = store.add_turn(m.id, "JCP", points=["first", "last"])
    for n in range(80):  # halving the gap 80 times exhausts a float: the list is renumbered
        store.add_point(turn.id, f"p{n}", index=1)
    points = store.get_turn(turn.id).points
    assert points[0].text == "first" and points[-1].text == "last"
    assert [p.text for p in points[1:-1]] == [f"p{n}" for n in reversed(range(80))]


def test_bullets_per_section(store):
    m = store.create_meeting()
    a = store.add_bullet(m.id, "agreed", "Providers share one contact list")
    b = store.add_bullet(m.id, "agreed", "Meet quarterly")
    store.add_bullet(m.id, "overview", "Level 3 trial has 24 apprentices")
    store.update_bullet(a.id, "Providers share one employer contact list")
    store.move_bullet(b.id, 0)
    sections = store.get_meeting(m.id).sections
    assert texts(sections["agreed"]) == ["Meet quarterly", "Providers share one employer contact list"]
    assert texts(sections["overview"]) == ["Level 3 trial has 24 apprentices"]
    store.delete_bullet(b.id)
    assert len(store.get_meeting(m.id).sections["agreed"]) == 1
    with pytest.raises(ModelError):
        store.add_bullet(m.id, "gossip", "x")


def test_round_robin_turns_and_points(store):
    m = store.create_meeting()
    cogent = store.add_turn(m.id, "Cogent SSC", points=["Stage 4 complete"])
    jcp = store.add_turn(m.id, "JCP")
    lsc = store.add_turn(m.id, "LSC", index=1)
    store.add_point(jcp.id, "Need a single contact")
    growth = store.add_point(jcp.id, "Growth areas")
    store.update_point(growth.id, "Growth areas: process operators")
    store.update_turn(lsc.id, "LSC (Cheshire)")
    store.move_turn(cogent.id, 2)
    meeting = store.get_meeting(m.id)
    assert [t.speaker for t in meeting.round_robin] == ["LSC (Cheshire)", "JCP", "Cogent SSC"]
    assert texts(meeting.round_robin[1].points) == [
        "Need a single contact",
        "Growth areas: process operators",
    ]
    store.move_point(growth.id, 0)
    assert texts(store.get_turn(jcp.id).points)[0] == "Growth areas: process operators"
    store.delete_point(growth.id)
    store.delete_turn(jcp.id)
    assert store.gateway.execute("SELECT count(*) FROM points").fetchone()[0] == 1


def test_actions(store):
    m = store.create_meeting()
    a = store.add_action(m.id, Action("Draft the employer offer", "Priya", dt.date(2025, 4, 30)))
    b = store.add_action(m.id, Action("Share contacts", "JCP"))
    store.update_action(a.id, status="done", due="2025-05-01")
    with pytest.raises(ModelError):
        store.update_action(a.id, status="maybe")
    with pytest.raises(ValueError):
        store.update_action(a.id, due="31/02/2025")
    store.move_action(b.id, 0)
    actions = store.get_meeting(m.id).actions
    assert [x.id for x in actions] == [b.id, a.id]
    assert (
        actions[1].status == "done"
        and actions[1].due == dt.date(2025, 5, 1)
        and actions[1].meeting_id == m.id
    )
    store.delete_action(b.id)
    assert [x.id for x in store.get_meeting(m.id).actions] == [a.id]


def test_every_edit_stamps_the_meeting_updated(store):
    m = store.create_meeting()
    with store.gateway.write():
        store.gateway.execute("UPDATE meetings SET updated = '2000-01-01T00:00:00+00:00'")
    store.add_bullet(m.id, "comments", "x")
    assert store.get_header(m.id).updated.year > 2000


def test_missing_items_raise_not_found(store):
    for call in (
        lambda: store.update_point(999, "x"),
        lambda: store.delete_turn(999),
        lambda: store.move_action(999, 0),
        lambda: store.add_point(999, "x"),
        lambda: store.update_meeting(999, title="x"),
    ):
        with pytest.raises(NotFound):
            call()


def test_search_index_follows_every_change(store):
    m = store.create_meeting(series="Skills", title="Workshop")
    turn = store.add_turn(m.id, "JCP", points=["apprentices"])
    bullet = store.add_bullet(m.id, "agreed", "contact list")
    store.add_action(m.id, Action("Draft offer", "Priya"))
    store.add_attendee(m.id, Attendee("Tom", "LSC"))
    store.update_bullet(bullet.id, "single contact list")
    assert ("bullets", "single contact list") in index_rows(store)
    assert ("bullets", "contact list") not in index_rows(store)
    assert [h.kind for h in store.search("apprentices")] == ["points"]
    store.delete_turn(turn.id)
    assert ("points", "apprentices") not in index_rows(store)
    store.delete_meeting(m.id)
    store.purge_meeting(m.id)
    assert index_rows(store) == []


def test_add_meeting_saves_everything_in_one_go(store):
    from minutes_tui.model import Bullet, Point, Turn

    meeting = Meeting(
        series="S",
        title="T",
        date=dt.date(2025, 3, 14),
        status="approved",
        attendees=[Attendee("A", "Org"), Attendee("", "JCP", attendance="apologies")],
        round_robin=[Turn("JCP", [Point("one"), Point("two")]), Turn("LSC", [])],
        actions=[Action("Do", "A", dt.date(2025, 4, 1), "on_hold")],
    )
    meeting.sections["comments"] = [Bullet("c1"), Bullet("c2")]
    saved = store.add_meeting(meeting)
    assert saved.id and saved.status == "approved"
    assert [t.speaker for t in saved.round_robin] == ["JCP", "LSC"]
    assert texts(saved.round_robin[0].points) == ["one", "two"]
    assert texts(saved.sections["comments"]) == ["c1", "c2"]
    assert saved.actions[0].status == "on_hold"


def test_lone_surrogates_are_stored_as_replacement_characters(store):
    m = store.create_meeting(title="bad \ud800 text")
    assert store.get_header(m.id).title == "bad \ufffd text"


def test_file_database_is_private_wal_and_reopens(tmp_path):
    path = tmp_path / "sub" / "m.db"
    store = Store.open(path)
    m = store.create_meeting(title="Kept")
    store.close()
    assert (path.stat().st_mode & 0o777) == 0o600
    again = Store.open(path)
    assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert again.get_header(m.id).title == "Kept"
    again.close()


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"this is not a database at all" * 100, "damaged or is not a minutes database"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, content, expected):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=expected):
        Store.open(path)
    assert path.read_bytes() == content


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


def test_newer_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "new.db"
    Store.open(path).close()
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('minutes', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(path)
    assert path.read_bytes() == before
