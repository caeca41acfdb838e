"""Searching the archive on PostgreSQL: the same terms, shapes and ordering as on SQLite.

The index (``pg_schema``) keeps each item's words as a ``tsvector`` (the ``simple``
configuration over ``minutes_fold``: lower case, accents removed) under a GIN index.
Each term of the query (:func:`~minutes_tui.store.search.parse_query`) becomes a
``tsquery``: a word or a phrase through ``websearch_to_tsquery`` (always quoted, so
``OR`` or ``-`` stay words, as on SQLite), a prefix as ``word:*``; all must match.

Ordering follows SQLite's: when at most ``rank_limit`` items match they come best first
(``score`` is minus ``ts_rank``, so lower is better, like bm25); when more match they
come newest first (highest index row id) unscored. Snippets (``ts_headline``) are made
for the returned rows only, marked with ``\\x02``/``\\x03`` as FTS5's are.

A series or date filter that leaves few meetings (or up to ``FEW_MEETINGS`` when the words
are common) tests each index row of those meetings instead of walking every match (see
:func:`_scoped`); otherwise the walk keeps only the chosen meetings' rows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text import storable
from .gateway import Gateway

if TYPE_CHECKING:
    from .search import Term
from .search_scope import ELLIPSIS, SNIPPET_TOKENS, IndexRow

_WORD = re.compile(r"\w+")
#: ts_headline's options: the match markers and a window about as long as FTS5's snippet.
HEADLINE = (
    f'StartSel="\x02", StopSel="\x03", MaxWords={SNIPPET_TOKENS}, MinWords={SNIPPET_TOKENS // 2}, ShortWord=0'
)


def tsquery(terms: list[Term]) -> tuple[str, list[object]]:
    """The SQL of one ``tsquery`` matching every term, and its parameters."""
    parts: list[str] = []
    params: list[object] = []
    for term in terms:
        words = _WORD.findall(term.text)
        if term.prefix and words:
            quoted = " <-> ".join("'" + w + "'" for w in words) + ":*"
            parts.append("to_tsquery('simple', minutes_fold(?))")
            params.append(quoted)
        else:
            parts.append("websearch_to_tsquery('simple', minutes_fold(?))")
            params.append('"' + term.text.replace('"', " ") + '"')
    return " && ".join(parts), params


def search_rows(
    db: Gateway,
    terms: list[Term],
    series: str | None,
    since: str | None,
    limit: int,
    rank_limit: int,
) -> list[IndexRow]:
    """The index rows matching ``terms`` in live meetings (of ``series``, dated from ``since``)."""
    query, params = tsquery(terms)
    conditions = ["deleted IS NULL"]
    filters: list[object] = []
    if series:
        conditions.append("lower(series) = lower(?)")
        filters.append(storable(series))
    if since:
        conditions.append("date >= ?")
        filters.append(since)
    test, newest = "s.words @@ q.query", "s.rowid DESC"
    if len(conditions) == 1:
        where = "s.meeting_id NOT IN (SELECT id FROM meetings WHERE deleted IS NOT NULL)"
        filters = []
    else:
        chosen = [
            r[0] for r in db.execute(f"SELECT id FROM meetings WHERE {' AND '.join(conditions)}", filters)
        ]
        if not chosen:
            return []
        if _scoped(db, query, params, chosen):  # their rows, each tested: no walk of a common word
            where, filters = "s.meeting_id = ANY(?)", [chosen]
            # A function, not the operator, and no index order: the rows come by meeting.
            test, newest = "ts_match_vq(s.words, q.query)", "s.rowid + 0 DESC"
        else:
            where = f"s.meeting_id IN (SELECT id FROM meetings WHERE {' AND '.join(conditions)})"
    matches = f"FROM search_index s, q WHERE {test} AND {where}"
    with_query = f"WITH q AS (SELECT {query} AS query) "
    found = db.execute(
        f"{with_query}SELECT count(*) FROM (SELECT 1 {matches} LIMIT ?) AS m",
        (*params, *filters, rank_limit + 1),
    ).fetchone()[0]
    if found > rank_limit:
        score, order = "NULL::float8", newest
    else:
        score, order = "-ts_rank(s.words, q.query, 8)", "3, s.rowid"
    return [
        (row[0], row[1], row[2], row[3], _cut(row[3], row[4]))
        for row in db.execute(
            f"{with_query}SELECT r.rowid, r.meeting_id, r.score, r.text, "
            "ts_headline('simple', r.text, q.query, ?) "
            f"FROM (SELECT s.rowid, s.meeting_id, {score} AS score, s.text {matches} ORDER BY {order} LIMIT ?) AS r, q "
            "ORDER BY " + ("r.rowid DESC" if found > rank_limit else "r.score, r.rowid"),
            (*params, HEADLINE, *filters, limit),
        ).fetchall()
    ]


def _scoped(db: Gateway, query: str, params: list[object], chosen: list[int]) -> bool:
    """Whether to test each index row of the chosen meetings rather than walk every match of
    the words: when they are at most :data:`~.search.ALWAYS_SCOPED`, or at most
    :data:`~.search.FEW_MEETINGS` and the words match more rows than there are chosen
    meetings (counted up to that, so a common word costs little to tell)."""
    from .search import ALWAYS_SCOPED, FEW_MEETINGS

    if len(chosen) <= ALWAYS_SCOPED:
        return True
    if len(chosen) > FEW_MEETINGS:
        return False
    found = db.execute(
        f"WITH q AS (SELECT {query} AS query) SELECT count(*) FROM "
        "(SELECT 1 FROM search_index s, q WHERE s.words @@ q.query LIMIT ?) AS m",
        (*params, len(chosen)),
    ).fetchone()[0]
    return bool(found >= len(chosen))


def _cut(text: str | None, headline: str | None) -> str | None:
    """``headline`` with an ellipsis where it cuts ``text`` short, as FTS5's snippets have."""
    if not text or not headline:
        return headline
    plain = headline.replace("\x02", "").replace("\x03", "")
    start = text.find(plain)
    if start < 0:
        return headline
    before = ELLIPSIS if text[:start].strip() else ""
    after = ELLIPSIS if text[start + len(plain) :].strip() else ""
    return before + headline + after
