"""Minutes as one self-contained, accessible web page (WCAG 2.1 AA), to publish.

One file, no scripts, no outside styles or fonts: ``lang`` set, headings in order
(``h1`` title, ``h2`` sections, ``h3`` speakers and attendance kinds), real lists,
the action tables with a caption and header cells (``th scope``), status in words
(never colour alone). Every piece of user text is escaped: it shows as typed, and each
element that holds it has ``dir="auto"``, so a name or point in a right-to-left script
reads the right way. Committee meetings show their items as the Word minutes do; the page
being for publishing, it is always the public version: an exempt item keeps its number,
title and reason only (:func:`~minutes_tui.agenda.public_version`).
"""

from __future__ import annotations

import html
from pathlib import Path

from ..agenda import public_version
from ..model import ATTENDANCE_LABELS, Meeting
from ..text import for_xml
from . import committee, layout

#: The page's language: minutes of UK bodies, in British English.
LANG = "en-GB"
#: On every element that holds user text: its direction follows its first strong letter.
AUTO = ' dir="auto"'
#: Dark text on white, 16px and up, focus outlines kept: contrast well above 4.5:1.
STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5;
       color: #1a1a1a; background: #ffffff; max-width: 50rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; margin: 0.25rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 1.75rem 0 0.5rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.1rem; margin: 1rem 0 0.25rem; }
.series { font-weight: bold; margin: 0; }
.status { font-weight: bold; border: 2px solid #1a1a1a; padding: 0.25rem 0.5rem; display: inline-block; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.details dt { font-weight: bold; }
dl.details dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #4d4d4d; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { font-weight: normal; }
a:focus, :focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
@media print { body { max-width: none; } }
"""


def text(value: str) -> str:
    """``value`` as HTML that shows exactly ``value``: escaped, line breaks as ``<br>``."""
    value = for_xml(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return "<br>\n".join(html.escape(line.strip(), quote=True) for line in value.split("\n"))


def one_line(value: str) -> str:
    """``value`` escaped, line breaks as spaces (headings, captions, the title)."""
    return html.escape(" ".join(for_xml(value).split()), quote=True)


def _count(rows: list[tuple[str, ...]], noun: str) -> str:
    return f"{len(rows)} {noun}{'' if len(rows) == 1 else 's'}"


def render_html(meeting: Meeting, *, timestamps: bool = False) -> str:
    """The minutes of ``meeting`` as one HTML page (``timestamps``: when each point was saved),
    exempt items withheld."""
    meeting = public_version(meeting)
    out: list[str] = []
    title = layout.heading(meeting)
    page_title = " – ".join(
        one_line(t)
        for t in (title, meeting.series, layout.long_date(meeting.date, weekday=False))
        if t.strip()
    )

    def items(texts: list[str]) -> None:
        out.append("<ul>")
        out.extend(f"<li{AUTO}>{text(t)}</li>" for t in texts)
        out.append("</ul>")

    def agenda(blocks: list[committee.ItemBlock]) -> None:
        for block in blocks:
            out.append(f"<h2{AUTO}>{one_line(block.heading) or 'Item'}</h2>")
            if block.exempt:
                out.append(f"<p{AUTO}><strong>{text(block.exempt)}</strong></p>")
            if block.about:
                out.append(f"<p{AUTO}><em>{text(block.about)}</em></p>")
            if block.points:
                items(block.points)
            if len(block.recommended) == 1:
                out.append(
                    f"<p{AUTO}><strong>{committee.RECOMMENDED}</strong>{text(block.recommended[0])}</p>"
                )
            elif block.recommended:
                out.append(f"<p><strong>{committee.RECOMMENDATIONS_WERE}</strong></p>")
                items(block.recommended)
            for resolution in block.resolutions:
                out.append(f"<p{AUTO}><strong>{text(resolution.words + resolution.text)}</strong></p>")
                out.extend(
                    f"<p{AUTO}>{text(line)}</p>" for line in (resolution.votes, resolution.recorded) if line
                )
            out.extend(f"<p{AUTO}><strong>Action:</strong> {text(action)}</p>" for action in block.actions)

    def table(caption: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        out.append(f"<table>\n<caption>{one_line(caption)}</caption>")
        out.append("<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in columns) + "</tr></thead>")
        out.append("<tbody>")
        for row in rows:
            first, *rest = row
            cells = "".join(f"<td{AUTO}>{text(cell)}</td>" for cell in rest)
            out.append(f'<tr><th scope="row"{AUTO}>{text(first)}</th>{cells}</tr>')
        out.append("</tbody>\n</table>")

    out.append("<header>")
    if meeting.series.strip() and meeting.title.strip():
        out.append(f'<p class="series"{AUTO}>{one_line(meeting.series)}</p>')
    out.append(f"<h1{AUTO}>{one_line(title)}</h1>")
    board = committee.is_committee(meeting)
    if board and committee.held_on(meeting):
        out.append(f"<p{AUTO}><strong>{one_line(committee.held_on(meeting))}</strong></p>")
    if meeting.status == "draft":
        out.append('<p class="status">Draft minutes: not yet approved</p>')
    details = [(label, value) for label, value in layout.details(meeting) if label != "Status"]
    if details:
        out.append('<dl class="details">')
        out.extend(f"<dt>{label}</dt><dd{AUTO}>{one_line(value)}</dd>" for label, value in details)
        out.append("</dl>")
    out.append("</header>\n<main>")

    kinds = layout.attendance(meeting)
    if kinds:
        out.append("<h2>Attendance</h2>")
        for kind, groups in kinds:
            out.append(f"<h3>{ATTENDANCE_LABELS[kind]}</h3>")
            people = []
            for organisation, names in groups:
                who = ", ".join(names)
                people.append(f"{who} ({organisation})" if organisation and names else organisation or who)
            items(people)
    out.extend(f"<p>{text(line)}</p>" for line in committee.quorum_lines(meeting) if board)

    for kind, heading, content in layout.blocks(meeting, timestamps=timestamps):
        if kind == "agenda":  # each item under its own heading, as in the Word minutes
            agenda(content)
            continue
        if heading:  # (matters arising under their agenda item have none)
            out.append(f"<h2{AUTO}>{one_line(heading)}</h2>")
        if kind == "bullets":
            items(content)
        elif kind == "round_robin":
            for speaker, points in content:
                if speaker:
                    out.append(f"<h3{AUTO}>{one_line(speaker)}</h3>")
                items(points)
        elif kind == "actions":
            table(f"{_count(content, 'action')} agreed at this meeting", layout.ACTION_COLUMNS, content)
        else:
            caption = f"{_count(content, 'action')} from earlier meetings, with progress reported"
            table(caption, layout.CARRIED_COLUMNS, content)

    if meeting.next_meeting:
        out.append("<h2>Date of next meeting</h2>")
        out.append(f"<p>{layout.long_date(meeting.next_meeting)}</p>")
    out.extend(f"<p>{text(line)}</p>" for line in committee.closing_lines(meeting) if board)
    out.append("</main>")

    head = (
        f'<!DOCTYPE html>\n<html lang="{LANG}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{page_title}</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    )
    return "\n".join([head, *out, "</body>\n</html>\n"])


def write_html(meeting: Meeting, path: Path, *, timestamps: bool = False, **_options: object) -> None:
    path.write_text(render_html(meeting, timestamps=timestamps), encoding="utf-8", newline="\n")
