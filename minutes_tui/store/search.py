"""Searching the archive: user text to a safe FTS5 query, and matches to :class:`SearchHit`.

What a user may type
    Plain words (all must match, in any order), ``"quoted phrases"`` (the words in
    that order) and prefixes (``appren*``). Everything else is taken literally:
    ``AND``, ``OR``, ``NOT``, ``NEAR(``, ``-``, ``:``, ``^``, brackets and stray
    quotes are words or punctuation, never FTS5 syntax, so no query raises. An
    unclosed quote makes a phrase of the rest. A query with no letters or digits
    finds nothing.

How the work is bounded (see the measured fact in DESIGN.md: ranking every match
of a common word over a million rows takes about a second)
    First the newest :data:`RANK_LIMIT` matches are counted by walking the index
    in row-id order, which stops after that many and computes nothing per row.
    If there are fewer (a rare word, or a precise phrase), every match is ranked
    by relevance (FTS5's bm25) and the best ``limit`` returned. If there are more
    (a word found in most meetings), ranking them all would be slow and say
    little, so the most recently written matches are returned instead (the index
    row id grows with the item's id), without scoring. Either way the work is at
    most a few thousand index rows. Snippets are made for the returned rows only,
    except for a prefix longer than the index's own (``appren*``): FTS5 merges the
    lists of every word it begins before the first row, at each query, so its newest
    matches are read once, snippets and all, rather than counted and then read again.

Filters
    ``series`` (case-insensitive, exact name) and ``since`` (meeting date on or
    after) choose meetings through the ``meetings`` table. When they leave at
    most :data:`FEW_MEETINGS`, sparse among the meetings written since the oldest
    chosen one (a series, an old series), only those meetings' row-id ranges of
    the index are read, newest first, stopping as soon as the answer is known
    (``search_scope``): cost follows the chosen meetings and the matches kept, not
    the archive. A dense filter (meetings since last year) walks the index newest
    first as above, skipping other meetings' rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import SECTION_TITLES
from ..search_model import ACTIONS, ATTENDEES, HEADER, MATTERS_ARISING, ROUND_ROBIN, SearchHit, Segment
from ..text import storable
from .errors import StoreError
from .gateway import Gateway
from .search_scope import ALL_INDEXED as ALL_INDEXED  # also used by maintenance
from .search_scope import COLUMNS, IndexRow, search_meetings

#: Up to this many matches are ranked by relevance; beyond it, newest first.
RANK_LIMIT = 1000
#: A filter that leaves at most this many meetings, and at most one in :data:`SPARSE` of the
#: meetings written since its oldest one, looks up just their items in the index; a wider or
#: denser one (say, meetings since last year) walks the index newest first, skipping others.
FEW_MEETINGS = 2000
SPARSE = 4
#: ... and a filter leaving at most this many meetings always looks up just theirs (the walk
#: newest first reads every match of the word when the chosen meetings hold few of them).
ALWAYS_SCOPED = 200
#: A prefix (``ab*``) needs at least this many letters; shorter ones are taken as words,
#: because a one-letter prefix makes FTS5 merge the lists of thousands of words.
MIN_PREFIX = 2
_OPEN, _CLOSE = "\x02", "\x03"

_CODE_TO_TABLE = {code: table for table, code, _ in ALL_INDEXED}
_KIND_SECTION = {
    "meetings": (HEADER, "Meeting"),
    "attendees": (ATTENDEES, "Attendees"),
    "turns": (ROUND_ROBIN, "Round robin"),
    "points": (ROUND_ROBIN, "Round robin"),
    "actions": (ACTIONS, "Actions"),
    "carried_actions": (MATTERS_ARISING, "Matters arising"),
    "agenda_items": ("items", "Items"),
}


@dataclass(frozen=True)
class Term:
    """One term of a query: its words, whether a phrase, whether a prefix."""

    text: str
    phrase: bool = False
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def parse_query(text: str, *, prefix_last: bool = False) -> list[Term]:
    """The terms of what a user typed (see the module notes); ``[]`` if none.

    ``prefix_last`` makes the last word a prefix when the text does not end in a
    space: for search as you type, where the last word is still being typed.
    """
    text = storable(text or "").replace("\x00", " ")
    terms: list[Term] = []
    i, n = 0, len(text)
    last_bare = None
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            end = text.find('"', i + 1)
            inner = text[i + 1 :] if end < 0 else text[i + 1 : end]
            i = n if end < 0 else end + 1
            prefix = i < n and text[i] == "*"
            while i < n and text[i] == "*":
                i += 1
            if _has_word(inner):
                terms.append(Term(" ".join(inner.split()), phrase=True, prefix=prefix))
            last_bare = None
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        stem = word.rstrip("*")
        if not _has_word(stem):
            last_bare = None
            continue
        is_prefix = stem != word and sum(ch.isalnum() for ch in stem) >= MIN_PREFIX
        terms.append(Term(stem, prefix=is_prefix))
        last_bare = len(terms) - 1 if i == n else None
    if prefix_last and last_bare is not None:
        term = terms[last_bare]
        if sum(ch.isalnum() for ch in term.text) >= MIN_PREFIX:
            terms[last_bare] = Term(term.text, prefix=True)
    return terms


def to_fts_query(text: str, *, prefix_last: bool = False) -> str | None:
    """A safe FTS5 MATCH expression for what a user typed, or ``None`` for no search."""
    terms = parse_query(text, prefix_last=prefix_last)
    return " ".join(term.fts() for term in terms) if terms else None


def _since_text(since: dt.date | str | None) -> str | None:
    if since is None or since == "":
        return None
    if isinstance(since, dt.datetime):
        since = since.date()
    if isinstance(since, dt.date):
        return since.isoformat()
    try:
        return dt.date.fromisoformat(since).isoformat()
    except ValueError:
        raise ValueError(f"{since!r} is not a date (use YYYY-MM-DD)") from None


def search(
    db: Gateway,
    query: str,
    *,
    series: str | None = None,
    since: dt.date | str | None = None,
    limit: int = 50,
    prefix_last: bool = False,
) -> list[SearchHit]:
    """Items matching ``query``, best first when few match, newest first when many.

    ``series`` keeps meetings of that series (any case); ``since`` keeps meetings
    dated on or after it. Raises ``ValueError`` only for a ``since`` that is not a
    date; any query text is safe.
    """
    terms = parse_query(query, prefix_last=prefix_last)
    match = " ".join(term.fts() for term in terms) if terms else None
    if match is None or limit <= 0:
        return []
    if getattr(db, "dialect", "sqlite") == "postgresql":
        from .search_pg import search_rows

        return _hits(db, search_rows(db, terms, series, _since_text(since), int(limit), RANK_LIMIT))
    conditions: list[str] = []
    params: list[object] = []
    if series:
        conditions.append("series = ? COLLATE NOCASE")
        params.append(storable(series))
    since_text = _since_text(since)
    if since_text:
        conditions.append("date >= ?")
        params.append(since_text)
    if not conditions:
        # Deleted meetings stay indexed (a restore needs no reindexing); they are few.
        deleted = [r[0] for r in db.execute("SELECT id FROM meetings WHERE deleted IS NOT NULL")]
        where = f" AND meeting_id NOT IN ({_in(deleted)})" if deleted else ""
        return _hits(db, _search_all(db, match, where, [], int(limit), one_pass=_costly_prefix(terms)))
    conditions.append("deleted IS NULL")
    meetings = f"SELECT id FROM meetings WHERE {' AND '.join(conditions)}"
    chosen = [r[0] for r in db.execute(meetings, params)]
    if not chosen:
        return []
    since_oldest = db.execute("SELECT max(id) FROM meetings").fetchone()[0] - min(chosen) + 1
    if len(chosen) <= ALWAYS_SCOPED or (len(chosen) <= FEW_MEETINGS and len(chosen) * SPARSE <= since_oldest):
        return _hits(db, search_meetings(db, match, chosen, int(limit), RANK_LIMIT))
    return _hits(
        db,
        _search_all(
            db, match, f" AND meeting_id IN ({meetings})", params, int(limit), one_pass=_costly_prefix(terms)
        ),
    )


def _search_all(
    db: Gateway, match: str, where: str, params: list[object], limit: int, *, one_pass: bool = False
) -> list[IndexRow]:
    """Walk the whole index newest first (optionally keeping some meetings' rows).

    ``one_pass`` reads the newest matches once, with their snippets, instead of first
    counting them: for a query whose every read costs much before its first row (a long
    prefix, see :func:`_costly_prefix`), that halves the work when many match.
    """
    sql = f"FROM search_index WHERE search_index MATCH ?{where}"
    if one_pass:
        newest = db.execute(
            f"SELECT {COLUMNS.format(score='NULL')} {sql} ORDER BY rowid DESC LIMIT ?",
            (match, *params, max(RANK_LIMIT + 1, limit)),
        ).fetchall()
        many = len(newest) > RANK_LIMIT
        if many or not newest:
            return newest[:limit]
    else:
        many = db.execute(
            f"SELECT rowid {sql} ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, *params, RANK_LIMIT)
        ).fetchone()
    order, score = ("rowid DESC", "NULL") if many else ("rank", "rank")
    return db.execute(
        f"SELECT {COLUMNS.format(score=score)} {sql} ORDER BY {order} LIMIT ?", (match, *params, limit)
    ).fetchall()


def _costly_prefix(terms: list[Term]) -> bool:
    """Whether a prefix term is longer than the index's own prefixes (2 and 3 characters):
    FTS5 then merges the lists of every word it begins, all of them, at each query."""
    return any(t.prefix and len(t.text.split()[-1]) > 3 for t in terms)


def _in(ids: Iterable[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def _hits(db: Gateway, rows: list[IndexRow]) -> list[SearchHit]:
    if not rows:
        return []
    meetings = {
        r[0]: r[1:]
        for r in db.execute(
            f"SELECT id, series, title, date FROM meetings WHERE id IN ({_in({r[1] for r in rows})}) "
            "AND deleted IS NULL"
        )
    }
    by_kind: dict[str, set[int]] = {}
    for rowid, *_ in rows:
        by_kind.setdefault(_CODE_TO_TABLE.get(rowid % 8, ""), set()).add(rowid // 8)
    sections = {}
    if by_kind.get("bullets"):
        sections = dict(
            db.execute(f"SELECT id, section FROM bullets WHERE id IN ({_in(by_kind['bullets'])})")
        )
    points = {}
    if by_kind.get("points"):
        points = {
            r[0]: (r[1], r[2])
            for r in db.execute(
                "SELECT points.id, turns.id, turns.speaker FROM points JOIN turns ON turns.id = points.turn_id "
                f"WHERE points.id IN ({_in(by_kind['points'])})"
            )
        }
    hits = []
    for rowid, meeting_id, score, text, snippet in rows:
        kind, item_id = _CODE_TO_TABLE.get(rowid % 8), rowid // 8
        meeting = meetings.get(meeting_id)
        if kind is None or meeting is None:
            continue
        turn_id = None
        if kind == "bullets":
            if item_id not in sections:
                continue
            section = sections[item_id]
            label = SECTION_TITLES.get(section, section)
        else:
            section, label = _KIND_SECTION[kind]
            if kind == "points":
                if item_id not in points:
                    continue
                turn_id, speaker = points[item_id]
                label = f"{label}: {speaker}" if speaker.strip() else label
            elif kind == "turns":
                turn_id = item_id
        series, title, date = meeting
        hits.append(
            SearchHit(
                meeting_id=meeting_id,
                date=dt.date.fromisoformat(date) if date else None,
                series=series,
                title=title,
                kind=kind,
                item_id=item_id,
                section=section,
                label=label,
                snippet=segments(snippet, text),
                turn_id=turn_id,
                score=score,
            )
        )
    return hits


def segments(marked: str | None, original: str | None = None) -> tuple[Segment, ...]:
    """Split FTS5 output marked with ``\\x02``/``\\x03`` into ``(text, is_match)`` pieces.

    If the item's own text holds either marker character (it is not meant to, but
    nothing stops it), the markers cannot be told apart: the snippet is returned
    whole and unhighlighted rather than wrongly split.
    """
    marked = marked or ""
    if original is not None and (_OPEN in original or _CLOSE in original):
        return ((marked.replace(_OPEN, "").replace(_CLOSE, ""), False),) if marked else ()
    out: list[Segment] = []
    rest = marked
    while rest:
        start = rest.find(_OPEN)
        if start < 0:
            out.append((rest, False))
            break
        if start:
            out.append((rest[:start], False))
        end = rest.find(_CLOSE, start + 1)
        if end < 0:
            out.append((rest[start + 1 :], True))
            break
        out.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    merged: list[Segment] = []
    for text, is_match in out:
        if not text:
            continue
        if merged and merged[-1][1] == is_match:
            merged[-1] = (merged[-1][0] + text, is_match)
        else:
            merged.append((text, is_match))
    return tuple(merged)


class SearchRepository:
    """The archive's full-text search, with the store's errors."""

    def __init__(self, db: Gateway) -> None:
        self.db = db

    def search(
        self,
        query: str,
        series: str | None = None,
        since: dt.date | str | None = None,
        limit: int = 50,
        *,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Items of any meeting matching ``query`` (see the module notes).

        Any text is a safe query. Few matches come best first, many come newest
        first; the work is bounded either way. ``prefix_last`` treats the last
        word as a prefix, for searching as the user types.
        """
        try:
            return search(self.db, query, series=series, since=since, limit=limit, prefix_last=prefix_last)
        except ValueError as exc:
            raise StoreError(str(exc)) from None
