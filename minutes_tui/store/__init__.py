"""The minutes database: the only code that touches SQLite."""

from .database import default_path
from .errors import NotFound, StoreError
from .store import Store

__all__ = ["NotFound", "Store", "StoreError", "default_path"]
