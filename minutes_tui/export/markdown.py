"""Minutes as Markdown, to paste into an email or a wiki.

Plain UTF-8 in CommonMark with a GitHub-style pipe table for the actions. Every
piece of user text is escaped, so ``*``, ``_``, ``[``, ``<``, a ``#`` at the start of
a line and so on come out as typed when the Markdown is rendered. Control
characters are dropped, as in the Word export.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import ATTENDANCE_LABELS, Meeting
from ..text import for_xml
from . import committee, layout
from .council_attendance import council_attendance, council_style

#: Characters that mean something anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<|~#])")
#: An ``&`` that would start an entity such as ``&amp;`` or ``&#169;``.
_ENTITY = re.compile(r"&(?=#?\w+;)")
#: Line starts that would make a heading, quote, list item, rule or setext underline.
_BLOCK_START = re.compile(r"^(>|[-+=]|\d+(?=[.)](?:\s|$)))")
_DASH = " \u2013 "


def escape(text: str, *, inline: bool = False) -> str:
    """``text`` as Markdown that renders as ``text``; line breaks become hard breaks (``\\``).

    With ``inline`` (headings, labels, table cells) line breaks become spaces.
    """
    text = for_xml(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        line = _BLOCK_START.sub(
            lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), line
        )
        lines.append(line)
    if inline:
        return " ".join(line for line in lines if line)
    return "\\\n".join(lines)


def _indent(text: str, prefix: str) -> str:
    """Continuation lines of a list item indented to stay in the item."""
    return text.replace("\n", "\n" + " " * len(prefix))


def render_markdown(meeting: Meeting, *, timestamps: bool = False) -> str:
    """The minutes of ``meeting`` as Markdown text (``timestamps``: when each point was saved)."""
    out: list[str] = []

    def para(text: str) -> None:
        out.extend((text, ""))

    def bullets(texts: list[str]) -> None:
        out.extend(f"- {_indent(escape(t), '- ')}" for t in texts)
        out.append("")

    def round_robin(turns: list[tuple[str, list[str]]]) -> None:
        for speaker, points in turns:
            label = f"**{escape(speaker, inline=True)}**" if speaker else ""
            if layout.one_line(points):
                para(f"{label}{_DASH if label else ''}{escape(points[0])}")
                continue
            if label:
                para(label)
            if points:
                bullets(points)

    def table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        out.append("| " + " | ".join(columns) + " |")
        out.append("|" + "|".join("---" for _ in columns) + "|")
        out.extend("| " + " | ".join(escape(cell, inline=True) for cell in row) + " |" for row in rows)
        out.append("")

    def items(blocks: list[committee.ItemBlock]) -> None:
        for block in blocks:
            para(f"## {escape(block.heading, inline=True) or 'Item'}")
            if block.exempt:
                para(f"**{escape(block.exempt, inline=True)}**")
            if block.about:
                para(f"*{escape(block.about, inline=True)}*")
            if block.points:
                bullets(block.points)
            if len(block.recommended) == 1:
                para(f"**{escape(committee.RECOMMENDED.strip())}** {escape(block.recommended[0])}")
            elif block.recommended:
                para(f"**{committee.RECOMMENDATIONS_WERE}**")
                bullets(block.recommended)
            for resolution in block.resolutions:
                para(f"**{escape(resolution.words + resolution.text)}**")
                for line in (resolution.votes, resolution.recorded):
                    if line:
                        para(escape(line))
            for action in block.actions:
                para(f"**Action:** {escape(action)}")

    series, title = meeting.series.strip(), meeting.title.strip()
    if series and title:
        para(f"**{escape(series, inline=True)}**")
    para(f"# {escape(layout.heading(meeting), inline=True)}")
    board = committee.is_committee(meeting)
    if board and committee.held_on(meeting):
        para(f"**{escape(committee.held_on(meeting), inline=True)}**")
    for label, value in layout.details(meeting):
        para(f"**{label}:** {escape(value, inline=True)}")

    kinds = [] if council_style(meeting) else layout.attendance(meeting)
    for label, text in council_attendance(meeting) if council_style(meeting) else []:
        para(f"**{label}:** {escape(text, inline=True)}")
    if kinds:
        para("## Attendance")
        for kind, groups in kinds:
            people = []
            for organisation, names in groups:
                names_md = escape(", ".join(names), inline=True)
                if organisation and names:
                    people.append(f"{names_md} ({escape(organisation, inline=True)})")
                else:
                    people.append(escape(organisation, inline=True) or names_md)
            para(f"**{ATTENDANCE_LABELS[kind]}:** " + "; ".join(people))
    for line in committee.quorum_lines(meeting) if board else []:
        para(escape(line))

    for kind, heading, content in layout.blocks(meeting, timestamps=timestamps):
        if kind == "agenda":
            items(content)
            continue
        if heading:  # (matters arising under their agenda item have none)
            para(f"## {escape(heading, inline=True)}")
        if kind == "bullets":
            bullets(content)
        elif kind == "round_robin":
            round_robin(content)
        elif kind == "actions":
            table(layout.ACTION_COLUMNS, content)
        else:
            table(layout.CARRIED_COLUMNS, content)

    if meeting.next_meeting:
        para("## Date of next meeting")
        para(layout.long_date(meeting.next_meeting))
    if board:
        for line in committee.closing_lines(meeting):
            para(escape(line))
        chair, dots, date, short = committee.SIGNATURE
        para(f"{chair} {dots} {date} {short}")

    return "\n".join(out).rstrip("\n") + "\n"


def write_markdown(meeting: Meeting, path: Path, *, timestamps: bool = False, **_options: object) -> None:
    path.write_text(render_markdown(meeting, timestamps=timestamps), encoding="utf-8", newline="\n")
