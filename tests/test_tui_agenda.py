"""The agenda items panel of a board meeting (Pilot): items, points under the current item,
resolutions, approved as recommended, exempt, votes, closing time. Each test reads the database."""

from __future__ import annotations

import datetime as dt

from support.tui import open_meeting, row_texts, screen_text, type_text, wait_until
from textual.widgets import Static

from minutes_tui.agenda import AgendaItem, CommitteeRules, Resolution
from minutes_tui.model import BOARD_LAYOUT, Attendee
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.help import HelpScreen
from minutes_tui.tui.screens.prompt import PromptScreen
from minutes_tui.tui.screens.resolution import ResolutionScreen

TODAY = dt.date(2025, 7, 14)  # a Monday
SERIES = "Skills and Employment Board"
RECOMMENDATION = "That the Board NOTES the proposals and timescale."


def board(store, items: int = 3) -> int:
    meeting = store.create_meeting(
        series=SERIES, title="Board", date=TODAY, time="10:00", layout=BOARD_LAYOUT
    )
    store.set_committee_rules(SERIES, CommitteeRules(numbering="running", quorum=3, first_minute=37))
    titles = ["Declarations of interest", "Minutes of the last meeting", "Regional Skills Alliance"]
    for n, title in enumerate(titles[:items]):
        recs = [RECOMMENDATION] if n == 2 else []
        store.add_agenda_item(meeting.id, AgendaItem(str(n + 1), title, recommendations=recs))
    store.add_attendee(meeting.id, Attendee("A. Plant", "Skills"))
    return meeting.id


def items(store, meeting_id: int) -> list[AgendaItem]:
    return store.agenda_items(meeting_id)


def messages(app) -> str:
    said = [str(n.message) for n in app._notifications]
    return "\n".join([*said, getattr(app.screen, "status_text", "")])


async def say(pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_points_go_under_the_current_item_and_pgdn_moves_on(store):
    meeting_id = board(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        assert "▶ 25/37" in screen_text(app)
        await say(pilot, "None declared.")
        await pilot.press("pagedown")
        await say(pilot, "Approved as a correct record; no matters arising.")
        await pilot.press("pagedown")
        await say(pilot, "Members asked whether the alliances share one employer offer.")
        await say(pilot, "A: Circulate the timetable @skills due:fri")
        await pilot.press("pagedown")  # already the last: stays
        assert "That is the last item" in messages(app)
        await say(pilot, "D: That the Board notes the report")
        await wait_until(pilot, lambda: len(items(store, meeting_id)[2].resolutions) == 1)

        saved = items(store, meeting_id)
        assert [[p.text for p in i.points] for i in saved] == [
            ["None declared."],
            ["Approved as a correct record; no matters arising."],
            ["Members asked whether the alliances share one employer offer."],
        ]
        assert saved[2].resolutions[0].text == "That the Board notes the report"
        action = store.get_meeting(meeting_id).actions[0]
        assert (action.text, action.owner, action.due, action.item_id) == (
            "Circulate the timetable",
            "Skills",
            dt.date(2025, 7, 18),
            saved[2].id,
        )
        rows = row_texts(app, "l-items")
        assert "▶ 25/39  3 · Regional Skills Alliance" in rows
        assert "         RESOLVED – That the Board notes the report" in rows
        assert "         Action: Circulate the timetable – Skills – by 18/07/2025" in rows
        await pilot.press("f8")  # the actions panel shows the action raised under the item
        assert any("Circulate the timetable" in r for r in row_texts(app, "l-actions"))


async def test_new_item_resolution_and_approved_as_recommended_by_keys(store):
    meeting_id = board(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, PromptScreen)
        await say(pilot, "8.1 Capital programme")
        assert [(i.number, i.title, i.minute) for i in items(store, meeting_id)][-1] == (
            "8.1",
            "Capital programme",
            "25/40",
        )
        await pilot.press("pagedown", "pagedown")  # to the alliance item
        await pilot.press("ctrl+y")  # approved as recommended: the dialog opens to edit it
        assert isinstance(app.screen, ResolutionScreen)
        assert RECOMMENDATION in str(app.screen.query_one("#resolution-text").value)
        await pilot.press("escape")
        assert [(r.outcome, r.text) for r in items(store, meeting_id)[2].resolutions] == [
            ("approved", RECOMMENDATION)
        ]
        await pilot.press("ctrl+n")  # a second resolution: deferred
        await pilot.press("4")  # the fourth outcome: Deferred
        await type_text(pilot, "a decision on funding be deferred to September.")
        await pilot.press("enter")
        await pilot.pause()
        assert [(r.outcome, r.text) for r in items(store, meeting_id)[2].resolutions][1] == (
            "deferred",
            "That a decision on funding be deferred to September.",
        )


async def test_exempt_votes_and_closing_time_from_the_list(store):
    meeting_id = board(store)
    store.add_resolution(
        items(store, meeting_id)[2].id, Resolution("approved", "That the offer be accepted.")
    )
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        await pilot.press("up")  # into the list, on the last row (the resolution)
        await pilot.press("v")
        assert isinstance(app.screen, PromptScreen)
        await say(pilot, "5 1 0")
        resolution = items(store, meeting_id)[2].resolutions[0]
        assert (resolution.votes_for, resolution.votes_against, resolution.abstentions) == (5, 1, 0)
        await pilot.press("v")
        await say(pilot, "five")  # refused, with a message; the votes stay
        assert "type the votes" in messages(app)
        assert items(store, meeting_id)[2].resolutions[0].votes_for == 5
        await pilot.press("up")
        await pilot.press("x")
        await pilot.press("ctrl+u")
        await say(pilot, "Exempt – Part II, paragraph 3: commercially sensitive")
        assert items(store, meeting_id)[2].exempt == "Exempt – Part II, paragraph 3: commercially sensitive"
        assert any("EXEMPT" in r for r in row_texts(app, "l-items"))
        await pilot.press("c")
        await pilot.press("ctrl+u")
        await say(pilot, "11.45")
        assert store.get_meeting(meeting_id).closed == "11:45"
        assert "closed at 11:45" in screen_text(app)


async def test_a_recorded_vote_is_typed_in_the_votes_prompt_and_shown(store):
    meeting_id = board(store)
    store.add_resolution(
        items(store, meeting_id)[2].id, Resolution("approved", "That the offer be accepted.")
    )
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        await pilot.press("up")  # the resolution
        await pilot.press("v")
        await say(pilot, "2 1 0 recorded: Cllr Nolan, Cllr Dennett; Cllr Shah")
        resolution = items(store, meeting_id)[2].resolutions[0]
        assert (resolution.votes_for, resolution.votes_against, resolution.abstentions) == (2, 1, 0)
        assert resolution.recorded == ["Cllr Nolan", "Cllr Dennett", "Cllr Shah"]
        assert any(
            "recorded vote: Cllr Nolan, Cllr Dennett and Cllr Shah" in r for r in row_texts(app, "l-items")
        )
        await pilot.press("v")  # the prompt shows the vote as it stands, to correct
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("end")
        await pilot.press("backspace", *["backspace"] * len("Cllr Shah"))
        await pilot.press("enter")
        await pilot.pause()
        assert items(store, meeting_id)[2].resolutions[0].recorded == ["Cllr Nolan", "Cllr Dennett"]


async def test_the_quorum_is_set_from_the_items_panel_for_the_series(store):
    meeting_id = board(store)
    store.update_attendee(store.get_meeting(meeting_id).attendees[0].id, voting=True)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        assert "NOT QUORATE 1/1 (quorum 3)" in screen_text(app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Quorum" in titles, " / ".join(titles)  # in the palette while typing a point
        await pilot.press("up")
        await pilot.press("q")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("ctrl+u")
        await say(pilot, "none")  # refused: the quorum stays
        assert store.committee_rules(SERIES).quorum == 3
        await pilot.press("q")
        await pilot.press("ctrl+u")
        await say(pilot, "1")
        rules = store.committee_rules(SERIES)
        assert (rules.quorum, rules.numbering, rules.first_minute) == (1, "running", 37)
        assert "Quorate 1/1" in screen_text(app)
        await pilot.press("q")
        await pilot.press("ctrl+u")
        await say(pilot, "")  # empty: no quorum
        assert store.committee_rules(SERIES).quorum is None
        assert "QUORATE" not in screen_text(app).upper()


async def test_space_takes_an_item_and_enter_edits_a_point(store):
    meeting_id = board(store)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        await say(pilot, "A first point")
        await pilot.press("up")  # the point just saved
        await pilot.press("enter")
        await pilot.press("ctrl+u")
        await say(pilot, "A corrected point")
        assert [p.text for p in items(store, meeting_id)[0].points] == ["A corrected point"]
        await pilot.press("up", "end")  # the last item's row
        await pilot.press("space")
        await pilot.press("escape")
        await say(pilot, "Under the last item")
        assert [p.text for p in items(store, meeting_id)[2].points] == ["Under the last item"]


async def test_a_point_with_no_items_is_kept_in_its_field(store):
    meeting_id = board(store, items=0)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        await say(pilot, "Something said")
        assert "Ctrl+O adds one" in messages(app)
        assert app.screen.query_one("#e-items").value == "Something said"


async def test_voting_members_and_the_quorum_in_the_header(store):
    meeting_id = board(store)
    for name in ("Councillor Nolan", "Councillor Dennett", "Councillor Okafor"):
        store.add_attendee(meeting_id, Attendee(name))
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "attendees", today=TODAY)
        assert "Quorum 3: no one voting" in screen_text(app)
        await pilot.press("up", "home", "down")  # Councillor Nolan
        for _ in range(3):
            await pilot.press("v", "down")
        assert [a.voting for a in store.get_meeting(meeting_id).attendees] == [False, True, True, True]
        assert "Quorate 3/3" in screen_text(app)
        assert "voting" in row_texts(app, "l-attendees")[1]
        await pilot.press("l")  # Councillor Okafor (the cursor stayed on the last row) leaves early
        await pilot.pause()
        assert "NOT QUORATE 2/3 (quorum 3)" in screen_text(app)
        assert "ceased to be quorate" in messages(app)
        assert "Councillor Okafor left" in messages(app)


async def test_help_lists_the_agenda_keys_of_the_section_in_focus(store):
    meeting_id = board(store)
    app = make_app(store)
    async with app.run_test(size=(100, 60)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).content)
        assert "In this section" in text
        for words in (
            "On to the next agenda item",
            "approved as recommended",
            "mark the item exempt",
            "votes for",
        ):
            assert words.casefold() in text.casefold()


async def test_approved_as_recommended_keeps_each_recommendation_on_its_own_line(store):
    meeting_id = board(store, items=0)
    two = ["That the Board NOTES the proposals.", "That the Board APPROVES the employer offer."]
    store.add_agenda_item(meeting_id, AgendaItem("8", "Skills alliance", recommendations=two))
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting_id, "items", today=TODAY)
        await pilot.press("ctrl+y", "enter", "enter")  # the outcome as it is, the text as it is
        await pilot.pause()
        assert not isinstance(app.screen, ResolutionScreen)
        assert items(store, meeting_id)[0].resolutions[0].text == "\n".join(two)
