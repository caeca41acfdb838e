"""The action log: actions across meetings, filtered, paged and counted; status from the log."""

from __future__ import annotations

import datetime as dt

from ..model import STILL_TO_DO, Action, ActionRow, check_action_status
from ..text import fold
from .gateway import Gateway
from .history import HistoryRepository
from .rows import action_from_row, action_row_from_row


def _action_filter(
    series: str | None, owner: str | None, still_to_do: bool, overdue: bool, today: dt.date | None
) -> tuple[str, list[object]]:
    """The WHERE clause (with its parameters) of the action log's filters."""
    where: list[str] = ["m.deleted IS NULL"]
    params: list[object] = []
    if series:
        where.append("m.series = ?")
        params.append(series)
    if owner:
        where.append("minutes_fold(a.owner) LIKE ? ESCAPE '\\'")
        escaped = fold(owner).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    if still_to_do or overdue:
        where.append(f"a.status IN {STILL_TO_DO}")
    if overdue:
        where.append("a.due IS NOT NULL AND a.due < ?")
        params.append((today or dt.date.today()).isoformat())
    return " WHERE " + " AND ".join(where), params


class ActionLogRepository:
    """Every meeting's actions as one log."""

    def __init__(self, db: Gateway, history: HistoryRepository) -> None:
        self.db = db
        self.history = history

    def list_actions(
        self,
        *,
        series: str | None = None,
        owner: str | None = None,
        still_to_do: bool = False,
        overdue: bool = False,
        today: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        latest_first: bool = False,
    ) -> list[ActionRow]:
        """Actions across meetings, soonest due first (undated last), or latest first.

        ``owner`` matches anywhere in the owner, in any case and with or without accents; ``overdue`` keeps
        actions still to do whose due date is before ``today``. ``limit``/``offset``
        page through the log.
        """
        where, params = _action_filter(series, owner, still_to_do, overdue, today)
        order = "DESC" if latest_first else ""
        sql = (
            "SELECT a.*, m.date AS meeting_date, m.series AS series, m.title AS meeting_title "
            f"FROM actions a JOIN meetings m ON m.id = a.meeting_id{where} "
            f"ORDER BY a.due IS NULL {order}, a.due {order}, m.date {order}, a.meeting_id {order}, "
            f"a.position {order}"
        )
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        return [action_row_from_row(r) for r in self.db.read(sql, params)]

    def count_actions(
        self,
        *,
        series: str | None = None,
        owner: str | None = None,
        still_to_do: bool = False,
        overdue: bool = False,
        today: dt.date | None = None,
    ) -> tuple[int, int]:
        """How many actions :meth:`list_actions` would give, and how many of them are overdue."""
        where, params = _action_filter(series, owner, still_to_do, overdue, today)
        row = self.db.read(
            f"SELECT count(*) AS total, count(*) FILTER (WHERE a.status IN {STILL_TO_DO} AND a.due < ?) AS late "
            f"FROM actions a JOIN meetings m ON m.id = a.meeting_id{where}",
            ((today or dt.date.today()).isoformat(), *params),
        )[0]
        return row["total"], row["late"]

    def set_action_status(self, action_id: int, status: str, note: str = "") -> Action:
        """Change an action's status from the action log, with an optional note.

        Progress, not content: allowed after the raising meeting is approved; kept
        in the action's history (a note with the status unchanged as a ``noted``
        event; the same status and no note change nothing).
        """
        check_action_status(status)
        row = self.db.row("actions", action_id)
        if status == row["status"] and not note.strip():
            return action_from_row(row)
        with self.db.write(row["meeting_id"], content=False):
            if status == row["status"]:
                self.history.record_note(action_id, None, status, note)
            else:
                self.db.set_fields("actions", action_id, {"status": status})
                self.history.record_status(action_id, None, status, note)
        return action_from_row(self.db.row("actions", action_id))
