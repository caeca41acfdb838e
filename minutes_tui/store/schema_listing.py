"""Migration m016: the indexes ``minutes list`` reads (see :mod:`.listing`).

``meetings_listed`` holds everything a line of the list shows, in the list's order, for the
meetings not deleted: the list walks it alone instead of looking up each meeting's row.
``meetings_with_controls`` holds the few meetings whose series or title holds a control
character, which the list shows as a symbol (and a NUL, which SQLite's ``printf`` would cut
short): while none of them is live, SQLite writes the lines as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

#: C0 and C1 control characters and DEL but NUL (which GLOB never sees), as ``text.visible``
#: shows them: a GLOB pattern.
_CONTROLS = "'*[' || char(1, 45, 31, 127, 45, 159) || ']*'"
#: The condition of ``meetings_with_controls``, written as :mod:`.listing` asks for it (SQLite
#: uses a partial index only for a query that repeats its condition).
HAS_CONTROL = (
    f"(instr(series, char(0)) OR instr(title, char(0)) OR series GLOB {_CONTROLS} OR title GLOB {_CONTROLS})"
)


@migrations()
def m016_listing_indexes(db: Database) -> None:
    """Indexes for the list of meetings: the lines in order, and the meetings with controls."""
    db.execute(
        # `deleted` too (always NULL here): without it SQLite would not read the index alone.
        "CREATE INDEX meetings_listed ON meetings(date DESC, id DESC, series, title, status, deleted) "
        "WHERE deleted IS NULL"
    )
    db.execute(f"CREATE INDEX meetings_with_controls ON meetings(id) WHERE {HAS_CONTROL}")
