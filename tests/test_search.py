"""Searching the archive: safe queries, phrases, prefixes, filters, sections, highlighting."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.samples import full_meeting

from minutes_tui.model import SECTION_TITLES, Action, Attendee, Bullet, Meeting, Point, Turn
from minutes_tui.store import Store, StoreError
from minutes_tui.store import search as search_module
from minutes_tui.store.search import parse_query, segments, to_fts_query

pytestmark = pytest.mark.both_backends

HOSTILE = [
    "",
    " ",
    '"',
    '""',
    '"""',
    "*",
    "**",
    "-",
    "- employer",
    "AND",
    "OR",
    "NOT",
    "employer AND",
    "AND employer",
    "employer OR NOT",
    "NEAR(",
    "NEAR(employer offer, 2)",
    "text:employer",
    "kind:bullets",
    "^employer",
    "employer)",
    "(employer",
    "{text}: employer",
    "employer*offer",
    '"unclosed phrase',
    'half"quote',
    "'single'",
    "\\",
    "%",
    "\x00",
    "\ud800",
    "emp\x00loyer",
    "*employer",
    "e*",
    "[bold]",
    "🧪",
    "?",
    "+",
    "$",
]


@pytest.fixture
def archive(store):
    store.add_meeting(full_meeting())
    return store


def search(store: Store, query: str, **kwargs):
    return store.search(query, **kwargs)


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(archive, query):
    hits = search(archive, query)
    assert isinstance(hits, list)


@given(
    st.lists(
        st.one_of(
            st.text(),
            st.text(alphabet=st.characters(codec=None, exclude_categories=())),
            st.sampled_from(
                ['"', "*", "-", "(", ")", ":", "^", "AND", "OR", "NOT", "NEAR(", "\x00", "\ud800"]
            ),
            st.sampled_from(["employer", "offer", "appren*", '"share one"', "Priya"]),
        ),
        max_size=8,
    ).map(" ".join)
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_a_safe_query(archive, text):
    for prefix_last in (False, True):
        hits = archive.search(text, prefix_last=prefix_last)
        assert isinstance(hits, list)
        query = to_fts_query(text, prefix_last=prefix_last)
        assert query is None or query.strip()


def test_parse_query_keeps_phrases_and_prefixes_and_quotes_the_rest():
    assert to_fts_query('"share one" appren* AND -x') == '"share one" "appren"* "AND" "-x"'
    assert to_fts_query("employer") == '"employer"'
    assert to_fts_query('"unclosed phrase') == '"unclosed phrase"'
    assert to_fts_query('"a b"*') == '"a b"*'
    assert to_fts_query("* - \" ''") is None
    assert to_fts_query("") is None
    assert to_fts_query("e*") == '"e"'  # a one-letter prefix is too costly: taken as a word
    assert to_fts_query("appren", prefix_last=True) == '"appren"*'
    assert to_fts_query("appren ", prefix_last=True) == '"appren"'
    assert [t.phrase for t in parse_query('one "two three"')] == [False, True]


def test_empty_query_finds_nothing(archive):
    assert search(archive, "") == []
    assert search(archive, '"" * -') == []


def test_plain_words_all_must_match_in_any_order(archive):
    hits = search(archive, "offer employer")
    assert {h.section for h in hits} == {"purpose", "actions"}
    assert search(archive, "employer nonsenseword") == []


def test_phrases_match_words_in_order(archive):
    assert [h.section for h in search(archive, '"one employer contact"')] == ["agreed"]
    assert search(archive, '"contact employer one"') == []


def test_prefixes(archive):
    hits = search(archive, "appren*")
    assert {h.section for h in hits} == {"header", "overview"}
    assert search(archive, "appren") == []
    assert {h.section for h in search(archive, "appren", prefix_last=True)} == {"header", "overview"}


def test_diacritics_and_case_are_ignored(store):
    store.add_meeting(Meeting(title="Café review", date=dt.date(2025, 1, 1)))
    assert len(search(store, "CAFE")) == 1
    assert len(search(store, "café")) == 1


def test_section_labels_and_items(archive):
    meeting = archive.list_meetings()[0]
    full = archive.get_meeting(meeting.id)
    by_section = {h.section: h for h in search(archive, "employer")}
    agreed = by_section["agreed"]
    assert agreed.label == SECTION_TITLES["agreed"] == "All agreed"
    assert agreed.kind == "bullets" and agreed.item_id == full.sections["agreed"][0].id
    assert agreed.meeting_id == meeting.id and agreed.date == dt.date(2025, 3, 14)
    assert agreed.series == "North West Chemicals Skills Alliance"
    action = by_section["actions"]
    assert action.label == "Actions" and action.item_id == full.actions[0].id

    point = search(archive, "single contact")[0]
    jcp = full.round_robin[1]
    assert point.kind == "points" and point.item_id == jcp.points[0].id
    assert point.turn_id == jcp.id and point.label == "Round robin: JCP"
    assert point.section == "round_robin"

    turn = search(archive, "Cogent")
    assert {(h.kind, h.label) for h in turn} >= {("turns", "Round robin"), ("attendees", "Attendees")}
    header = search(archive, "Runcorn")[0]
    assert header.kind == "meetings" and header.item_id == meeting.id and header.label == "Meeting"


def test_every_section_maps_to_its_title(store):
    meeting = Meeting(title="Sections", date=dt.date(2024, 5, 1))
    for section in SECTION_TITLES:
        meeting.sections[section] = [Bullet(f"zebra in {section}")]
    store.add_meeting(meeting)
    hits = search(store, "zebra")
    assert sorted(h.label for h in hits) == sorted(SECTION_TITLES.values())
    assert all(h.label == SECTION_TITLES[h.section] for h in hits)


def test_highlighting_is_segments_not_markup(archive):
    hit = search(archive, "share")[0]
    assert hit.kind == "actions"
    assert hit.text.startswith("[bold]Share[/] list")  # markup in the minutes stays text
    assert hit.matches == ["Share"]
    assert all(isinstance(text, str) and isinstance(flag, bool) for text, flag in hit.snippet)
    phrase = search(archive, '"one employer"')[0]
    assert "".join(t for t, m in phrase.snippet if m).replace(" ", "") == "oneemployer"


def test_long_text_is_cut_to_a_snippet_around_the_match(archive):
    hit = search(archive, "operators")[0]
    assert len(hit.text) < 200 and "…" in hit.text and hit.matches


def test_marker_characters_in_the_minutes_do_not_confuse_highlighting(store):
    store.add_meeting(Meeting(title="odd \x02 text \x03 zebra", date=dt.date(2024, 1, 1)))
    hit = search(store, "zebra")[0]
    assert hit.matches == [] and "zebra" in hit.text


def test_segments_parsing():
    assert segments("a \x02b\x03 c") == (("a ", False), ("b", True), (" c", False))
    assert segments("\x02b\x03\x02c\x03") == (("bc", True),)
    assert segments("\x02open") == (("open", True),)
    assert segments("") == ()


def _dated_meetings(store, count, series, start, text="zebra"):
    ids = []
    for n in range(count):
        meeting = Meeting(series=series, title=f"{series} {n}", date=start + dt.timedelta(days=n))
        meeting.round_robin = [Turn("LSC", [Point(f"{text} point {n}")])]
        ids.append(store.add_meeting(meeting).id)
    return ids


@pytest.mark.parametrize("few_meetings", [0, 1000])
def test_series_and_since_filters(store, monkeypatch, few_meetings):
    # few_meetings=0 walks the whole index, 1000 looks up the chosen meetings' rows only.
    monkeypatch.setattr(search_module, "FEW_MEETINGS", few_meetings)
    monkeypatch.setattr(search_module, "ALWAYS_SCOPED", few_meetings)
    board = _dated_meetings(store, 5, "Employment Board", dt.date(2024, 1, 1))
    skills = _dated_meetings(store, 5, "Skills Alliance", dt.date(2024, 1, 3))
    store.add_meeting(Meeting(series="Skills Alliance", title="zebra undated"))
    assert {h.meeting_id for h in search(store, "zebra", series="employment board")} == set(board)
    since = {h.meeting_id for h in search(store, "zebra", since=dt.date(2024, 1, 5))}
    assert since == set(board[4:]) | set(skills[2:])
    both = {h.meeting_id for h in search(store, "zebra", series="Skills Alliance", since="2024-01-06")}
    assert both == set(skills[3:])
    assert search(store, "zebra", series="No such series") == []
    assert search(store, "zebra", since="2030-01-01") == []
    assert len(search(store, "zebra", series="Skills Alliance")) == 6


def test_bad_since_is_a_store_error(archive):
    with pytest.raises(StoreError, match="not a date"):
        search(archive, "employer", since="14th March")


def test_few_matches_come_best_first(store):
    store.add_meeting(Meeting(title="levy", date=dt.date(2024, 1, 1)))
    store.add_meeting(
        Meeting(
            title="Other",
            date=dt.date(2024, 2, 1),
            round_robin=[Turn("LSC", [Point("levy levy levy"), Point("the levy is one word of many here")])],
        )
    )
    hits = search(store, "levy")
    assert all(h.score is not None for h in hits)
    assert [h.score for h in hits] == sorted(h.score for h in hits)
    assert hits[0].text == "levy levy levy"


@pytest.mark.parametrize("few_meetings", [0, 1000])
def test_many_matches_come_newest_first_without_ranking(store, monkeypatch, few_meetings):
    monkeypatch.setattr(search_module, "RANK_LIMIT", 5)
    monkeypatch.setattr(search_module, "FEW_MEETINGS", few_meetings)
    monkeypatch.setattr(search_module, "ALWAYS_SCOPED", few_meetings)
    ids = _dated_meetings(store, 12, "Board", dt.date(2024, 1, 1))
    hits = search(store, "zebra", limit=4, series="Board")
    assert [h.meeting_id for h in hits] == ids[::-1][:4]
    assert all(h.score is None for h in hits)
    assert len(search(store, "zebra", limit=4)) == 4


def test_limit_and_deleted_items(store):
    draft = full_meeting()
    draft.status = "draft"
    archive = store
    archive.add_meeting(draft)
    assert len(search(archive, "employer", limit=1)) == 1
    assert search(archive, "employer", limit=0) == []
    hit = [h for h in search(archive, "employer") if h.section == "agreed"][0]
    archive.delete_bullet(hit.item_id)
    assert "agreed" not in {h.section for h in search(archive, "employer")}
    archive.delete_meeting(hit.meeting_id)
    assert search(archive, "employer") == []


def test_edits_are_found_at_once(store):
    meeting = store.create_meeting(title="Board", date="2025-01-01")
    attendee = store.add_attendee(meeting.id, Attendee("Aisha", "JCP"))
    action = store.add_action(meeting.id, Action("Send the list", "Tom"))
    assert search(store, "Aisha")[0].item_id == attendee.id
    store.update_action(action.id, text="Send the zebra list")
    assert search(store, "zebra")[0].item_id == action.id


def test_meeting_list_pages_and_keyset_pages_agree_with_the_full_list(store):
    for n in range(7):
        store.create_meeting(title=f"dated {n}", date=dt.date(2024, 1, 1 + n % 3))
    for n in range(4):
        store.create_meeting(title=f"undated {n}")
    full = store.list_meetings()
    assert [m.title for m in full[-4:]] == [f"undated {n}" for n in (3, 2, 1, 0)]
    for size in (1, 3, 5, 50):
        paged = [m for offset in range(0, 12, size) for m in store.list_meetings(limit=size, offset=offset)]
        assert paged == full
        keyset = store.list_meetings(limit=size)
        while len(keyset) < len(full):
            last = keyset[-1]
            page = store.list_meetings_before(last.date, last.id, limit=size)
            assert page
            keyset += page
        assert keyset == full
        assert store.list_meetings_before(full[-1].date, full[-1].id, limit=size) == []


def test_matters_arising_notes_are_found_and_survive_a_repair(store):
    first = store.create_meeting(series="Board", title="One", date="2025-01-01")
    action = store.add_action(first.id, Action("Send the list", "Tom"))
    second = store.create_meeting(series="Board", title="Two", date="2025-02-01")
    with store.gateway.write():
        store.gateway.execute(
            "INSERT INTO carried_actions (meeting_id, action_id, note, position) VALUES (?, ?, ?, 1)",
            (second.id, action.id, "zebra list half done"),
        )
    hit = search(store, "zebra")[0]
    assert (hit.kind, hit.section, hit.label, hit.meeting_id) == (
        "carried_actions",
        "matters_arising",
        "Matters arising",
        second.id,
    )
    assert store.check() == []
    store.repair()
    assert store.check() == [] and search(store, "zebra")[0].kind == "carried_actions"
