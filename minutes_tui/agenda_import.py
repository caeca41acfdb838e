"""Agenda items from what the papers readers found: an agenda's entries, a paper's facts.

Pure functions, no store: :mod:`minutes_tui.cli.committee` reads the file with
:mod:`minutes_tui.papers` and saves what these give through the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .agenda import AgendaItem, check_number
from .model import ModelError
from .papers import AgendaEntry, PaperFacts

#: "(Paper SEB/25/07)" or "(report CAB/12)" at the end of an agenda title: the paper's reference.
_PAPER_REF = re.compile(r"\s*\((?:paper|report)\s+(?:no\.?\s*)?([^()]{1,40})\)\s*$", re.IGNORECASE)
_PURPOSE_WORDS = (
    ("decision", re.compile(r"\b(?:decision|decide|approv\w*|agree\w*|delegat\w*|endorse\w*)\b", re.I)),
    ("discussion", re.compile(r"\b(?:discuss\w*|consider\w*|comment\w*|views?)\b", re.I)),
    ("information", re.compile(r"\b(?:information|inform|note|noting|update)\b", re.I)),
)
_BARE_PURPOSE = re.compile(r"^\s*for\s+\w+\s*\.?\s*$", re.I)


def item_from_entry(entry: AgendaEntry) -> AgendaItem:
    """An agenda line as an item: a trailing "(Paper X)" becomes its paper reference."""
    title, paper = entry.title.strip(), ""
    found = _PAPER_REF.search(title)
    if found and found.start() > 0:
        title, paper = title[: found.start()].strip(), found.group(1).strip()
    return AgendaItem(number=_number(entry.number), title=title, paper=paper)


def _number(number: str) -> str:
    try:
        return check_number(number)
    except ModelError:
        return ""


def purpose_of(facts: PaperFacts) -> str:
    """ "decision", "discussion", "information" or "" from the paper's purpose, else its recommendations."""
    for text in (facts.purpose, " ".join(facts.recommendations)):
        for purpose, words in _PURPOSE_WORDS:
            if words.search(text):
                return purpose
    return ""


def plain_title(title: str) -> str:
    """A title set in capitals (as item-shaped papers print them) in title case; others as they are."""
    if not title.isupper():
        return title.strip()
    return re.sub(r"[A-Z]+", lambda m: m[0][0] + m[0][1:].lower(), title.strip())


def presenter_of(facts: PaperFacts) -> str:
    """``Alison Plant (Head of Skills)`` from the paper's author or contact officer and post."""
    author, post = facts.author.strip(), facts.post.strip()
    return f"{author} ({post})" if author and post else author


def paper_fields(facts: PaperFacts, item: AgendaItem | None) -> dict[str, object]:
    """The fields of ``item`` (``None``: a new item) the paper fills.

    What the paper says replaces the purpose, summary, recommendations and presenter; the
    title is only filled when the item has none (the agenda's wording is the minutes').
    """
    fields: dict[str, object] = {}
    if facts.title.strip() and (item is None or not item.title.strip()):
        fields["title"] = plain_title(facts.title)
    purpose = purpose_of(facts)
    if purpose:
        fields["purpose"] = purpose
    summary = "\n".join(
        part
        for part in (
            "" if _BARE_PURPOSE.match(facts.purpose) else facts.purpose.strip(),
            facts.summary.strip(),
        )
        if part
    )
    if summary:
        fields["summary"] = summary
    if facts.recommendations:
        fields["recommendations"] = list(facts.recommendations)
    if presenter_of(facts):
        fields["presenter"] = presenter_of(facts)
    return fields


def next_number(items: Iterable[AgendaItem]) -> str:
    """One more than the highest whole item number (``"1"`` for none)."""
    majors = [int(m[1]) for item in items if (m := re.match(r"(\d+)", item.number))]
    return str(max(majors, default=0) + 1)
