"""PostgreSQL twin of migration m015: a meeting's series and year as words of its index rows.

A search within a series or from a date used to test every index row of the chosen
meetings, or walk every match of its words: with a common word in a large series that cost
70-115 ms at a million points. Now each index row's ``words`` also carry two tokens made
from its meeting, ``#s<first 12 hex digits of the md5 of the lower-cased series>`` and
``#y<year>`` (without positions; ranking leaves them out). A filtered search adds the
tokens to its ``tsquery`` (see :mod:`.search_pg`), so the one GIN index answers "these
words in this series, these years" by intersecting posting lists; the meetings' own
columns then decide, so two series sharing a token only cost time. The tokens start with
``#``, which the ``simple`` parser never keeps, so no typed word or prefix matches them.

Only the tokens are stored, not the series and date: the rows stay as small as before
(searches without a filter read them too). ``words`` is therefore a plain column that
``search_words`` fills: a ``BEFORE INSERT OR UPDATE OF text`` trigger on ``search_index``
reads the meeting's series and date, and an ``AFTER UPDATE`` trigger on ``meetings``
rewrites its rows' words when its series or date changes.
"""

from __future__ import annotations

from typing import Any

from .pg_schema import migration

#: The series token of a series name given as SQL (``{series}``), as :mod:`.search_pg` asks for it.
SERIES_TOKEN = "'#s' || left(md5(lower({series})), 12)"
#: The scope tokens of an index row, from its meeting's ``series`` and ``date``, as an array.
SCOPE_TOKENS = (
    "ARRAY[" + SERIES_TOKEN.format(series="coalesce(series, '')") + ", '#y' || coalesce(left(date, 4), '')]"
)


@migration
def m015_scoped_search(conn: Any) -> None:
    """Scope tokens in every index row's ``words``, and the triggers that keep them."""
    conn.execute(
        f"""
        CREATE FUNCTION search_words(body TEXT, series TEXT, date TEXT) RETURNS tsvector
        LANGUAGE sql IMMUTABLE AS $body$
            SELECT to_tsvector('simple', minutes_fold(coalesce(body, ''))) || array_to_tsvector({SCOPE_TOKENS})
        $body$"""
    )
    conn.execute("DROP INDEX IF EXISTS search_index_words")
    conn.execute("ALTER TABLE search_index DROP COLUMN words")
    conn.execute("ALTER TABLE search_index ADD COLUMN words tsvector")
    conn.execute(
        "UPDATE search_index s SET words = search_words(s.text, m.series, m.date) "
        "FROM meetings m WHERE m.id = s.meeting_id"
    )
    conn.execute("UPDATE search_index SET words = search_words(text, NULL, NULL) WHERE words IS NULL")
    conn.execute("CREATE INDEX search_index_words ON search_index USING GIN (words)")
    conn.execute(
        """
        CREATE FUNCTION search_index_scope() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE
            m_series TEXT;
            m_date TEXT;
        BEGIN
            SELECT m.series, m.date INTO m_series, m_date FROM meetings m WHERE m.id = NEW.meeting_id;
            NEW.words := search_words(NEW.text, m_series, m_date);
            RETURN NEW;
        END $body$"""
    )
    conn.execute(
        "CREATE TRIGGER search_index_scope BEFORE INSERT OR UPDATE OF text, meeting_id ON search_index "
        "FOR EACH ROW EXECUTE FUNCTION search_index_scope()"
    )
    conn.execute(
        """
        CREATE FUNCTION meetings_scope() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            UPDATE search_index SET words = search_words(text, NEW.series, NEW.date) WHERE meeting_id = NEW.id;
            RETURN NULL;
        END $body$"""
    )
    conn.execute(
        "CREATE TRIGGER meetings_scope AFTER UPDATE OF series, date ON meetings FOR EACH ROW "
        "WHEN (OLD.series IS DISTINCT FROM NEW.series OR OLD.date IS DISTINCT FROM NEW.date) "
        "EXECUTE FUNCTION meetings_scope()"
    )
