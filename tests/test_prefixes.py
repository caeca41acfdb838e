"""Typed prefixes: what a point files as, and why a malformed one files nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes_tui.model import Attendee
from minutes_tui.parsing import DateError
from minutes_tui.prefixes import (
    Filing,
    add_months,
    describe,
    due_date,
    match_owner,
    owner_completions,
    parse_point,
    people_of,
)

#: A Tuesday.
TODAY = dt.date(2026, 4, 28)
PEOPLE = ["Priya", "Cogent SSC", "Tom", "LSC", "Jane Doe", "JCP", "Prakash", "Business Link"]


def parse(text: str, **options) -> Filing:
    return parse_point(text, today=TODAY, people=PEOPLE, **options)


# -- well-formed prefixes ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed, kind, text, owner, due",
    [
        ("A: Draft the employer offer", "action", "Draft the employer offer", "", None),
        ("a: draft it", "action", "draft it", "", None),
        ("Action: Draft it", "action", "Draft it", "", None),
        ("ACTION:Draft it", "action", "Draft it", "", None),
        ("  A:  Draft it  ", "action", "Draft it", "", None),
        ("D: Providers share one list", "decision", "Providers share one list", "", None),
        ("Decision: Share one list", "decision", "Share one list", "", None),
        ("Agreed: Share one list", "decision", "Share one list", "", None),
        ("A: Draft the offer @Priya", "action", "Draft the offer", "Priya", None),
        ("A: Draft the offer @pri", "action", "Draft the offer", "Priya", None),
        ("A: Draft the offer @PRIYA", "action", "Draft the offer", "Priya", None),
        ("A: Draft the offer @cog", "action", "Draft the offer", "Cogent SSC", None),
        ('A: Draft the offer @"Jane Doe"', "action", "Draft the offer", "Jane Doe", None),
        ("A: Draft the offer @Jane_Doe", "action", "Draft the offer", "Jane Doe", None),
        ("A: Draft the offer @business_l", "action", "Draft the offer", "Business Link", None),
        ("A: Draft the offer @Priya.", "action", "Draft the offer", "Priya", None),
        (
            "Circulate the timetable @Tom. due:+2w",
            "action",
            "Circulate the timetable",
            "Tom",
            dt.date(2026, 5, 12),
        ),
        (
            "Circulate the timetable @Tom due:+2w.",
            "action",
            "Circulate the timetable",
            "Tom",
            dt.date(2026, 5, 12),
        ),
        ("Book it due:fri. Then call @Tom", "action", "Book it. Then call", "Tom", dt.date(2026, 5, 1)),
        ("A: Draft the offer. @Priya", "action", "Draft the offer.", "Priya", None),
        (
            "A: Draft the offer – @Priya – due:30/04",
            "action",
            "Draft the offer",
            "Priya",
            dt.date(2026, 4, 30),
        ),
        ("A: Draft the offer @Priya due:fri", "action", "Draft the offer", "Priya", dt.date(2026, 5, 1)),
        (
            "A: due:fri @Priya Draft the offer",
            "action",
            "Priya Draft the offer",
            "Priya",
            dt.date(2026, 5, 1),
        ),
        ("A: Send the list to @JCP by May", "action", "Send the list to JCP by May", "JCP", None),
        ("@Priya to draft the offer", "action", "Priya to draft the offer", "Priya", None),
        ("Draft the offer due:+2w", "action", "Draft the offer", "", dt.date(2026, 5, 12)),
        ("A: Joint work @Priya @Tom", "action", "Joint work", "Priya, Tom", None),
        ("A: Twice @Priya @priya", "action", "Twice", "Priya", None),
        ("A: Multi-line\nsecond line @Tom", "action", "Multi-line\nsecond line", "Tom", None),
    ],
)
def test_prefixes_file_the_point(typed, kind, text, owner, due):
    filing = parse(typed)
    assert (filing.kind, filing.text, filing.owner, filing.due) == (kind, text, owner, due)
    assert filing.problems == () and filing.filed and filing.typed == typed


@pytest.mark.parametrize(
    "value, expected",
    [
        ("30/04", dt.date(2026, 4, 30)),
        ("28/04", dt.date(2026, 4, 28)),  # today counts: on or after
        ("27/04", dt.date(2027, 4, 27)),  # passed this year: next year's
        ("1.5", dt.date(2026, 5, 1)),
        ("29/02", dt.date(2028, 2, 29)),  # the next leap year
        ("30/04/2026", dt.date(2026, 4, 30)),
        ("30/04/27", dt.date(2027, 4, 30)),
        ("2026-04-30", dt.date(2026, 4, 30)),
        ("fri", dt.date(2026, 5, 1)),
        ("Friday", dt.date(2026, 5, 1)),
        ("tue", dt.date(2026, 5, 5)),  # today is Tuesday: next week's
        ("tues", dt.date(2026, 5, 5)),
        ("mon", dt.date(2026, 5, 4)),
        ("wed", dt.date(2026, 4, 29)),
        ("today", TODAY),
        ("tomorrow", dt.date(2026, 4, 29)),
        ("+3d", dt.date(2026, 5, 1)),
        ("+2w", dt.date(2026, 5, 12)),
        ("+1m", dt.date(2026, 5, 28)),
        ("+12M", dt.date(2027, 4, 28)),
        ("eom", dt.date(2026, 4, 30)),
    ],
)
def test_due_forms(value, expected):
    assert due_date(value, TODAY) == expected
    assert parse(f"A: Do it due:{value}").due == expected


def test_due_fri_on_a_friday_is_the_next_one():
    friday = dt.date(2026, 5, 1)
    assert parse_point("A: x due:fri", today=friday, people=[]).due == dt.date(2026, 5, 8)


def test_months_stay_in_the_month():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_unknown_owner_is_kept_as_typed_with_a_note():
    filing = parse("A: Book the room @Someone")
    assert filing.kind == "action" and filing.owner == "Someone" and filing.text == "Book the room"
    assert filing.notes == ("Someone is not an attendee; kept as typed",)
    assert "Someone is not an attendee" in describe(filing)


def test_past_due_date_files_with_a_note():
    filing = parse("A: Late already due:01/01/2020")
    assert filing.kind == "action" and filing.due == dt.date(2020, 1, 1)
    assert filing.notes == ("the due date Wed 01/01/2020 has passed",)


def test_email_addresses_and_words_ending_in_due_are_not_prefixes():
    for text in ("Write to priya@example.com", "The report is overdue:30/04 they said", "Area: north"):
        assert parse(text) == Filing("note", text, typed=text)


def test_a_saved_note_turned_into_an_action_with_one_key():
    filing = parse("Draft the offer", as_kind="action")
    assert (filing.kind, filing.text) == ("action", "Draft the offer")
    filing = parse("Share one list", as_kind="decision")
    assert (filing.kind, filing.text) == ("decision", "Share one list")
    # A prefix the note already has wins.
    assert parse("D: Share one list", as_kind="action").kind == "decision"
    with pytest.raises(ValueError):
        parse("x", as_kind="note")


# -- malformed prefixes: nothing filed, the text kept exactly, the reason in plain words ----------


@pytest.mark.parametrize(
    "typed, problem",
    [
        ("A:", "A: needs some text after it"),
        ("A:   ", "A: needs some text after it"),
        ("a:", "a: needs some text after it"),
        ("Action:", "Action: needs some text after it"),
        ("D:", "D: needs some text after it"),
        ("Agreed:", "Agreed: needs some text after it"),
        ("A: @Priya due:fri", "A: needs some text after it"),
        ("A: Draft the offer due:31/02", "due:31/02 is not a date"),
        ("A: Draft the offer due:31/02/2026", "due:31/02/2026 is not a date"),
        ("A: Draft the offer due:31/04", "due:31/04 is not a date"),
        ("A: Draft the offer due:13/13", "due:13/13 is not a date"),
        ("A: Draft the offer due:0/5", "due:0/5 is not a date"),
        ("A: Draft the offer due:soon", "due:soon is not a date"),
        ("A: Draft the offer due:+2y", "due:+2y is not a date"),
        ("A: Draft the offer due:", "due: needs a date after it"),
        ("A: Draft the offer @", "@ needs a name"),
        ("Draft the offer @", "@ needs a name"),
        ("A: Draft the offer @.", "@ needs a name"),
        ('A: Draft the offer @""', '@"" needs a name'),
        ('A: Draft the offer @"Jane Doe', '@"Jane Doe needs a closing quote'),
        ("A: Draft the offer @Pr", "@Pr could be Priya, Prakash: type more of the name"),
        ("A: Draft the offer due:fri due:mon", "due:fri and due:mon: give one due date"),
        ("D: Share one list @Priya", "a decision has no owner or due date (start with A: for an action)"),
        ("D: Share one list due:fri", "a decision has no owner or due date (start with A: for an action)"),
        ("@Priya", "an action needs some text after it"),
    ],
)
def test_malformed_prefixes_file_nothing_and_say_why(typed, problem):
    filing = parse(typed)
    assert filing.kind == "note" and not filing.filed
    assert filing.text == typed and filing.typed == typed
    assert filing.owner == "" and filing.due is None
    assert any(p.startswith(problem) for p in filing.problems), filing.problems
    assert describe(filing).startswith("Kept as typed: ")
    assert problem in describe(filing)


def test_several_problems_are_all_reported():
    filing = parse("A: @ due:31/02")
    assert filing.problems[:2] == ("@ needs a name", filing.problems[1])
    assert "due:31/02 is not a date" in filing.problems[1]


# -- describe, owners ----------------------------------------------------------------


def test_describe():
    assert describe(parse("A: Draft @pri due:fri")) == "Action · owner Priya · due Fri 01/05/2026"
    assert describe(parse("A: Draft")) == "Action"
    assert describe(parse("D: Share")) == "Decision"
    assert describe(parse("Just a note")) == "Note"


def test_owner_matching_exact_beats_prefix():
    people = ["Tom", "Tomasz"]
    assert match_owner("tom", people) == ("Tom", "", "")
    assert match_owner("toma", people) == ("Tomasz", "", "")
    assert match_owner("to", people)[1] == "@to could be Tom, Tomasz: type more of the name"


COUNCIL = ["Cllr Mary Nolan", "Councillor Dennett", "Dr Amir Shah", "Halton Council", "Nolan Hughes Ltd"]


@pytest.mark.parametrize(
    "wanted, owner",
    [
        ("dennett", "Councillor Dennett"),
        ("mary", "Cllr Mary Nolan"),
        ("mary_nol", "Cllr Mary Nolan"),
        ("shah", "Dr Amir Shah"),
        ("cllr", "Cllr Mary Nolan"),  # the start of the name as typed still comes first
        ("hughes", "Nolan Hughes Ltd"),
    ],
)
def test_an_owner_is_found_by_any_word_of_the_name_after_titles(wanted, owner):
    assert match_owner(wanted.replace("_", " "), COUNCIL) == (owner, "", "")


def test_a_word_of_several_names_is_ambiguous_and_titles_are_not_words():
    assert match_owner("nolan", COUNCIL) == ("Nolan Hughes Ltd", "", "")  # the name starts so
    people = ["Cllr Mary Nolan", "Councillor Dennett"]
    assert match_owner("nolan", people) == ("Cllr Mary Nolan", "", "")
    assert match_owner("coun", people)[0] == "Councillor Dennett"  # typed from the start
    assert match_owner("c", ["Dr Carl Nolan", "Dr Cath Shah"])[1].startswith("@c could be")
    assert match_owner("councillor", ["Cllr Mary Nolan"]) == (
        "councillor",
        "",
        "councillor is not an attendee; kept as typed",
    )
    filing = parse_point(
        "Circulate the contact list and timetable @nolan. due:+2w", today=TODAY, people=people
    )
    assert (filing.kind, filing.text, filing.owner) == (
        "action",
        "Circulate the contact list and timetable",
        "Cllr Mary Nolan",
    )
    assert owner_completions("@nol", people) == ["Cllr Mary Nolan"]


def test_owner_completions_and_people_of_attendees():
    attendees = [Attendee("Priya", "Cogent SSC"), Attendee("", "JCP"), Attendee("Prakash", "cogent ssc")]
    assert people_of(attendees) == ["Priya", "Cogent SSC", "JCP", "Prakash"]
    assert owner_completions("@pr", people_of(attendees)) == ["Priya", "Prakash"]
    assert owner_completions('@"cogent s', people_of(attendees)) == ["Cogent SSC"]
    assert owner_completions("@", ["A", "B"]) == ["A", "B"]


# -- properties --------------------------------------------------------------------


@given(st.text(), st.lists(st.text(max_size=20), max_size=5), st.dates())
def test_any_text_parses_without_raising(text, people, today):
    filing = parse_point(text, today=today, people=people)
    assert filing.kind in ("note", "action", "decision") and filing.typed == text
    if filing.problems or filing.kind == "note":
        assert filing.text == text and filing.owner == "" and filing.due is None
    else:
        assert filing.text.strip()


_PLAIN = st.text(
    alphabet=st.characters(blacklist_characters="@:", blacklist_categories=("Cs",)), max_size=200
)


@given(_PLAIN)
def test_a_note_without_prefixes_is_returned_unchanged(text):
    assert parse(text) == Filing("note", text, typed=text)


@given(
    st.sampled_from(["A:", "a:", "Action:", "D:", "Decision:", "Agreed:"]),
    _PLAIN.filter(lambda t: t.strip() and "due" not in t.lower()),
)
def test_a_prefixed_point_files_its_text(prefix, text):
    filing = parse(f"{prefix} {text}")
    assert filing.kind == ("action" if prefix.lower() in ("a:", "action:") else "decision")
    assert filing.problems == () and filing.text == text.strip()


def test_malformed_due_never_raises_on_odd_digits():
    for value in ("\u0661\u0662/\u0660\u0664", "99/99", "+999m", "+999d", "-1d", "2026-02-30"):
        filing = parse(f"A: x due:{value}")
        assert filing.kind in ("note", "action")
    with pytest.raises(DateError):
        due_date("31/02", TODAY)


def test_a_kind_prefix_after_leading_due_or_owner_words_still_counts():
    filing = parse_point("due:30/04 A: Book venue", today=dt.date(2026, 4, 20))
    assert (filing.kind, filing.text, filing.due) == ("action", "Book venue", dt.date(2026, 4, 30))
    filing = parse_point("due:30/04 D: Book venue", today=dt.date(2026, 4, 20))
    assert filing.kind == "note" and filing.problems
