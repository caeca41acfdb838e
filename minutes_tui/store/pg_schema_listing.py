"""PostgreSQL twin of migration m016 (nothing to do on PostgreSQL).

SQLite's m016 adds the indexes from which SQLite itself writes ``minutes list``'s lines
(:mod:`.schema_listing`). On PostgreSQL the list is built in Python from plain rows
(:func:`.listing.format_listing`) read through ``meetings_by_date``; this step only keeps the
two backends' migrations numbered in step.
"""

from __future__ import annotations

from typing import Any

from .pg_schema import migration


@migration
def m016_listing_indexes(conn: Any) -> None:
    """Nothing to change on PostgreSQL (see the module's docstring)."""
