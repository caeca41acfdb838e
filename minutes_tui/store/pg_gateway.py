"""The :class:`~minutes_tui.store.gateway.Gateway` contract on a PostgreSQL server (psycopg 3).

The repositories write SQLite's SQL with ``?`` placeholders; :func:`to_postgres` turns
it into PostgreSQL's (``%s``, ``LIMIT ALL``, ``IS NOT DISTINCT FROM``, case-insensitive
``LIKE``). The write path is one transaction that locks the changed meeting's row
(``SELECT ... FOR UPDATE``), so two writers of one meeting take turns, and an approval
cannot slip in between the lock check and the write. Every committed write sends a
``NOTIFY``; :meth:`PostgresGateway.data_version` counts those from other connections.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from ..text import storable
from .errors import Locked, NotFound, StoreError, Unreachable
from .gateway import Params, Row, now, update_fields
from .pg_text import register
from .urls import safe_url

#: The channel every committed write notifies.
CHANNEL = "minutes_changes"
#: Seconds a writer waits for another's row lock before giving up (SQLite's busy timeout).
LOCK_TIMEOUT = 5.0
#: Seconds to wait for the server when connecting.
CONNECT_TIMEOUT = 5
#: How a TCP link that goes quiet (a cable pulled, Wi-Fi lost) is noticed in seconds, not after the
#: operating system's timeout of many minutes: keepalives probe an idle link, and data not acknowledged
#: within ``tcp_user_timeout`` ms ends the connection. The URL's own settings win.
LINK_CHECKS = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
    "tcp_user_timeout": 10_000,
}
_TOKENS = re.compile(r"'(?:[^']|'')*'|\?|%|\bLIMIT -1\b|\bIS \?|\bLIKE\b")
_REPLACE = {"?": "%s", "%": "%%", "LIMIT -1": "LIMIT ALL", "IS ?": "IS NOT DISTINCT FROM %s", "LIKE": "ILIKE"}


@functools.lru_cache(maxsize=1024)
def to_postgres(sql: str) -> str:
    """SQLite's SQL as the store writes it, in PostgreSQL's dialect (quoted text left as it is)."""
    return _TOKENS.sub(lambda m: m.group(0) if m.group(0).startswith("'") else _REPLACE[m.group(0)], sql)


def translate(exc: Exception, where: str) -> StoreError:
    """A psycopg error as a :class:`StoreError` saying what to do."""
    import psycopg
    from psycopg import errors

    if isinstance(exc, errors.InsufficientPrivilege):
        return StoreError(
            f"Your account on {where} may not do this (its role allows less); nothing was changed. "
            f"The server said: {exc.diag.message_primary or exc}"
        )
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return StoreError(f"The database {where} is read-only; nothing can be saved to it")
    if isinstance(exc, errors.SerializationFailure | errors.DeadlockDetected | errors.LockNotAvailable):
        return StoreError(f"The database {where} is busy with another writer; nothing was changed, try again")
    if isinstance(exc, errors.QueryCanceled):
        return StoreError(f"The database {where} is busy with another writer; nothing was changed, try again")
    if isinstance(exc, errors.DiskFull):
        return StoreError(
            f"The disk holding the database is full on the server ({where}); nothing was changed"
        )
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return Unreachable(
            f"NOT SAVED: server unreachable ({where}); nothing was changed, try again when it is back. "
            f"({str(exc).strip() or type(exc).__name__})"
        )
    return StoreError(f"Database error ({where}): {str(exc).strip()}")


def connect(url: str) -> Any:
    """A psycopg connection to ``url``, in autocommit (transactions are explicit)."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "A PostgreSQL archive needs the psycopg driver: pip install 'minutes-tui[postgres]'"
        ) from None

    try:
        given = psycopg.conninfo.conninfo_to_dict(url)
        checks: dict[str, Any] = {key: value for key, value in LINK_CHECKS.items() if key not in given}
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT, **checks)
    except psycopg.Error as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise Unreachable(f"Cannot connect to the database server ({safe_url(url)}): {detail}") from exc
    conn.execute(f"SET lock_timeout = '{int(LOCK_TIMEOUT * 1000)}ms'")
    # Plan each query for its values: a generic plan cannot tell a small series from a large one
    # (and walked every match of a common word once psycopg had prepared the search). Since 12.
    if conn.info.server_version >= 120000:
        conn.execute("SET plan_cache_mode = force_custom_plan")
    return conn


class PostgresGateway:
    """:class:`~minutes_tui.store.gateway.Gateway` on one psycopg connection."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = safe_url(url)
        self._lock = threading.RLock()
        self._others = 0
        #: How many write transactions are open (nested ones are savepoints).
        self._depth = 0
        self.conn = self._open()

    def _open(self) -> Any:
        conn = connect(self.url)
        register(conn)
        own = conn.info.backend_pid
        # Bound to this connection's own process id: a notice may arrive with LISTEN's answer,
        # before ``self.conn`` is set.
        conn.add_notify_handler(lambda notify: self._noticed(notify, own))
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _noticed(self, notify: Any, own: int) -> None:
        if notify.pid != own:
            self._others += 1

    def _connection(self) -> Any:
        """The connection, opened again if the server dropped it (outside a transaction)."""
        if self.conn.closed and not self._depth:
            try:
                self.conn = self._open()
            except Unreachable as exc:
                raise Unreachable(
                    f"NOT SAVED: server unreachable ({self.path}); nothing was changed, "
                    f"try again when it is back. ({exc})"
                ) from exc
            self._others += 1  # anything may have changed while away
        return self.conn

    def close(self) -> None:
        self.conn.close()

    #: Set when the connected role may not write (a reader): every write is refused at once.
    read_only = False
    #: Why, and what to do, as the app says them after "Read only: ".
    read_only_reason = "your role (readers) cannot change minutes"
    read_only_advice = "Ask an officer for note-taker rights."

    @contextlib.contextmanager
    def write(
        self, meeting_id: int | None = None, *, content: bool = True, item: tuple[str, int] | None = None
    ) -> Iterator[None]:
        import psycopg

        if self.read_only:
            raise StoreError(
                f"Your account on {self.path} may read and search the minutes but not change them "
                "(it is a reader); nothing was saved. Ask an officer for note-taker rights."
            )
        with self._lock:
            conn = self._connection()
            try:
                with self._transaction(conn, meeting_id, item, content):
                    self._depth += 1
                    try:
                        yield
                    finally:
                        self._depth -= 1
            except psycopg.Error as exc:
                raise translate(exc, self.path) from exc

    @contextlib.contextmanager
    def _transaction(
        self, conn: Any, meeting_id: int | None, item: tuple[str, int] | None, content: bool
    ) -> Iterator[None]:
        """A transaction (a savepoint inside another) that locks the meeting's row (``meeting_id``,
        or the one ``item`` belongs to), refuses what :meth:`_refuse` refuses, and stamps the
        meeting's ``updated`` time at the end.

        The outermost one is two round trips of its own in pipeline mode: ``BEGIN``, the
        lock and ``NOTIFY`` together, then the stamp and ``COMMIT`` together.
        """
        lock = "SELECT status, title, deleted, id FROM meetings WHERE id = %s FOR UPDATE"
        key = meeting_id
        if item is not None:
            lock = lock.replace("= %s", f"= (SELECT meeting_id FROM {item[0]} WHERE id = %s)")
            key = item[1]
        stamp = "UPDATE meetings SET updated = %s WHERE id = %s"
        if self._depth:
            with conn.transaction():
                checked = None if key is None else conn.execute(lock, (key,))
                meeting = self._locked(checked, meeting_id, item, content)
                yield
                if meeting is not None:
                    conn.execute(stamp, (now(), meeting))
            return
        try:
            with conn.pipeline():
                conn.execute("BEGIN")
                checked = None if key is None else conn.execute(lock, (key,))
                conn.execute(f"NOTIFY {CHANNEL}")
            meeting = self._locked(checked, meeting_id, item, content)
            yield
            with conn.pipeline():
                if meeting is not None:
                    conn.execute(stamp, (now(), meeting))
                conn.execute("COMMIT")
        except BaseException:
            self._roll_back(conn)
            raise

    def _locked(
        self, checked: Any, meeting_id: int | None, item: tuple[str, int] | None, content: bool
    ) -> int | None:
        """The id of the meeting the lock's ``SELECT`` found (``meeting_id`` if none), once
        :meth:`_refuse` allows the change; :class:`NotFound` if ``item`` does not exist."""
        if checked is None:
            return meeting_id
        found = checked.fetchone()
        if found is None:
            if item is not None:
                raise NotFound(f"No {item[0][:-1].replace('_', ' ')} with id {item[1]}")
            return meeting_id
        self._refuse(found[3], found, content)
        return int(found[3])

    @staticmethod
    def _roll_back(conn: Any) -> None:
        """End a failed transaction (nothing to do if the connection is gone or it ended)."""
        import psycopg

        if conn.closed or conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            return
        with contextlib.suppress(psycopg.Error):
            conn.execute("ROLLBACK")

    def check_editable(self, meeting_id: int) -> None:
        self._check_meeting(meeting_id, True)

    def _check_meeting(self, meeting_id: int, content: bool) -> None:
        lock = " FOR UPDATE" if self._depth else ""
        found = self.execute(
            f"SELECT status, title, deleted FROM meetings WHERE id = ?{lock}", (meeting_id,)
        ).fetchone()
        self._refuse(meeting_id, found, content)

    @staticmethod
    def _refuse(meeting_id: int | None, found: Any, content: bool) -> None:
        """Refuse a change to a deleted meeting, and (``content``) to approved minutes."""
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
        columns = [c.name for c in cursor.description or ()]
        return [dict(zip(columns, values)) for values in cursor.fetchall()]

    def row(self, table: str, item_id: int) -> Row:
        rows = self.read(f"SELECT * FROM {table} WHERE id = ?", (item_id,))
        if not rows:
            raise NotFound(f"No {table[:-1].replace('_', ' ')} with id {item_id}")
        return rows[0]

    def execute(self, sql: str, params: Params = ()) -> Any:
        import psycopg

        with self._lock:
            try:
                return self._connection().execute(to_postgres(sql), tuple(params))
            except psycopg.Error as exc:
                raise translate(exc, self.path) from exc

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        import psycopg

        with self._lock:
            try:
                self._connection().cursor().executemany(to_postgres(sql), [tuple(r) for r in rows])
            except psycopg.Error as exc:
                raise translate(exc, self.path) from exc

    def insert(self, sql: str, params: Params = ()) -> int:
        new_id: int = self.execute(f"{sql} RETURNING id", params).fetchone()[0]
        return new_id

    def set_fields(
        self, table: str, item_id: int, values: dict[str, object], *, expected_version: int | None = None
    ) -> Row | None:
        return update_fields(
            self, table, item_id, values, expected_version, lock="FOR UPDATE", returning=True
        )

    def tables(self) -> list[str]:
        rows = self.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename NOT IN ('search_index', '_minutes_migrations')"
        ).fetchall()
        return [r[0] for r in rows]

    def continue_ids(self, table: str) -> None:
        if self.execute("SELECT pg_get_serial_sequence(?, 'id')", (table,)).fetchone()[0] is None:
            return
        self.execute(
            f"SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce(max(id), 0) + 1, false) FROM {table}",
            (table,),
        )

    def data_version(self) -> int:
        """How many writes other connections have committed since this one opened (a
        round trip delivers their notifications)."""
        self.execute("SELECT 1")
        return self._others
