"""The one ordered-list repository, through the Store, for every kind of list item.

Each kind (attendees, bullets, turns, points, actions, declarations) is added,
moved, updated and deleted the same way, refused the same way while its meeting
is approved, and has its database errors turned into plain messages the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlite_utils import Database

from minutes_tui.agenda import AgendaItem, Resolution
from minutes_tui.model import Action, Attendee, Bullet, Meeting, Point, Turn
from minutes_tui.store import Locked, NotFound, Store, StoreError
from minutes_tui.store.lists import LIST_KINDS
from minutes_tui.store.schema import migrations

pytestmark = pytest.mark.both_backends

OLD = "2000-01-01T00:00:00+00:00"


@dataclass(frozen=True)
class Kind:
    """How the Store adds, reads and edits one kind of list item, by its text."""

    name: str
    table: str
    add: Callable[[Store, Meeting, str, int | None], int]
    texts: Callable[[Store, Meeting], list[str]]
    update: Callable[[Store, int, str], object]
    text_of: Callable[[Store, int], str]

    def delete(self, store: Store, item_id: int) -> None:
        getattr(store, f"delete_{self.name}")(item_id)

    def move(self, store: Store, item_id: int, index: int) -> None:
        getattr(store, f"move_{self.name}")(item_id, index)


def _turn_of(store: Store, meeting: Meeting) -> int:
    """The meeting's one turn (made on first use), to hold points."""
    turns = store.get_meeting(meeting.id).round_robin
    return turns[0].id if turns else store.add_turn(meeting.id, "Holder").id


def _item_of(store: Store, meeting: Meeting) -> int:
    """The meeting's one agenda item (made on first use), to hold points and resolutions."""
    items = store.agenda_items(meeting.id)
    return items[0].id if items else store.add_agenda_item(meeting.id, AgendaItem("1", "Holder")).id


def _declarant(store: Store, meeting: Meeting) -> int:
    people = store.get_meeting(meeting.id).attendees
    return people[0].id if people else store.add_attendee(meeting.id, Attendee("Declarant")).id


KINDS = [
    Kind(
        "attendee",
        "attendees",
        lambda s, m, t, i: s.add_attendee(m.id, Attendee(t, "Org"), i).id,
        lambda s, m: [a.name for a in s.get_meeting(m.id).attendees],
        lambda s, item, t: s.update_attendee(item, name=t),
        lambda s, item: s.get_attendee(item).name,
    ),
    Kind(
        "bullet",
        "bullets",
        lambda s, m, t, i: s.add_bullet(m.id, "comments", t, i).id,
        lambda s, m: [b.text for b in s.get_meeting(m.id).sections.get("comments", [])],
        lambda s, item, t: s.update_bullet(item, t),
        lambda s, item: s.get_bullet(item).text,
    ),
    Kind(
        "turn",
        "turns",
        lambda s, m, t, i: s.add_turn(m.id, t, i).id,
        lambda s, m: [turn.speaker for turn in s.get_meeting(m.id).round_robin],
        lambda s, item, t: s.update_turn(item, t),
        lambda s, item: s.get_turn(item).speaker,
    ),
    Kind(
        "point",
        "points",
        lambda s, m, t, i: s.add_point(_turn_of(s, m), t, i).id,
        lambda s, m: [p.text for p in s.get_turn(_turn_of(s, m)).points],
        lambda s, item, t: s.update_point(item, t),
        lambda s, item: s.get_point(item).text,
    ),
    Kind(
        "action",
        "actions",
        lambda s, m, t, i: s.add_action(m.id, Action(t, "Owner"), i).id,
        lambda s, m: [a.text for a in s.get_meeting(m.id).actions],
        lambda s, item, t: s.update_action(item, text=t),
        lambda s, item: s.get_action(item).text,
    ),
    Kind(
        "declaration",
        "declarations",
        lambda s, m, t, i: s.add_declaration(m.id, _declarant(s, m), "Item 3", t, i).id,
        lambda s, m: [d.text for d in s.declarations(m.id)],
        lambda s, item, t: s.update_declaration(item, text=t),
        lambda s, item: s.get_declaration(item).text,
    ),
    Kind(
        "agenda_item",
        "agenda_items",
        lambda s, m, t, i: s.add_agenda_item(m.id, AgendaItem(title=t), i).id,
        lambda s, m: [item.title for item in s.agenda_items(m.id)],
        lambda s, item, t: s.update_agenda_item(item, title=t),
        lambda s, item: s.get_agenda_item(item).title,
    ),
    Kind(
        "item_point",
        "item_points",
        lambda s, m, t, i: s.add_item_point(_item_of(s, m), t, i).id,
        lambda s, m: [p.text for p in s.get_agenda_item(_item_of(s, m)).points],
        lambda s, item, t: s.update_item_point(item, t),
        lambda s, item: s.get_item_point(item).text,
    ),
    Kind(
        "resolution",
        "resolutions",
        lambda s, m, t, i: s.add_resolution(_item_of(s, m), Resolution("noted", t), i).id,
        lambda s, m: [r.text for r in s.get_agenda_item(_item_of(s, m)).resolutions],
        lambda s, item, t: s.update_resolution(item, text=t),
        lambda s, item: s.get_resolution(item).text,
    ),
]
BY_NAME = {kind.name: kind for kind in KINDS}


@pytest.fixture(params=[k.name for k in KINDS])
def kind(request) -> Kind:
    return BY_NAME[request.param]


@pytest.fixture
def meeting(store: Store) -> Meeting:
    return store.create_meeting(series="Lists", title="Every kind")


def _age(store: Store, meeting: Meeting) -> None:
    """Set the meeting's ``updated`` stamp far back, to see whether a change stamps it."""
    with store.gateway.write():
        store.gateway.execute("UPDATE meetings SET updated = ? WHERE id = ?", (OLD, meeting.id))


def _updated(store: Store, meeting: Meeting) -> str:
    return store.gateway.execute("SELECT updated FROM meetings WHERE id = ?", (meeting.id,)).fetchone()[0]


def _fail_on(store: Store, operation: str, table: str) -> None:
    """A trigger that fails every ``operation`` on ``table`` as a full disk does."""
    if store.on_server:
        store.gateway.execute(
            "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$"
        )
        store.gateway.execute(
            f"CREATE TRIGGER fail BEFORE {operation} ON {table} FOR EACH ROW EXECUTE FUNCTION fail()"
        )
        return
    store.db.execute(
        f"CREATE TRIGGER fail BEFORE {operation} ON {table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )


def _in_transaction(store: Store) -> bool:
    if store.on_server:
        return bool(store.gateway.conn.info.transaction_status)  # type: ignore[attr-defined]
    return store.db.conn.in_transaction


def test_every_list_kind_is_covered():
    assert {k.table for k in KINDS} == {k.table for k in LIST_KINDS}


def test_add_move_update_delete_keep_the_order_and_stamp_the_meeting(store, meeting, kind):
    ids = {text: kind.add(store, meeting, text, None) for text in ("a", "b", "c")}
    assert kind.texts(store, meeting) == ["a", "b", "c"]
    ids["d"] = kind.add(store, meeting, "d", 1)
    ids["e"] = kind.add(store, meeting, "e", 0)
    ids["f"] = kind.add(store, meeting, "f", 99)  # past the end: the end
    assert kind.texts(store, meeting) == ["e", "a", "d", "b", "c", "f"]
    kind.move(store, ids["c"], 0)
    kind.move(store, ids["e"], 99)
    kind.move(store, ids["a"], -3)  # before the start: the start
    assert kind.texts(store, meeting) == ["a", "c", "d", "b", "f", "e"]
    kind.move(store, ids["d"], 2)  # to where it is (counted without itself): nothing changes
    assert kind.texts(store, meeting) == ["a", "c", "d", "b", "f", "e"]
    kind.move(store, ids["d"], 1)
    assert kind.texts(store, meeting) == ["a", "d", "c", "b", "f", "e"]
    _age(store, meeting)
    kind.update(store, ids["b"], "B [bold]x[/]")
    assert kind.text_of(store, ids["b"]) == "B [bold]x[/]"
    assert _updated(store, meeting) != OLD
    _age(store, meeting)
    kind.delete(store, ids["d"])
    assert kind.texts(store, meeting) == ["a", "c", "B [bold]x[/]", "f", "e"]
    assert _updated(store, meeting) != OLD


def test_many_inserts_between_the_same_neighbours_keep_their_order(store, meeting, kind):
    """Midpoints run out after about 50 halvings; the list is renumbered, not reordered."""
    first = kind.add(store, meeting, "first", None)
    kind.add(store, meeting, "last", None)
    for n in range(80):
        kind.add(store, meeting, f"n{n}", 1)
    assert kind.texts(store, meeting) == ["first", *[f"n{n}" for n in reversed(range(80))], "last"]
    assert kind.text_of(store, first) == "first"


def test_an_approved_meeting_refuses_every_change_to_every_kind(store, meeting, kind):
    first = kind.add(store, meeting, "first", None)
    second = kind.add(store, meeting, "second", None)
    store.approve_meeting(meeting.id)
    before, stamp = kind.texts(store, meeting), _updated(store, meeting)
    changes = [
        lambda: kind.add(store, meeting, "late", None),
        lambda: kind.add(store, meeting, "late", 0),
        lambda: kind.update(store, first, "changed"),
        lambda: kind.move(store, second, 0),
        lambda: kind.delete(store, first),
    ]
    for change in changes:
        with pytest.raises(Locked, match="approved"):
            change()
    assert kind.texts(store, meeting) == before
    assert _updated(store, meeting) == stamp
    store.reopen_meeting(meeting.id, "a typo")
    kind.move(store, second, 0)
    assert kind.texts(store, meeting) == ["second", "first"]


def test_an_item_that_is_not_there_is_not_found(store, meeting, kind):
    item = kind.add(store, meeting, "gone", None)
    kind.delete(store, item)
    for attempt in (
        lambda: kind.text_of(store, item),
        lambda: kind.update(store, item, "x"),
        lambda: kind.move(store, item, 0),
        lambda: kind.delete(store, item),
    ):
        with pytest.raises(NotFound):
            attempt()


@pytest.mark.parametrize("operation", ["INSERT", "UPDATE", "DELETE"])
def test_a_database_error_becomes_a_plain_message_and_changes_nothing(store, meeting, kind, operation):
    item = kind.add(store, meeting, "kept", None)
    kind.add(store, meeting, "other", None)
    before = kind.texts(store, meeting)
    _age(store, meeting)
    _fail_on(store, operation, kind.table)
    attempt = {
        "INSERT": lambda: kind.add(store, meeting, "new", 0),
        "UPDATE": lambda: kind.update(store, item, "changed"),
        "DELETE": lambda: kind.delete(store, item),
    }[operation]
    with pytest.raises(StoreError, match="^The disk holding the database is full") as caught:
        attempt()
    assert not isinstance(caught.value, Locked | NotFound)
    assert kind.texts(store, meeting) == before
    assert _updated(store, meeting) == OLD
    assert not _in_transaction(store)


def test_an_unknown_field_is_refused(store, meeting):
    attendee = store.add_attendee(meeting.id, Attendee("Priya"))
    with pytest.raises(StoreError, match="Unknown attendees field"):
        store.update_attendee(attendee.id, colour="red")
    with pytest.raises(StoreError, match="Unknown declarations field"):
        declaration = store.add_declaration(meeting.id, attendee.id, "Item 3", "Director")
        store.update_declaration(declaration.id, colour="red")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("list_kind", LIST_KINDS, ids=lambda k: k.table)
def test_adding_at_the_end_reads_one_index_entry(store, list_kind):
    """The end of a list is found through an index over all its scope columns (issue 14:
    without one, saving a meeting read every earlier row of it per item)."""
    where = " AND ".join(f"{c}=?" for c in list_kind.scope)
    plan = store.db.execute(
        f"EXPLAIN QUERY PLAN SELECT max(position) FROM {list_kind.table} WHERE {where}",
        (1,) * len(list_kind.scope),
    ).fetchall()
    detail = " ".join(row[-1] for row in plan)
    assert "COVERING INDEX" in detail
    assert f"({where})" in detail


def test_a_whole_meeting_keeps_every_list_in_order(store):
    meeting = Meeting(series="Lists", title="Whole")
    meeting.attendees = [Attendee(f"P{n}") for n in range(30)]
    meeting.sections = {
        "comments": [Bullet(f"c{n}") for n in range(30)],
        "agreed": [Bullet(f"a{n}") for n in range(30)],
    }
    meeting.round_robin = [Turn(f"T{t}", [Point(f"{t}.{n}") for n in range(5)]) for t in range(5)]
    meeting.actions = [Action(f"act{n}") for n in range(30)]
    saved = store.add_meeting(meeting)
    assert [a.name for a in saved.attendees] == [f"P{n}" for n in range(30)]
    assert [b.text for b in saved.sections["comments"]] == [f"c{n}" for n in range(30)]
    assert [b.text for b in saved.sections["agreed"]] == [f"a{n}" for n in range(30)]
    assert [[p.text for p in t.points] for t in saved.round_robin] == [
        [f"{t}.{n}" for n in range(5)] for t in range(5)
    ]
    assert [a.text for a in saved.actions] == [f"act{n}" for n in range(30)]
    after = store.add_bullet(saved.id, "agreed", "after")
    assert store.get_meeting(saved.id).sections["agreed"][-1] == after


def test_upgrading_from_m006_indexes_bullets_by_section(tmp_path):
    path = tmp_path / "minutes.db"
    db = Database(path)
    migrations.apply(db, stop_before="m007_bullets_by_section")
    db.execute("INSERT INTO meetings (id, title, created, updated) VALUES (1, 'Old', ?, ?)", (OLD, OLD))
    for n, (section, text) in enumerate([("agreed", "a1"), ("comments", "c1"), ("agreed", "a2")], 1):
        db.execute(
            "INSERT INTO bullets (meeting_id, section, text, position) VALUES (1, ?, ?, ?)",
            (section, text, float(n)),
        )
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "bullets_by_section" in indexes and "bullets_by_meeting" not in indexes
        assert "m007_bullets_by_section" in {m.name for m in migrations.applied(store.db)}
        store.add_bullet(1, "agreed", "a3")
        store.add_bullet(1, "agreed", "a0", 0)
        sections = store.get_meeting(1).sections
        assert [b.text for b in sections["agreed"]] == ["a0", "a1", "a2", "a3"]
        assert [b.text for b in sections["comments"]] == ["c1"]
        assert store.check() == []
    finally:
        store.close()
