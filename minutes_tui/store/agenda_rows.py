"""Rows of the committee tables to domain objects and back (see :mod:`.schema_board`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from ..agenda import (
    AgendaItem,
    CommitteeRules,
    Resolution,
    check_number,
    check_outcome,
    check_purpose,
    check_votes,
)
from ..model import ModelError, Point
from ..text import storable
from .gateway import Row
from .rows import datetime_out


def text_list_in(values: Iterable[str]) -> str:
    """A list of texts as stored: a JSON array."""
    items = list(values)
    if not all(isinstance(v, str) for v in items):
        raise ModelError("a list of texts must hold only text")
    return storable(json.dumps(items, ensure_ascii=False))


def text_list_out(value: str | None) -> list[str]:
    if not value:
        return []
    loaded = json.loads(value)
    return [str(v) for v in loaded] if isinstance(loaded, list) else []


def item_from_row(row: Row) -> AgendaItem:
    """An agenda item without its points and resolutions (rows of their own)."""
    return AgendaItem(
        number=row["number"],
        title=row["title"],
        paper=row["paper"],
        presenter=row["presenter"],
        purpose=row["purpose"],
        recommendations=text_list_out(row["recommendations"]),
        summary=row["summary"],
        exempt=row["exempt"],
        minute=row["minute"],
        id=row["id"],
        version=row.get("version") or 0,
    )


def item_values(item: AgendaItem) -> dict[str, object]:
    """An item's own columns (not its minute number, which the store gives)."""
    return {
        "number": check_number(item.number),
        "title": item.title,
        "paper": item.paper,
        "presenter": item.presenter,
        "purpose": check_purpose(item.purpose),
        "recommendations": text_list_in(item.recommendations),
        "summary": item.summary,
        "exempt": item.exempt,
    }


def item_fields(fields: Mapping[str, object]) -> dict[str, object]:
    """Changed item fields checked and made ready to store (recommendations as a list of texts)."""
    out: dict[str, object] = {}
    for key, value in fields.items():
        if key == "number":
            value = check_number(str(value or ""))
        elif key == "purpose":
            value = check_purpose(str(value or ""))
        elif key == "recommendations":
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise ModelError("recommendations must be a list of texts")
            value = text_list_in(value)
        elif value is None:
            value = ""
        elif not isinstance(value, str):
            raise ModelError(f"an item's {key} must be text, not {value!r}")
        out[key] = value
    return out


def item_point_from_row(row: Row) -> Point:
    return Point(row["text"], row["id"], datetime_out(row.get("created")), row.get("version") or 0)


def resolution_from_row(row: Row) -> Resolution:
    return Resolution(
        outcome=row["outcome"],
        text=row["text"],
        votes_for=row["votes_for"],
        votes_against=row["votes_against"],
        abstentions=row["abstentions"],
        recorded=text_list_out(row["recorded"]),
        id=row["id"],
        version=row.get("version") or 0,
    )


def resolution_values(resolution: Resolution) -> dict[str, object]:
    return {
        "outcome": check_outcome(resolution.outcome),
        "text": resolution.text,
        "votes_for": check_votes(resolution.votes_for, "for"),
        "votes_against": check_votes(resolution.votes_against, "against"),
        "abstentions": check_votes(resolution.abstentions, "abstaining"),
        "recorded": text_list_in(resolution.recorded),
    }


VOTE_WORDS = {"votes_for": "for", "votes_against": "against", "abstentions": "abstaining"}


def resolution_fields(fields: Mapping[str, object]) -> dict[str, object]:
    """Changed resolution fields checked and made ready to store."""
    out: dict[str, object] = {}
    for key, value in fields.items():
        if key == "outcome":
            value = check_outcome(str(value or ""))
        elif key in VOTE_WORDS:
            value = check_votes(value, VOTE_WORDS[key])
        elif key == "recorded":
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise ModelError("a recorded vote must be a list of names")
            value = text_list_in(value)
        elif key == "text":
            value = "" if value is None else value
            if not isinstance(value, str):
                raise ModelError(f"a resolution's text must be text, not {value!r}")
        out[key] = value
    return out


def rules_from_row(row: Row | None) -> CommitteeRules:
    if row is None:
        return CommitteeRules()
    return CommitteeRules(
        numbering=row["numbering"],
        quorum=row["quorum"],
        actions_table=bool(row["actions_table"]),
        first_minute=row["first_minute"],
    )
