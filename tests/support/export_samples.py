"""For the export tests: the DESIGN.md example, hostile text, a big meeting, and templates."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx

from minutes_tui.model import Action, Attendee, Bullet, Meeting, Point, Turn


def design_meeting(status: str = "draft") -> Meeting:
    """The invented workshop of DESIGN.md, in full."""
    return Meeting(
        series="North West Chemicals Skills Alliance",
        title="Apprenticeships Workshop",
        date=dt.date(2025, 3, 14),
        time="10:00",
        place="Runcorn",
        chair="Priya",
        minute_taker="Sam Lee",
        status=status,
        next_meeting=dt.date(2025, 6, 12),
        attendees=[
            Attendee("Priya", "Cogent SSC", role="Chair"),
            Attendee("Tom", "LSC"),
            Attendee("Gareth", "Business Link"),
            Attendee("Aisha", "JCP"),
            Attendee("Dave &", "ChemiCol"),
            Attendee("Sam Lee", "Cogent SSC"),
            Attendee("Helen", "NWDA", attendance="apologies"),
            Attendee("Ravi", "Halton Council", attendance="in_attendance"),
        ],
        sections={
            "overview": [Bullet("Level 3 trial has 24 apprentices in year one")],
            "purpose": [Bullet("To agree the employer offer for 2025/26")],
            "agreed": [Bullet("Providers share one employer contact list")],
            "comments": [Bullet("Look at the Humber approach to work trials")],
            "next_steps": [Bullet("Circulate the draft offer to all partners")],
        },
        round_robin=[
            Turn("Cogent SSC", [Point("Sector Skills Agreement stage 4 is complete.")]),
            Turn("LSC", [Point("Train to Gain budget is committed until August.")]),
            Turn(
                "JCP",
                [
                    Point("Need a single contact for employers"),
                    Point("Growth areas: process operators, maintenance"),
                ],
            ),
        ],
        actions=[
            Action("Draft the employer offer", "Priya", dt.date(2025, 4, 30), "open"),
            Action("Collate provider contacts", "Tom", dt.date(2025, 4, 15), "done"),
        ],
    )


#: Text a user can type or paste that must come out as typed (or, for controls, dropped).
ARABIC = (
    "\u0645\u062d\u0636\u0631 \u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639"  # "minutes of the meeting"
)
HEBREW = "\u05e4\u05e8\u05d5\u05d8\u05d5\u05e7\u05d5\u05dc \u05d4\u05d9\u05e9\u05d9\u05d1\u05d4"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # a ZWJ sequence
HOSTILE = [
    "[bold]not bold[/bold] and [link=x]y[/link]",
    "<b>not bold</b> & <script>alert(1)</script> &amp; &copy;",
    f"Arabic: {ARABIC}",
    f"Hebrew: {HEBREW}",
    f"Emoji: {FAMILY} \U0001f44d\U0001f3fd",
    "Controls:\x00NUL\x07BEL\x1bESC\x0bVT\x0cFF\ufffe\uffff end",
    "* not a bullet _not italic_ `not code` # not a heading",
    "# line-start hash\n1. not a list\n> not a quote\n- not a bullet",
    "Tab\tseparated\tand a line\nbreak",
]
LONG = "long " * 20_000  # 100,000 characters


def hostile_meeting() -> Meeting:
    return Meeting(
        series="Series <x> & [y]",
        title="Hostile\x00 text * _ #",
        date=dt.date(2025, 1, 2),
        attendees=[Attendee(f"{FAMILY} Zed", ARABIC), Attendee("Nul\x00Person", "Org\x1b")],
        sections={"overview": [Bullet(t) for t in HOSTILE], "comments": [Bullet(LONG)]},
        round_robin=[Turn(HEBREW, [Point(t) for t in HOSTILE]), Turn("Ctl\x01", [Point("x\x02y")])],
        actions=[Action(HOSTILE[1], ARABIC + "\x00", dt.date(2025, 2, 3))],
    )


def big_meeting(scale: int = 1) -> Meeting:
    """A meeting of ``1000 * scale`` items: 30 attendees, 300 turns, 300 actions, 370 comments."""
    orgs = [f"Organisation {n}" for n in range(12)]
    attendees = [
        Attendee(f"Person {n}", orgs[n % len(orgs)], attendance="present" if n % 10 else "apologies")
        for n in range(30 * scale)
    ]
    sentence = "Partners discussed the employer offer and agreed to report back at the next meeting"
    turns = []
    for n in range(300 * scale):
        points = [Point(f"{sentence} ({n}.{k}).") for k in range(1 + n % 3)]
        turns.append(Turn(orgs[n % len(orgs)], points))
    actions = [
        Action(f"Action {n}: {sentence}", f"Person {n % 30}", dt.date(2025, 1 + n % 12, 1 + n % 28))
        for n in range(300 * scale)
    ]
    names = ("overview", "purpose", "agreed", "comments", "next_steps")
    sections: dict[str, list[Bullet]] = {name: [] for name in names}
    for n in range(370 * scale):
        sections[names[n % len(names)]].append(Bullet(f"Comment {n}: {sentence}."))
    return Meeting(
        series="Benchmark Partnership",
        title=f"Big meeting x{scale}",
        date=dt.date(2025, 3, 14),
        place="Town Hall",
        attendees=attendees,
        sections=sections,
        round_robin=turns,
        actions=actions,
    )


def make_template(
    path: Path, *, header: str = "Halton Borough Council", drop=("List Bullet", "Heading 2")
) -> Path:
    """A letterhead template: header text, Georgia body text, some styles missing, some body text."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    document.styles["Normal"].font.name = "Georgia"
    for name in drop:
        element = document.styles[name].element
        element.getparent().remove(element)
    document.add_paragraph("Template body text to be replaced")
    document.save(str(path))
    return path


def as_dotx(source: Path, target: Path) -> Path:
    """``source`` relabelled as a Word template, as Word saves a .dotx."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    return target


#: When the sample points of :func:`capture_meeting` were typed (UTC, as stored).
TYPED_AT = dt.datetime(2025, 3, 14, 10, 5, tzinfo=dt.UTC)


def capture_meeting() -> Meeting:
    """The design meeting as captured live: late arrivals, early leavers, a substitute,
    declarations of interest, timestamped points and a "No update" turn."""
    from minutes_tui.model import Declaration

    meeting = design_meeting()
    tom, gareth, aisha = meeting.attendees[1:4]
    tom.arrived = "10:40"
    gareth.left = "11:15"
    aisha.on_behalf_of = "Helen Jones"
    meeting.declarations = [
        Declaration(item="Employer offer", text="Director of a member company", attendee_index=4),
    ]
    for n, turn in enumerate(meeting.round_robin):
        for k, point in enumerate(turn.points):
            point.created = TYPED_AT + dt.timedelta(minutes=10 * n + k)
    meeting.sections["agreed"][0].created = TYPED_AT + dt.timedelta(minutes=45)
    meeting.round_robin.append(Turn("Business Link", [Point("No update")]))
    return meeting
