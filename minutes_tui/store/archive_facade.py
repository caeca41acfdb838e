"""The store's methods on the archive as a whole (mixed into :class:`~minutes_tui.store.store.Store`):
search, backup, check and repair, on SQLite or a PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import translate
from .gateway import Gateway

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..search_model import SearchHit
    from .search import SearchRepository


class ArchiveFacade:
    """Search, backup, check, repair: see the module notes."""

    gateway: Gateway
    path: str | Path

    @property
    def archive(self) -> SearchRepository:
        raise NotImplementedError

    @property
    def db(self) -> Database:
        raise NotImplementedError

    @property
    def on_server(self) -> bool:
        raise NotImplementedError

    def search(
        self,
        query: str,
        series: str | None = None,
        since: dt.date | str | None = None,
        limit: int = 50,
        *,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        return self.archive.search(query, series, since, limit, prefix_last=prefix_last)

    def backup(self, path: str | Path | None = None) -> Path:
        """Copy the database, consistently even while it is being written, to a new file.

        ``path`` defaults to ``<name>-backup-YYYYMMDD-HHMMSS.db`` beside the database.
        Never overwrites; the copy is readable by its owner only. Returns its path.
        """
        from . import maintenance

        return maintenance.backup(self.db, self.path, path)

    def check(self) -> list[str]:
        """What is wrong with the database, in plain sentences; ``[]`` when it is sound."""
        if self.on_server:
            from .pg_database import check

            return check(self.gateway)
        from . import maintenance

        try:
            return maintenance.check(self.db)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def repair(self) -> list[str]:
        """Rebuild the lookup and search indexes from the minutes; says what it did."""
        if self.on_server:
            from .pg_database import repair

            return repair(self.gateway)
        from . import maintenance

        try:
            return maintenance.repair(self.db)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
