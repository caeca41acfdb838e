"""Numbered migrations known without loading sqlite-utils.

:class:`MigrationSet` registers migrations as ``sqlite_utils.Migrations`` does and keeps
its record (the ``_sqlite_migrations`` table), but tells what is applied or pending with one
plain query. Opening a database whose schema is current (every start of the app and of
most commands) therefore never imports sqlite-utils; applying migrations hands the set to
``sqlite_utils.Migrations``, whose functions are given a sqlite-utils ``Database``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

#: The table where sqlite-utils records the migrations applied.
TABLE = "_sqlite_migrations"


class Migration:
    """A registered migration: its name and function."""

    __slots__ = ("name", "fn")

    def __init__(self, name: str, fn: Callable[[Any], None]) -> None:
        self.name, self.fn = name, fn


class Applied:
    """A migration recorded as applied (a row of the record table)."""

    __slots__ = ("name", "applied_at")

    def __init__(self, name: str, applied_at: str) -> None:
        self.name, self.applied_at = name, applied_at


def connection(db: Database | sqlite3.Connection) -> sqlite3.Connection:
    """The sqlite3 connection of ``db`` (a sqlite-utils ``Database`` or a connection)."""
    return db if isinstance(db, sqlite3.Connection) else db.conn


def as_database(db: Database | sqlite3.Connection) -> Database:
    """``db`` as a sqlite-utils ``Database`` (loading sqlite-utils)."""
    from sqlite_utils import Database

    if isinstance(db, Database):
        return db
    return Database(db, execute_plugins=False)  # no third-party plugins: 20 ms at every start


class MigrationSet:
    """A named, ordered set of migrations (see the module notes)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(
        self, *, name: str | None = None
    ) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        """Decorator: register a migration function (named after it unless ``name`` is given)."""

        def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
            migration = name or fn.__name__
            if any(m.name == migration for m in self._migrations):
                raise ValueError(f"Migration {migration!r} is already registered in set {self.name!r}")
            self._migrations.append(Migration(migration, fn))
            return fn

        return register

    def applied(self, db: Database | sqlite3.Connection) -> list[Applied]:
        """The migrations recorded in ``db``, in the order they were applied (reads only)."""
        conn = connection(db)
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
        ).fetchone():
            return []
        rows = conn.execute(
            f"SELECT name, applied_at FROM {TABLE} WHERE migration_set = ? ORDER BY rowid", (self.name,)
        )
        return [Applied(str(name), str(applied_at)) for name, applied_at in rows]

    def pending(self, db: Database | sqlite3.Connection) -> list[Migration]:
        """The known migrations not yet applied to ``db``, in order (reads only)."""
        done = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in done]

    def apply(
        self, db: Database | sqlite3.Connection, *, stop_before: str | Iterable[str] | None = None
    ) -> None:
        """Apply the pending migrations (through ``sqlite_utils.Migrations``), each in a
        transaction with its record; ``stop_before`` as sqlite-utils takes it."""
        from sqlite_utils import Migrations

        real = Migrations(self.name)
        for migration in self._migrations:
            real(name=migration.name)(migration.fn)
        real.apply(as_database(db), stop_before=stop_before)
