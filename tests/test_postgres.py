"""A team archive on PostgreSQL: changes seen by other apps, roles enforced by the server,
copying archives between backends, and the server going away."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest
from support.cli import run
from support.samples import full_meeting

from minutes_tui.interchange import meeting_to_dict
from minutes_tui.model import Action, Meeting
from minutes_tui.store import Locked, Store, StoreError

_people = itertools.count(1)


def exports(store: Store) -> dict[int, dict]:
    ids = [m.id for m in store.list_meetings()] + [m.id for m in store.deleted_meetings()]
    return {i: meeting_to_dict(store.get_meeting(i, include_deleted=True)) for i in ids}


def fill(store: Store) -> None:
    store.add_meeting(full_meeting())
    second = store.start_next_meeting("North West Chemicals Skills Alliance", date=dt.date(2025, 6, 12))
    store.add_bullet(second.id, "comments", "nul \x00 and \uffff kept")
    gone = store.create_meeting(title="Deleted one")
    store.delete_meeting(gone.id)
    store.set_stock_phrases("Board", ["Agreed.", "Noted."])


def test_other_connections_changes_move_data_version_and_own_do_not(pg_url):
    mine, other = Store.open(pg_url), Store.open(pg_url)
    try:
        before = mine.data_version()
        meeting = mine.create_meeting(title="Mine")
        assert mine.data_version() == before
        other.update_meeting(meeting.id, title="Theirs")
        assert mine.data_version() != before
        assert mine.get_header(meeting.id).title == "Theirs"
    finally:
        mine.close()
        other.close()


def test_row_versions_hold_across_clients(pg_url):
    one, two = Store.open(pg_url), Store.open(pg_url)
    try:
        meeting = one.create_meeting(title="Shared")
        bullet = one.add_bullet(meeting.id, "comments", "first")
        two.update_bullet(bullet.id, "from two", expected_version=bullet.version)
        with pytest.raises(StoreError, match="changed elsewhere"):
            one.update_bullet(bullet.id, "from one", expected_version=bullet.version)
        assert one.get_bullet(bullet.id).text == "from two"
    finally:
        one.close()
        two.close()


def test_two_officers_approving_and_reopening_at_once_take_turns(pg_url):
    setup = Store.open(pg_url)
    meeting = setup.create_meeting(title="Contested")
    setup.close()
    outcomes: list[str] = []

    def officer(n: int) -> None:
        store = Store.open(pg_url)
        try:
            for _ in range(5):
                try:
                    store.approve_meeting(meeting.id)
                    store.reopen_meeting(meeting.id, f"officer {n}")
                    outcomes.append("both")
                except (Locked, StoreError) as exc:
                    outcomes.append(type(exc).__name__)
        finally:
            store.close()

    threads = [threading.Thread(target=officer, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    check = Store.open(pg_url)
    try:
        history = check.meeting_history(meeting.id)
        approvals = [e for e in history if e.event == "approved"]
        reopenings = [e for e in history if e.event == "reopened"]
        assert len(outcomes) == 10 and approvals
        assert len(approvals) - len(reopenings) == (check.get_header(meeting.id).status == "approved")
    finally:
        check.close()


def test_copy_sqlite_to_postgresql_and_back_exports_identically(tmp_path, pg_url):
    source = tmp_path / "source.db"
    store = Store.open(source)
    fill(store)
    want = exports(store)
    store.close()
    result = run("copy", source, pg_url)
    assert result.exit_code == 0, result.output
    assert "Copied 3 meetings" in result.output
    server = Store.open(pg_url)
    try:
        assert exports(server) == want
        assert server.stock_phrases("Board") == ["Agreed.", "Noted."]
        assert [h.meeting_id for h in server.search("sector skills")]
        added = server.create_meeting(title="After the copy")  # ids go on from the copied ones
        assert added.id == max(want) + 1
    finally:
        server.close()
    back = tmp_path / "back.db"
    result = run("copy", pg_url, back)
    assert result.exit_code == 0, result.output
    copy = Store.open(back)
    try:
        assert {i: e for i, e in exports(copy).items() if i in want} == want
    finally:
        copy.close()


def test_copy_refuses_a_target_that_holds_minutes_or_an_existing_file(tmp_path, pg_url):
    source = tmp_path / "source.db"
    store = Store.open(source)
    fill(store)
    store.close()
    server = Store.open(pg_url)
    server.create_meeting(title="Already here")
    server.close()
    result = run("copy", source, pg_url)
    assert result.exit_code == 1 and result.output.startswith("Error: The target already holds minutes")
    server = Store.open(pg_url)
    assert [m.title for m in server.list_meetings()] == ["Already here"]
    server.close()
    taken = tmp_path / "taken.db"
    taken.write_text("keep me")
    result = run("copy", source, taken)
    assert result.exit_code == 1 and "already exists" in result.output
    assert taken.read_text() == "keep me"
    assert run("copy", tmp_path / "none.db", tmp_path / "new.db").exit_code == 1
    assert not (tmp_path / "new.db").exists()


def _person(pg_cluster, url: str, role: str) -> str:
    name = f"person{next(_people)}"
    pg_cluster.admin(f"CREATE ROLE {name} LOGIN IN ROLE {role}")
    return url.replace("postgresql://postgres@", f"postgresql://{name}@")


def test_server_init_roles_are_enforced_by_the_server(pg_cluster, pg_url):
    result = run("server", "init", pg_url)
    assert result.exit_code == 0, result.output
    assert "minutes_officers" in result.output
    taker = Store.open(_person(pg_cluster, pg_url, "minutes_note_takers"))
    officer = Store.open(_person(pg_cluster, pg_url, "minutes_officers"))
    reader_url = _person(pg_cluster, pg_url, "minutes_readers")
    try:
        meeting = taker.create_meeting(title="Draft by a note-taker", series="Board")
        taker.add_action(meeting.id, Action("Send the list", "Tom"))
        with pytest.raises(StoreError, match="may not do this"):
            taker.approve_meeting(meeting.id)
        assert taker.get_header(meeting.id).status == "draft"
        with pytest.raises(StoreError, match="may not do this"):
            taker.add_meeting(Meeting(title="Approved by import", status="approved"))
        officer.approve_meeting(meeting.id)
        officer.reopen_meeting(meeting.id, "typo")
        listed = run("--db", reader_url, "list")
        assert listed.exit_code == 0 and "Draft by a note-taker" in listed.output
        assert run("--db", reader_url, "search", "list").exit_code == 0
        refused = run("--db", reader_url, "delete", meeting.id)
        assert refused.exit_code == 1
        assert refused.output.startswith("Error: ") and "reader" in refused.output
        assert len(refused.output.strip().splitlines()) == 1
        reader = Store.open(reader_url)
        with pytest.raises(StoreError, match="reader"):
            reader.update_meeting(meeting.id, title="x")
        reader.close()
    finally:
        taker.close()
        officer.close()


def test_server_going_away_is_not_saved_said_plainly_and_saves_resume(pg_cluster, pg_url):
    store = Store.open(pg_url)
    try:
        meeting = store.create_meeting(title="Live")
        pg_cluster.stop()
        try:
            with pytest.raises(StoreError, match="NOT SAVED: server unreachable"):
                store.add_bullet(meeting.id, "comments", "typed while away")
            with pytest.raises(StoreError, match="NOT SAVED: server unreachable"):
                store.add_bullet(meeting.id, "comments", "typed while away")
        finally:
            pg_cluster.start_again()
        store.add_bullet(meeting.id, "comments", "typed while away")
        assert [b.text for b in store.get_meeting(meeting.id).sections["comments"]] == ["typed while away"]
    finally:
        store.close()


@pytest.mark.parametrize("opened", ["before", "after the first frame"])
async def test_a_readers_app_opens_read_only_and_says_why(pg_cluster, pg_url, opened):
    from support.tui import Notices, screen_text

    from minutes_tui.tui.app import make_app
    from minutes_tui.tui.screens.meeting import MeetingScreen

    owner = Store.open(pg_url)
    meeting = owner.create_meeting(series="Board", title="March")
    owner.add_bullet(meeting.id, "overview", "A point")
    owner.close()
    assert run("server", "init", pg_url).exit_code == 0
    reader = _person(pg_cluster, pg_url, "minutes_readers")
    store = Store.open(reader) if opened == "before" else None
    app = make_app(store or (lambda: Store.open(reader)))
    notices = Notices()
    banner = "Read only: your role (readers) cannot change minutes"
    try:
        async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
            await pilot.pause()
            assert notices.said("it is a reader")
            assert banner in screen_text(app) and "March" in screen_text(app)
            for key, said in (("n", "new meeting"), ("d", "delete")):
                notices.messages.clear()
                await pilot.press(key)
                await pilot.pause()
                assert notices.said("reader"), (key, said, notices.messages)
                assert banner in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen)
            assert app.screen.query_one("#f-series").disabled
            await pilot.press("f4")  # Overview
            await pilot.pause()
            assert banner in screen_text(app) and "A point" in screen_text(app)
            for key in ("ctrl+t", "delete", "ctrl+g"):
                notices.messages.clear()
                await pilot.press(key)
                await pilot.pause()
                assert notices.said("reader"), (key, notices.messages)
                assert not notices.said("approved"), (key, notices.messages)
    finally:
        app.store.close()
    check = Store.open(pg_url)
    assert [b.text for b in check.get_meeting(meeting.id).sections["overview"]] == ["A point"]
    assert check.get_header(meeting.id).status == "draft"
    check.close()


#: How long the server is away and how it goes: stopped for a moment, killed (``immediate``:
#: no shutdown, crash recovery when it starts again), and the issue's 30-second cut (slow).
CUTS = [
    pytest.param(0, "fast", id="moment"),
    pytest.param(0, "immediate", id="killed"),
    pytest.param(30, "fast", id="30s", marks=pytest.mark.slow),
]


@pytest.mark.parametrize(("cut", "how"), CUTS)
async def test_server_gone_mid_typing_keeps_text_locally_and_saves_it_when_back(pg_cluster, pg_url, cut, how):
    """The server stops while a note-taker types (for ``cut`` seconds, typing on every few
    seconds): the indicator says so, the text stays in its field and in the recovery file,
    and once the server is back the saves resume by themselves and nothing is lost."""
    import time

    import psycopg
    from support.tui import screen_text, type_text, wait_until

    from minutes_tui.session.recovery import recovery_path
    from minutes_tui.tui.app import make_app
    from minutes_tui.tui.screens.meeting import MeetingScreen

    if how == "immediate":  # durable commits, as on a real server (the test cluster's are not)
        name = psycopg.conninfo.conninfo_to_dict(pg_url)["dbname"]
        pg_cluster.admin(f'ALTER DATABASE "{name}" SET synchronous_commit = on')
    store = Store.open(pg_url)
    meeting = store.create_meeting(series="Board", title="March")
    app = make_app(store)
    typed = ""
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await app.push_screen(MeetingScreen(meeting.id, section="overview"))
            await pilot.pause()
            await type_text(pilot, "Before the cut.")
            state = app.screen.query_one("#save-state")
            await wait_until(pilot, lambda: state.state == "saved")
            await pilot.press("enter")  # one point saved before the cut
            pg_cluster.stop(how)
            began = time.monotonic()
            try:
                kept = recovery_path(meeting.id, store.path)
                for n in itertools.count(1):
                    words = f"{' ' if typed else ''}part {n} typed while the server was away"
                    await type_text(pilot, words)
                    typed += words
                    await wait_until(pilot, lambda: state.state == "unreachable")
                    assert "✗ NOT SAVED: server unreachable" in screen_text(app)  # all of it shows
                    await wait_until(pilot, lambda t=typed: kept.exists() and t in kept.read_text("utf-8"))
                    assert app.screen.query_one("#e-overview").value == typed
                    if time.monotonic() - began >= cut:
                        break
                    await pilot.pause(min(5.0, max(0.0, cut - (time.monotonic() - began))))
                if cut:
                    await pilot.press("enter")  # ends the point while away: it stays in the field
                    await pilot.pause()
                    assert app.screen.query_one("#e-overview").value == typed
                    await type_text(pilot, " and more")
                    typed += " and more"
                    await wait_until(pilot, lambda: typed in kept.read_text("utf-8"))
                assert time.monotonic() - began >= cut
            finally:
                pg_cluster.start_again()
            await wait_until(pilot, lambda: state.state == "saved", timeout=10)
            assert not kept.exists()
            assert app.screen.query_one("#e-overview").value == typed
    finally:
        store.close()
    check = Store.open(pg_url)  # a fresh store reads what reached the database
    try:
        assert [b.text for b in check.get_meeting(meeting.id).sections["overview"]] == [
            "Before the cut.",
            typed,
        ]
    finally:
        check.close()


def test_a_server_that_is_not_there_is_one_plain_error_line(tmp_path):
    url = f"postgresql://nobody@/minutes?host={tmp_path}"  # no server listens in an empty folder
    result = run("--db", url, "list")
    assert result.exit_code == 1
    assert result.output.startswith("Error: Cannot connect to the database server")
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_without_the_driver_a_server_url_is_one_plain_error_line(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    result = run("--db", "postgresql://somebody@db.example.org/minutes", "list")
    assert result.exit_code == 1
    assert (
        result.output
        == "Error: A PostgreSQL archive needs the psycopg driver: pip install 'minutes-tui[postgres]'\n"
    )


def test_a_quiet_network_link_is_noticed_in_seconds_unless_the_url_says_otherwise(pg_url):
    store = Store.open(pg_url)
    try:
        given = store.gateway.conn.info.get_parameters()
        assert given["keepalives_idle"] == "5" and given["tcp_user_timeout"] == "10000"
    finally:
        store.close()
    joiner = "&" if "?" in pg_url else "?"
    store = Store.open(f"{pg_url}{joiner}keepalives_idle=30")
    try:
        assert store.gateway.conn.info.get_parameters()["keepalives_idle"] == "30"
    finally:
        store.close()
