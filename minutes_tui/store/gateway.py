"""The one way the store's repositories reach the database: the :class:`Gateway` contract.

Every repository is handed a :class:`Gateway` and relies on nothing else of the
database. :class:`SqliteGateway` holds SQLite's write path: a ``BEGIN IMMEDIATE``
transaction that checks the approval lock, stamps the changed meeting's ``updated``
time and turns any sqlite3 error into a :class:`~minutes_tui.store.errors.StoreError`.
:class:`~minutes_tui.store.pg_gateway.PostgresGateway` keeps the same contract on a
PostgreSQL server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..text import storable
from .database import writable
from .errors import Conflict, Locked, NotFound, translate
from .migration_set import as_database, connection
from .schema import VERSIONED
from .transaction import immediate

if TYPE_CHECKING:
    from sqlite_utils import Database

#: A row as the store reads it: column name to value. SQLite values are dynamically
#: typed; each kind's converter in :mod:`minutes_tui.store.rows` gives them their types.
Row = dict[str, Any]
#: Parameters of one SQL statement.
Params = Sequence[object]


def now() -> str:
    """The current time as the store keeps it: UTC, ISO 8601, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Gateway(Protocol):
    """What a repository may rely on: transactions, reads and statements, nothing more."""

    #: Whether every change is refused, why (after "Read only: ") and what to do.
    read_only: bool
    read_only_reason: str
    read_only_advice: str

    def write(
        self, meeting_id: int | None = None, *, content: bool = True, item: tuple[str, int] | None = None
    ) -> AbstractContextManager[None]:
        """One transaction; stamps ``updated`` on ``meeting_id`` if given, or on the meeting
        ``item`` (a table and an id) belongs to (:class:`~minutes_tui.store.errors.NotFound`
        if there is no such item).

        With ``content`` (the default) a change to an approved meeting raises
        :class:`~minutes_tui.store.errors.Locked` before anything is written; any
        change to a deleted meeting raises :class:`~minutes_tui.store.errors.NotFound`.
        """
        ...

    def check_editable(self, meeting_id: int) -> None:
        """Raise :class:`~minutes_tui.store.errors.Locked` if the meeting's minutes are approved
        (:class:`~minutes_tui.store.errors.NotFound` if it has been deleted)."""
        ...

    def read(self, sql: str, params: Params = ()) -> list[Row]:
        """The rows a query gives, as dicts (text parameters matched as they are stored)."""
        ...

    def row(self, table: str, item_id: int) -> Row:
        """One row of ``table`` by id; :class:`~minutes_tui.store.errors.NotFound` if none."""
        ...

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Run one statement (inside :meth:`write` when it changes anything)."""
        ...

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for each of ``rows`` (inside :meth:`write`)."""
        ...

    def insert(self, sql: str, params: Params = ()) -> int:
        """Run one ``INSERT`` of a row into a table with an ``id`` (inside :meth:`write`); its id."""
        ...

    def data_version(self) -> int:
        """A number that changes when another connection has committed a change."""
        ...

    def tables(self) -> list[str]:
        """The minutes' tables (not the search index's or the migrations' own)."""
        ...

    def continue_ids(self, table: str) -> None:
        """After rows were inserted with their ids given, let new rows of ``table`` take the next."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...

    def set_fields(
        self, table: str, item_id: int, values: dict[str, object], *, expected_version: int | None = None
    ) -> Row | None:
        """``UPDATE table SET ... WHERE id = item_id`` for the given columns (inside :meth:`write`),
        raising the row's ``version`` if it has one. The row as it now is when the engine hands
        it back with the update at no cost (PostgreSQL's ``RETURNING``), else None.

        With ``expected_version``, a row whose version differs raises
        :class:`~minutes_tui.store.errors.Conflict` (``current`` unset) before anything is written.
        """
        ...


def update_fields(
    gateway: Gateway,
    table: str,
    item_id: int,
    values: dict[str, object],
    expected_version: int | None,
    *,
    lock: str = "",
    returning: bool = False,
) -> Row | None:
    """What :meth:`Gateway.set_fields` does, for either engine (``returning``: with ``RETURNING *``).

    With ``expected_version`` the version check is part of the ``UPDATE`` itself
    (``WHERE id = ? AND version = ?``, one statement: the row is locked while it is
    compared); only when no row changed is it read again, to tell a missing row from a
    changed one. ``lock`` (a clause such as ``FOR UPDATE``) holds a row that is only checked.
    """
    noun = table[:-1].replace("_", " ")
    if not values:
        if expected_version is not None:
            found = gateway.execute(f"SELECT version FROM {table} WHERE id = ? {lock}", (item_id,)).fetchone()
            _check_version(noun, item_id, found, expected_version)
        return None
    assignments = ", ".join(f'"{column}" = ?' for column in values)
    if table in VERSIONED:
        assignments += ", version = version + 1"
    params: tuple[object, ...] = (*values.values(), item_id)
    where = "id = ?"
    if expected_version is not None:
        where += " AND version = ?"
        params += (expected_version,)
    cursor = gateway.execute(
        f"UPDATE {table} SET {assignments} WHERE {where}{' RETURNING *' if returning else ''}", params
    )
    if expected_version is not None and not cursor.rowcount:
        found = gateway.execute(f"SELECT version FROM {table} WHERE id = ?", (item_id,)).fetchone()
        _check_version(noun, item_id, found, None)
    saved = cursor.fetchone() if returning and cursor.rowcount else None
    return None if saved is None else dict(zip([c[0] for c in cursor.description], saved))


def _check_version(noun: str, item_id: int, found: Any, expected_version: int | None) -> None:
    """Raise NotFound for a missing row, Conflict for a row at another version (any, if
    ``expected_version`` is None: the update found the row changed)."""
    if found is None:
        raise NotFound(f"No {noun} with id {item_id}")
    if expected_version is None or found[0] != expected_version:
        raise Conflict(
            f"This {noun} was changed elsewhere (another window or person) since it was read; "
            "nothing was saved over it"
        )


class SqliteGateway:
    """:class:`Gateway` on a SQLite connection (a file, or ``:memory:``), or on a
    sqlite-utils :class:`Database`."""

    dialect = "sqlite"

    def __init__(self, db: Database | sqlite3.Connection, path: str | Path = ":memory:") -> None:
        self.conn = connection(db)
        self._db = None if isinstance(db, sqlite3.Connection) else db
        self.path = path
        #: A file that opens but cannot be written (a backup on read-only media, an immutable
        #: file): it is read and searched, and the app says so before anything is typed.
        file = Path(path) if str(path) not in ("", ":memory:") else None
        self.read_only = bool(file and file.exists() and not writable(file))

    #: Why, and what to do, as the app says them after "Read only: ".
    read_only_reason = "this database file cannot be written here (read-only disk, folder or file)"
    read_only_advice = "Copy it to a folder you can write to, to change the minutes."

    @property
    def db(self) -> Database:
        """The connection as a sqlite-utils :class:`Database` (made, and sqlite-utils loaded,
        when first asked for: the repositories need only :attr:`conn`)."""
        if self._db is None:
            self._db = as_database(self.conn)
        return self._db

    @contextlib.contextmanager
    def write(
        self, meeting_id: int | None = None, *, content: bool = True, item: tuple[str, int] | None = None
    ) -> Iterator[None]:
        try:
            with immediate(self.conn):
                if item is not None:
                    meeting_id = self._meeting_of(*item)
                if meeting_id is not None:
                    self._check_meeting(meeting_id, content)
                yield
                if meeting_id is not None:
                    self.conn.execute("UPDATE meetings SET updated = ? WHERE id = ?", (now(), meeting_id))
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def _meeting_of(self, table: str, item_id: int) -> int:
        found = self.execute(f"SELECT meeting_id FROM {table} WHERE id = ?", (item_id,)).fetchone()
        if found is None:
            raise NotFound(f"No {table[:-1].replace('_', ' ')} with id {item_id}")
        meeting_id: int = found[0]
        return meeting_id

    def check_editable(self, meeting_id: int) -> None:
        self._check_meeting(meeting_id, True)

    def _check_meeting(self, meeting_id: int, content: bool) -> None:
        """Refuse a change to a deleted meeting, and (``content``) to approved minutes."""
        found = self.execute(
            "SELECT status, title, deleted FROM meetings WHERE id = ?", (meeting_id,)
        ).fetchone()
        if found and found[2] is not None:
            raise NotFound(f"The meeting {meeting_id} has been deleted; restore it to change it")
        if content and found and found[0] == "approved":
            raise Locked(
                f"The minutes of {found[1] or 'this meeting'!r} are approved and cannot be changed; "
                "reopen them (the reopening is recorded) to make a correction"
            )

    def read(self, sql: str, params: Params = ()) -> list[Row]:
        stored = tuple(storable(p) if isinstance(p, str) else p for p in params)
        cursor = self.execute(sql, stored)
        columns = [c[0] for c in cursor.description]
        try:
            return [dict(zip(columns, values)) for values in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def row(self, table: str, item_id: int) -> Row:
        rows = self.read(f"SELECT * FROM {table} WHERE id = ?", (item_id,))
        if not rows:
            raise NotFound(f"No {table[:-1].replace('_', ' ')} with id {item_id}")
        return rows[0]

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        try:
            self.conn.executemany(sql, (tuple(r) for r in rows))
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def insert(self, sql: str, params: Params = ()) -> int:
        new_id = self.execute(sql, params).lastrowid
        assert new_id is not None  # an INSERT always sets it
        return new_id

    def data_version(self) -> int:
        """Changes when another connection has committed (SQLite's ``PRAGMA data_version``)."""
        version: int = self.execute("PRAGMA data_version").fetchone()[0]
        return version

    def close(self) -> None:
        self.conn.close()

    def tables(self) -> list[str]:
        rows = self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index%' "
            "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'"
        ).fetchall()
        return [r[0] for r in rows]

    def continue_ids(self, table: str) -> None:
        """Nothing to do: SQLite gives a new row the largest id plus one."""

    def set_fields(
        self, table: str, item_id: int, values: dict[str, object], *, expected_version: int | None = None
    ) -> Row | None:
        return update_fields(self, table, item_id, values, expected_version)
