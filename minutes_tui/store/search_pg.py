"""Searching the archive on PostgreSQL: the same terms, shapes and ordering as on SQLite.

The index (``pg_schema``) keeps each item's words as a ``tsvector`` (the ``simple``
configuration over ``minutes_fold``: lower case, accents removed) under a GIN index.
Each term of the query (:func:`~minutes_tui.store.search.parse_query`) becomes a
``tsquery``: a word or a phrase through ``websearch_to_tsquery`` (always quoted, so
``OR`` or ``-`` stay words, as on SQLite), a prefix as ``word:*``; all must match.

Ordering follows SQLite's: when at most ``rank_limit`` items match they come best first
(``score`` is minus ``ts_rank``, so lower is better, like bm25); when more match they
come newest first (highest index row id) unscored. One statement does it all: it keeps
the newest ``rank_limit + 1`` matches, counts them, ranks them only if that is all of
them, and makes snippets (``ts_headline``, marked with ``\\x02``/``\\x03`` as FTS5's are)
for the returned rows only. Without a filter the words are written into it, so the planner
knows how common they are: a common word's newest matches are read walking the rows newest
first (a few thousand rows), a rare word's through the GIN index.

A series or date filter adds the scope's tokens to the ``tsquery`` (each index row's words
hold its meeting's series and year, :mod:`.pg_schema_scoped_search`): the GIN index then
finds the words within the series or years by itself, however common they are, and the
meetings' own series and date keep exactly the chosen meetings' rows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text import storable
from .gateway import Gateway
from .pg_schema_scoped_search import SERIES_TOKEN

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


#: A ``tsquery`` matching any year from the given date's to the newest meeting's (the year
#: tokens of :mod:`.pg_schema_scoped_search`); NULL, matching nothing, if no meeting is that late.
YEARS = (
    "(SELECT string_agg(quote_literal('#y' || y), ' | ')::tsquery FROM generate_series("
    "left(?, 4)::int, (SELECT left(max(date), 4)::int FROM meetings)) AS y)"
)
#: A ``tsquery`` matching the series token of the given series' name.
SERIES = f"quote_literal({SERIES_TOKEN.format(series='?')})::tsquery"


def search_rows(
    db: Gateway,
    terms: list[Term],
    series: str | None,
    since: str | None,
    limit: int,
    rank_limit: int,
) -> list[IndexRow]:
    """The index rows matching ``terms`` in live meetings (of ``series``, dated from ``since``).

    One statement, one pass over the matches: the newest ``rank_limit + 1`` are kept (all
    of them when there are no more), counted, ranked only if they are all, and the page's
    rows alone get snippets.
    """
    query, params = tsquery(terms)
    conditions, filters, scope, scope_params = ["deleted IS NULL"], [], [], []
    if series:
        conditions.append("lower(series) = lower(?)")
        filters.append(storable(series))
        scope.append(SERIES)
        scope_params.append(storable(series))
    if since:
        conditions.append("date >= ?")
        filters.append(since)
        scope.append(YEARS)
        scope_params.append(since)
    if scope:
        # The scope's tokens narrow the GIN index's answer; the meetings' own columns decide
        # (``+ 0``: not by the meeting index, which would repeat the GIN scan per meeting).
        # The planner sees neither words nor scope, so it reads the GIN index's few matches.
        where = f"s.meeting_id + 0 IN (SELECT id FROM meetings WHERE {' AND '.join(conditions)})"
        scoped = f"CASE WHEN numnode(t.query) = 0 THEN t.query ELSE t.query && {' && '.join(scope)} END"
        match, match_params = "q.scoped", []
    else:
        where = "s.meeting_id NOT IN (SELECT id FROM meetings WHERE deleted IS NOT NULL)"
        filters, scoped = [], "t.query"
        # Written out, so the planner knows how common the words are: the newest matches of a
        # common word are found walking the rows newest first, a rare word's through the index.
        match, match_params = f"({query})", params
    many = "(SELECT count(*) FROM m) > ?"
    # ts_rank's normalisation 8 (divided by the number of distinct words) on the text's words
    # alone: every row's words hold two scope tokens, which match no typed term.
    rank = "-(ts_rank(m.words, q.query, 0) / (length(m.words) - 2)::real)"
    sql = (
        f"WITH q AS (SELECT t.query, {scoped} AS scoped FROM (SELECT {query} AS query) AS t), "
        "m AS (SELECT s.rowid, s.meeting_id, s.text, s.words FROM search_index s, q "
        f"WHERE s.words @@ {match} AND {where} ORDER BY s.rowid DESC LIMIT ?), "
        f"p AS (SELECT m.rowid, m.meeting_id, m.text, CASE WHEN {many} THEN NULL ELSE {rank} END AS score, "
        f"CASE WHEN {many} THEN -m.rowid ELSE m.rowid END AS tie FROM m, q ORDER BY 4, 5 LIMIT ?) "
        "SELECT p.rowid, p.meeting_id, p.score, p.text, ts_headline('simple', p.text, q.query, ?) "
        "FROM p, q ORDER BY p.score, p.tie"
    )
    args = (
        *scope_params,
        *params,
        *match_params,
        *filters,
        max(rank_limit + 1, limit),
        rank_limit,
        rank_limit,
        limit,
        HEADLINE,
    )
    return [
        (row[0], row[1], row[2], row[3], _cut(row[3], row[4])) for row in db.execute(sql, args).fetchall()
    ]


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
