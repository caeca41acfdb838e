"""The decision register as CSV (safe to open in Excel), JSON or a plain text table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..agenda import OUTCOME_LABELS, Decision
from ..text import visible
from .action_log import inert

COLUMNS = (
    "date",
    "series",
    "meeting",
    "minute",
    "item",
    "outcome",
    "resolution",
    "for",
    "against",
    "abstain",
)
#: What the register shows for an exempt item's resolution in its public form.
WITHHELD = "Not for publication"


def _record(decision: Decision, public: bool) -> dict[str, str]:
    withheld = public and bool(decision.exempt.strip())
    return {
        "date": decision.date.isoformat() if decision.date else "",
        "series": decision.series,
        "meeting": decision.meeting_title,
        "minute": decision.minute or decision.number,
        "item": decision.item,
        "outcome": OUTCOME_LABELS[decision.outcome],
        "resolution": WITHHELD if withheld else decision.text,
        **{
            key: "" if value is None or withheld else str(value)
            for key, value in (
                ("for", decision.votes_for),
                ("against", decision.votes_against),
                ("abstain", decision.abstentions),
            )
        },
    }


def decisions_csv(rows: Sequence[Decision], *, public: bool = False) -> str:
    """CSV with a header row; every text cell made inert for spreadsheets."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: inert(v) for k, v in _record(row, public).items()})
    return out.getvalue()


def decisions_json(rows: Sequence[Decision], *, public: bool = False) -> str:
    return json.dumps([_record(row, public) for row in rows], ensure_ascii=False, indent=2) + "\n"


def decisions_table(rows: Sequence[Decision], *, public: bool = False, width: int = 120) -> str:
    """A plain text table for the terminal: date, minute, outcome, item and resolution."""
    lines = []
    for row in rows:
        r = _record(row, public)
        item = visible(" ".join(r["item"].split()))
        text = visible(" ".join(r["resolution"].split()))
        minute = visible(r["minute"])[:8]
        line = f"{r['date'] or '—':<10}  {minute:<8} {r['outcome']:<19} {item}: {text}"
        lines.append(line[:width])
    return "\n".join(lines) + ("\n" if lines else "")
