"""`minutes list`: every meeting newest first, the lines written by SQLite in one pass
(store/listing.py), or in Python from plain rows when a title needs symbols or on PostgreSQL:
the same bytes either way."""

from __future__ import annotations

import datetime as dt

import pytest
from support.cli import run

from minutes_tui.store import Store
from minutes_tui.store.listing import format_listing, listing_utf8

pytestmark = pytest.mark.both_backends


def _archive(path) -> Store:
    store = Store.open(path)
    start = dt.date(2024, 1, 1)
    for n in range(11):  # ids 1..11: two-digit ids are right-aligned
        store.create_meeting(series="Board", title=f"Meeting {n}", date=start + dt.timedelta(days=n % 4))
    store.create_meeting(series="", title="", date=None)
    store.create_meeting(series="Forum\x1b[31m", title="[bold]Red[/]", date=start)
    gone = store.create_meeting(series="Board", title="Deleted", date=start)
    store.delete_meeting(gone.id)
    return store


def test_listing_gives_the_meeting_list_as_plain_rows(tmp_path):
    store = _archive(tmp_path / "m.db")
    try:
        expected = [
            (m.id, m.date.isoformat() if m.date else None, m.series, m.title, m.status)
            for m in store.list_meetings()
        ]
        assert store.meetings.listing() == expected
        assert len(expected) == 13 and expected[-1][1] is None
    finally:
        store.close()


def test_list_prints_every_meeting_newest_first_shown_literally(tmp_path):
    store = _archive(tmp_path / "m.db")
    meetings = store.list_meetings()
    store.close()
    lines = run("--db", tmp_path / "m.db", "list").output.splitlines()
    assert len(lines) == 13
    assert lines[0] == f"{meetings[0].id:>2}  2024-01-04  Board  Meeting 7  [draft]"
    assert lines[-1] == "12  ----------  -  (untitled)  [draft]"
    assert " 1  2024-01-01  Board  Meeting 0  [draft]" in lines
    assert "13  2024-01-01  Forum␛[31m  [bold]Red[/]  [draft]" in lines
    assert not any("Deleted" in line for line in lines)


def _fill(store: Store, titles: list[tuple[str, str]], dated: int) -> None:
    """Meetings with these (series, title): the first ``dated`` dated, the rest undated."""
    start = dt.date(2025, 3, 1)
    for n, (series, title) in enumerate(titles):
        store.create_meeting(
            series=series, title=title, date=start - dt.timedelta(days=n % 5) if n < dated else None
        )


PLAIN = [
    ("Board", "Budget"),
    ("", ""),
    ("Forum", "[bold]x[/]"),
    ("Zoë’s group", "Café — 10%s %d"),
    ("A  B", ""),
]


@pytest.mark.parametrize("count", [2, 10, 11, 120])  # widths 1 (id 10 deleted), 2, 3
def test_the_lines_sqlite_writes_are_the_lines_python_makes(store, count):
    _fill(store, [PLAIN[n % len(PLAIN)] for n in range(count)], dated=count * 2 // 3)
    store.delete_meeting(count)  # the newest id deleted: the width is the newest live id's
    assert listing_utf8(store.meetings) == format_listing(store.meetings.listing()).encode()
    assert listing_utf8(store.meetings).count(b"\n") == count - 2


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("nul\x00cut", "nul␀cut"),  # SQLite's printf would stop at the NUL
        ("esc\x1b[2J", "esc␛[2J"),
        ("next line\x85here", "next line\ufffdhere"),  # a C1 control: not ASCII
        ("line\u2028sep", "line\u2028sep"),  # unprintable, not a control: kept as it is
        ("no\xa0break\xadsoft", "no\xa0break\xadsoft"),  # from Word: the same
        ("tab\there", "tab␉here"),
        ("del\x7f and \x9f", "del␡ and \ufffd"),
    ],
)
def test_a_title_with_characters_to_show_as_symbols_is_listed_whole(store, title, shown):
    _fill(store, [("Board", "Plain"), ("Board", title), ("Board", "Plain too")], dated=3)
    lines = listing_utf8(store.meetings).decode().split("\n")
    assert lines[1].endswith(f"  Board  {shown}  [draft]") and len(lines) == 3
    assert listing_utf8(store.meetings) == format_listing(store.meetings.listing()).encode()


def test_an_archive_with_no_live_meeting_lists_nothing(store):
    assert listing_utf8(store.meetings) == b""
    store.create_meeting(series="Board", title="Gone", date=None)
    store.delete_meeting(1)
    assert listing_utf8(store.meetings) == b""


@pytest.mark.sqlite_only
def test_sqlite_walks_the_list_index_alone(store):
    """Migration m016: the list reads ``meetings_listed`` (no lookup of each meeting's row),
    and the check for control characters reads ``meetings_with_controls`` (empty in a usual archive)."""
    from minutes_tui.store import listing

    plans = {
        query: " ".join(row[-1] for row in store.meetings.db.execute(f"EXPLAIN QUERY PLAN {query}", params))
        for query, params in [
            (listing._DATED, (1,)),
            (listing._UNDATED, (1,)),
            (listing._WITH_CONTROLS, ()),
        ]
    }
    dated, undated, nul = plans.values()
    assert "USING COVERING INDEX meetings_listed" in dated, dated
    assert "meetings_listed" in undated and "meetings_with_controls" in nul, (undated, nul)
    for plan in plans.values():
        assert "TEMP B-TREE" not in plan, plan  # no sort
