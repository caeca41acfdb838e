"""Committee minutes in Word: the parts :mod:`.docx` hands over for a meeting with agenda items.

Each function is given the document writer (its ``para`` and ``heading``) and writes
what :mod:`.committee` decided to show: the "minutes of the meeting held on" line,
the quorum, each item under its minute number, and the closing and signature lines.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from ..model import Meeting
from . import committee

_DASH = " \u2013 "


def opening(writer: Any, meeting: Meeting) -> None:
    """Under the title: "Minutes of the meeting held on ..." (committee meetings only)."""
    if committee.is_committee(meeting) and committee.held_on(meeting):
        writer.para(None, [(committee.held_on(meeting), True)], after=240)


def quorum(writer: Any, meeting: Meeting) -> None:
    """After the attendance: whether the meeting was quorate, and any change during it."""
    if not committee.is_committee(meeting):
        return
    for n, line in enumerate(committee.quorum_lines(meeting)):
        p = writer.para(None, [(line, False)], after=80)
        if n == 0:  # set apart from the attendance list above
            spacing = p.find(qn("w:pPr")).find(qn("w:spacing"))
            spacing.set(qn("w:before"), "200")


def items(writer: Any, blocks: list[committee.ItemBlock]) -> None:
    """Each item: its minute number and title as a heading, then what was minuted under it."""
    for block in blocks:
        heading = "\t".join(part for part in (block.minute.strip(), block.title.strip()) if part)
        writer.heading(heading or "Item")
        if block.exempt:
            writer.para(None, [(block.exempt, True)], after=120)
        if block.about:
            writer.para(None, [(block.about, False)], after=120)
        writer.bullets(block.points)
        if len(block.recommended) == 1:
            writer.para(None, [(committee.RECOMMENDED, True), (block.recommended[0], False)], after=120)
        elif block.recommended:
            writer.para(None, [(committee.RECOMMENDATIONS_WERE, True)], keep_next=True, after=40)
            writer.bullets(block.recommended)
        for resolution in block.resolutions:
            has_votes = bool(resolution.votes or resolution.recorded)
            writer.para(
                None,
                [(resolution.words + resolution.text, True)],
                keep_next=has_votes,
                after=40 if has_votes else 120,
            )
            for line in (resolution.votes, resolution.recorded):
                if line:
                    writer.para(None, [(line, False)], after=120)
        for action in block.actions:
            writer.para(None, [("Action: ", True), (action, False)], after=80)


def closing(writer: Any, meeting: Meeting) -> None:
    """At the end: when the meeting closed, and the chair's signature and date block."""
    if not committee.is_committee(meeting):
        return
    lines = committee.closing_lines(meeting)
    for line in lines:
        writer.para(None, [(line, False)], keep_next=True, after=480)
    chair, dots, date, short = committee.SIGNATURE
    p = writer.para(None, [(f"{chair} {dots}\t{date} {short}", False)], after=0)
    if not lines:  # room to sign below the last item or the actions table
        p.find(qn("w:pPr")).find(qn("w:spacing")).set(qn("w:before"), "720")
