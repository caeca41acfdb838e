"""Two people, one database: each test drives one app (or session) while a second Store on
the same database (a file, or PostgreSQL) acts as the other window, app or ``minutes approve``."""

from __future__ import annotations

import pytest
from support.tui import Notices, row_texts, type_text, wait_until

from minutes_tui.session import MeetingSession
from minutes_tui.session.sync import DELETED_ELSEWHERE, KEPT_BOTH
from minutes_tui.store import Store, default_target
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen

pytestmark = [pytest.mark.both_backends, pytest.mark.usefixtures("backend")]


@pytest.fixture
def two(tmp_path, backend):
    """Two stores on one database (a file, or a PostgreSQL database): (mine, theirs)."""
    shared = default_target() if backend == "postgresql" else tmp_path / "shared.db"
    mine = Store.open(shared)
    theirs = Store.open(shared)
    yield mine, theirs
    theirs.close()
    mine.close()


def texts(store: Store, meeting_id: int, section: str = "overview") -> list[str]:
    return [b.text for b in store.get_meeting(meeting_id).sections.get(section, [])]


def test_a_point_changed_elsewhere_keeps_both_versions(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    session = MeetingSession(mine, meeting.id)
    session.load()
    bullet = session.add_bullet("overview", "Budget agreed")
    theirs.update_bullet(bullet.id, "Budget agreed at £2m")
    saved = session.update_bullet("overview", bullet.id, "Budget agreed subject to audit")
    assert texts(mine, meeting.id) == ["Budget agreed at £2m", "Budget agreed subject to audit"]
    assert saved.id != bullet.id
    assert session.take_notices() == [KEPT_BOTH]
    assert [b.text for b in session.bullets("overview")] == texts(mine, meeting.id)
    # Later edits go to the user's own copy, without a conflict.
    session.update_bullet("overview", saved.id, "Budget agreed subject to the audit")
    assert texts(mine, meeting.id)[1] == "Budget agreed subject to the audit"
    assert session.take_notices() == []


def test_a_round_robin_point_changed_elsewhere_keeps_both(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    session = MeetingSession(mine, meeting.id)
    session.load()
    _, point = session.add_point("Sam", "Numbers up")
    session.add_point("Sam", "Next item")
    theirs.update_point(point.id, "Numbers up 5%")
    turn, saved = session.update_point(point.id, "Numbers up, see report")
    assert [p.text for p in turn.points] == ["Numbers up 5%", "Numbers up, see report", "Next item"]
    fresh = mine.get_meeting(meeting.id).round_robin[0]
    assert [p.text for p in fresh.points] == [p.text for p in turn.points]
    assert session.take_notices() == [KEPT_BOTH]


def test_refresh_takes_changes_from_elsewhere_but_not_into_a_section_being_edited(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    session = MeetingSession(mine, meeting.id)
    session.load()
    assert not session.changed_elsewhere()
    theirs.add_bullet(meeting.id, "overview", "From the other window")
    theirs.add_bullet(meeting.id, "purpose", "Also from there")
    assert session.changed_elsewhere()
    assert session.refresh(keep={"purpose"}) == {"overview"}
    assert [b.text for b in session.bullets("overview")] == ["From the other window"]
    assert session.bullets("purpose") == []
    assert session.held == {"purpose"}
    assert not session.changed_elsewhere()
    assert session.refresh(keep=set()) == {"purpose"}
    assert session.held == set()


def test_approval_and_reopening_elsewhere_are_noticed(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    session = MeetingSession(mine, meeting.id)
    session.load()
    theirs.approve_meeting(meeting.id)
    assert session.changed_elsewhere()
    assert session.refresh(keep=set()) == {"status"}
    assert session.read_only
    theirs.reopen_meeting(meeting.id, "A typo")
    assert session.changed_elsewhere()
    assert "status" in session.refresh(keep=set())
    assert not session.read_only


# -- the app ---------------------------------------------------------------------------


async def test_app_keeps_both_texts_of_a_point_saved_in_two_windows(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    app = make_app(mine)
    notices = Notices()
    async with app.run_test(size=(110, 30), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="overview"))
        await pilot.pause()
        await type_text(pilot, "Budget agreed")
        await wait_until(pilot, lambda: texts(mine, meeting.id) == ["Budget agreed"])
        bullet = mine.get_meeting(meeting.id).sections["overview"][0]
        theirs.update_bullet(bullet.id, "Budget agreed at £2m")
        await type_text(pilot, " subject to audit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(texts(mine, meeting.id)) == 2)
        assert texts(mine, meeting.id) == ["Budget agreed at £2m", "Budget agreed subject to audit"]
        await wait_until(pilot, lambda: len(row_texts(app, "l-overview")) == 2)
        assert row_texts(app, "l-overview") == ["· Budget agreed at £2m", "· Budget agreed subject to audit"]
        assert notices.said(KEPT_BOTH)


async def test_app_shows_a_point_added_elsewhere_within_two_seconds(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    app = make_app(mine)
    async with app.run_test(size=(110, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="overview"))
        await pilot.pause()
        await type_text(pilot, "Typed here, not finished")
        theirs.add_bullet(meeting.id, "purpose", "Added in the other window")
        await wait_until(pilot, lambda: "· Added in the other window" in row_texts(app, "l-purpose"), 2.0)


async def test_app_holds_text_typed_while_approved_elsewhere_and_saves_it_on_reopen(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    app = make_app(mine)
    notices = Notices()
    async with app.run_test(size=(110, 30), message_hook=notices) as pilot:
        screen = MeetingScreen(meeting.id, section="overview")
        await app.push_screen(screen)
        await pilot.pause()
        await type_text(pilot, "First point")
        await pilot.press("enter")
        await wait_until(pilot, lambda: texts(mine, meeting.id) == ["First point"])
        theirs.approve_meeting(meeting.id)
        await wait_until(pilot, lambda: screen.read_only, 2.0)
        for n in range(3):
            await type_text(pilot, f"Typed after approval {n}")
            await pilot.press("enter")
            await pilot.pause(0.2)
        await pilot.pause(1.2)
        held = screen.query_one("#e-overview").value
        for n in range(3):
            assert f"Typed after approval {n}" in held
        assert texts(mine, meeting.id) == ["First point"]
        assert notices.said("approved elsewhere")
        theirs.reopen_meeting(meeting.id, "Late additions")
        await wait_until(pilot, lambda: not screen.read_only, 2.0)
        await wait_until(pilot, lambda: len(texts(mine, meeting.id)) == 2, 2.0)
        assert not screen.query_one("#e-overview").disabled
    saved = " ".join(texts(mine, meeting.id))
    for n in range(3):
        assert f"Typed after approval {n}" in saved


async def test_app_holds_a_point_whose_save_meets_approval_elsewhere(two):
    """Approved elsewhere and the app's save is refused before it looks: the same hold."""
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    app = make_app(mine)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = MeetingScreen(meeting.id, section="overview")
        await app.push_screen(screen)
        await pilot.pause()
        theirs.approve_meeting(meeting.id)
        await type_text(pilot, "Quick point")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert screen.read_only
        await type_text(pilot, "and another")
        await pilot.pause(0.3)
        assert screen.query_one("#e-overview").value == "Quick point and another"
        assert texts(mine, meeting.id) == []


def test_a_point_deleted_elsewhere_while_edited_is_saved_again(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    session = MeetingSession(mine, meeting.id)
    session.load()
    first = session.add_bullet("overview", "First")
    session.add_bullet("overview", "Second")
    theirs.delete_bullet(first.id)
    saved = session.update_bullet("overview", first.id, "First, as I heard it")
    assert texts(mine, meeting.id) == ["First, as I heard it", "Second"]
    assert [b.id for b in session.bullets("overview")] == [saved.id, session.bullets("overview")[1].id]
    assert session.take_notices() == [DELETED_ELSEWHERE]


async def test_app_keeps_both_texts_of_a_round_robin_point(two):
    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    app = make_app(mine)

    def points() -> list[str]:
        return [p.text for t in mine.get_meeting(meeting.id).round_robin for p in t.points]

    notices = Notices()

    async with app.run_test(size=(110, 30), message_hook=notices) as pilot:
        await app.push_screen(MeetingScreen(meeting.id, section="round_robin"))
        await pilot.pause()
        await type_text(pilot, "Numbers up")
        await wait_until(pilot, lambda: points() == ["Numbers up"])
        point = mine.get_meeting(meeting.id).round_robin[0].points[0]
        theirs.update_point(point.id, "Numbers up 5%")
        await type_text(pilot, ", see report")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(points()) == 2)
        assert points() == ["Numbers up 5%", "Numbers up, see report"]
        shown = "\n".join(row_texts(app, "l-round_robin"))
        assert "Numbers up 5%" in shown and "Numbers up, see report" in shown
        assert notices.said(KEPT_BOTH)


async def test_points_held_while_approved_elsewhere_keep_the_order_typed_when_keys_run_ahead(two):
    """Keys reach the field faster than the app handles each Enter (all queued at once here):
    the points held in the field after approval elsewhere stay in the order typed."""
    from textual import events

    mine, theirs = two
    meeting = mine.create_meeting(title="Board")
    app = make_app(mine)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = MeetingScreen(meeting.id, section="overview")
        await app.push_screen(screen)
        await pilot.pause()
        theirs.approve_meeting(meeting.id)
        await wait_until(pilot, lambda: screen.read_only, 2.0)
        entry = screen.query_one("#e-overview")
        for key in [*"held 0", "enter", *"held 1", "enter", *"held 2"]:  # no pause between keys
            character = " " if key == " " else (None if key == "enter" else key)
            entry.post_message(events.Key("space" if key == " " else key, character))
        await pilot.pause(0.5)
        assert entry.value == "held 0 held 1 held 2"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert entry.value == "held 0 held 1 held 2"
        theirs.reopen_meeting(meeting.id, "Late additions")
        await wait_until(pilot, lambda: texts(mine, meeting.id) == ["held 0 held 1 held 2"], 3.0)
