"""Recovered text outside bulleted sections: an edit of a saved item resumes in place (Pilot).

The round robin's points, actions and attendees come back by the bullets' rules: an
edit of a saved item whose text is still what it was typed over replaces it (one
row, not two); one changed since comes back beside it, and one deleted since comes
back as a new item, each with a notice. The saves fail for real, as in
``test_tui_recovery.py`` (whose :class:`Archive` this borrows).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from support.tui import Notices, open_meeting, type_text, wait_until
from test_tui_recovery import Archive, reopen, type_then_close_while_saves_fail

from minutes_tui.agenda import AgendaItem
from minutes_tui.model import BOARD_LAYOUT, Action, Attendee, Meeting
from minutes_tui.session.recovery import read
from minutes_tui.store import Store
from minutes_tui.tui.app import make_app

pytestmark = pytest.mark.both_backends


@pytest.fixture
def archive(backend, request) -> Archive:
    cluster = request.getfixturevalue("pg_cluster") if backend == "postgresql" else None
    return Archive(os.environ["MINUTES_DB"], cluster)


@dataclass(frozen=True)
class Case:
    """A saved item of a section, how it is edited, and how its rows read back."""

    section: str
    #: Makes a meeting with the item saved in it: their ids.
    make: Callable[[Store], tuple[int, int]]
    #: Someone else changes the saved item.
    change: Callable[[Store, int], None]
    #: Someone else deletes it.
    delete: Callable[[Store, int], None]
    #: The section's rows as the database has them.
    rows: Callable[[Meeting], list[str]]
    #: Keys that open the item for editing from the section's first field, and the text typed then.
    keys: tuple[str, ...]
    typed: str
    #: What the edit makes of the item's text.
    edited: str
    #: What comes back once the item was deleted (None: the same; what it belonged to is not known).
    alone: str | None = None


def _points(m: Meeting) -> list[str]:
    return [f"{t.speaker}: {p.text}" for t in m.round_robin for p in t.points]


def _in_meeting(add: Callable[[Store, int], int]) -> Callable[[Store], tuple[int, int]]:
    """A meeting of the default layout, with what ``add`` saves in it."""

    def make(store: Store) -> tuple[int, int]:
        meeting_id = store.create_meeting(series="Board", title="March").id or 0
        return meeting_id, add(store, meeting_id)

    return make


def _board(store: Store) -> tuple[int, int]:
    """A board meeting: item 1 has the point "original"; item 2, minuted last (so current), another."""
    meeting_id = store.create_meeting(series="Board", title="March", layout=BOARD_LAYOUT).id or 0
    first, second = (store.add_agenda_item(meeting_id, AgendaItem(n, f"Item {n}")) for n in "12")
    point = store.add_item_point(first.id or 0, "original")
    store.add_item_point(second.id or 0, "other")
    return meeting_id, point.id or 0


def _item_points(m: Meeting) -> list[str]:
    return [f"{i.number}: {p.text}" for i in m.agenda for p in i.points]


CASES = {
    "round-robin point": Case(
        "round_robin",
        _in_meeting(lambda s, mid: s.add_turn(mid, "Cogent SSC", points=["original"]).points[0].id or 0),
        lambda s, pid: s.update_point(pid, "theirs") and None,
        lambda s, pid: s.delete_point(pid),
        _points,
        ("up", "enter", "end"),
        " plus mine",
        "Cogent SSC: original plus mine",
    ),
    "action text": Case(
        "actions",
        _in_meeting(lambda s, mid: s.add_action(mid, Action(text="original", owner="Priya")).id or 0),
        lambda s, aid: s.update_action(aid, text="theirs") and None,
        lambda s, aid: s.delete_action(aid),
        lambda m: [f"{a.text} ({a.owner})" for a in m.actions],
        ("up", "enter", "end"),
        " plus mine",
        "original plus mine (Priya)",
        "original plus mine ()",
    ),
    "attendee name": Case(
        "attendees",
        _in_meeting(lambda s, mid: s.add_attendee(mid, Attendee("Priya", "Cogent SSC")).id or 0),
        lambda s, aid: s.update_attendee(aid, name="Priyanka") and None,
        lambda s, aid: s.delete_attendee(aid),
        lambda m: [a.label for a in m.attendees],
        ("up", "enter", "home"),
        "Dr ",
        "Dr Priya (Cogent SSC)",
    ),
    "agenda item point": Case(
        "items",
        _board,
        lambda s, pid: s.update_item_point(pid, "theirs") and None,
        lambda s, pid: s.delete_item_point(pid),
        _item_points,
        ("up", "home", "down", "enter", "end"),
        " plus mine",
        "1: original plus mine",
        "2: original plus mine",  # its item not known: under the current one
    ),
}


def rows(archive: Archive, case: Case, meeting_id: int) -> list[str]:
    check = archive.open()
    try:
        return case.rows(check.get_meeting(meeting_id))
    finally:
        check.close()


#: The window of these tests.
SIZE = (110, 30)


async def edit_while_saves_fail(archive: Archive, case: Case, meeting_id: int) -> None:
    """Open the saved item for editing, type while saves fail, and quit the app then."""
    await type_then_close_while_saves_fail(
        archive, meeting_id, list(case.keys), case.typed, section=case.section, size=SIZE
    )


async def reopen_at_details(archive: Archive, meeting_id: int, notices: Notices) -> None:
    """Open the meeting again (at Details: the text finds its section) until it is saved."""
    await reopen(archive, meeting_id, notices, section="details", size=SIZE)


async def edited_then_elsewhere(
    archive: Archive, case: Case, act: Callable[[Store, int], None]
) -> tuple[int, list[str], Notices]:
    """The case's saved item edited while saves fail, then ``act`` on it elsewhere, then the
    meeting opened again: its id, the rows as the other store left them, what the app said."""
    store = archive.open()
    meeting_id, item = case.make(store)
    store.close()
    await edit_while_saves_fail(archive, case, meeting_id)
    other = archive.open()
    act(other, item)
    left = case.rows(other.get_meeting(meeting_id))
    other.close()
    notices = Notices()
    await reopen_at_details(archive, meeting_id, notices)
    return meeting_id, left, notices


@pytest.mark.parametrize("name", list(CASES))
async def test_an_edit_of_a_saved_item_resumes_in_place(archive, name):
    case = CASES[name]
    store = archive.open()
    meeting_id, item = case.make(store)
    before = case.rows(store.get_meeting(meeting_id))
    store.close()
    await edit_while_saves_fail(archive, case, meeting_id)
    assert [k.item for k in read(meeting_id, archive.url)] == [item]
    assert rows(archive, case, meeting_id) == before

    notices = Notices()
    await reopen_at_details(archive, meeting_id, notices)
    assert notices.said("could not be saved then is back in its field")
    assert rows(archive, case, meeting_id) == [case.edited, *before[1:]]  # the saved item, edited: no new row


@pytest.mark.parametrize("name", list(CASES))
async def test_an_item_changed_since_keeps_theirs_and_the_edit_comes_back_beside_it(archive, name):
    case = CASES[name]
    meeting_id, theirs, notices = await edited_then_elsewhere(archive, case, case.change)
    assert notices.said("was changed or deleted since: the text you typed is back as a new")
    assert rows(archive, case, meeting_id) == [theirs[0], case.edited, *theirs[1:]]  # right after theirs


@pytest.mark.sqlite_only  # the screen's logic, the same on both (CI time)
@pytest.mark.parametrize("name", list(CASES))
async def test_an_item_deleted_since_comes_back_as_a_new_one(archive, name):
    case = CASES[name]
    meeting_id, left, notices = await edited_then_elsewhere(archive, case, case.delete)
    assert notices.said("was changed or deleted since: the text you typed is back as a new")
    assert rows(archive, case, meeting_id) == [*left, case.alone or case.edited]


@pytest.mark.sqlite_only  # the screen's logic, the same on both (CI time)
async def test_an_actions_text_and_owner_edited_together_resume_together(archive):
    store = archive.open()
    meeting_id = store.create_meeting(series="Board", title="March").id or 0
    action = store.add_action(meeting_id, Action(text="original", owner="Priya", due=dt.date(2025, 4, 30)))
    store.close()
    app = make_app(archive.open())
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_meeting(app, pilot, meeting_id, "actions")
            await pilot.press("up", "enter", "end")
            with archive.cut():
                await type_text(pilot, " plus mine")
                await pilot.press("enter")  # on to Owner (the text not saved)
                await type_text(pilot, " Shah")
                await wait_until(pilot, lambda: len(read(meeting_id, archive.url)) == 2)
                await pilot.press("ctrl+q")
                await pilot.pause()
            assert screen.query_one("#save-state").state != "saved"
    finally:
        app.store.close()
    kept = {k.field: (k.item, k.base, k.text) for k in read(meeting_id, archive.url)}
    assert kept == {
        "e-action-text": (action.id, "original", "original plus mine"),
        "e-action-owner": (action.id, "Priya", "Priya Shah"),
    }
    case = CASES["action text"]
    await reopen_at_details(archive, meeting_id, Notices())
    assert rows(archive, case, meeting_id) == ["original plus mine (Priya Shah)"]


@pytest.mark.sqlite_only  # the screen's logic, the same on both (CI time)
async def test_a_progress_note_on_an_action_brought_forward_resumes_in_place(archive):
    store = archive.open()
    first = store.create_meeting(series="Board", title="March", date=dt.date(2025, 3, 14))
    store.add_action(first.id or 0, Action(text="Draft the offer", owner="Priya"))
    meeting = store.start_next_meeting("Board", title="June", date=dt.date(2025, 6, 12))
    carried = meeting.matters_arising[0]
    store.update_carried(carried.id or 0, note="original")
    store.close()
    app = make_app(archive.open())
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_meeting(app, pilot, meeting.id or 0, "matters_arising")
            await pilot.press("home", "enter", "end")
            with archive.cut():
                await type_text(pilot, " plus mine")
                state = screen.query_one("#save-state")
                await wait_until(pilot, lambda: state.state != "saved")
                await wait_until(pilot, lambda: read(meeting.id or 0, archive.url) != [])
                await pilot.press("ctrl+q")
                await pilot.pause()
    finally:
        app.store.close()
    assert [k.item for k in read(meeting.id or 0, archive.url)] == [carried.id]
    await reopen_at_details(archive, meeting.id or 0, Notices())
    check = archive.open()
    assert [c.note for c in check.carried_actions(meeting.id or 0)] == ["original plus mine"]
    check.close()
