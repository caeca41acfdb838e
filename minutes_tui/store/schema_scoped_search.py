"""Migration m015: searching within a series or from a date (SQLite's side: nothing to do).

The PostgreSQL twin (:mod:`.pg_schema_scoped_search`) puts each meeting's series and year
into its index rows' words, so its GIN index can answer a filtered search at once. SQLite's
search already narrows by meeting before it matches (:mod:`.search_scope`), so its index
stays as it is; this step only keeps the two backends' migrations numbered in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import migrations

if TYPE_CHECKING:
    from sqlite_utils import Database


@migrations()
def m015_scoped_search(db: Database) -> None:
    """Nothing to change on SQLite (see the module's docstring)."""
