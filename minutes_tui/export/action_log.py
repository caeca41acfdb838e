"""The action log as CSV (safe to open in Excel), JSON or a plain text table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence

from ..model import ACTION_STATUS_LABELS, ActionRow
from ..text import for_xml, visible

COLUMNS = ("id", "action", "owner", "due", "status", "overdue", "raised_on", "series", "meeting")
#: A cell starting with one of these is a formula to Excel, LibreOffice and Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: str) -> str:
    """``value`` made safe for a spreadsheet cell: a would-be formula gets a leading ``'``.

    Control characters (which no spreadsheet cell holds) are dropped first, so that
    ``"\\x00=1"`` cannot turn into the formula ``=1`` when a spreadsheet drops them.
    """
    value = for_xml(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _record(row: ActionRow, today: dt.date | None) -> dict[str, str]:
    a = row.action
    return {
        "id": str(a.id or ""),
        "action": a.text,
        "owner": a.owner,
        "due": a.due.isoformat() if a.due else "",
        "status": ACTION_STATUS_LABELS[a.status],
        "overdue": "yes" if row.is_overdue(today) else "",
        "raised_on": row.meeting_date.isoformat() if row.meeting_date else "",
        "series": row.series,
        "meeting": row.meeting_title,
    }


def actions_csv(rows: Sequence[ActionRow], today: dt.date | None = None) -> str:
    """CSV with a header row; every text cell made inert for spreadsheets."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: inert(v) for k, v in _record(row, today).items()})
    return out.getvalue()


def actions_json(rows: Sequence[ActionRow], today: dt.date | None = None) -> str:
    return json.dumps([_record(row, today) for row in rows], ensure_ascii=False, indent=2) + "\n"


def actions_table(rows: Sequence[ActionRow], today: dt.date | None = None, width: int = 100) -> str:
    """A plain text table for the terminal: due, status, owner, action."""
    lines = []
    for row in rows:
        r = _record(row, today)
        flag = "!" if r["overdue"] else " "
        text = visible(" ".join(r["action"].split()))
        owner = visible(" ".join(r["owner"].split()))[:18]
        line = f"{r['id']:>5} {flag}{r['due'] or '—':<10}  {r['status']:<8} {owner:<18} {text}"
        lines.append(line[:width])
    return "\n".join(lines) + ("\n" if lines else "")
