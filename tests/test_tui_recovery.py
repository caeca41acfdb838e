"""Text kept in the local recovery file comes back when the meeting is opened again (Pilot).

The saves fail for real: on SQLite another program holds the database locked, on
PostgreSQL the server is stopped. The app is closed while they fail; when the meeting
is opened again (the database back), the text is put back in its field, saved, and the
file removed once it is; a text saved elsewhere since is never overwritten silently.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.tui import Notices, open_meeting, type_text, wait_until

from minutes_tui.session.recovery import recovery_path
from minutes_tui.store import Store
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.confirm import ConfirmScreen
from minutes_tui.tui.screens.meeting import MeetingScreen

pytestmark = pytest.mark.both_backends


class Archive:
    """The archive ``$MINUTES_DB`` names, and a way to make every save to it fail for a while."""

    def __init__(self, url: str, cluster=None) -> None:
        self.url = url
        self.cluster = cluster

    def open(self) -> Store:
        return Store.open(self.url) if self.cluster else Store.open(self.url, busy_timeout=0.2)

    @contextlib.contextmanager
    def cut(self) -> Iterator[None]:
        """Saves fail: the server stopped (PostgreSQL), the file locked by another program (SQLite)."""
        if self.cluster is not None:
            self.cluster.stop()
            try:
                yield
            finally:
                self.cluster.start_again()
            return
        conn = sqlite3.connect(Path(self.url), isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()


@pytest.fixture
def archive(backend, request) -> Archive:
    cluster = request.getfixturevalue("pg_cluster") if backend == "postgresql" else None
    return Archive(os.environ["MINUTES_DB"], cluster)


def texts(archive: Archive, meeting_id: int, section: str = "overview") -> list[str]:
    """The points of a section as a fresh store reads them from the database."""
    check = archive.open()
    try:
        return [b.text for b in check.get_meeting(meeting_id).sections[section]]
    finally:
        check.close()


async def type_then_close_while_saves_fail(
    archive: Archive,
    meeting_id: int,
    keys: list[str],
    text: str,
    *,
    section: str = "overview",
    size: tuple[int, int] = (100, 30),
):
    """Open the meeting at ``section``, press ``keys``, type ``text`` while saves fail, and quit the app then."""
    store = archive.open()
    app = make_app(store)
    try:
        async with app.run_test(size=size) as pilot:
            screen = await open_meeting(app, pilot, meeting_id, section)
            await pilot.press(*keys)
            with archive.cut():
                await type_text(pilot, text)
                state = screen.query_one("#save-state")
                await wait_until(pilot, lambda: state.state in ("failed", "unreachable"))
                await pilot.press("ctrl+q")
                await pilot.pause()
    finally:
        store.close()


async def reopen(
    archive: Archive,
    meeting_id: int,
    notices: Notices,
    *,
    section: str = "overview",
    size: tuple[int, int] = (100, 30),
) -> None:
    """Open the meeting again and wait until the recovered text is saved (its file removed)."""
    store = archive.open()
    app = make_app(store)
    try:
        async with app.run_test(size=size, message_hook=notices) as pilot:
            await open_meeting(app, pilot, meeting_id, section)
            await wait_until(pilot, lambda: not recovery_path(meeting_id, archive.url).exists())
    finally:
        store.close()


async def test_text_typed_while_saves_failed_is_put_back_and_saved_when_the_meeting_opens_again(archive):
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    store.close()
    await type_then_close_while_saves_fail(archive, meeting.id, [], "typed while nothing saved")
    kept = recovery_path(meeting.id, archive.url)
    assert "typed while nothing saved" in kept.read_text(encoding="utf-8")
    assert texts(archive, meeting.id) == []

    store = archive.open()
    app = make_app(store)
    notices = Notices()
    try:
        async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
            screen = await open_meeting(app, pilot, meeting.id, "details")
            assert screen.section == "overview"  # opened where the text is back, not where asked
            assert screen.query_one("#e-overview").value == "typed while nothing saved"
            assert screen.focused is screen.query_one("#e-overview")
            assert notices.said(
                "Text typed earlier in Overview that could not be saved then is back in its field"
            )
            await wait_until(pilot, lambda: not kept.exists())
            assert screen.query_one("#save-state").state == "saved"
            assert notices.said("The recovered text is saved.")
    finally:
        store.close()
    assert texts(archive, meeting.id) == ["typed while nothing saved"]


@pytest.mark.parametrize("changed_elsewhere", [False, True], ids=["unchanged", "changed-elsewhere"])
async def test_a_point_being_edited_is_resumed_or_if_changed_since_kept_beside_theirs(
    archive, changed_elsewhere
):
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    point = store.add_bullet(meeting.id, "overview", "original")
    store.close()
    await type_then_close_while_saves_fail(archive, meeting.id, ["up", "enter", "end"], " plus mine")
    assert texts(archive, meeting.id) == ["original"]
    if changed_elsewhere:
        other = archive.open()
        other.update_bullet(point.id, "theirs")
        other.close()

    notices = Notices()
    await reopen(archive, meeting.id, notices)
    if changed_elsewhere:
        assert notices.said("editing in Overview was changed or deleted since: the text you typed is")
        assert texts(archive, meeting.id) == ["theirs", "original plus mine"]
    else:
        assert texts(archive, meeting.id) == ["original plus mine"]


@pytest.mark.sqlite_only  # the screen's logic, the same on both (CI time)
@pytest.mark.parametrize("use_mine", [True, False], ids=["mine", "theirs"])
async def test_a_detail_changed_since_is_replaced_only_if_the_user_says_so(archive, use_mine):
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    store.close()
    store = archive.open()
    app = make_app(store)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_meeting(app, pilot, meeting.id, "details")
            screen.set_focus(screen.query_one("#f-place"))
            with archive.cut():
                await type_text(pilot, "Runcorn")
                await wait_until(pilot, lambda: screen.query_one("#save-state").state != "saved")
                await wait_until(pilot, lambda: recovery_path(meeting.id, archive.url).exists())
                await pilot.press("ctrl+q")
                await pilot.pause()
    finally:
        store.close()
    other = archive.open()
    other.update_meeting(meeting.id, place="Widnes")
    other.close()

    store = archive.open()
    app = make_app(store)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await app.push_screen(MeetingScreen(meeting.id, section="details"))
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)  # asked at once, over the meeting
            assert "The meeting's place was changed since" in str(app.screen.query_one("#question").render())
            assert "Saved now: Widnes" in str(app.screen.query_one("#detail").render())
            assert recovery_path(meeting.id, archive.url).exists()  # nothing decided yet: the text is kept
            await pilot.press("y" if use_mine else "n")
            await wait_until(pilot, lambda: not recovery_path(meeting.id, archive.url).exists())
    finally:
        store.close()
    check = archive.open()
    assert check.get_header(meeting.id).place == ("Runcorn" if use_mine else "Widnes")
    check.close()


@pytest.mark.sqlite_only  # the screen's logic, the same on both (CI time)
async def test_approved_since_the_text_stays_in_the_file_and_the_user_is_told(archive):
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    store.close()
    await type_then_close_while_saves_fail(archive, meeting.id, [], "typed before approval")
    other = archive.open()
    other.approve_meeting(meeting.id)
    other.close()

    store = archive.open()
    app = make_app(store)
    notices = Notices()
    try:
        async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
            await open_meeting(app, pilot, meeting.id, "overview")
            assert notices.said(f"it is kept in {recovery_path(meeting.id, archive.url)}")
    finally:
        store.close()
    assert "typed before approval" in recovery_path(meeting.id, archive.url).read_text(encoding="utf-8")
    assert texts(archive, meeting.id) == []


@pytest.mark.sqlite_only  # the screen's logic, the same on both (CI time)
async def test_the_text_goes_back_only_into_the_archive_it_was_typed_for(archive, tmp_path):
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    store.close()
    await type_then_close_while_saves_fail(archive, meeting.id, [], "typed for the first archive")
    other = Store.open(tmp_path / "other.db")  # another archive, whose meeting has the same id
    assert other.create_meeting(series="Board", title="Elsewhere").id == meeting.id
    app = make_app(other)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_meeting(app, pilot, meeting.id, "overview")
            await pilot.pause(0.5)
            assert screen.query_one("#e-overview").value == ""
    finally:
        other.close()
    assert texts(Archive(str(tmp_path / "other.db")), meeting.id) == []
    assert "typed for the first archive" in recovery_path(meeting.id, archive.url).read_text("utf-8")


async def test_leaving_with_unsaved_text_takes_two_ctrl_l_and_the_text_comes_back(archive):
    store = archive.open()
    meeting = store.create_meeting(series="Board", title="March")
    app = make_app(store)
    notices = Notices()
    try:
        async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
            screen = await open_meeting(app, pilot, meeting.id, "overview")
            with archive.cut():
                await type_text(pilot, "typed before leaving")
                await wait_until(pilot, lambda: screen.query_one("#save-state").state != "saved")
                await pilot.press("ctrl+l")
                await pilot.pause()
                assert app.screen is screen and notices.said("Ctrl+L again to leave")
                await pilot.press("ctrl+l")  # the screen still takes keys: this one leaves
                await wait_until(pilot, lambda: app.screen is not screen)
            assert "typed before leaving" in recovery_path(meeting.id, archive.url).read_text("utf-8")
            reopened = await open_meeting(app, pilot, meeting.id, "overview")
            assert reopened.query_one("#e-overview").value == "typed before leaving"
            await wait_until(pilot, lambda: not recovery_path(meeting.id, archive.url).exists())
    finally:
        store.close()
    assert texts(archive, meeting.id) == ["typed before leaving"]
