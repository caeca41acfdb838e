"""PostgreSQL twin of migration m015: a meeting's series and year as words of its index rows.

A search within a series or from a date used to test every index row of the chosen
meetings, or walk every match of its words: with a common word in a large series that cost
70-115 ms at a million points. Now each index row also holds its meeting's ``series`` and
``date``, and its ``words`` carry two tokens made from them, ``#s<md5 of the lower-cased
series>`` and ``#y<year>`` (without positions; ranking leaves them out). A filtered search
adds the tokens to its ``tsquery`` (see :mod:`.search_pg`), so the one GIN index answers
"these words in this series, these years" by intersecting posting lists. The tokens start
with ``#``, which the ``simple`` parser never keeps, so no typed word or prefix matches them.

A ``BEFORE INSERT`` trigger on ``search_index`` copies the meeting's series and date into
each new row; an ``AFTER UPDATE`` trigger on ``meetings`` copies a changed series or date
into all its rows.
"""

from __future__ import annotations

from typing import Any

from .pg_schema import migration

#: The scope tokens of an index row (``{r}``: a prefix such as ``s.``), as an array its ``words`` add.
SCOPE_TOKENS = "ARRAY['#s' || md5(lower({r}series)), '#y' || coalesce(left({r}date, 4), '')]"
WORDS = "to_tsvector('simple', minutes_fold(coalesce(text, '')))"


@migration
def m015_scoped_search(conn: Any) -> None:
    """Series and date on every index row, their tokens in ``words``, and the triggers that keep them."""
    conn.execute("DROP INDEX IF EXISTS search_index_words")
    conn.execute("ALTER TABLE search_index DROP COLUMN words")
    conn.execute("ALTER TABLE search_index ADD COLUMN series TEXT NOT NULL DEFAULT '', ADD COLUMN date TEXT")
    conn.execute(
        "UPDATE search_index s SET series = m.series, date = m.date FROM meetings m WHERE m.id = s.meeting_id"
    )
    tokens = SCOPE_TOKENS.format(r="")
    conn.execute(
        f"ALTER TABLE search_index ADD COLUMN words tsvector GENERATED ALWAYS AS ({WORDS} || array_to_tsvector({tokens})) STORED"
    )
    conn.execute("CREATE INDEX search_index_words ON search_index USING GIN (words)")
    conn.execute(
        """
        CREATE FUNCTION search_index_scope() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            SELECT m.series, m.date INTO NEW.series, NEW.date FROM meetings m WHERE m.id = NEW.meeting_id;
            NEW.series := coalesce(NEW.series, '');
            RETURN NEW;
        END $body$"""
    )
    conn.execute(
        "CREATE TRIGGER search_index_scope BEFORE INSERT ON search_index "
        "FOR EACH ROW EXECUTE FUNCTION search_index_scope()"
    )
    conn.execute(
        """
        CREATE FUNCTION meetings_scope() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            UPDATE search_index SET series = NEW.series, date = NEW.date WHERE meeting_id = NEW.id;
            RETURN NULL;
        END $body$"""
    )
    conn.execute(
        "CREATE TRIGGER meetings_scope AFTER UPDATE OF series, date ON meetings FOR EACH ROW "
        "WHEN (OLD.series IS DISTINCT FROM NEW.series OR OLD.date IS DISTINCT FROM NEW.date) "
        "EXECUTE FUNCTION meetings_scope()"
    )
