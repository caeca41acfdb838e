"""Search within a series or since a date: the same answers as a walk over everything, at a
cost that follows the chosen meetings, not the archive."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.model import Action, Bullet, Meeting, Point, Turn
from minutes_tui.store import Store, search_scope
from minutes_tui.store import search as search_module

pytestmark = pytest.mark.both_backends
SERIES = ("Skills Board", "Employer Forum", "Old Committee")


def _meeting(n: int, series: str, date: dt.date, word: str = "employer") -> Meeting:
    return Meeting(
        series=series,
        title=f"{series} {n}",
        date=date,
        sections={"agreed": [Bullet(f"{word} agreed item {n}")]},
        round_robin=[
            Turn("LSC", [Point(f"{word} point {n} {k}" + " filler" * (k % 3)) for k in range(3)]),
            Turn("JCP", [Point(f"nothing here {n}")]),
        ],
        actions=[Action(f"Write to the {word} {n}", owner="Priya")],
    )


@pytest.fixture
def mixed(store: Store) -> Store:
    """Three series taking turns over 60 meetings; the old committee stopped after 15,
    and one of its meetings was edited much later (its ids are no longer consecutive)."""
    start = dt.date(2020, 1, 6)
    old = []
    for n in range(60):
        series = SERIES[n % 3] if n < 15 else SERIES[n % 2]
        meeting = store.add_meeting(_meeting(n, series, start + dt.timedelta(days=7 * n)))
        if series == "Old Committee":
            old.append(meeting)
    turn = old[1].round_robin[0]
    store.add_point(turn.id, "employer added later")
    store.add_bullet(old[2].id, "agreed", "employer agreed later")
    return store


def _walk_everything(monkeypatch, store: Store, *args, **kwargs):
    """The answer from the plain walk over the whole index (no meeting ranges)."""
    with monkeypatch.context() as patch:
        patch.setattr(search_module, "FEW_MEETINGS", 0)
        patch.setattr(search_module, "ALWAYS_SCOPED", 0)
        return store.search(*args, **kwargs)


def _key(hits):
    return [(h.meeting_id, h.kind, h.item_id, h.score) for h in hits]


QUERIES = ["employer", "agreed", '"employer point"', "empl*", "filler", "nothing", "zeugma"]
FILTERS = [
    {"series": "old committee"},
    {"series": "Skills Board"},
    {"series": "Employer Forum", "since": "2020-06-01"},
    {"since": "2020-12-01"},
    {"series": "No such series"},
]


@pytest.mark.parametrize("rank_limit", [1000, 7])
@pytest.mark.parametrize("few_matches", [2000, 0])
@pytest.mark.parametrize("gap", [256, 0])
def test_series_and_since_give_the_same_hits_in_the_same_order(
    mixed, monkeypatch, rank_limit, few_matches, gap
):
    # rank_limit 7: many matches, newest first; few_matches 0: the ranges are walked even for a
    # rare word; gap 0: every run of consecutive ids is its own range.
    monkeypatch.setattr(search_module, "RANK_LIMIT", rank_limit)
    monkeypatch.setattr(search_scope, "FEW_MATCHES", few_matches)
    monkeypatch.setattr(search_scope, "GAP", gap)
    monkeypatch.setattr(search_scope, "MAX_RANGE", max(4 * gap, 4))
    monkeypatch.setattr(search_module, "SPARSE", 0)  # always look up the chosen meetings' ranges
    monkeypatch.setattr(search_module, "ALWAYS_SCOPED", 10_000)  # (and their rows, on PostgreSQL)
    for query in QUERIES:
        for filters in FILTERS:
            for limit in (3, 50):
                expected = _walk_everything(monkeypatch, mixed, query, limit=limit, **filters)
                got = mixed.search(query, limit=limit, **filters)
                assert _key(got) == _key(expected), (query, filters, limit)
                assert [h.snippet for h in got] == [h.snippet for h in expected]


def test_an_old_meeting_edited_later_is_still_found(mixed):
    hits = mixed.search("later", series="Old Committee")
    assert {h.text for h in hits} == {"employer added later", "employer agreed later"}
    assert {h.meeting_id for h in mixed.search("employer", series="Old Committee")} == {
        m.id for m in mixed.list_meetings() if m.series == "Old Committee"
    }


def _steps(store: Store, *args, **kwargs) -> int:
    """SQLite virtual-machine steps the search takes (a count of work, not a time)."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn = store.db.conn
    conn.set_progress_handler(count, 1)
    try:
        store.search(*args, **kwargs)
    finally:
        conn.set_progress_handler(None, 1)
    return steps


def _archive(meetings: int) -> Store:
    """A small series in the first weeks, then ``meetings`` of a busy one; the word everywhere."""
    store = Store.open(":memory:")
    start = dt.date(2010, 1, 4)
    for n in range(meetings):
        series = "Old Committee" if n < 12 and n % 3 == 0 else "Busy Board"
        store.add_meeting(_meeting(n, series, start + dt.timedelta(days=7 * n)))
    return store


@pytest.mark.parametrize("rank_limit", [1000, 5])
def test_a_common_word_in_a_small_old_series_costs_what_the_series_costs(monkeypatch, rank_limit):
    # The word is in every meeting, more than FEW_MATCHES times; the old series holds 4
    # meetings among the first 12. Four times the archive must not be four times the work.
    monkeypatch.setattr(search_scope, "FEW_MATCHES", 50)
    monkeypatch.setattr(search_module, "RANK_LIMIT", rank_limit)
    small, large = _archive(100), _archive(400)
    try:
        assert _key(small.search("employer", series="Old Committee")) == _key(
            large.search("employer", series="Old Committee")
        )
        before = _steps(small, "employer", series="Old Committee")
        after = _steps(large, "employer", series="Old Committee")
        assert after < 1.3 * before, (before, after)
        with monkeypatch.context() as patch:  # the walk over every newer match grows with the archive
            patch.setattr(search_module, "FEW_MEETINGS", 0)
            patch.setattr(search_module, "ALWAYS_SCOPED", 0)
            walked = (
                _steps(small, "employer", series="Old Committee"),
                _steps(large, "employer", series="Old Committee"),
            )
        assert walked[1] > 3 * walked[0]
        assert after < walked[1] / 3
    finally:
        small.close()
        large.close()
