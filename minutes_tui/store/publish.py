"""A published archive: a consistent snapshot of the database and Datasette's ``metadata.json``.

``datasette DIR`` then serves the folder read-only: titled tables, FTS storage hidden,
canned queries for open actions by owner, overdue actions, full-text search, points
agreed and (where the committee tables exist) the decision register. Meetings deleted
in the app are left out of the snapshot, and exempt agenda items ("Part II", not for
publication) keep only their number, minute number, title and reason, as in the public
Word minutes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..agenda import AgendaItem, names_item
from ..tempfiles import TEMP_PREFIX, make_private_folder, sweep_stale
from .errors import StoreError
from .maintenance import backup_file, quick_check

#: The snapshot's file name: Datasette calls the database "minutes".
SNAPSHOT = "minutes.db"
METADATA = "metadata.json"

TABLES = {
    "meetings": ("Meetings", "One row per meeting: series, title, date, place, chair, draft or approved."),
    "attendees": ("Attendees", "Who was at each meeting (present, apologies, absent, in attendance)."),
    "bullets": ("Points", "The points of each bulleted section (overview, purpose, all agreed, ...)."),
    "turns": ("Round robin", "Each organisation's turn in a meeting's round robin."),
    "points": ("Round-robin points", "What was said in each round-robin turn."),
    "actions": ("Actions", "Actions agreed at each meeting: what, who, due date, status."),
    "carried_actions": ("Matters arising", "Earlier actions brought to a meeting, with the progress noted."),
    "action_events": ("Action history", "When each action was raised, updated, noted and closed."),
    "meeting_events": ("Approvals", "When the minutes were approved and reopened, and why."),
    "declarations": ("Declarations of interest", "Interests declared at each meeting."),
    "search_index": ("Search", "Full-text index of everything minuted (see the search query)."),
}
_ACTION_COLUMNS = (
    "a.owner, a.text as action, a.due, a.status, m.date as meeting_date, m.series, m.title as meeting "
    "from actions a join meetings m on m.id = a.meeting_id "
)
QUERIES: dict[str, dict[str, str]] = {
    "open_actions_by_owner": {
        "title": "Open actions by owner",
        "description": "Actions still to do (open or on hold), grouped by owner, soonest due first.",
        "sql": f"select {_ACTION_COLUMNS}where a.status in ('open', 'on_hold') "
        "order by a.owner collate nocase, a.due is null, a.due, m.date",
    },
    "overdue_actions": {
        "title": "Overdue actions",
        "description": "Open actions whose due date has passed, most overdue first.",
        "sql": f"select {_ACTION_COLUMNS}where a.status = 'open' and a.due < date('now') order by a.due, a.owner",
    },
    "search": {
        "title": "Search the minutes",
        "description": "Every meeting that mentions the words (as a phrase), best match first.",
        "sql": "select m.date, m.series, m.title as meeting, search_index.kind, "
        "snippet(search_index, 0, '[', ']', '…', 12) as hit "
        "from search_index join meetings m on m.id = search_index.meeting_id "
        "where search_index match '\"' || replace(:q, '\"', '\"\"') || '\"' order by rank limit 200",
    },
    "agreed": {
        "title": "Points agreed",
        "description": "Everything recorded under All agreed, newest meeting first.",
        "sql": "select m.date, m.series, m.title as meeting, b.text as agreed "
        "from bullets b join meetings m on m.id = b.meeting_id where b.section = 'agreed' "
        "order by m.date desc, m.id desc, b.position, b.id",
    },
}
#: The committee minutes' resolutions, where those tables exist.
DECISION_REGISTER = {
    "title": "Decision register",
    "description": "Every resolution of every committee meeting, newest first, with the votes.",
    "sql": "select m.date, m.series, m.title as meeting, i.minute, i.title as item, r.outcome, "
    "r.text as resolution, r.votes_for, r.votes_against, r.abstentions "
    "from resolutions r join meetings m on m.id = r.meeting_id "
    "left join agenda_items i on i.id = r.item_id "
    "order by m.date desc, m.id desc, i.position, r.position",
}


def snapshot(db_path: Path, folder: Path, *, overwrite: bool = False) -> tuple[Path, int]:
    """Write ``folder/minutes.db``: a checked, consistent copy of ``db_path`` without deleted
    meetings and with exempt items withheld; returns its path and how many items were withheld.

    The copy is made under a temporary name and only then given its name (replacing
    an earlier snapshot only with ``overwrite``). Raises :class:`StoreError`.
    """
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise StoreError(f"Cannot create the folder {folder}: {exc.strerror or exc}") from None
    sweep_stale(folder)
    target = folder / SNAPSHOT
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{dt.datetime.now():%H%M%S%f}-publish.db"
    try:
        backup_file(db_path, tmp)
        withheld = _leave_out_deleted(tmp)
        try:
            if overwrite:
                os.replace(tmp, target)
            else:
                os.link(tmp, target)
        except FileExistsError:
            raise StoreError(f"{target} already exists; use --force to replace it") from None
        except OSError as exc:
            raise StoreError(f"Cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return target, withheld


def _leave_out_deleted(path: Path) -> int:
    """Purge meetings deleted in the app and exempt items' business from the copy, and leave
    no trace of them in the search index or free pages; returns the exempt items withheld."""
    con = sqlite3.connect(str(path))
    try:
        con.execute("PRAGMA foreign_keys = ON")
        columns = {row[1] for row in con.execute("PRAGMA table_info(meetings)")}
        with con:
            if "deleted" in columns:
                con.execute("DELETE FROM meetings WHERE deleted IS NOT NULL")
            withheld = withhold_exempt(con)
            con.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        con.execute("VACUUM")
    except sqlite3.Error as exc:
        raise StoreError(f"The snapshot could not be prepared, nothing was kept: {exc}") from None
    finally:
        con.close()
    verdict = quick_check(path)
    if verdict != "ok":
        raise StoreError(f"The snapshot does not read back cleanly, nothing was kept: {verdict}")
    return withheld


def withhold_exempt(con: sqlite3.Connection) -> int:
    """Reduce each exempt agenda item in ``con`` to its number, minute, title and reason.

    Its points, resolutions, paper, presenter, purpose, summary and recommendations go,
    with the actions raised under it and declarations naming it (as
    :func:`~minutes_tui.agenda.public_version` does for the public minutes). Returns the
    number of exempt items.
    """
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "agenda_items" not in tables:
        return 0
    rows = con.execute("SELECT id, meeting_id, number, minute, title, exempt FROM agenda_items").fetchall()
    exempt = [r for r in rows if str(r[5]).strip()]
    for item_id, meeting_id, number, minute, title, _reason in exempt:
        con.execute("DELETE FROM item_points WHERE item_id = ?", (item_id,))
        con.execute("DELETE FROM resolutions WHERE item_id = ?", (item_id,))
        con.execute(
            "UPDATE agenda_items SET paper = '', presenter = '', purpose = '', recommendations = '[]', "
            "summary = '' WHERE id = ?",
            (item_id,),
        )
        actions = [r[0] for r in con.execute("SELECT id FROM actions WHERE item_id = ?", (item_id,))]
        for action_id in actions:
            if "approved_actions" in tables:
                con.execute("DELETE FROM approved_actions WHERE action_id = ?", (action_id,))
            con.execute("DELETE FROM actions WHERE id = ?", (action_id,))
        item = AgendaItem(number=number, title=title, minute=minute)
        declared = con.execute("SELECT id, item FROM declarations WHERE meeting_id = ?", (meeting_id,))
        for declaration_id, typed in declared.fetchall():
            if names_item(typed, item):
                con.execute("DELETE FROM declarations WHERE id = ?", (declaration_id,))
    return len(exempt)


def metadata(path: Path, *, title: str = "Minutes archive") -> dict[str, Any]:
    """Datasette's metadata for the snapshot at ``path``: only tables and queries it can answer."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
        candidates = dict(QUERIES)
        if {"resolutions", "agenda_items"} <= names:
            candidates["decision_register"] = DECISION_REGISTER
        queries = {}
        for name, query in candidates.items():
            with contextlib.suppress(sqlite3.Error):  # a table or column this archive lacks
                con.execute(f"EXPLAIN {query['sql']}", {"q": "x"})
                queries[name] = query
    finally:
        con.close()
    tables: dict[str, dict[str, Any]] = {
        name: {"title": shown, "description": about}
        for name, (shown, about) in TABLES.items()
        if name in names
    }
    for name in names:
        if name.startswith(("search_index_", "_sqlite_", "sqlite_")):
            tables[name] = {"hidden": True}
    taken = dt.datetime.now(dt.UTC).strftime("%d/%m/%Y %H:%M UTC")
    count = f"{meetings} meeting" + ("" if meetings == 1 else "s")
    about = f"A read-only snapshot of the minutes of {count}, taken {taken} by `minutes publish`."
    return {
        "title": title,
        "description": about,
        "databases": {
            Path(SNAPSHOT).stem: {
                "title": title,
                "description": about,
                "tables": tables,
                "queries": queries,
            }
        },
    }
