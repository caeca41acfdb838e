"""A prefix longer than the index's own (``appren*``): read once, the same answers."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.model import Meeting, Point, Turn
from minutes_tui.store import Store
from minutes_tui.store import search as search_module

WORDS = ("apprentice", "apprentices", "apprenticeship", "approach")


def _archive(store: Store, meetings: int) -> list[int]:
    ids = []
    for n in range(meetings):
        points = [Point(f"the {word} plan {n}") for word in WORDS] + [Point(f"nothing to see {n}")]
        meeting = Meeting(
            series="Board" if n % 2 else "Forum",
            title=f"Meeting {n}",
            date=dt.date(2024, 1, 1) + dt.timedelta(days=7 * n),
            round_robin=[Turn("LSC", points)],
        )
        ids.append(store.add_meeting(meeting).id)
    return ids


def _matches_read(store: Store, *args, **kwargs) -> tuple[list, int]:
    """The hits, and how many statements read the full-text index."""
    statements: list[str] = []
    conn = store.db.conn
    conn.set_trace_callback(statements.append)
    try:
        hits = store.search(*args, **kwargs)
    finally:
        conn.set_trace_callback(None)
    return hits, sum("MATCH" in sql for sql in statements)


def _key(hits):
    return [(h.meeting_id, h.kind, h.item_id, h.score, h.snippet) for h in hits]


@pytest.mark.parametrize("filters", [{}, {"since": "2024-01-01"}])
def test_a_long_prefix_with_many_matches_reads_the_index_once(store, monkeypatch, filters):
    monkeypatch.setattr(search_module, "RANK_LIMIT", 10)
    monkeypatch.setattr(search_module, "FEW_MEETINGS", 0)  # the walk over everything
    monkeypatch.setattr(search_module, "ALWAYS_SCOPED", 0)
    _archive(store, 8)
    hits, reads = _matches_read(store, "appren*", limit=5, **filters)
    assert reads == 1
    newest = [f"the {word} plan {n}" for n in (7, 6) for word in WORDS[2::-1]]
    assert [h.text for h in hits] == newest[:5]
    assert all(h.score is None for h in hits)
    assert [s for s, match in hits[0].snippet if match] == ["apprenticeship"]
    # A short prefix (the index's own) and a plain word are counted first, as before.
    assert _matches_read(store, "ap*", limit=5, **filters)[1] == 2
    assert _matches_read(store, "apprentices", limit=5, **filters)[1] == 2


def test_a_long_prefix_gives_what_the_counting_walk_gives(store, monkeypatch):
    _archive(store, 6)
    for rank_limit in (1000, 10, 3):
        monkeypatch.setattr(search_module, "RANK_LIMIT", rank_limit)
        for limit in (2, 50):
            for query in ("appren*", "apprentices* plan", "approa*", "appren* nothing"):
                got = store.search(query, limit=limit)
                with monkeypatch.context() as patch:
                    patch.setattr(search_module, "_costly_prefix", lambda terms: False)
                    expected = store.search(query, limit=limit)
                assert _key(got) == _key(expected), (query, rank_limit, limit)
    monkeypatch.setattr(search_module, "RANK_LIMIT", 1000)
    ranked = store.search("apprenti*")
    assert ranked and all(h.score is not None for h in ranked)
