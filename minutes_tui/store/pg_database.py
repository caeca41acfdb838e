"""Opening a minutes database on a PostgreSQL server, and checking and repairing it."""

from __future__ import annotations

from .errors import StoreError
from .gateway import Gateway
from .pg_gateway import PostgresGateway, translate
from .pg_roles import may_write
from .pg_schema import fill_search_index, unknown_migrations, upgrade
from .schema import CARRIED_INDEX, INDEXED
from .schema_board import AGENDA_INDEX


def open_gateway(url: str) -> PostgresGateway:
    """Connect to ``url``, refuse a schema from a newer app, and create or upgrade it."""
    gateway = PostgresGateway(url)  # says so if psycopg is missing
    import psycopg

    try:
        newer = unknown_migrations(gateway.conn)
        if newer:
            raise StoreError(
                f"The database {gateway.path} was written by a newer version of minutes "
                f"(it has {', '.join(newer)}); upgrade minutes to open it"
            )
        upgrade(gateway.conn)
        gateway.read_only = not may_write(gateway.conn)
    except psycopg.Error as exc:
        gateway.close()
        raise translate(exc, gateway.path) from exc
    except BaseException:
        gateway.close()
        raise
    return gateway


def check(gateway: Gateway) -> list[str]:
    """What is wrong with the minutes on the server, in the sentences SQLite's check uses.

    The server keeps its own pages and foreign keys sound; what can drift is the search
    index (a trigger disabled, rows changed by hand).
    """
    problems = []
    indexed = dict(gateway.execute("SELECT kind, count(*) FROM search_index GROUP BY kind").fetchall())
    for table, _, _ in (*INDEXED, CARRIED_INDEX, AGENDA_INDEX):
        have = gateway.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        listed = indexed.get(table, 0)
        if have != listed:
            problems.append(
                f"The search index lists {listed} {table} but there are {have}; searches may miss "
                "or show stale items (`minutes check --repair` rebuilds it)."
            )
    return problems


def repair(gateway: Gateway) -> list[str]:
    """Rebuild the search index from the minutes; says what it did."""
    with gateway.write():
        fill_search_index(gateway)
        gateway.execute("REINDEX TABLE search_index")
    return ["Rebuilt the search index"]
