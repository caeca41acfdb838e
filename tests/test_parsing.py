"""The pure logic behind the app: attendees, dates, visible text, speakers, debounce."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.autosave import Debouncer
from minutes_tui.model import Attendee
from minutes_tui.parsing import (
    DateError,
    format_attendee,
    format_date,
    owner_completions,
    parse_attendee,
    parse_date,
    people_completions,
    single_line,
)
from minutes_tui.roundrobin import SpeakerQueue, default_speakers
from minutes_tui.text import displayable, visible


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Priya (Cogent SSC)", ("Priya", "Cogent SSC")),
        ("  Priya   (Cogent  SSC) ", ("Priya", "Cogent SSC")),
        ("Tom, LSC", ("Tom", "LSC")),
        ("Tom,LSC", ("Tom", "LSC")),
        ("JCP", ("", "JCP")),
        ("Business Link", ("", "Business Link")),
        ("Dave & (ChemiCol)", ("Dave &", "ChemiCol")),
        ("(NWDA)", ("", "NWDA")),
        ("Helen (NWDA (North))", ("Helen", "NWDA (North)")),
        ("Ann, Dept for Business, Energy", ("Ann", "Dept for Business, Energy")),
        ("Priya ()", ("", "Priya ()")),
        ("", ("", "")),
        ("   ", ("", "")),
    ],
)
def test_parse_attendee(text, expected):
    assert parse_attendee(text) == expected


@pytest.mark.parametrize(
    ("name", "org"), [("Priya", "Cogent SSC"), ("", "JCP"), ("Tom", ""), ("Dave &", "ChemiCol")]
)
def test_format_attendee_reads_back(name, org):
    assert parse_attendee(format_attendee(name, org)) == (name, org)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-30", dt.date(2025, 4, 30)),
        ("30/04/2025", dt.date(2025, 4, 30)),
        ("3/4/2025", dt.date(2025, 4, 3)),
        ("30.04.2025", dt.date(2025, 4, 30)),
        ("30-04-2025", dt.date(2025, 4, 30)),
        ("30/04/25", dt.date(2025, 4, 30)),
        (" 01/12/2024 ", dt.date(2024, 12, 1)),
        ("", None),
        ("  ", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["tomorrow", "31/02/2025", "2025-13-01", "04/30", "30/04/2025x", "1/2/3"])
def test_parse_date_rejects_with_a_clear_message(text):
    with pytest.raises(DateError) as info:
        parse_date(text)
    message = str(info.value)
    assert repr(text.strip()) in message
    assert "dd/mm/yyyy" in message and "yyyy-mm-dd" in message


def test_format_date():
    assert format_date(dt.date(2025, 4, 3)) == "03/04/2025"
    assert format_date(None) == ""


def test_displayable_replaces_control_characters():
    assert displayable("a\x1b[31mb") == "a\u241b[31mb"
    assert displayable("bell\x07 del\x7f c1\x9b") == "bell\u2407 del\u2421 c1\ufffd"
    assert displayable("tab\there") == "tab here"
    assert displayable("[bold]x[/] [link=x]y") == "[bold]x[/] [link=x]y"
    assert "\n" not in displayable("two\nlines")


def test_visible_keeps_printable_text_and_pictures_the_rest():
    """Printable text comes back as it is; controls, lone surrogates and separators are still seen to."""
    for text in ("", "Plain words", "ünïcödé 🧪 – “quoted”", "\u00a0nbsp and \u200b zero width"):
        assert visible(text) == text
    assert visible("esc\x1b and \x85 next line") == "esc\u241b and \ufffd next line"
    assert visible("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert visible("line\u2028separator\nnew") == "line\u2028separator\u240anew"


def test_single_line():
    assert single_line("a\nb\r\nc") == "a b c"
    assert single_line("plain") == "plain"


def test_people_completions_labels_then_organisations():
    people = [("Priya", "Cogent SSC"), ("", "JCP"), ("Tom", "LSC"), ("priya", "cogent ssc")]
    assert people_completions(people) == [
        "Priya (Cogent SSC)",
        "JCP",
        "Tom (LSC)",
        "Cogent SSC",
        "LSC",
    ]


def test_owner_completions():
    assert owner_completions([("Priya", "Cogent SSC"), ("", "JCP")]) == [
        "Priya",
        "Cogent SSC",
        "Priya (Cogent SSC)",
        "JCP",
    ]


def test_default_speakers_are_present_organisations_in_order_once():
    people = [
        Attendee("Priya", "Cogent SSC"),
        Attendee("Helen", "NWDA", attendance="apologies"),
        Attendee("Tom", "LSC"),
        Attendee("Aisha", "cogent ssc"),
        Attendee("Gareth", ""),
        Attendee("", "JCP", attendance="in_attendance"),
        Attendee("Ann", "Absent Org", attendance="absent"),
    ]
    assert default_speakers(people) == ["Cogent SSC", "LSC", "Gareth", "JCP"]


def test_speaker_queue_moves_and_adds():
    queue = SpeakerQueue(["A", "B", "C"])
    assert queue.current == "A"
    assert queue.next() == "B"
    assert queue.next() == "C"
    assert queue.at_end()
    assert queue.next() == "A"  # round again from the first
    assert queue.previous() == "C"  # and back to the last
    assert queue.previous() == "B"
    assert queue.add("Humber") == "Humber"
    assert queue.speakers == ["A", "B", "Humber", "C"]
    assert queue.add("a") == "A"  # already listed: jump to them
    assert queue.speakers == ["A", "B", "Humber", "C"]
    queue.rename("Humber", "Humber LEP")
    assert "Humber LEP" in queue.speakers


def test_speaker_queue_build_starts_at_first_not_heard():
    people = [Attendee("", "A"), Attendee("", "B"), Attendee("", "C")]
    queue = SpeakerQueue.build(people, ["A", "Extra"])
    assert queue.speakers == ["A", "B", "C", "Extra"]
    assert queue.current == "B"
    assert SpeakerQueue.build(people, ["A", "B", "C"]).current == "C"
    assert SpeakerQueue.build([], []).current is None
    empty = SpeakerQueue()
    assert empty.next() is None and empty.previous() is None
    assert empty.add("X") == "X"


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_debouncer_waits_for_a_pause():
    clock = Clock()
    d = Debouncer(delay=0.4, max_wait=0.8, clock=clock)
    d.touch("a")
    assert d.due() == []
    clock.now = 0.3
    d.touch("a")
    clock.now = 0.6
    assert d.due() == []
    clock.now = 0.71
    assert d.due() == ["a"]
    d.done("a")
    assert not d and d.due() == []


def test_debouncer_saves_continuous_typing_every_max_wait():
    clock = Clock()
    d = Debouncer(delay=0.4, max_wait=0.8, clock=clock)
    for step in range(8):
        clock.now = step * 0.1
        d.touch("a")
        assert d.due() == []
    clock.now = 0.8
    d.touch("a")
    assert d.due() == ["a"]


def test_debouncer_keys_are_independent():
    clock = Clock()
    d = Debouncer(delay=0.4, clock=clock)
    d.touch("a")
    clock.now = 0.2
    d.touch("b")
    clock.now = 0.5
    assert d.due() == ["a"]
    assert d.pending() == ["a", "b"]
    assert d.is_pending("b")
    d.done("a")
    d.done("missing")
    assert d.pending() == ["b"]
