"""Hostile text through every field of the app (Pilot): kept in the database, shown literally.

Each string goes into a field as typed (inserted at the cursor, control characters
and all) and is saved with Enter. The database keeps it as the Store does (lone
surrogates become U+FFFD); the screen shows markup-like text verbatim and never
a raw escape character. The store, import and export side is test_faults_hostile.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.hostile import CORPUS
from support.tui import keys_for, open_meeting, screen_text, send_keys, type_text, wait_until
from textual import events
from textual.widgets import Input

from minutes_tui.model import Action, Attendee
from minutes_tui.parsing import format_attendee, parse_attendee
from minutes_tui.prefixes import parse_point
from minutes_tui.store import Store
from minutes_tui.text import storable
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.action_log import ActionLogScreen
from minutes_tui.tui.screens.meeting import MeetingScreen

MARKUP = ["[bold]x[/]", "[link=http://x]y[/link]", "[/]", "[@click=app.quit]q[/]"]
HOSTILE = [
    *CORPUS[:-1],  # the 200,000-character point has its own test
    *MARKUP,
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b[31mred\x1b[0m",
    "NUL\x00inside",
    "lone \ud800 surrogate",
    "\u0645\u062d\u0636\u0631 right to left \u202eevil",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 zwj family",
    "=SUM(A1:A9)",
    "../../etc/passwd",
]
#: One of each kind, for the quick run; the slow run types every string into every field.
CORE = [
    CORPUS[0],  # every C0 and C1 control, NUL and DEL
    CORPUS[2],  # escape sequences
    "\x1b[2J",
    "\x1b]0;title\x07",
    *MARKUP,
    "NUL\x00inside",
    "lone \ud800 surrogate",
    "\u0645\u062d\u0636\u0631 right to left \u202eevil",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 zwj family",
    "=SUM(A1:A9)",
    "../../etc/passwd",
]
EVERY = pytest.mark.parametrize(
    "hostile", [pytest.param(CORE, id="core"), pytest.param(HOSTILE, id="all", marks=pytest.mark.slow)]
)
#: Printable and short: the screen must show these exactly as typed.
SHOWN_VERBATIM = [*MARKUP, "=SUM(A1:A9)", "../../etc/passwd"]
SIZE = (160, 50)


def filed(text: str) -> bool:
    """Whether a point typed as ``text`` is filed elsewhere (``@owner``, ``A:``: an action)."""
    return parse_point(text, today=dt.date.today()).filed


def put(app, widget_id: str, text: str) -> None:
    """Type ``text`` into the field, as if each character had been typed (controls too)."""
    field = app.screen.query_one(f"#{widget_id}", Input)
    field.focus()
    field.insert_text_at_cursor(text)


def shown(app) -> str:
    text = screen_text(app)
    assert "\x1b" not in text, "a raw escape reached the screen"
    controls = [c for c in text if (c < " " and c != "\n") or "\x7f" <= c <= "\x9f"]
    assert not controls, f"control characters reached the screen: {controls!r}"
    return text


async def settle(pilot) -> None:
    await pilot.pause()
    await wait_until(pilot, lambda: not pilot.app.screen.debounce and not pilot.app.screen.failed)


def db_bullets(store, meeting_id: int, section: str) -> list[str]:
    return [b.text for b in store.get_meeting(meeting_id).sections.get(section, [])]


@EVERY
async def test_hostile_points_attendees_and_details(store, hostile):
    meeting = store.create_meeting(series="Board", title="Hostile")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting(app, pilot, meeting.id, "overview")
        for text in hostile:
            put(app, "e-overview", text)
            await pilot.press("enter")
            await settle(pilot)
            page = shown(app)
            if text in SHOWN_VERBATIM:
                assert text in page, text
        want = [storable(t) for t in hostile if t.strip() and not filed(t)]
        assert db_bullets(store, meeting.id, "overview") == want

        await pilot.press("f3")
        for text in hostile:
            put(app, "e-attendees", text)
            await pilot.press("enter")
            await settle(pilot)
            page = shown(app)
            if text in SHOWN_VERBATIM:  # as read: "=SUM(A1:A9)" is "=SUM" of "A1:A9"
                assert format_attendee(*parse_attendee(text)) in page, text
        people = [(a.name, a.organisation) for a in store.get_meeting(meeting.id).attendees]
        assert people == [parse_attendee(storable(t)) for t in hostile if t.strip()]

        await pilot.press("f2")
        for text in hostile:
            field = screen.query_one("#f-title", Input)
            field.value = ""
            put(app, "f-title", text)
            await pilot.press("enter")
            await settle(pilot)
            assert store.get_header(meeting.id).title == storable(text)
            shown(app)  # the top bar shows the title too


@EVERY
async def test_hostile_round_robin_points_and_speakers(store, hostile):
    meeting = store.create_meeting(title="Hostile")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(app, pilot, meeting.id, "round_robin")
        speakers = [t for t in hostile if t.strip()][:12]
        speakers += [m for m in MARKUP if m not in speakers]
        for n, speaker in enumerate(speakers):
            await pilot.press("ctrl+o")
            await pilot.pause()
            put(app, "speaker-name", speaker)
            await pilot.press("enter")
            await pilot.pause()
            put(app, "e-round_robin", hostile[n % len(hostile)] or "empty")
            await pilot.press("enter")
            await settle(pilot)
            page = shown(app)
            if speaker in SHOWN_VERBATIM:
                assert speaker in page, speaker
        turns = store.get_meeting(meeting.id).round_robin
        assert [t.speaker for t in turns] == [storable(" ".join(s.split())) for s in speakers]
        texts = [p.text for t in turns for p in t.points]
        points = [hostile[n % len(hostile)] or "empty" for n in range(len(speakers))]
        assert texts == [storable(p) for p in points if not filed(p)]


@EVERY
async def test_hostile_actions_and_the_action_log_filter(store, hostile):
    meeting = store.create_meeting(title="Hostile")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(app, pilot, meeting.id, "actions")
        typed = [t for t in hostile if t.strip()]
        for n, text in enumerate(typed):
            put(app, "e-action-text", text)
            await pilot.press("enter")
            put(app, "e-action-owner", typed[-1 - n])
            await pilot.press("enter", "enter")
            await settle(pilot)
            page = shown(app)
            if text in SHOWN_VERBATIM:
                assert text in page, text
        actions = store.get_meeting(meeting.id).actions
        assert [(a.text, a.owner) for a in actions] == [
            (storable(t), storable(typed[-1 - n])) for n, t in enumerate(typed)
        ]
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, ActionLogScreen)
        for text in [*hostile, "[bold]x[/]"]:
            field = app.screen.query_one("#owner-filter", Input)
            field.value = ""
            put(app, "owner-filter", text)
            await pilot.pause()
            page = shown(app)
            if text in SHOWN_VERBATIM:
                assert text in page, text
            await pilot.press("enter")
            await pilot.pause()
            shown(app)


@EVERY
async def test_hostile_home_search(store, hostile):
    meeting = store.create_meeting(series="[bold]Board[/]", title="\x1b[2JHostile")
    store.add_bullet(meeting.id, "overview", "[link=http://x]y[/link] \x1b]0;title\x07 found")
    store.add_attendee(meeting.id, Attendee("[b]Ann", "\x1b[31mOrg"))
    store.add_action(meeting.id, Action("[/] act", "[i]owner"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[bold]Board[/]" in shown(app)
        for text in [*hostile, "found", "link", "title", "act"]:
            await pilot.press("slash")
            field = app.screen.query_one("#search", Input)
            field.value = ""
            put(app, "search", text)
            await pilot.pause(0.3)  # the search runs once typing pauses
            shown(app)
        await pilot.press("escape")
        put(app, "search", "found")
        await wait_until(pilot, lambda: "found" in shown(app) and "link=http://x" in shown(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "[link=http://x]y[/link]" in shown(app)


@pytest.mark.serial  # bounds on time per key
async def test_a_200000_character_point_keeps_typing_fast(store):
    meeting = store.create_meeting(title="Long")
    long = "H19 long " + "x" * 200_000
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "overview")
        put(app, "e-overview", long)
        started = time.perf_counter()
        await pilot.press("y")  # one key in the field holding all of it
        in_field = time.perf_counter() - started
        await pilot.press("enter")
        await settle(pilot)
        shown(app)
        started = time.perf_counter()
        await pilot.press("z")  # the next point, beside the long one
        after = time.perf_counter() - started
        await type_text(pilot, "ext point")
        await pilot.press("enter")
        await settle(pilot)
    assert db_bullets(store, meeting.id, "overview") == [long + "y", "zext point"]
    assert in_field < 0.5, f"a key beside 200,000 characters took {in_field:.2f} s"
    assert after < 0.5, f"a key after a 200,000-character point took {after:.2f} s"


async def test_a_pasted_hostile_block_is_one_clean_line(store):
    meeting = store.create_meeting(title="Paste")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(app, pilot, meeting.id, "overview")
        block = "\n".join(t for t in HOSTILE if not filed(t))  # "@H11 formula" is an action of H11
        app.screen.focused.post_message(events.Paste(block))
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        shown(app)
    (saved,) = db_bullets(store, meeting.id, "overview")
    assert "\x1b" not in saved and "\x00" not in saved and "\n" not in saved
    for text in SHOWN_VERBATIM:
        assert text in saved


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip() and not filed(t)))
def test_any_text_in_a_point_is_kept_and_shown_harmlessly(text):
    store = Store.open(":memory:")
    meeting = store.create_meeting(title="Generated")

    async def run() -> None:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_meeting(app, pilot, meeting.id, "agreed")
            put(app, "e-agreed", text)
            await pilot.press("enter")
            await settle(pilot)
            shown(app)

    try:
        asyncio.run(run())
        assert db_bullets(store, meeting.id, "agreed") == [storable(text)]
    finally:
        store.close()


async def test_enter_then_a_section_key_goes_to_the_field_it_was_pressed_in(store):
    """Enter in the due date, F3 at once, a name: the name stays in the attendee field.

    (Found by test_faults_crash.py: Enter was resolved as a binding only once it had
    bubbled up to the app, by which time F3 had moved the focus, so it "pressed Enter"
    in the attendee field and split one attendee in two.)
    """
    meeting = store.create_meeting(title="Board")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "actions")
        await type_text(pilot, "Draft the offer")
        await pilot.press("enter")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        send_keys(app, [("enter", "\r"), ("f3", None), *keys_for("Tom, LSC")])
        await settle(pilot)
        assert app.screen.query_one("#e-attendees", Input).value == "Tom, LSC"
    m = store.get_meeting(meeting.id)
    assert [(a.text, a.owner) for a in m.actions] == [("Draft the offer", "Priya")]
    assert [(a.name, a.organisation) for a in m.attendees] == [("Tom", "LSC")]


async def test_typing_straight_after_the_due_date_starts_the_next_action(store):
    meeting = store.create_meeting(title="Board")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(app, pilot, meeting.id, "actions")
        await type_text(pilot, "Draft the offer")
        await pilot.press("enter")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await type_text(pilot, "30/04/2025")
        send_keys(app, [("enter", "\r"), *keys_for("Next one")])
        await settle(pilot)
    assert [a.text for a in store.get_meeting(meeting.id).actions] == ["Draft the offer", "Next one"]


async def test_typing_straight_after_n_lands_in_the_new_meeting_dialog(store):
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_keys(app, [("n", "n"), *keys_for("Skills")])
        await pilot.pause()
        await wait_until(pilot, lambda: bool(app.screen.query("#new-series")))
        assert app.screen.query_one("#new-series", Input).value == "Skills"


async def test_slash_then_fast_typing_searches_and_does_not_open_a_dialog(store):
    store.create_meeting(title="New employer offer", series="Skills")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_keys(app, [("slash", "/"), *keys_for("new")])
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "new"
        assert not app.screen.query("#new-series")


async def test_arrows_then_enter_on_the_home_list_open_the_meeting_they_reached(store):
    ids = [store.create_meeting(title=f"Board {n}", series="Skills").id for n in range(3)]
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        first = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        send_keys(app, [("down", None), ("down", None), ("enter", "\r")])
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await pilot.pause()
        order = [int(k.value) for k in table.rows]
        assert app.screen.meeting_id == order[order.index(first) + 2]
        assert sorted(order) == sorted(ids)


async def test_typing_straight_after_enter_on_a_meeting_lands_in_its_first_field(store):
    store.create_meeting(title="Board", series="Skills")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_keys(app, [("enter", "\r"), *keys_for(" 2025 board")])
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await settle(pilot)
        # The meeting opens on its details, the first field focused: every key is in it.
        assert app.focused.id == "f-series"
        assert app.focused.value == "Skills 2025 board"
