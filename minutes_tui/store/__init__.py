"""The minutes database: the only code that touches SQLite."""

from .database import default_path, default_target
from .errors import Conflict, Locked, NotFound, StoreError
from .store import Store

__all__ = ["Conflict", "Locked", "NotFound", "Store", "StoreError", "default_path", "default_target"]
