"""Word minutes: read the exported file back with python-docx and check what an officer gets."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from support.export_samples import (
    FAMILY,
    HOSTILE,
    LONG,
    as_dotx,
    design_meeting,
    hostile_meeting,
    make_template,
)

from minutes_tui.export import ExportError, export_meeting
from minutes_tui.export.docx import build_document
from minutes_tui.model import Action, Bullet, Meeting, Turn
from minutes_tui.text import for_xml

HEADINGS = [
    "Attendance",
    "Overview",
    "Purpose",
    "Round robin",
    "All agreed",
    "Actions",
    "General comments",
    "Next steps",
    "Date of next meeting",
]


def export(meeting: Meeting, **options) -> docx.document.Document:
    path = export_meeting(meeting, "docx", **options)
    return docx.Document(str(path))


def blocks(document) -> list[tuple[str, str]]:
    """Body content in order: (style name, text) for paragraphs, ("table", "") for tables."""
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            out.append(("table", ""))
        else:
            out.append((item.style.name, item.text))
    return out


def texts(document, style: str) -> list[str]:
    return [text for name, text in blocks(document) if name == style]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


@pytest.fixture
def minutes():
    return export(design_meeting())


def test_lands_in_exports_with_a_readable_name():
    path = export_meeting(design_meeting(), "docx")
    assert (
        path
        == Path("exports") / "2025-03-14 North West Chemicals Skills Alliance - Apprenticeships Workshop.docx"
    )
    assert path.is_file()
    again = export_meeting(design_meeting(), "docx")
    assert again.name.endswith(" (2).docx")


def test_sections_are_real_headings_in_order(minutes):
    assert texts(minutes, "Heading 1") == HEADINGS
    assert texts(minutes, "Heading 2") == ["Present", "Apologies", "In attendance"]
    styles = {p.style.name for p in minutes.paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet"} <= styles
    heading = minutes.styles["Heading 1"].element
    assert heading.find(qn("w:pPr")).find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_title_block(minutes):
    content = blocks(minutes)
    assert content[0] == ("Subtitle", "North West Chemicals Skills Alliance")
    assert content[1] == ("Title", "Apprenticeships Workshop")
    lines = [text for _, text in content[2:7]]
    assert lines == [
        "Date: Friday 14 March 2025, 10:00",
        "Place: Runcorn",
        "Chair: Priya",
        "Minutes: Sam Lee",
        "Status: Draft, not yet approved",
    ]


def test_attendance_grouped_by_organisation(minutes):
    content = [text for _, text in blocks(minutes)]
    start = content.index("Present")
    assert content[start : start + 10] == [
        "Present",
        "Cogent SSC: Priya (Chair), Sam Lee",
        "LSC: Tom",
        "Business Link: Gareth",
        "JCP: Aisha",
        "ChemiCol: Dave &",
        "Apologies",
        "NWDA: Helen",
        "In attendance",
        "Halton Council: Ravi",
    ]


def test_bulleted_sections(minutes):
    content = blocks(minutes)
    for heading, bullet in [
        ("Overview", "Level 3 trial has 24 apprentices in year one"),
        ("Purpose", "To agree the employer offer for 2025/26"),
        ("All agreed", "Providers share one employer contact list"),
        ("General comments", "Look at the Humber approach to work trials"),
        ("Next steps", "Circulate the draft offer to all partners"),
    ]:
        i = content.index(("Heading 1", heading))
        assert content[i + 1] == ("List Bullet", bullet)


def test_round_robin_one_line_and_bulleted_turns(minutes):
    content = blocks(minutes)
    i = content.index(("Heading 1", "Round robin"))
    assert content[i + 1 : i + 6] == [
        ("Normal", "Cogent SSC \u2013 Sector Skills Agreement stage 4 is complete."),
        ("Normal", "LSC \u2013 Train to Gain budget is committed until August."),
        ("Normal", "JCP"),
        ("List Bullet", "Need a single contact for employers"),
        ("List Bullet", "Growth areas: process operators, maintenance"),
    ]
    speaker = next(p for p in minutes.paragraphs if p.text == "JCP")
    assert speaker.runs[0].bold
    assert speaker.paragraph_format.keep_with_next


def test_actions_table_with_repeating_header(minutes):
    content = blocks(minutes)
    i = content.index(("Heading 1", "Actions"))
    assert content[i + 1] == ("table", "")
    (table,) = minutes.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Action", "Owner", "Due", "Status"],
        ["Draft the employer offer", "Priya", "30/04/2025", "Open"],
        ["Collate provider contacts", "Tom", "15/04/2025", "Done"],
    ]
    assert table.style.name == "Table Grid"
    header = table.rows[0]._tr
    assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert table.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None  # a short action stays on one page
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_next_meeting_last(minutes):
    assert blocks(minutes)[-2:] == [
        ("Heading 1", "Date of next meeting"),
        ("Normal", "Thursday 12 June 2025"),
    ]


def test_empty_sections_are_left_out():
    meeting = Meeting(
        title="Short",
        sections={"overview": [Bullet("Only this"), Bullet("   ")], "agreed": [Bullet("")]},
        round_robin=[Turn("", [])],
        actions=[Action("", "")],
    )
    document = export(meeting)
    assert texts(document, "Heading 1") == ["Overview"]
    assert texts(document, "List Bullet") == ["Only this"]
    assert document.tables == []
    assert [t for _, t in blocks(document)][:2] == ["Short", "Status: Draft, not yet approved"]


def test_a_meeting_with_nothing_in_it_still_exports():
    document = export(Meeting(status="approved"))
    assert blocks(document) == [("Title", "Minutes")]


def test_matters_arising_follow_the_layout():
    from minutes_tui.model import CarriedAction

    meeting = design_meeting()
    meeting.matters_arising = [
        CarriedAction(
            Action("Book the venue", "Tom", status="done"), "Booked", dt.date(2025, 1, 10), "Workshop"
        )
    ]
    document = export(meeting)
    headings = texts(document, "Heading 1")
    assert headings.index("Actions from previous meetings") == headings.index("Round robin") - 1
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Action", "Owner", "Raised", "Status", "Progress"]
    assert [c.text for c in first.rows[1].cells] == ["Book the venue", "Tom", "10/01/2025", "Done", "Booked"]


def test_draft_is_marked_on_every_page_and_in_the_properties(minutes):
    header = minutes.sections[0].header
    assert "DRAFT" in [p.text for p in header.paragraphs]
    assert minutes.core_properties.title == "Apprenticeships Workshop, 14 March 2025 (DRAFT)"
    assert minutes.core_properties.subject == "Draft minutes: North West Chemicals Skills Alliance"


def test_approved_minutes_have_no_draft_marking():
    document = export(design_meeting(status="approved"))
    text = all_text(document)
    assert "DRAFT" not in text and "not yet approved" not in text
    assert document.sections[0].header.paragraphs[0].text == ""
    props = document.core_properties
    assert "DRAFT" not in props.title.upper() and "DRAFT" not in props.subject.upper()
    assert props.subject == "Minutes: North West Chemicals Skills Alliance"


def test_page_x_of_y_in_the_footer(minutes):
    footer = minutes.sections[0].footer
    xml = footer._element.xml
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert footer.paragraphs[-1].text.startswith("Page ")


def test_document_properties(minutes):
    props = minutes.core_properties
    assert props.author == "Sam Lee"
    assert props.category == "Minutes"
    assert props.language == "en-GB"
    assert abs(props.created - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    meeting = design_meeting()
    meeting.created = dt.datetime(2025, 3, 14, 9, 30, tzinfo=dt.UTC)  # as the store gives it
    assert build_document(meeting, template=None).core_properties.created == meeting.created


def test_a4_page_in_the_built_in_look(minutes):
    section = minutes.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_any_typed_text_exports_as_typed():
    path = export_meeting(hostile_meeting(), "docx")
    document = docx.Document(str(path))
    overview = texts(document, "List Bullet")[: len(HOSTILE)]
    assert overview == [for_xml(t) for t in HOSTILE]
    assert "Controls:NULBELESCVTFF end" in overview
    assert f"Emoji: {FAMILY} \U0001f44d\U0001f3fd" in overview
    assert LONG in texts(document, "List Bullet")
    assert texts(document, "Title") == ["Hostile text * _ #"]
    assert document.core_properties.title.startswith("Hostile text * _ #")
    assert "Ctl \u2013 xy" in [p.text for p in document.paragraphs]
    cells = [c.text for c in document.tables[0].rows[1].cells]
    assert cells[:2] == [HOSTILE[1], for_xml(hostile_meeting().actions[0].owner)]


# ---------------------------------------------------------------- templates


def check_templated(document, header: str = "Halton Borough Council") -> None:
    assert [p.text for p in document.sections[0].header.paragraphs] == [header, "DRAFT"]
    assert "Template body text" not in all_text(document)
    assert texts(document, "Heading 1") == HEADINGS
    assert texts(document, "Heading 2") == ["Present", "Apologies", "In attendance"]
    assert len(texts(document, "List Bullet")) == 7
    assert document.styles["Normal"].font.name == "Georgia"
    # The added List Bullet style points at a bullet list that exists.
    num_id = document.styles["List Bullet"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    assert numbering.num_having_numId(num_id) is not None


def test_template_letterhead_and_missing_styles(tmp_path):
    template = make_template(tmp_path / "council.docx")
    check_templated(export(design_meeting(), template=template))


def test_dotx_template(tmp_path):
    template = as_dotx(make_template(tmp_path / "council.docx"), tmp_path / "council.dotx")
    with pytest.raises(ValueError):  # python-docx alone cannot open it
        docx.Document(str(template))
    check_templated(export(design_meeting(), template=template))


def test_template_styles_are_kept_not_replaced(tmp_path):
    template = make_template(tmp_path / "council.docx", drop=())
    document = docx.Document(str(template))
    document.styles["Heading 1"].font.name = "Impact"
    document.save(str(template))
    result = export(design_meeting(), template=template)
    assert result.styles["Heading 1"].font.name == "Impact"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"not a word file", "not a readable Word document or template"),
        (b"PK\x03\x04broken zip", "not a readable Word document or template"),
        ("zip-without-document", "not a readable Word document or template"),
    ],
)
def test_a_template_that_cannot_be_read_gives_a_clear_error(tmp_path, content, message):
    template = tmp_path / "bad.docx"
    if content == "zip-without-document":
        with zipfile.ZipFile(template, "w") as z:
            z.writestr("hello.txt", "hi")
    elif content is not None:
        template.write_bytes(content)
    with pytest.raises(ExportError, match=message) as info:
        export_meeting(design_meeting(), "docx", template=template)
    assert str(template) in str(info.value)
    assert not list(Path("exports").glob("*"))


def test_a_template_folder_is_refused(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export_meeting(design_meeting(), "docx", template=tmp_path)


# ---------------------------------------------------------------- the configured template


def write_config(text: str) -> Path:
    import os

    path = Path(os.environ["MINUTES_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_configured_template_is_the_default(tmp_path):
    config = write_config('[export]\ntemplate = "council.docx"\n')
    make_template(config.parent / "council.docx", header="From the settings")
    document = export(design_meeting())  # as the app's export key calls it
    assert document.sections[0].header.paragraphs[0].text == "From the settings"
    explicit = export(design_meeting(), template=make_template(tmp_path / "other.docx", header="Given"))
    assert explicit.sections[0].header.paragraphs[0].text == "Given"
    built_in = export(design_meeting(), template=None)
    assert built_in.sections[0].header.paragraphs[0].text == "DRAFT"


def test_a_bad_settings_file_gives_a_clear_error():
    config = write_config("[export\ntemplate = 1")
    with pytest.raises(ExportError, match="not valid TOML") as info:
        export_meeting(design_meeting(), "docx")
    assert str(config) in str(info.value)
    # Other formats do not need the settings.
    assert export_meeting(design_meeting(), "json").is_file()


def test_a_configured_template_that_is_missing_is_named():
    write_config('[export]\ntemplate = "/nowhere/house.dotx"\n')
    with pytest.raises(ExportError, match=r"/nowhere/house\.dotx does not exist"):
        export_meeting(design_meeting(), "docx")


# ---------------------------------------------------------------- layering


def test_exporters_do_not_import_textual():
    code = "import sys, minutes_tui.export; print('textual' in sys.modules, 'sqlite_utils' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_build_document_needs_no_file():
    document = build_document(design_meeting(), template=None)
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx.Document(io.BytesIO(buffer.getvalue())).paragraphs[1].text == "Apprenticeships Workshop"


def test_first_page_letterhead_and_existing_page_numbers_are_respected(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Letterhead with logo"
    section.header.paragraphs[0].text = "Continuation header"
    footer = section.footer.paragraphs[0]
    footer._p.append(docx.oxml.parse_xml(f'<w:fldSimple {docx.oxml.ns.nsdecls("w")} w:instr=" PAGE "/>'))
    template = tmp_path / "letterhead.docx"
    document.save(str(template))
    result = export(design_meeting(), template=template).sections[0]
    assert [p.text for p in result.first_page_header.paragraphs] == ["Letterhead with logo", "DRAFT"]
    assert [p.text for p in result.header.paragraphs] == ["Continuation header", "DRAFT"]
    assert len(result.footer.paragraphs) == 1  # the template's own page number, not a second one
    assert result.first_page_footer.paragraphs[-1].text.startswith("Page ")


def test_a_very_long_action_may_break_across_pages():
    meeting = design_meeting()
    meeting.actions[0].text = LONG
    (table,) = export(meeting).tables
    assert table.rows[1].cells[0].text == LONG
    assert table.rows[1]._tr.trPr is None
    assert table.rows[2]._tr.trPr.find(qn("w:cantSplit")) is not None


# -- captured live: attendance as it happened, declarations, timestamps ------------------------


def test_attendance_says_from_left_and_on_behalf_of():
    from support.export_samples import capture_meeting

    content = [text for _, text in blocks(export(capture_meeting()))]
    start = content.index("Present")
    assert content[start + 1 : start + 5] == [
        "Cogent SSC: Priya (Chair), Sam Lee",
        "LSC: Tom (from 10:40)",
        "Business Link: Gareth (left 11:15)",
        "JCP: Aisha on behalf of Helen Jones",
    ]


def test_declarations_of_interest_get_a_section_when_any_exist():
    from support.export_samples import capture_meeting

    content = blocks(export(capture_meeting()))
    i = content.index(("Heading 1", "Declarations of interest"))
    assert content[i + 1] == (
        "List Bullet",
        "Dave & (ChemiCol) \u2013 Employer offer: Director of a member company",
    )
    assert i < content.index(("Heading 1", "Overview"))
    assert ("Heading 1", "Declarations of interest") not in blocks(export(design_meeting()))


def test_declarations_fill_a_board_layouts_own_section():
    from minutes_tui.model import BOARD_LAYOUT, Attendee, Declaration

    board = Meeting(
        title="Board",
        status="approved",
        layout=BOARD_LAYOUT,
        attendees=[Attendee("Priya", "Cogent SSC")],
        declarations=[Declaration(item="Item 4", text="Director of ChemiCol", attendee_index=0)],
    )
    board.sections["declarations"] = [Bullet("No other declarations")]
    content = blocks(export(board))
    assert [text for name, text in content if name == "Heading 1"].count("Declarations of interest") == 1
    i = content.index(("Heading 1", "Declarations of interest"))
    assert content[i + 1 : i + 3] == [
        ("List Bullet", "Priya (Cogent SSC) \u2013 Item 4: Director of ChemiCol"),
        ("List Bullet", "No other declarations"),
    ]


def test_timestamps_only_when_asked_for():
    from support.export_samples import TYPED_AT, capture_meeting

    from minutes_tui.export.layout import clock

    first, agreed = clock(TYPED_AT), clock(TYPED_AT + dt.timedelta(minutes=45))
    plain = [text for _, text in blocks(export(capture_meeting()))]
    assert "Cogent SSC \u2013 Sector Skills Agreement stage 4 is complete." in plain
    assert not any(f"[{first}]" in text for text in plain)
    stamped = blocks(export(capture_meeting(), timestamps=True))
    assert ("Normal", f"Cogent SSC \u2013 Sector Skills Agreement stage 4 is complete. [{first}]") in stamped
    assert ("List Bullet", f"Providers share one employer contact list [{agreed}]") in stamped
    assert ("Normal", "Business Link \u2013 No update") in stamped  # nothing stored, nothing shown
