"""The minutes database: the only code that touches SQLite (or the PostgreSQL server).

The errors load at once; :class:`Store`, :func:`default_path` and :func:`default_target`
(which bring sqlite-utils and every repository) load when first asked for, so a command
that never opens the database (``minutes --help``) does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Conflict, Locked, NotFound, StoreError, Unreachable

if TYPE_CHECKING:
    from .database import default_path, default_target
    from .store import Store

__all__ = [
    "Conflict",
    "Locked",
    "NotFound",
    "Store",
    "StoreError",
    "Unreachable",
    "default_path",
    "default_target",
]


def __getattr__(name: str) -> object:
    if name == "Store":
        from .store import Store

        return Store
    if name in ("default_path", "default_target"):
        from . import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
