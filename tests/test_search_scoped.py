"""Searching within a series or from a date: the same hits in the same order on SQLite and
PostgreSQL, kept true when a meeting's series or date changes, and migration m015 bringing
an older PostgreSQL archive's index along."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_tui.model import Meeting, Point, Turn
from minutes_tui.store import Store, pg_schema
from minutes_tui.store import search as search_module
from minutes_tui.store.search import parse_query
from minutes_tui.store.search_pg import search_rows

SERIES = ("Employment Board", "Skills Alliance", "employment board")


def fill(store: Store) -> None:
    """Meetings of three series (two differing only in case) over three years, one undated."""
    for n in range(12):
        meeting = Meeting(
            series=SERIES[n % 3],
            title=f"Meeting {n}",
            date=dt.date(2023 + n % 4 // 2 + n // 8, 1 + n, 1) if n != 11 else None,
        )
        meeting.round_robin = [
            Turn("LSC", [Point(f"employer offer {n}"), Point(f"zebra {n}" if n % 2 else "apprentices")])
        ]
        store.add_meeting(meeting)
    gone = store.add_meeting(
        Meeting(series="Employment Board", title="employer gone", date=dt.date(2025, 1, 1))
    )
    store.delete_meeting(gone.id)


def hits(store: Store, words: str, **filters: object) -> list[tuple[int, str, int]]:
    return [(h.meeting_id, h.kind, h.item_id) for h in store.search(words, **filters)]


FILTERS = [
    {"series": "employment board"},
    {"series": "Skills Alliance"},
    {"series": "No Such Series"},
    {"since": "2024-03-01"},
    {"since": "2030-01-01"},
    {"series": "EMPLOYMENT BOARD", "since": dt.date(2024, 1, 1)},
]


@pytest.mark.parametrize("rank_limit", [1000, 2])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_filtered_search_gives_the_same_hits_on_both_backends(
    tmp_path, pg_url, monkeypatch, filters, rank_limit
):
    # rank_limit=2: more matches than that come newest first, in the same order on both.
    monkeypatch.setattr(search_module, "RANK_LIMIT", rank_limit)
    lite, server = Store.open(tmp_path / "a.db"), Store.open(pg_url)
    try:
        fill(lite)
        fill(server)
        for words in ("employer", "zebra", "appren*", "offer 3", "nothing"):
            want, got = hits(lite, words, **filters), hits(server, words, **filters)
            if rank_limit == 2:
                assert got == want, words
            else:  # ranked best first: each engine scores its own way
                assert sorted(got) == sorted(want), words
    finally:
        lite.close()
        server.close()


def test_a_meeting_moved_to_another_series_or_date_is_found_there(pg_url):
    store = Store.open(pg_url)
    try:
        fill(store)
        moved = next(m for m in store.list_meetings() if m.series == "Skills Alliance")
        store.update_meeting(moved.id, series="Finance Panel", date=dt.date(2031, 5, 1))
        assert {m for m, _, _ in hits(store, "employer", series="finance panel")} == {moved.id}
        assert {m for m, _, _ in hits(store, "employer", since="2031-01-01")} == {moved.id}
        assert moved.id not in {m for m, _, _ in hits(store, "employer", series="Skills Alliance")}
    finally:
        store.close()


def test_the_scope_tokens_never_match_typed_words(pg_url):
    store = Store.open(pg_url)
    try:
        store.add_meeting(Meeting(series="Board", title="zebra", date=dt.date(2024, 1, 1)))
        for words in ("s*", "y*", "y2024", "#y2024", "s", "#"):
            assert hits(store, words) == [], words
            assert hits(store, words, series="Board") == [], words
        assert hits(store, "zebra", series="Board", since="2024-01-01") != []
    finally:
        store.close()


def test_m015_brings_an_older_archives_index_along(pg_cluster, monkeypatch):
    older = [(name, fn) for name, fn in pg_schema.PG_MIGRATIONS if name != "m015_scoped_search"]
    pg_cluster.admin("CREATE DATABASE before_m015")
    url = pg_cluster.url("before_m015")
    try:
        with monkeypatch.context() as patch:
            patch.setattr(pg_schema, "PG_MIGRATIONS", older)
            store = Store.open(url)
            fill(store)
            store.close()
        store = Store.open(url)
        try:
            assert "m015_scoped_search" in pg_schema.applied(store.gateway.conn)  # type: ignore[attr-defined]
            board = {m.id for m in store.list_meetings() if m.series.lower() == "employment board"}
            assert {m for m, _, _ in hits(store, "employer", series="Employment Board")} == board
            assert len(hits(store, "employer", since="2024-03-01")) > 0
        finally:
            store.close()
    finally:
        pg_cluster.drop_database(url)


def test_the_index_rows_hold_no_copy_of_the_meetings_series_or_date(pg_url):
    # Searches without a filter read these rows too: only the scope tokens in ``words`` are kept.
    store = Store.open(pg_url)
    try:
        columns = {
            r[0]
            for r in store.gateway.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'search_index'"
            )
        }
        assert columns == {"rowid", "text", "kind", "meeting_id", "words"}
    finally:
        store.close()


@pytest.mark.parametrize("rank_limit", [1000, 2])
def test_a_search_reads_the_index_once(pg_url, monkeypatch, rank_limit):
    # Counting the matches and reading the page used to search the index twice.
    monkeypatch.setattr(search_module, "RANK_LIMIT", rank_limit)
    store = Store.open(pg_url)
    try:
        fill(store)
        statements: list[str] = []
        execute = store.gateway.execute

        def spy(sql: str, params: object = ()) -> object:
            statements.append(sql)
            return execute(sql, params)  # type: ignore[arg-type]

        monkeypatch.setattr(store.gateway, "execute", spy)
        for filters in ({}, *FILTERS):
            statements.clear()
            hits(store, "employer", **filters)
            assert sum("search_index" in s for s in statements) == 1, filters
    finally:
        store.close()


def test_ranked_hits_are_scored_on_their_own_words(pg_url):
    # The scope tokens in each row's words leave its score as ts_rank over the text alone.
    store = Store.open(pg_url)
    try:
        fill(store)
        rows = search_rows(store.gateway, parse_query("employer offer"), None, None, 50, 1000)
        assert len(rows) == 12
        for rowid, _, score, _, _ in rows:
            want = store.gateway.execute(
                "SELECT -ts_rank(to_tsvector('simple', minutes_fold(text)), "
                "websearch_to_tsquery('simple', 'employer') && websearch_to_tsquery('simple', 'offer'), 8) "
                "FROM search_index WHERE rowid = ?",
                (rowid,),
            ).fetchone()[0]
            assert score == pytest.approx(want, rel=1e-6)
        assert [r[2] for r in rows] == sorted(r[2] for r in rows)
    finally:
        store.close()
