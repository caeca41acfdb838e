"""One write transaction that takes SQLite's write lock first."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .migration_set import connection

if TYPE_CHECKING:
    from sqlite_utils import Database

_savepoints = iter(range(1, 2**62))


@contextlib.contextmanager
def immediate(db: Database | sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error.

    A deferred ``BEGIN`` that reads first (the search-index triggers do, and so
    does applying migrations) cannot wait for another process's write lock:
    SQLite reports "locked" at once. Taking the lock first waits up to the busy
    timeout instead. Inside an open transaction this nests as a savepoint.
    """
    conn = connection(db)
    if conn.in_transaction:
        with _savepoint(conn):
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


@contextlib.contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """A savepoint inside the open transaction: undone alone on error."""
    name = f"minutes_{next(_savepoints)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        # An error such as a RAISE(ROLLBACK) trigger can end the whole transaction,
        # savepoints included: then there is nothing left to undo here.
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")
