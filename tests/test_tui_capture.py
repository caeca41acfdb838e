"""Capture accelerators in the app (Pilot): typed prefixes, undo, one-key filing,
round-robin shortcuts, attendance as it happens, stock phrases, times. Each test reads
the database afterwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from support.tui import Notices, open_meeting, row_texts, screen_text, type_text, wait_until

from minutes_tui.model import BOARD_LAYOUT, Attendee, Section
from minutes_tui.tui.app import make_app
from minutes_tui.tui.widgets.rows import RowList

#: A Monday: due:fri is Friday 01/05/2026, due:+2w Monday 11/05/2026.
TODAY = dt.date(2026, 4, 27)


def setup_meeting(store, **fields) -> int:
    meeting = store.create_meeting(series="NW Chemicals", title="Workshop", **fields)
    for person in (Attendee("Priya", "Cogent SSC"), Attendee("Aisha", "JCP"), Attendee("Tom", "LSC")):
        store.add_attendee(meeting.id, person)
    return meeting.id


def messages(app, notices: Notices) -> str:
    """The notifications, and what the status line under the sections says."""
    said = notices.messages
    return "\n".join([*said, getattr(app.screen, "status_text", "")])


async def say(pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_whole_meeting_typed_with_prefixes(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await open_meeting(app, pilot, meeting_id, "round_robin", today=TODAY)
        await say(pilot, "A: Draft the employer offer @pri due:fri")
        assert "Action · owner Priya · due Fri 01/05/2026" in messages(app, notices)
        await say(pilot, "The trial is going well")
        await pilot.press("pagedown")
        await say(pilot, "D: Providers share one contact list")
        await say(pilot, "@JCP due:+2w Share vacancies")
        await pilot.press("f4")  # overview: a bulleted section files too
        await say(pilot, "due:30/04 A: Book venue")
        await wait_until(pilot, lambda: len(store.list_actions()) == 3)

        actions = {row.action.owner: row.action for row in store.list_actions()}
        assert actions["Priya"].text == "Draft the employer offer"
        assert actions["Priya"].due == dt.date(2026, 5, 1)
        assert actions["JCP"].due == dt.date(2026, 5, 11)
        assert "Share vacancies" in actions["JCP"].text
        assert actions[""].due == dt.date(2026, 4, 30)
        assert actions[""].text == "Book venue"

        meeting = store.get_meeting(meeting_id)
        assert [b.text for b in meeting.sections["agreed"]] == ["Providers share one contact list"]
        assert meeting.sections.get("overview", []) == []  # filed, not left behind
        # The plain note stayed; the filed points left the round robin.
        points = [p.text for t in meeting.round_robin for p in t.points]
        assert points == ["The trial is going well"]
        # The lists on screen agree.
        assert any("Providers share one contact list" in r for r in row_texts(app, "l-agreed"))
        assert any("Draft the employer offer" in r and "Priya" in r for r in row_texts(app, "l-actions"))


async def test_undo_puts_the_point_back_where_it_was(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await open_meeting(app, pilot, meeting_id, "round_robin", today=TODAY)
        await say(pilot, "First point")
        await say(pilot, "A: Draft the offer @Priya")
        await say(pilot, "Last point")
        assert len(store.list_actions()) == 1
        # Enter saves the next point first; Ctrl+Z still undoes the filing.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.list_actions() == []
        turn = store.get_meeting(meeting_id).round_robin[0]
        assert [p.text for p in turn.points] == ["First point", "A: Draft the offer @Priya", "Last point"]
        assert any("A: Draft the offer @Priya" in r for r in row_texts(app, "l-round_robin"))
        assert row_texts(app, "l-actions") == []
        assert "Filing undone" in messages(app, notices)

        # A decision typed in a bulleted section comes back in place too.
        await pilot.press("f4")
        await say(pilot, "Overview one")
        await say(pilot, "D: Agreed to go ahead")
        await say(pilot, "Overview three")
        assert [b.text for b in store.get_meeting(meeting_id).sections["agreed"]] == ["Agreed to go ahead"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        meeting = store.get_meeting(meeting_id)
        assert meeting.sections.get("agreed", []) == []
        assert [b.text for b in meeting.sections["overview"]] == [
            "Overview one",
            "D: Agreed to go ahead",
            "Overview three",
        ]
        assert row_texts(app, "l-overview")[1] == "· D: Agreed to go ahead"
        assert row_texts(app, "l-agreed") == []


async def test_malformed_prefixes_keep_the_text_and_say_why(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        await open_meeting(app, pilot, meeting_id, "round_robin", today=TODAY)
        await say(pilot, "A:")
        assert "Kept as typed: A: needs some text after it" in messages(app, notices)
        await say(pilot, "Book the hall due:31/02")
        assert "due:31/02 is not a date" in messages(app, notices)
        assert "due:31/02 is not a date" in screen_text(app)  # on the status line
        assert store.list_actions() == []
        points = [p.text for t in store.get_meeting(meeting_id).round_robin for p in t.points]
        assert points == ["A:", "Book the hall due:31/02"]


async def test_a_saved_note_becomes_an_action_or_a_decision_with_one_key(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_meeting(app, pilot, meeting_id, "round_robin", today=TODAY)
        await say(pilot, "Share the vacancy list")
        await say(pilot, "Providers will share one contact list")
        await say(pilot, "Keep this one")
        assert store.list_actions() == []
        await pilot.press("up")  # into the list, on the last point
        assert isinstance(screen.focused, RowList)
        await pilot.press("up", "up", "a")
        await pilot.pause()
        actions = [row.action for row in store.list_actions()]
        assert [(a.text, a.owner, a.due) for a in actions] == [("Share the vacancy list", "", None)]
        await pilot.press("home", "down", "d")  # below the speaker: the first point left
        await pilot.pause()
        meeting = store.get_meeting(meeting_id)
        assert [b.text for b in meeting.sections["agreed"]] == ["Providers will share one contact list"]
        assert [p.text for t in meeting.round_robin for p in t.points] == ["Keep this one"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        meeting = store.get_meeting(meeting_id)
        assert meeting.sections.get("agreed", []) == []
        assert [p.text for t in meeting.round_robin for p in t.points] == [
            "Providers will share one contact list",
            "Keep this one",
        ]


async def test_owner_completion_while_typing_at(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_meeting(app, pilot, meeting_id, "round_robin", today=TODAY)
        await type_text(pilot, "A: Send the list @pr")
        entry = screen.query_one("#e-round_robin")
        assert entry._suggestion == "A: Send the list @Priya"
        await pilot.press("right")  # accepts it
        assert entry.value == "A: Send the list @Priya"
        await type_text(pilot, " x @Cog")
        assert entry._suggestion.endswith("@Cogent_SSC")  # one word, as the parser reads it
        assert screen.session.owner_suggestion("no at sign") == ""
        long = "word " * 10_000 + "@pr"  # the end of a 50,000-character point
        assert screen.session.owner_suggestion(long) == long[:-2] + "Priya"
        assert screen.session.owner_suggestion("a" * 300 + "@pr") == ""  # an @ inside a word


async def test_no_update_and_apologies_keys_mark_the_speaker_and_move_on(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        screen = await open_meeting(app, pilot, meeting_id, "round_robin", today=TODAY)
        rr = screen.panel("round_robin")
        assert rr.queue.current == "Cogent SSC"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert rr.queue.current == "JCP"
        await pilot.press("ctrl+y")  # Aisha (JCP) is marked present: it asks first
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: rr.queue.current == "LSC")
        await say(pilot, "Budget committed until August")
        turns = {t.speaker: [p.text for p in t.points] for t in store.get_meeting(meeting_id).round_robin}
        assert turns == {
            "Cogent SSC": ["No update"],
            "JCP": ["Apologies received"],
            "LSC": ["Budget committed until August"],
        }
        assert "Cogent SSC – No update" in row_texts(app, "l-round_robin")
        # A turn with points said is not overwritten: the store's reason is shown, no move.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "already has points" in messages(app, notices)
        assert rr.queue.current == "LSC"
        turns = {t.speaker: [p.text for p in t.points] for t in store.get_meeting(meeting_id).round_robin}
        assert turns["LSC"] == ["Budget committed until August"]
        # A stock phrase can be corrected: back to JCP, who had an update after all... no: no update.
        await pilot.press("pageup")
        await pilot.press("ctrl+n")
        await pilot.pause()
        turns = {t.speaker: [p.text for p in t.points] for t in store.get_meeting(meeting_id).round_robin}
        assert turns["JCP"] == ["No update"]


async def test_attendance_as_it_happens(store, monkeypatch):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    notices = Notices()
    async with app.run_test(size=(100, 30), message_hook=notices) as pilot:
        screen = await open_meeting(app, pilot, meeting_id, "attendees", today=TODAY)
        await pilot.press("up")  # into the list: Tom (LSC), the last
        assert isinstance(screen.focused, RowList)
        await pilot.press("i")
        await pilot.pause()
        tom = store.get_meeting(meeting_id).attendees[2]
        assert tom.arrived and len(tom.arrived) == 5
        # Again: correct the time.
        await pilot.press("i")
        await pilot.pause()
        entry = app.screen.query_one("#prompt-text")
        entry.value = ""
        await type_text(pilot, "10:40")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#prompt-text").value = ""
        await type_text(pilot, "11:15")
        await pilot.press("enter")
        await pilot.pause()
        # On behalf of.
        await pilot.press("b")
        await pilot.pause()
        await type_text(pilot, "Helen (NWDA)")
        await pilot.press("enter")
        await pilot.pause()
        tom = store.get_meeting(meeting_id).attendees[2]
        assert (tom.arrived, tom.left, tom.on_behalf_of) == ("10:40", "11:15", "Helen (NWDA)")
        assert (
            "Tom (LSC) on behalf of Helen (NWDA) (from 10:40) (left 11:15)"
            in row_texts(app, "l-attendees")[2]
        )
        # A bad time is refused with the reason; the time stays.
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#prompt-text").value = ""
        await type_text(pilot, "25:99")
        await pilot.press("enter")
        await pilot.pause()
        assert "not a time of day" in messages(app, notices)
        assert store.get_meeting(meeting_id).attendees[2].arrived == "10:40"
        # A declaration of interest: item, then the interest.
        await pilot.press("up")  # Aisha (JCP)
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "Item 4")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Director of Acme Training Ltd")
        await pilot.press("enter")
        await pilot.pause()
        meeting = store.get_meeting(meeting_id)
        [declaration] = meeting.declarations
        assert declaration.attendee_id == meeting.attendees[1].id
        assert (declaration.item, declaration.text) == ("Item 4", "Director of Acme Training Ltd")
        rows = row_texts(app, "l-attendees")
        assert rows[2].strip() == "Interest  Item 4: Director of Acme Training Ltd"
        assert "Tom (LSC)" in rows[3]
        # Space on a declaration does nothing; Del deletes it (asks first).
        await pilot.press("space", "delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.get_meeting(meeting_id).declarations == []


async def test_stock_phrases_insert_and_edit(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_meeting(app, pilot, meeting_id, "overview", today=TODAY)
        await pilot.press("shift+f2")
        entry = screen.query_one("#e-overview")
        assert entry.value == "No declarations of interest"
        await pilot.press("enter")
        await pilot.pause()
        # The picker: a digit inserts.
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert entry.value == "No update"
        await pilot.press("enter")
        await pilot.pause()
        texts = [b.text for b in store.get_meeting(meeting_id).sections["overview"]]
        assert texts == ["No declarations of interest", "No update"]
        # Edit the list: remove two, add one, reorder.
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("#phrases-text")
        area.text = "Nothing to report\nMinutes of the last meeting agreed as an accurate record\n\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.stock_phrases("NW Chemicals") == [
            "Nothing to report",
            "Minutes of the last meeting agreed as an accurate record",
        ]
        await pilot.press("shift+f1")
        assert entry.value == "Nothing to report"
        # The palette lists every phrase.
        titles = [title for title, _help, _cb in screen.palette_commands()]
        assert "Insert: Nothing to report" in titles
        assert "Insert: Minutes of the last meeting agreed as an accurate record" in titles


async def test_times_are_shown_on_demand(store):
    meeting_id = setup_meeting(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_meeting(app, pilot, meeting_id, "round_robin", today=TODAY)
        await say(pilot, "Sector Skills Agreement stage 4 is complete")
        point = store.get_meeting(meeting_id).round_robin[0].points[0]
        shown = point.created.astimezone().strftime("%H:%M")
        assert shown not in screen_text(app)
        await pilot.press("up", "t")  # in a list
        await pilot.pause()
        assert screen.show_times
        assert f"{shown} Cogent SSC – Sector Skills" in screen_text(app)
        # Exported now, the Word minutes carry the times too.
        await pilot.press("ctrl+r", "w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert f"{shown} Cogent SSC" not in screen_text(app)
    (exported,) = (Path.cwd() / "exports").glob("*.docx")
    text = "\n".join(p.text for p in docx.Document(str(exported)).paragraphs)
    assert f"[{shown}]" in text


async def test_decisions_in_a_board_meeting_go_to_items(store):
    """A board meeting saved before agenda items: its "Items" are bullets that take decisions."""
    layout = tuple(Section("items", "Items") if s.key == "items" else s for s in BOARD_LAYOUT)
    meeting_id = setup_meeting(store, layout=layout)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "aob", today=TODAY)
        await say(pilot, "D: The board approves the budget")
        meeting = store.get_meeting(meeting_id)
        assert [b.text for b in meeting.sections["items"]] == ["The board approves the budget"]
        assert meeting.sections.get("aob", []) == []
