"""What every command shares: the store it opens, meeting ids, dates, and output files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..store.errors import StoreError
from ..store.urls import is_server_url

if TYPE_CHECKING:
    from ..store import Store

#: The largest id SQLite can hold.
MAX_ID = 2**63 - 1
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UK_DATE = re.compile(r"[0-9]{2}/[0-9]{2}/[0-9]{4}")


def db_target(ctx: click.Context) -> str | Path:
    """The database this command works on: ``--db``, else ``$MINUTES_DB``, else the default;
    a ``postgresql://`` URL for a server, else a file's path."""
    from ..store.database import target_of

    return target_of(ctx.ensure_object(dict).get("db"))


def db_path(ctx: click.Context) -> Path:
    """The database file this command works on (an error for a server)."""
    target = db_target(ctx)
    if isinstance(target, str):
        raise click.ClickException(
            "This command works on a database file, not a PostgreSQL server; "
            "use the server's own tools (pg_dump), or `minutes copy` the archive to a file"
        )
    return target


class Database(click.Path):
    """``--db``: a database file, or a ``postgresql://`` URL (kept as it is)."""

    def convert(self, value, param, ctx):
        if is_server_url(value):
            return str(value)
        return super().convert(value, param, ctx)


def open_store(ctx: click.Context) -> Store:
    """The store for ``--db`` (or ``$MINUTES_DB``, or the default), opened once per command.

    Only the built-in default location is created; a folder named by ``--db`` or
    ``$MINUTES_DB`` must exist (a typo should not start an empty archive).
    """
    from ..store.database import open_chosen

    obj = ctx.ensure_object(dict)
    if "store" not in obj:
        try:
            obj["store"] = open_chosen(obj.get("db"))
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        ctx.call_on_close(obj["store"].close)
    return obj["store"]


class LazyChoice(click.Choice[str]):
    """A choice of names read by ``names()`` when first needed (showing or checking the
    option), so the module that holds them is not loaded when ``minutes`` starts."""

    def __init__(self, names: Callable[[], Iterable[str]], aliases: dict[str, str] | None = None) -> None:
        self._names = names
        #: Other names people use for a choice ("markdown" for "md"), taken as that choice.
        self._aliases = aliases or {}
        super().__init__(())

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = self._aliases.get(value.lower(), value)
        return super().convert(value, param, ctx)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(sorted(self._names()))

    @choices.setter
    def choices(self, _value: object) -> None:
        """click.Choice.__init__ sets the choices; ours come from ``names()``."""


class MeetingId(click.ParamType):
    """A meeting id: a whole number from 1 to 2**63 - 1 (the most SQLite can hold)."""

    name = "meeting_id"

    def convert(self, value, param, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not text.isdigit() or len(text) > 19:
                self.fail(f"{text[:40]!r} is not a meeting id (see `minutes list`)", param, ctx)
            number = int(text)
        if not 1 <= number <= MAX_ID:
            self.fail(f"{number} is not a meeting id (see `minutes list`)", param, ctx)
        return number


MEETING_ID = MeetingId()


def iso_date(value: str | None, option: str, *, uk: bool = False):
    """``value`` as a date, strictly ``YYYY-MM-DD`` (not ``20250101`` or ``2025-W01-1``), or None.

    ``uk`` also takes ``DD/MM/YYYY``.
    """
    import datetime as dt

    if not value:
        return None
    text = value.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
        if uk and _UK_DATE.fullmatch(text):
            return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        pass
    forms = "YYYY-MM-DD or DD/MM/YYYY" if uk else "YYYY-MM-DD"
    raise click.BadParameter(f"{value!r} is not a date; use {forms}", param_hint=option)


def write_output(
    ctx: click.Context,
    output: Path,
    write: Callable[[Path], object],
    *,
    force: bool,
    binary: bool = False,
) -> Path | None:
    """Write ``output`` through ``write`` (which fills a file), or standard output for ``-``.

    Never writes over the open database, a non-regular file, or (without
    ``force``) an existing file. Returns the path written, or None for ``-``.
    """
    from ..export import ExportError
    from ..export.files import write_atomically, write_stdout

    try:
        if str(output) == "-":
            write_stdout(write, binary=binary)
            return None
        return write_atomically(output, write, overwrite=force, protect=database_files(ctx))
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None


def database_files(ctx: click.Context) -> list[Path]:
    """The open database and the files SQLite keeps beside it: never an export target."""
    path = db_target(ctx)
    if isinstance(path, str):
        return []
    return [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]
