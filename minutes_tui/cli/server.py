"""Commands for a team archive on PostgreSQL: ``server init`` and ``copy``."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..store.errors import StoreError
from ..store.urls import is_server_url, safe_url

if TYPE_CHECKING:
    from ..store import Store


@click.group("server")
def server_group() -> None:
    """Set up a shared archive on a PostgreSQL server."""


@server_group.command("init")
@click.argument("url")
def init_command(url: str) -> None:
    """Create the minutes' tables on the server at URL and the three roles that share them.

    minutes_readers read and search; minutes_note_takers also write drafts;
    minutes_officers also approve, reopen and purge. Grant people one of them
    (GRANT minutes_officers TO priya). Run it as the database's owner; running it
    again after an upgrade grants the new tables.
    """
    from ..store import Store
    from ..store.pg_gateway import translate
    from ..store.pg_roles import ROLES, init_roles

    if not is_server_url(url):
        raise click.ClickException(f"{url!r} is not a postgresql:// URL")
    store = Store.open(url)
    try:
        import psycopg

        try:
            init_roles(store.gateway.conn)  # type: ignore[attr-defined]
        except psycopg.Error as exc:
            raise click.ClickException(str(translate(exc, safe_url(url)))) from None
    finally:
        store.close()
    click.echo(f"Ready: {safe_url(url)} with the roles {', '.join(ROLES)}")


def _open_target(target: str) -> tuple[Store, Path | None]:
    """The target store, and the file made for it (to remove if the copy fails)."""
    from ..store import Store

    if is_server_url(target):
        return Store.open(target), None
    path = Path(target).expanduser()
    if os.path.lexists(path):
        raise click.ClickException(f"{path} already exists; copy into a new file (nothing was changed)")
    return Store.open(path, create_folder=False), path


@click.command("copy")
@click.argument("source")
@click.argument("target")
def copy_command(source: str, target: str) -> None:
    """Copy a whole archive from SOURCE to TARGET (database files or postgresql:// URLs).

    TARGET must be a new file or an empty database. The copy is one transaction on
    TARGET, checked before it commits: every meeting's JSON export must be identical
    on both, or nothing is kept.
    """
    from ..interchange import meeting_to_dict
    from ..store import Store
    from ..store.copy import copy_archive

    if not is_server_url(source) and not Path(source).expanduser().is_file():
        raise click.ClickException(f"There is no database at {source}")
    made: Path | None = None
    try:
        src = Store.open(source if is_server_url(source) else Path(source).expanduser(), create_folder=False)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        dst, made = _open_target(target)
        try:

            def verify(meeting_id: int) -> None:
                want = meeting_to_dict(src.get_meeting(meeting_id, include_deleted=True))
                if meeting_to_dict(dst.get_meeting(meeting_id, include_deleted=True)) != want:
                    raise StoreError(
                        f"Meeting {meeting_id} reads differently on the target; nothing was copied"
                    )

            count = copy_archive(src, dst, verify)
        finally:
            dst.close()
    except (StoreError, click.ClickException) as exc:
        if made is not None:
            for leftover in (made, *(Path(f"{made}{s}") for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
        raise click.ClickException(
            str(exc.message if isinstance(exc, click.ClickException) else exc)
        ) from None
    finally:
        src.close()
    shown = safe_url(target) if is_server_url(target) else target
    click.echo(f"Copied {count} meeting{'' if count == 1 else 's'} to {shown}; every one exports identically")


COMMANDS = [server_group, copy_command]
