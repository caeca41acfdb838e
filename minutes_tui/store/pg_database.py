"""Opening a minutes database on a PostgreSQL server, and checking and repairing it."""

from __future__ import annotations

from .errors import StoreError
from .gateway import Gateway
from .pg_gateway import PostgresGateway, translate
from .pg_schema import fill_search_index, unknown_migrations, upgrade
from .schema import CARRIED_INDEX, INDEXED


def open_gateway(url: str) -> PostgresGateway:
    """Connect to ``url``, refuse a schema from a newer app, and create or upgrade it."""
    import psycopg

    gateway = PostgresGateway(url)
    try:
        newer = unknown_migrations(gateway.conn)
        if newer:
            raise StoreError(
                f"The database {gateway.path} was written by a newer version of minutes "
                f"(it has {', '.join(newer)}); upgrade minutes to open it"
            )
        upgrade(gateway.conn)
    except psycopg.Error as exc:
        gateway.close()
        raise translate(exc, gateway.path) from exc
    except BaseException:
        gateway.close()
        raise
    return gateway


def check(gateway: Gateway) -> list[str]:
    """What is wrong with the minutes on the server (the server keeps its own pages sound):
    items of a meeting that has gone, and a search index that disagrees with the minutes."""
    problems = []
    for table, _, _ in (*INDEXED, CARRIED_INDEX):
        if table == "meetings":
            continue
        orphans = gateway.execute(
            f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = t.meeting_id)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} row(s) of {table} belong to a meeting that does not exist")
    indexed = dict(gateway.execute("SELECT kind, count(*) FROM search_index GROUP BY kind").fetchall())
    for table, _, _ in (*INDEXED, CARRIED_INDEX):
        have = gateway.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if indexed.get(table, 0) != have:
            problems.append(
                f"The search index holds {indexed.get(table, 0)} {table} but there are {have}; "
                "run `minutes check --repair`"
            )
    return problems


def repair(gateway: Gateway) -> list[str]:
    """Rebuild the search index from the minutes; says what it did."""
    with gateway.write():
        fill_search_index(gateway)
        gateway.execute("REINDEX TABLE search_index")
    return ["Rebuilt the search index"]
