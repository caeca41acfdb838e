"""Recovered text outside bulleted sections: an edit of a saved item resumes in place (Pilot).

The round robin's points, actions and attendees come back by the bullets' rules: an
edit of a saved item whose text is still what it was typed over replaces it (one
row, not two); one changed since comes back beside it, and one deleted since comes
back as a new item, each with a notice. The saves fail for real, as in
``test_tui_recovery.py`` (whose :class:`Archive` this borrows).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from support.tui import Notices, open_meeting, type_text, wait_until
from test_tui_recovery import Archive

from minutes_tui.model import Action, Attendee, Meeting
from minutes_tui.session.recovery import read, recovery_path
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
    #: Saves the item in the meeting; its id.
    add: Callable[[Store, int], int]
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
    #: What comes back once the item was deleted (None: the same; a new action's owner is not known).
    alone: str | None = None


def _points(m: Meeting) -> list[str]:
    return [f"{t.speaker}: {p.text}" for t in m.round_robin for p in t.points]


CASES = {
    "round-robin point": Case(
        "round_robin",
        lambda s, mid: s.add_turn(mid, "Cogent SSC", points=["original"]).points[0].id or 0,
        lambda s, pid: s.update_point(pid, "theirs") and None,
        lambda s, pid: s.delete_point(pid),
        _points,
        ("up", "enter", "end"),
        " plus mine",
        "Cogent SSC: original plus mine",
    ),
    "action text": Case(
        "actions",
        lambda s, mid: s.add_action(mid, Action(text="original", owner="Priya")).id or 0,
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
        lambda s, mid: s.add_attendee(mid, Attendee("Priya", "Cogent SSC")).id or 0,
        lambda s, aid: s.update_attendee(aid, name="Priyanka") and None,
        lambda s, aid: s.delete_attendee(aid),
        lambda m: [a.label for a in m.attendees],
        ("up", "enter", "home"),
        "Dr ",
        "Dr Priya (Cogent SSC)",
    ),
}


def rows(archive: Archive, case: Case, meeting_id: int) -> list[str]:
    check = archive.open()
    try:
        return case.rows(check.get_meeting(meeting_id))
    finally:
        check.close()


async def edit_while_saves_fail(archive: Archive, case: Case, meeting_id: int) -> None:
    """Open the saved item for editing, type while saves fail, and quit the app then."""
    store = archive.open()
    app = make_app(store)
    try:
        async with app.run_test(size=(110, 30)) as pilot:
            screen = await open_meeting(app, pilot, meeting_id, case.section)
            await pilot.press(*case.keys)
            with archive.cut():
                await type_text(pilot, case.typed)
                state = screen.query_one("#save-state")
                await wait_until(pilot, lambda: state.state in ("failed", "unreachable"))
                await pilot.press("ctrl+q")
                await pilot.pause()
    finally:
        store.close()


async def reopen(archive: Archive, case: Case, meeting_id: int, notices: Notices) -> None:
    """Open the meeting again and wait until the recovered text is saved."""
    store = archive.open()
    app = make_app(store)
    try:
        async with app.run_test(size=(110, 30), message_hook=notices) as pilot:
            await open_meeting(app, pilot, meeting_id, "details")
            await wait_until(pilot, lambda: not recovery_path(meeting_id, archive.url).exists())
    finally:
        store.close()


@pytest.mark.parametrize("name", list(CASES))
async def test_an_edit_of_a_saved_item_resumes_in_place(archive, name):
    case = CASES[name]
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    item = case.add(store, meeting.id)
    before = case.rows(store.get_meeting(meeting.id))
    store.close()
    await edit_while_saves_fail(archive, case, meeting.id)
    assert [k.item for k in read(meeting.id, archive.url)] == [item]
    assert rows(archive, case, meeting.id) == before

    notices = Notices()
    await reopen(archive, case, meeting.id, notices)
    assert notices.said("could not be saved then is back in its field")
    assert rows(archive, case, meeting.id) == [case.edited]  # one row: the saved item, edited


@pytest.mark.parametrize("name", list(CASES))
async def test_an_item_changed_since_keeps_theirs_and_the_edit_comes_back_beside_it(archive, name):
    case = CASES[name]
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    item = case.add(store, meeting.id)
    store.close()
    await edit_while_saves_fail(archive, case, meeting.id)
    other = archive.open()
    case.change(other, item)
    theirs = case.rows(other.get_meeting(meeting.id))
    other.close()

    notices = Notices()
    await reopen(archive, case, meeting.id, notices)
    assert notices.said("was changed or deleted since: the text you typed is back as a new")
    assert rows(archive, case, meeting.id) == [*theirs, case.edited]


@pytest.mark.sqlite_only  # the screen's logic, the same on both (CI time)
@pytest.mark.parametrize("name", list(CASES))
async def test_an_item_deleted_since_comes_back_as_a_new_one(archive, name):
    case = CASES[name]
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    item = case.add(store, meeting.id)
    store.close()
    await edit_while_saves_fail(archive, case, meeting.id)
    other = archive.open()
    case.delete(other, item)
    other.close()

    notices = Notices()
    await reopen(archive, case, meeting.id, notices)
    assert notices.said("was changed or deleted since: the text you typed is back as a new")
    assert rows(archive, case, meeting.id) == [case.alone or case.edited]
