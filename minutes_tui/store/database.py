"""Opening a minutes database: where it lives, its permissions, its pragmas."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import fold
from .errors import StoreError, translate
from .schema import migrations, unknown_migrations, upgrade

if TYPE_CHECKING:
    from .store import Store

#: Seconds a writer waits for another process before giving up.
BUSY_TIMEOUT = 5.0
ENV_VAR = "MINUTES_DB"


def default_path() -> Path:
    """``$MINUTES_DB`` if set, else ``minutes.db`` in the user's data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only for the default location: not when a path is given

    return Path(platformdirs.user_data_dir("minutes", appauthor=False)) / "minutes.db"


def default_target() -> str | Path:
    """Like :func:`default_path`, but a ``postgresql://`` URL in ``$MINUTES_DB`` is kept as it is."""
    env = os.environ.get(ENV_VAR)
    return env if env and env.lower().startswith(("postgresql://", "postgres://")) else default_path()


def target_of(given: str | Path | None) -> str | Path:
    """The database ``given`` names (``--db``), else ``$MINUTES_DB``'s, else the default:
    a ``postgresql://`` URL as it is, else a file's path."""
    from .urls import is_server_url

    given = given or os.environ.get(ENV_VAR)
    if is_server_url(given):
        return str(given)
    return Path(given or default_path()).expanduser()


def open_chosen(given: str | Path | None) -> Store:
    """The store ``given`` (``--db``) names, else ``$MINUTES_DB``'s, else the default
    (:func:`target_of`). Only the built-in default's folder is created: a folder named by
    ``--db`` or ``$MINUTES_DB`` must exist (a typo should not start an empty archive)."""
    from .store import Store

    builtin = not given and not os.environ.get(ENV_VAR)
    return Store.open(target_of(given), create_folder=builtin)


def _create_private(path: Path, create_folder: bool) -> None:
    """Create ``path`` empty and readable by its owner only, unless it exists."""
    if os.path.exists(path):
        return
    if os.path.islink(path):  # a link to nothing: SQLite would only say it cannot write
        raise StoreError(
            f"{path} is a link to {os.readlink(path)}, which does not exist; "
            "restore what it points to, or choose another file"
        )
    if not create_folder and not path.parent.is_dir():
        raise StoreError(f"The folder {path.parent} does not exist; create it first or choose another path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"Cannot create the database {path}: {exc.strerror or exc}") from exc
    os.close(fd)


def connect(
    path: str | Path = ":memory:", *, busy_timeout: float = BUSY_TIMEOUT, create_folder: bool = True
) -> sqlite3.Connection:
    """Open (creating if needed) and upgrade the database at ``path``.

    sqlite-utils is loaded only if a migration must run (see migration_set.py).

    Raises :class:`StoreError` with a plain message for anything that stops it:
    not a database, unreadable, locked, made by a newer version.
    """
    memory = str(path) == ":memory:"
    path = Path(path).expanduser()
    if not memory:
        if os.path.isdir(path):  # os.path: False, not OSError, for a name too long
            raise StoreError(f"{path} is a folder, not a minutes database")
        _create_private(path, create_folder)
    conn: sqlite3.Connection | None = None
    try:
        conn = db = sqlite3.connect(
            ":memory:" if memory else str(path), timeout=busy_timeout, check_same_thread=False
        )
        conn.create_function("minutes_fold", 1, _fold, deterministic=True)
        db.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils' Database sets it
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        newer = unknown_migrations(db)
        if newer:  # before anything writes, so the newer app's file stays byte for byte as it was
            raise StoreError(
                f"{path} was written by a newer version of minutes "
                f"(it has {', '.join(newer)}); upgrade minutes to open it"
            )
        if foreign := _foreign_tables(db):  # before anything writes: another program's file
            shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise StoreError(
                f"{path} is a database of another program (it has the table{'s' if len(foreign) > 1 else ''} "
                f"{shown}), not a minutes database; choose another file"
            )
        if not memory and _journal_mode(db) != "wal" and writable(path):
            db.execute("PRAGMA journal_mode = WAL")
        if not memory:
            _backup_before_upgrade(db, path)
        upgrade(db)
    except BaseException as exc:
        if conn is not None:
            conn.close()  # a file left open would keep the folder busy and the error hidden
        unopenable = isinstance(exc, sqlite3.Error) and "unable to open" in str(exc)
        if unopenable and not memory and not writable(path):
            raise StoreError(
                f"The database {path} is read-only (its file or folder cannot be written), and "
                "SQLite needs to write beside it to open it; copy it to a folder you can write to"
            ) from exc
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, path) from exc
        raise
    return db


def _foreign_tables(db: sqlite3.Connection) -> list[str]:
    """The tables of a database that minutes never set up (no migration record), if any."""
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [] if "_sqlite_migrations" in names else [n for n in names if not n.startswith("sqlite_")]


def _backup_before_upgrade(db: sqlite3.Connection, path: Path) -> Path | None:
    """Copy a database made by an older version of minutes before upgrading it.

    The copy (``minutes.db.backup-before-upgrade-YYYYMMDD-HHMMSS`` beside it) is
    the way back if the upgrade or the new version goes wrong. A new, empty
    database needs none.
    """
    if not migrations.pending(db) or not migrations.applied(db):
        return None
    import logging

    from .maintenance import backup_connection, upgrade_backup_path

    target = backup_connection(db, upgrade_backup_path(path))
    logging.getLogger(__name__).info("Backed up %s to %s before upgrading it", path, target)
    return target


def _fold(value: str | None) -> str | None:
    """SQL ``minutes_fold(text)``: :func:`text.fold` for matching names as people type them."""
    return fold(value) if isinstance(value, str) else value


def _journal_mode(db: sqlite3.Connection) -> str:
    return str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def writable(path: Path) -> bool:
    """Whether SQLite can change the file at ``path`` (it writes its journal beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
