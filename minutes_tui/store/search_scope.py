"""Searching within chosen meetings (a series, or meetings since a date) at a bounded cost.

An index row id is ``item id * 8 + code`` (see ``schema.INDEXED``), and a meeting's
items in one table mostly have consecutive ids: so each chosen meeting is a few
row-id ranges of the index, found from its first and last item id in each table
(two index seeks). FTS5 reads a range of one word's matches by seeking, but each
lookup costs about as much as reading a few hundred matches, so ranges close
together are read as one and their rows checked against the meetings afterwards.

- A query with at most :data:`FEW_MATCHES` matches in the whole archive is read
  whole (newest first) and its rows kept when their item belongs to a chosen
  meeting: the cost is that of the query, whatever the filter.
- Otherwise the ranges are read newest first and the walk stops as soon as more
  than ``rank_limit`` kept matches are known to be newer than anything unread:
  a common word in an old or sparse series costs what the kept matches cost,
  not a walk over every newer meeting.
- When at most ``rank_limit`` matches are kept they are ranked by bm25 in one
  index lookup (bm25 counts each term's matches in the whole archive at every
  lookup, so ranking range by range would count again and again).

Ranges are only a first sieve: a row is kept once its item's own ``meeting_id``
has been read, so a meeting whose ids are not consecutive (an old meeting edited
later) is never wrong, only slower; one whose ids are very far apart has them
read and split into runs, so it is not slow either.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable

from .gateway import Gateway
from .schema import CARRIED_INDEX, INDEXED
from .schema_board import AGENDA_INDEX

#: Every kind of row the index holds: (table, code, SQL of its text).
ALL_INDEXED = (*INDEXED, CARRIED_INDEX, AGENDA_INDEX)
_TABLE = {code: table for table, code, _ in ALL_INDEXED}
#: Items at most this many apart (in one table) are read as one range of the index.
GAP = 256
#: At most this many items are read as one range, so a walk newest first can stop early.
MAX_RANGE = 4 * GAP
#: A meeting whose first and last item in a table are further apart than this has its
#: item ids read and split into runs of consecutive ids.
WIDE = 16 * GAP
#: A query with at most this many matches in the whole archive is read whole, then filtered.
FEW_MATCHES = 2000
SNIPPET_TOKENS = 16
ELLIPSIS = "…"

#: A match as the index gives it: its row id, meeting id, score (``None`` unranked),
#: the item's text and its snippet with the matches marked.
IndexRow = tuple[int, int, float | None, str, str | None]

COLUMNS = (
    "search_index.rowid, search_index.meeting_id, {score}, search_index.text, "
    f"snippet(search_index, 0, char(2), char(3), '{ELLIPSIS}', {SNIPPET_TOKENS})"
)
_RANGES = "WITH runs(low, high) AS (SELECT value ->> 0, value ->> 1 FROM json_each(?)) "
Runs = dict[int, list[tuple[int, int]]]


def _in(ids: Iterable[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def item_runs(db: Gateway, meeting_ids: list[int]) -> Runs:
    """The chosen meetings' item ids by index code, as sorted (first, last) runs.

    A run may hold other meetings' items (see the module notes); rows are checked.
    """
    runs: Runs = {}
    for table, code, _ in ALL_INDEXED:
        column = "id" if table == "meetings" else "meeting_id"
        spans: list[tuple[int, int]] = []
        for meeting_id, low, high in db.execute(
            f"SELECT m.value, (SELECT min(id) FROM {table} WHERE {column} = m.value), "
            f"(SELECT max(id) FROM {table} WHERE {column} = m.value) FROM json_each(?) AS m",
            (json.dumps(meeting_ids),),
        ):
            if low is None:
                continue
            if high - low <= WIDE:
                spans.append((low, high))
                continue
            ids = sorted(
                r[0] for r in db.execute(f"SELECT id FROM {table} WHERE {column} = ?", (meeting_id,))
            )
            spans.extend(_consecutive(ids))
        if spans:
            runs[code] = _consecutive_runs(sorted(spans))
    return runs


def _consecutive(ids: list[int]) -> list[tuple[int, int]]:
    return _consecutive_runs([(item, item) for item in ids])


def _consecutive_runs(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for low, high in spans:
        if out and low <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(high, out[-1][1]))
        else:
            out.append((low, high))
    return out


class Chosen:
    """The chosen meetings: which index rows may belong to them, and which do."""

    def __init__(self, db: Gateway, meeting_ids: list[int]) -> None:
        self.db = db
        self.meeting_ids = meeting_ids
        self.meetings = set(meeting_ids)
        self._runs: Runs | None = None
        self.lows: dict[int, list[int]] = {}

    @property
    def runs(self) -> Runs:
        """The chosen meetings' item runs by index code (read when first needed)."""
        if self._runs is None:
            self._runs = item_runs(self.db, self.meeting_ids)
            self.lows = {code: [r[0] for r in spans] for code, spans in self._runs.items()}
        return self._runs

    def maybe(self, rowid: int) -> bool:
        """Whether the row's item lies in one of the chosen meetings' runs."""
        if self._runs is None:
            return True
        code, item = rowid % 8, rowid // 8
        lows = self.lows.get(code)
        if not lows:
            return False
        at = bisect.bisect_right(lows, item) - 1
        return at >= 0 and item <= self.runs[code][at][1]

    def keep(self, rowids: Iterable[int]) -> list[int]:
        """The rows (in their order) whose item belongs to a chosen meeting, read from its table."""
        candidates = [rowid for rowid in rowids if self.maybe(rowid)]
        by_code: dict[int, list[int]] = {}
        for rowid in candidates:
            by_code.setdefault(rowid % 8, []).append(rowid // 8)
        kept: set[int] = set()
        for code, items in by_code.items():
            table = _TABLE[code]
            column = "id" if table == "meetings" else "meeting_id"
            for item, meeting_id in self.db.execute(
                f"SELECT id, {column} FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(items),),
            ):
                if meeting_id in self.meetings:
                    kept.add(item * 8 + code)
        return [rowid for rowid in candidates if rowid in kept]

    def ranges(self) -> list[tuple[int, int]]:
        """Index row-id ranges holding every chosen row, newest (highest) first."""
        covers: list[tuple[int, int]] = []
        for code, spans in self.runs.items():
            low, high = spans[0]
            for start, end in spans[1:]:
                if start - high - 1 <= GAP and end - low < MAX_RANGE:
                    high = end
                    continue
                covers.append((low * 8 + code, high * 8 + code))
                low, high = start, end
            covers.append((low * 8 + code, high * 8 + code))
        covers.sort(key=lambda c: c[1], reverse=True)
        return covers


def search_meetings(
    db: Gateway, match: str, meeting_ids: list[int], limit: int, rank_limit: int
) -> list[IndexRow]:
    """Matches in the chosen meetings: newest first if more than ``rank_limit``, else best first."""
    chosen = Chosen(db, meeting_ids)
    every = [
        r[0]
        for r in db.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?",
            (match, FEW_MATCHES + 1),
        )
    ]
    if len(every) <= FEW_MATCHES:
        found = chosen.keep(every)
    elif not chosen.runs:
        return []
    else:
        found = _walk(db, match, chosen, max(limit, rank_limit))
    if len(found) > rank_limit:
        return _rows_of(db, match, found[:limit], {})
    scores = _scores(db, match, found)
    best = sorted((r for r in found if r in scores), key=lambda rowid: (scores[rowid], rowid))[:limit]
    return _rows_of(db, match, best, scores)


def _walk(db: Gateway, match: str, chosen: Chosen, enough: int) -> list[int]:
    """The chosen meetings' matches, newest first, read range by range from the newest;
    it stops once more than ``enough`` are newer than every range not yet read."""
    covers = chosen.ranges()
    found: list[int] = []
    done, batch = 0, 8
    while done < len(covers):
        part = covers[done : done + batch]
        done += len(part)
        rows = db.execute(
            f"{_RANGES}SELECT search_index.rowid FROM runs CROSS JOIN search_index "
            "WHERE search_index MATCH ? AND search_index.rowid BETWEEN runs.low AND runs.high "
            "AND search_index.rowid % 8 = runs.low % 8",
            (json.dumps(part), match),
        )
        found.extend(chosen.keep(rowid for (rowid,) in rows))
        below = covers[done][1] if done < len(covers) else -1
        newer = sum(1 for rowid in found if rowid > below)
        if newer > enough:
            break
        # Read about as many more ranges as the matches so far say are needed.
        wanted = (enough + 1 - newer) * done * 5 // (4 * len(found)) + 1 if found else 2 * batch
        batch = max(8, min(4 * batch, wanted))
    found.sort(reverse=True)
    return found


def _clusters(rowids: Iterable[int]) -> list[tuple[int, int]]:
    """Row-id ranges holding ``rowids``, split where they are far apart (see :data:`GAP`)."""
    out: list[tuple[int, int]] = []
    for rowid in sorted(rowids):
        if out and rowid - out[-1][1] <= GAP * 8:
            out[-1] = (out[-1][0], rowid)
        else:
            out.append((rowid, rowid))
    return out


def _scores(db: Gateway, match: str, rowids: list[int]) -> dict[int, float]:
    """The relevance (bm25) of each of ``rowids``, in one index lookup (see the module notes)."""
    if not rowids:
        return {}
    return dict(
        db.execute(
            "SELECT rowid, bm25(search_index) FROM search_index WHERE search_index MATCH ? "
            "AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))",
            (match, min(rowids), max(rowids), json.dumps(rowids)),
        ).fetchall()
    )


def _rows_of(db: Gateway, match: str, rowids: list[int], scores: dict[int, float]) -> list[IndexRow]:
    """The index rows of ``rowids``, in that order, with their text and snippet."""
    if not rowids:
        return []
    rows = db.execute(
        f"{_RANGES}SELECT {COLUMNS.format(score='NULL')} FROM runs CROSS JOIN search_index "
        "WHERE search_index MATCH ? AND search_index.rowid BETWEEN runs.low AND runs.high "
        "AND +search_index.rowid IN (SELECT value FROM json_each(?))",
        (json.dumps(_clusters(rowids)), match, json.dumps(rowids)),
    ).fetchall()
    by_id = {row[0]: (row[0], row[1], scores.get(row[0]), row[3], row[4]) for row in rows}
    return [by_id[rowid] for rowid in rowids if rowid in by_id]
