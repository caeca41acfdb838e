"""The minutes database: the only code that touches SQLite.

The errors load at once; :class:`Store` and :func:`default_path` (which bring
sqlite-utils and every repository) load when first asked for, so a command that
never opens the database (``minutes --help``) does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Conflict, Locked, NotFound, StoreError

if TYPE_CHECKING:
    from .database import default_path
    from .store import Store

__all__ = ["Conflict", "Locked", "NotFound", "Store", "StoreError", "default_path"]


def __getattr__(name: str) -> object:
    if name == "Store":
        from .store import Store

        return Store
    if name == "default_path":
        from .database import default_path

        return default_path
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
