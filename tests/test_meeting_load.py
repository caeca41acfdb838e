"""Loading a meeting: every list in order, one pass each, not sorted after reading."""

from __future__ import annotations

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
