"""The minutes database: the only code that touches SQLite (or the PostgreSQL server)."""

from .database import default_path, default_target
from .errors import Conflict, Locked, NotFound, StoreError, Unreachable
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
