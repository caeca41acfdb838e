"""Loading a meeting: every list in order, one pass each, not sorted after reading."""

from __future__ import annotations

import datetime as dt
import gc

from minutes_tui.model import Action, Attendee, Bullet, Meeting, Point, Turn
from minutes_tui.store import Store


def _meeting() -> Meeting:
    return Meeting(
        title="Board",
        attendees=[Attendee(f"Person {n}", "LSC") for n in range(3)],
        sections={"agreed": [Bullet(f"agreed {n}") for n in range(3)]},
        round_robin=[Turn(f"Speaker {t}", [Point(f"point {t}.{n}") for n in range(4)]) for t in range(3)],
        actions=[Action(f"action {n}", owner="Priya") for n in range(3)],
    )


def test_loading_reads_each_list_in_index_order_without_sorting(store: Store):
    meeting = store.add_meeting(_meeting())
    # Moves and inserts in the middle make position order differ from id order.
    store.move_turn(meeting.round_robin[2].id, 0)
    store.move_point(meeting.round_robin[0].points[3].id, 0)
    store.add_point(meeting.round_robin[1].id, "inserted", index=1)
    statements: list[str] = []
    conn = store.db.conn
    conn.set_trace_callback(statements.append)
    try:
        loaded = store.get_meeting(meeting.id)
    finally:
        conn.set_trace_callback(None)
    assert [t.speaker for t in loaded.round_robin] == ["Speaker 2", "Speaker 0", "Speaker 1"]
    assert [p.text for p in loaded.round_robin[1].points] == [
        "point 0.3",
        "point 0.0",
        "point 0.1",
        "point 0.2",
    ]
    assert [p.text for p in loaded.round_robin[2].points][:2] == ["point 1.0", "inserted"]
    # Matters arising (actions carried from earlier meetings: a few rows) are still sorted:
    # carried_actions has no (meeting_id, position) index yet.
    selects = [
        s for s in statements if s.lstrip().upper().startswith("SELECT") and "carried_actions" not in s
    ]
    assert selects
    for sql in selects:
        plan = " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "TEMP B-TREE" not in plan, (sql, plan)
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), (sql, plan)


def test_loading_leaves_the_garbage_collector_as_it_was(store: Store):
    meeting = store.add_meeting(_meeting())
    assert gc.isenabled()
    store.get_meeting(meeting.id)
    assert gc.isenabled()
    gc.disable()
    try:
        store.get_meeting(meeting.id)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_each_action_keeps_its_own_history_oldest_first(store: Store):
    first = store.create_meeting(series="Board", title="One", date="2024-01-01")
    a = store.add_action(first.id, Action("Write to the college", owner="Priya"))
    b = store.add_action(first.id, Action("Book the room", owner="Sam"))
    # Events of the two actions interleave in the events table.
    store.set_action_status(a.id, "on_hold", "started")
    store.set_action_status(b.id, "on_hold")
    store.set_action_status(a.id, "done", "sent")
    second = store.start_next_meeting("Board", title="Two", date="2024-02-01")

    loaded = store.get_meeting(first.id)
    histories = {action.text: [(e.status, e.note) for e in action.history] for action in loaded.actions}
    assert histories == {
        "Write to the college": [("open", ""), ("on_hold", "started"), ("done", "sent")],
        "Book the room": [("open", ""), ("on_hold", "")],
    }
    assert [e.meeting_date for e in loaded.actions[0].history][:1] == [dt.date(2024, 1, 1)]
    carried = store.get_meeting(second.id).matters_arising
    assert [c.action.text for c in carried] == ["Book the room"]
    assert [(e.status, e.note) for e in carried[0].action.history] == [("open", ""), ("on_hold", "")]


def test_loading_makes_each_item_as_the_row_converters_do(store: Store):
    """:mod:`minutes_tui.store.loading` reads tuples its own way for speed; the converters in
    :mod:`minutes_tui.store.rows` say what a row means. A column added to one and not the
    other shows here."""
    import dataclasses

    from support.samples import full_meeting

    from minutes_tui.store import rows

    given = full_meeting()  # every column of an attendee set, not left at its default
    given.attendees[0] = dataclasses.replace(
        given.attendees[0],
        arrived="10:15",
        left="11:30",
        on_behalf_of="LSC",
        email="p@example.org",
        voting=True,
    )
    meeting = store.get_meeting(store.add_meeting(given).id)
    db = store.gateway
    assert meeting.attendees and meeting.sections and meeting.round_robin and meeting.actions
    for attendee in meeting.attendees:
        assert attendee == rows.attendee_from_row(db.row("attendees", attendee.id))
    for bullets in meeting.sections.values():
        for bullet in bullets:
            assert bullet == rows.bullet_from_row(db.row("bullets", bullet.id))
    for turn in meeting.round_robin:
        assert dataclasses.replace(turn, points=[]) == rows.turn_from_row(db.row("turns", turn.id))
        for point in turn.points:
            assert point == rows.point_from_row(db.row("points", point.id))
    for action in meeting.actions:
        assert dataclasses.replace(action, history=[]) == rows.action_from_row(db.row("actions", action.id))
