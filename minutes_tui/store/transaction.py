"""One write transaction that takes SQLite's write lock first."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database


@contextlib.contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error.

    A deferred ``BEGIN`` that reads first (the search-index triggers do, and so
    does applying migrations) cannot wait for another process's write lock:
    SQLite reports "locked" at once. Taking the lock first waits up to the busy
    timeout instead. Inside an open transaction this nests as a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
